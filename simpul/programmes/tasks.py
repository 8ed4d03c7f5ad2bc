"""Background work of the programmes, run by the task worker (`simpul db_worker`).

`followups_remind` is meant to be enqueued once a day (a cron line or the scheduler of
the deployment calling `followups_remind.enqueue()`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from simpul.notifications.models import Notification
from simpul.notifications.services import notify

from .models import FollowUp
from .selectors.delivery import follow_ups_to_remind

REMIND_DAYS_AHEAD = 7


def followup_owner_url(follow_up: FollowUp) -> str:
    return reverse("delivery:followup_owner", args=[follow_up.pk, follow_up.application.public_key])


def _reminder_title(follow_up: FollowUp, *, due_today: bool) -> str:
    values = {
        "enterprise": follow_up.application.enterprise.name,
        "programme": follow_up.application.programme.title,
        "date": formats.date_format(follow_up.due_on, "j F Y"),
    }
    if due_today:
        return _("Laporan tindak lanjut %(enterprise)s (%(programme)s) jatuh tempo hari ini") % (
            values
        )
    return _("Laporan tindak lanjut %(enterprise)s (%(programme)s) jatuh tempo %(date)s") % values


@task()
def followups_remind() -> int:
    """Tell owners (inbox + e-mail) of follow-ups due in 7 days or today. A reminder with
    the same title already in the owner's inbox is not sent again, so a second run on
    the same day (or a retried job) sends nothing twice. Returns how many were sent."""
    today = timezone.localdate()
    sent = 0
    with translation.override("id"):
        for follow_up in follow_ups_to_remind(today=today, days_ahead=REMIND_DAYS_AHEAD):
            owner = follow_up.application.enterprise.owner
            user = owner.user if owner else None
            if user is None:
                continue
            title = _reminder_title(follow_up, due_today=follow_up.due_on == today)[:200]
            if Notification.objects.filter(user=user, title=title).exists():
                continue
            body = _(
                "%(months)s bulan setelah program: laporkan omzet per bulan dan jumlah tenaga "
                "kerja usaha Anda."
            ) % {"months": follow_up.months_after}
            if notify(user=user, title=title, body=body, url=followup_owner_url(follow_up)):
                sent += 1
    return sent
