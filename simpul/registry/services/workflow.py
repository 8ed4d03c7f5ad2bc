"""The registration workflow: draft → submitted → verified | needs revision | rejected.
A needs-revision registration goes back to the owner and can be submitted again."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change
from simpul.registry.choices import EnterpriseStatus as S
from simpul.registry.models import Enterprise
from simpul.registry.signals import enterprises_changed

from .enterprise import is_submittable, missing_for_submission
from .permissions import can_decide, can_edit, require


def _locked(enterprise: Enterprise) -> Enterprise:
    """The current row, locked: every check below runs on what is in the database now, so
    two officers deciding at once cannot both win."""
    return (
        Enterprise.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=enterprise.pk)
    )


def _transition(
    *,
    enterprise: Enterprise,
    provenance: Provenance,
    to: str,
    reason: str = "",
    action: str,
) -> Enterprise:
    before = enterprise.status
    enterprise.status = to
    enterprise.status_reason = reason
    now = timezone.now()
    if to == S.SUBMITTED:
        enterprise.submitted_at = now
    if to == S.VERIFIED:
        enterprise.verified_at = now
    enterprise.save()
    enterprises_changed.send(sender=Enterprise, enterprise_ids=[enterprise.pk])
    record_change(
        instance=enterprise,
        action=action,
        provenance=provenance,
        changes={"status": [before, to]},
        note=reason,
    )
    transaction.on_commit(lambda: _notify(enterprise.pk))
    return enterprise


def _notify(enterprise_id: int) -> None:
    from simpul.registry.tasks import notify_status_change

    notify_status_change.enqueue(enterprise_id=enterprise_id)


@transaction.atomic
def enterprise_submit(*, enterprise: Enterprise, provenance: Provenance) -> Enterprise:
    enterprise = _locked(enterprise)
    require(can_edit(provenance.actor, enterprise))
    if not is_submittable(enterprise):
        raise ValidationError(_("Pendaftaran ini tidak dapat diajukan pada status sekarang."))
    missing = missing_for_submission(enterprise)
    if missing:
        raise ValidationError(
            _("Belum lengkap: %(items)s.") % {"items": ", ".join(str(m) for m in missing)}
        )
    return _transition(
        enterprise=enterprise, provenance=provenance, to=S.SUBMITTED, action="submitted"
    )


def _decide(
    *, enterprise: Enterprise, provenance: Provenance, to: str, reason: str, action: str
) -> Enterprise:
    enterprise = _locked(enterprise)
    require(can_decide(provenance.actor, enterprise))
    if enterprise.status != S.SUBMITTED:
        raise ValidationError(_("Hanya pendaftaran berstatus Diajukan yang dapat diputuskan."))
    if to != S.VERIFIED and not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasannya agar pemilik dapat memperbaiki.")})
    return _transition(
        enterprise=enterprise,
        provenance=provenance,
        to=to,
        reason=reason.strip(),
        action=action,
    )


@transaction.atomic
def enterprise_verify(*, enterprise: Enterprise, provenance: Provenance) -> Enterprise:
    return _decide(
        enterprise=enterprise, provenance=provenance, to=S.VERIFIED, reason="", action="verified"
    )


@transaction.atomic
def enterprise_request_revision(
    *, enterprise: Enterprise, provenance: Provenance, reason: str
) -> Enterprise:
    return _decide(
        enterprise=enterprise,
        provenance=provenance,
        to=S.NEEDS_REVISION,
        reason=reason,
        action="revision_requested",
    )


@transaction.atomic
def enterprise_reject(*, enterprise: Enterprise, provenance: Provenance, reason: str) -> Enterprise:
    return _decide(
        enterprise=enterprise,
        provenance=provenance,
        to=S.REJECTED,
        reason=reason,
        action="rejected",
    )
