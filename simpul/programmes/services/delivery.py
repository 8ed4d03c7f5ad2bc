"""Running a programme: its sessions, who attended, pre/post test scores, and each
participant's end (completed, with follow-ups scheduled, or dropped). Every write checks
`can_run` on the programme, so a forged request from another office changes nothing."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, diff, record_change, snapshot

from ..choices import ApplicationStatus
from ..models import Application, Attendance, FollowUp, Programme, Session
from ..permissions import can_run, require
from .transitions import application_transition

S = ApplicationStatus
# Whose attendance is taken: selected applicants may attend the first session before
# the officer marks the group as started.
ATTENDING_STATUSES = (S.SELECTED, S.PARTICIPATING)
SCORED_STATUSES = (S.SELECTED, S.PARTICIPATING, S.COMPLETED)
FOLLOW_UP_MONTHS = (3, 6, 12)
SESSION_FIELDS = ["title", "starts_at", "place"]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 Aug + 6 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _clean_session(title: str, starts_at: dt.datetime | None, place: str) -> tuple[str, str]:
    title, place = (title or "").strip(), (place or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Nama sesi wajib diisi.")
    elif len(title) > 200:
        errors["title"] = _("Nama sesi paling panjang 200 karakter.")
    if len(place) > 200:
        errors["place"] = _("Tempat paling panjang 200 karakter.")
    if not isinstance(starts_at, dt.datetime):
        errors["starts_at"] = _("Isi tanggal dan jam sesi.")
    if errors:
        raise ValidationError(errors)
    return title, place


@transaction.atomic
def session_add(
    *,
    provenance: Provenance,
    programme: Programme,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
) -> Session:
    require(can_run(provenance.actor, programme))
    title, place = _clean_session(title, starts_at, place)
    session = Session.objects.create(
        programme=programme, title=title, starts_at=starts_at, place=place
    )
    record_change(
        instance=session,
        action="created",
        provenance=provenance,
        changes=diff({}, snapshot(session, SESSION_FIELDS)),
    )
    return session


@transaction.atomic
def session_update(
    *,
    provenance: Provenance,
    session: Session,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
) -> Session:
    require(can_run(provenance.actor, session.programme))
    title, place = _clean_session(title, starts_at, place)
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = snapshot(session, SESSION_FIELDS)
    session.title, session.starts_at, session.place = title, starts_at, place
    session.save(update_fields=SESSION_FIELDS)
    changes = diff(before, snapshot(session, SESSION_FIELDS))
    if changes:
        record_change(instance=session, action="updated", provenance=provenance, changes=changes)
    return session


@transaction.atomic
def session_remove(*, provenance: Provenance, session: Session) -> None:
    """Removes the session and its attendance list (audited with what it was)."""
    require(can_run(provenance.actor, session.programme))
    record_change(
        instance=session,
        action="deleted",
        provenance=provenance,
        changes=diff(snapshot(session, SESSION_FIELDS), {k: None for k in SESSION_FIELDS}),
        note=_("%(n)s catatan kehadiran ikut dihapus.") % {"n": session.attendance.count()},
    )
    session.delete()


@transaction.atomic
def attendance_set(
    *, provenance: Provenance, session: Session, present_ids: Iterable[int]
) -> list[Attendance]:
    """Record who was present (`present_ids`: application ids); every other selected or
    participating applicant of the programme is recorded absent, so each session has
    a complete list and an attendance rate. Any other id is refused."""
    require(can_run(provenance.actor, session.programme))
    attending = {
        a.pk: a for a in session.programme.applications.filter(status__in=ATTENDING_STATUSES)
    }
    present = set(present_ids)
    if stray := present - attending.keys():
        raise ValidationError(
            _("%(n)s pendaftar yang dipilih bukan peserta program ini.") % {"n": len(stray)}
        )
    existing = {row.application_id: row for row in session.attendance.select_for_update()}
    changed: dict[str, list[bool | None]] = {}
    rows = []
    for pk in attending:
        row = existing.get(pk) or Attendance(session=session, application_id=pk)
        was = None if row.pk is None else row.present
        row.present = pk in present
        if was != row.present:
            row.save()
            changed[str(pk)] = [was, row.present]
        rows.append(row)
    if changed:
        record_change(
            instance=session, action="attendance_set", provenance=provenance, changes=changed
        )
    return rows


@transaction.atomic
def participants_start(*, provenance: Provenance, programme: Programme) -> list[Application]:
    """The programme begins: every SELECTED applicant becomes PARTICIPATING."""
    require(can_run(provenance.actor, programme))
    note = _("Program dimulai.")
    return [
        application_transition(application=a, to=S.PARTICIPATING, provenance=provenance, note=note)
        for a in programme.applications.filter(status=S.SELECTED).order_by("id")
    ]


def _score(value: int | str | None, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError({field: _("Nilai harus bilangan bulat 0 sampai 100.")})
    return value


@transaction.atomic
def test_scores_set(
    *,
    provenance: Provenance,
    application: Application,
    pre_test: int | None,
    post_test: int | None,
) -> Application:
    """Pre- and post-test scores (0..100, empty = not taken) of a participant."""
    require(can_run(provenance.actor, application.programme))
    pre, post = _score(pre_test, "pre_test"), _score(post_test, "post_test")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in SCORED_STATUSES:
        raise ValidationError(_("Nilai tes hanya untuk peserta program."))
    before = snapshot(application, ["pre_test", "post_test"])
    application.pre_test, application.post_test = pre, post
    application.save(update_fields=["pre_test", "post_test"])
    changes = diff(before, snapshot(application, ["pre_test", "post_test"]))
    if changes:
        record_change(
            instance=application, action="test_scores_set", provenance=provenance, changes=changes
        )
    return application


def followups_schedule(*, application: Application) -> list[FollowUp]:
    """Checkpoints 3, 6 and 12 months after the programme's end (or today, when the
    programme has no end date). Existing ones are kept."""
    base = application.programme.period_end or timezone.localdate()
    return [
        FollowUp.objects.get_or_create(
            application=application,
            months_after=months,
            defaults={"due_on": add_months(base, months)},
        )[0]
        for months in FOLLOW_UP_MONTHS
    ]


@transaction.atomic
def participant_complete(*, provenance: Provenance, application: Application) -> Application:
    """PARTICIPATING → COMPLETED, with its three follow-up checkpoints."""
    require(can_run(provenance.actor, application.programme))
    application = application_transition(
        application=application, to=S.COMPLETED, provenance=provenance
    )
    follow_ups = followups_schedule(application=application)
    record_change(
        instance=application,
        action="follow_ups_scheduled",
        provenance=provenance,
        changes={"follow_ups": [None, [str(f.due_on) for f in follow_ups]]},
    )
    return application


@transaction.atomic
def participant_drop(
    *, provenance: Provenance, application: Application, reason: str
) -> Application:
    """SELECTED/PARTICIPATING → DROPPED with the reason told to the owner; the status
    machine then fills the place from the waitlist."""
    require(can_run(provenance.actor, application.programme))
    reason = (reason or "").strip()
    if application.status not in ATTENDING_STATUSES:
        raise ValidationError(_("Hanya peserta terpilih atau peserta yang dapat digugurkan."))
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan peserta gugur/mundur.")})
    return application_transition(
        application=application, to=S.DROPPED, provenance=provenance, note=reason
    )
