"""Background work of the yearly figures, run by the task worker (`simpul db_worker`).

`yearly_figures_remind` is meant to be enqueued once a day (a cron line or the scheduler
of the deployment calling `yearly_figures_remind.enqueue()`); outside 1 January–31 March
it does nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from simpul.core.scope import RegionScope
from simpul.notifications.models import Notification
from simpul.notifications.services import notify

from .selectors import due_enterprises

REMIND_UNTIL = (3, 31)  # figures of last year are due by 31 March


def in_reminder_window(today: dt.date) -> bool:
    return (today.month, today.day) <= REMIND_UNTIL


def reminder_title(*, enterprise_name: str, year: int) -> str:
    return _("Laporan tahunan %(year)d %(name)s belum dikirim") % {
        "year": year,
        "name": enterprise_name,
    }


def remind_due(*, today: dt.date | None = None) -> int:
    """Tell owners of verified enterprises that last year's figures are missing, from
    1 January to 31 March, once per year and enterprise: a reminder with the same title
    (it names the year and the enterprise) already in the inbox is not sent again, so
    daily runs and retried jobs send nothing twice. Returns how many were sent."""
    today = today or timezone.localdate()
    if not in_reminder_window(today):
        return 0
    year = today.year - 1
    sent = 0
    with translation.override("id"):
        rows = (
            due_enterprises(scope=RegionScope(prefix=""), year=year)
            .filter(owner__user__isnull=False, owner__user__is_active=True)
            .order_by("id")
        )
        for enterprise in rows.iterator(chunk_size=500):
            user = enterprise.owner.user
            title = reminder_title(enterprise_name=enterprise.name, year=year)[:200]
            if Notification.objects.filter(user=user, title=title).exists():
                continue
            body = _(
                "Laporkan tenaga kerja, penjualan, produksi dan investasi usaha Anda untuk "
                "tahun %(year)d paling lambat 31 Maret %(next)d."
            ) % {"year": year, "next": year + 1}
            url = reverse("reporting:submit", args=[enterprise.pk, year])
            if notify(user=user, title=title, body=body, url=url):
                sent += 1
    return sent


@task()
def yearly_figures_remind() -> int:
    return remind_due()
