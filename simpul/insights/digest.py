"""The weekly target digest: every office that has targets for the current year tells its
staff, once a week, where each target stands against a steady pace — the province that
aims for 14 % growth reads it on Monday morning without opening the dashboard.

Counts come from the rollups (the same numbers as the office home and the dashboard).
One message per user, office, target year and ISO week: the title names them, and a
message with that title already in the inbox is not sent again, so a retried job or a
second run in the same week sends nothing twice."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from simpul.accounts.models import OFFICE_ROLES, Office
from simpul.core.scope import RegionScope
from simpul.notifications.models import Notification
from simpul.notifications.services import notify
from simpul.programmes.choices import TargetIndicator
from simpul.programmes.selectors.targets import TargetProgress

from .selectors import office_target_progress


def digest_title(*, office: Office, year: int, today: dt.date) -> str:
    """Names the target year and the ISO week with its own year: 30 December 2024 is in
    week 1 of 2025, which is not the week 1 of 1 January 2024."""
    iso = today.isocalendar()
    return _("Kemajuan target %(year)d %(office)s, minggu ke-%(week)d/%(iso_year)d") % {
        "year": year,
        "office": office.name,
        "week": iso.week,
        "iso_year": iso.year,
    }


def _number(value, unit: str) -> str:
    return formats.number_format(value.normalize(), decimal_pos=None, use_l10n=True) + unit


def progress_line(progress: TargetProgress) -> str:
    """One target in words: actual against target, its share, and whether it keeps pace."""
    target = progress.target
    unit = " %" if target.indicator == TargetIndicator.GROWTH_PCT else ""
    label = target.get_indicator_display()
    if target.programme_kind:
        label = f"{label} ({target.get_programme_kind_display()})"
    if progress.actual is None:
        return _("%(label)s: belum ada data tahun dasar.") % {"label": label}
    values = {
        "label": label,
        "actual": _number(progress.actual, unit),
        "target": _number(target.value, unit),
    }
    if progress.percent is None:  # a target of 0: no share to give
        return _("%(label)s: %(actual)s (target %(target)s).") % values
    values |= {
        "share": formats.number_format(progress.percent, decimal_pos=1, use_l10n=True),
        "pace": formats.number_format(progress.expected_percent, decimal_pos=1, use_l10n=True),
        "state": _("sesuai jalur") if progress.on_track else _("tertinggal"),
    }
    return (
        _(
            "%(label)s: %(actual)s dari target %(target)s (%(share)s %%; laju merata hari "
            "ini %(pace)s %%) — %(state)s."
        )
        % values
    )


def digest_body(progress: list[TargetProgress]) -> str:
    on_track = sum(1 for p in progress if p.on_track)
    head = _("%(n)d dari %(total)d target sesuai jalur.") % {"n": on_track, "total": len(progress)}
    return "\n".join([head, *(progress_line(p) for p in progress)])


def target_digest_send(*, today: dt.date | None = None) -> int:
    """Send this week's digest to the active staff of every office with targets for the
    year. Returns how many messages were sent."""
    today = today or timezone.localdate()
    sent = 0
    with translation.override("id"):
        offices = Office.objects.filter(targets__year=today.year).distinct().order_by("pk")
        for office in offices:
            scope = RegionScope(prefix=office.jurisdiction_code)
            progress = office_target_progress(
                scope=scope, office=office, year=today.year, today=today
            )
            title = digest_title(office=office, year=today.year, today=today)[:200]
            body = digest_body(progress)
            staff = office.staff.filter(is_active=True, role__in=OFFICE_ROLES).order_by("pk")
            for user in staff:
                if Notification.objects.filter(user=user, title=title).exists():
                    continue
                if notify(user=user, title=title, body=body, url=reverse("targets:home")):
                    sent += 1
    return sent
