"""The application status machine. Every status change goes through
`application_transition`: it checks the move is allowed, keeps the quota, audits the change,
tells the owner (inbox + e-mail) and, when a participant drops, promotes the waitlist."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change
from simpul.notifications.services import notify
from simpul.registry.models import Enterprise

from .. import eligibility
from ..choices import QUOTA_STATUSES, ApplicationStatus
from ..models import Application, Programme, Stage

S = ApplicationStatus

# DROPPED is also the owner's withdrawal: possible at any point before completion.
ALLOWED: dict[str, set[str]] = {
    S.APPLIED: {S.ELIGIBLE, S.INELIGIBLE, S.DROPPED},
    S.INELIGIBLE: {S.ELIGIBLE, S.DROPPED},  # re-checked after the enterprise fixed its data
    S.ELIGIBLE: {S.CURATION, S.SELECTED, S.WAITLISTED, S.REJECTED, S.INELIGIBLE, S.DROPPED},
    S.CURATION: {S.CURATION, S.SELECTED, S.WAITLISTED, S.REJECTED, S.DROPPED},
    S.WAITLISTED: {S.SELECTED, S.REJECTED, S.DROPPED},
    S.SELECTED: {S.PARTICIPATING, S.DROPPED},
    S.PARTICIPATING: {S.COMPLETED, S.DROPPED},
    S.REJECTED: set(),
    S.COMPLETED: set(),
    S.DROPPED: set(),
}


def quota_taken(programme: Programme) -> int:
    return programme.applications.filter(status__in=QUOTA_STATUSES).count()


def lock_programme(programme: Programme) -> Programme:
    """Row lock on the programme, so two officers cannot both fill the last place."""
    return Programme.objects.select_for_update().get(pk=programme.pk)


def _check_move(application: Application, to: str, stage: Stage | None) -> None:
    if to not in ALLOWED[application.status]:
        raise ValidationError(
            _("Status tidak dapat diubah dari %(old)s ke %(new)s.")
            % {"old": S(application.status).label, "new": S(to).label}
        )
    if to == S.CURATION and (stage is None or stage.programme_id != application.programme_id):
        raise ValidationError(_("Pilih tahap kurasi program ini."))
    if to in (S.SELECTED, S.PARTICIPATING):
        _check_double_aid(application)
    if to == S.SELECTED:
        programme = lock_programme(application.programme)
        if quota_taken(programme) >= programme.quota:
            raise ValidationError(
                _("Kuota program sudah penuh (%(n)s peserta).") % {"n": programme.quota}
            )


def _check_double_aid(application: Application) -> None:
    # The enterprise row lock makes two programmes giving it a place take turns, so the
    # second sees the first's place.
    enterprise = Enterprise.objects.select_for_update().get(pk=application.enterprise_id)
    refusals = eligibility.double_aid_refusals(
        programme=application.programme, enterprise=enterprise, today=timezone.localdate()
    )
    if refusals:
        raise ValidationError(refusals)


def _tell_owner(application: Application) -> None:
    owner = application.enterprise.owner
    user = owner.user if owner else None
    title = _("%(programme)s: %(status)s") % {
        "programme": application.programme.title,
        "status": application.get_status_display(),
    }
    notify(user=user, title=title, body=application.decision_note, url=application.owner_url)


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to: str,
    provenance: Provenance,
    note: str = "",
    stage: Stage | None = None,
) -> Application:
    """Move an application to status `to` (and, for CURATION, into `stage`)."""
    # Programme first, then the application: the order curation_start and
    # selection_finalise take them in, so two such transactions cannot deadlock.
    lock_programme(application.programme)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_move(application, to, stage)
    before = {"status": application.status, "stage": application.stage_id}
    application.status = to
    application.stage = stage if to == S.CURATION else None
    # The note belongs to this move; an older one ("Program dimulai.") would mislabel it.
    application.decision_note = note
    application.status_changed_at = timezone.now()
    if to == S.WAITLISTED:
        application.waitlist_rank = _next_waitlist_rank(application.programme)
    else:
        application.waitlist_rank = None
    application.save()
    changes = {
        "status": [before["status"], to],
        **({"stage": [before["stage"], application.stage_id]} if stage else {}),
    }
    record_change(
        instance=application,
        action="status_changed",
        provenance=provenance,
        changes=changes,
        note=note,
    )
    _tell_owner(application)
    if to == S.DROPPED:
        waitlist_promote(programme=application.programme, provenance=provenance)
    return application


def _next_waitlist_rank(programme: Programme) -> int:
    top = programme.applications.aggregate(m=Max("waitlist_rank"))["m"]
    return (top or 0) + 1


def waitlist_promote(*, programme: Programme, provenance: Provenance) -> list[Application]:
    """Fill free places from the waitlist, best rank first. Someone whose place would be
    double aid (a place of the same kind taken elsewhere meanwhile) is passed over and
    keeps their rank."""
    programme = lock_programme(programme)
    free = programme.quota - quota_taken(programme)
    note = _("Naik dari daftar tunggu karena ada tempat kosong.")
    promoted: list[Application] = []
    waiting = programme.applications.filter(status=S.WAITLISTED).order_by("waitlist_rank", "id")
    for candidate in waiting:
        if len(promoted) >= free:
            break
        try:
            with transaction.atomic():
                promoted.append(
                    application_transition(
                        application=candidate, to=S.SELECTED, provenance=provenance, note=note
                    )
                )
        except ValidationError:
            continue
    return promoted
