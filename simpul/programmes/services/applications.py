"""Applying to a programme (the owner, from a phone), nominating (an officer), re-checking
eligibility and withdrawing. Every status change goes through application_transition.

The eligibility verdict is the system's, not the applicant's: the move to ELIGIBLE or
INELIGIBLE is recorded with a SYSTEM provenance (ref "eligibility"), right after the
"submitted"/"nominated"/"rechecked" record that names the person who caused it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change
from simpul.core.models import Source
from simpul.core.scope import RegionScope
from simpul.registry.models import Enterprise

from .. import eligibility
from ..choices import ApplicationStatus, ProgrammeStatus
from ..eligibility.answers import clean_answer
from ..models import Application, ApplicationDocument, Programme
from ..permissions import can_apply_for, can_run, outside_programme_region, require
from .documents import CheckedDocument, check_document, document_store
from .transitions import application_transition

S = ApplicationStatus
ELIGIBILITY = Provenance(actor=None, source=Source.SYSTEM, ref="eligibility")
# Before selection the eligibility verdict may still change.
RECHECKABLE = (S.APPLIED, S.ELIGIBLE, S.INELIGIBLE)

__all__ = [
    "application_nominate",
    "application_recheck",
    "application_submit",
    "application_withdraw",
    "check_window",
    "clean_answers",
    "required_documents",
]


def required_documents(programme: Programme) -> list[str]:
    """The programme's required document names (plain strings, or {"name": ...})."""
    names = []
    for item in programme.required_documents or []:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def check_window(programme: Programme, today: dt.date) -> None:
    """Applications are taken only for a published programme inside its window."""
    if programme.status != ProgrammeStatus.PUBLISHED:
        raise ValidationError(_("Program ini tidak sedang menerima pendaftaran."))
    dates = {
        "opens": programme.apply_opens.strftime("%d-%m-%Y"),
        "closes": programme.apply_closes.strftime("%d-%m-%Y"),
    }
    if today < programme.apply_opens:
        raise ValidationError(_("Pendaftaran baru dibuka pada %(opens)s.") % dates)
    if today > programme.apply_closes:
        raise ValidationError(_("Pendaftaran sudah ditutup pada %(closes)s.") % dates)


def clean_answers(
    *, programme: Programme, answers: Mapping[str, Any], enforce_required: bool = True
) -> dict[str, str]:
    """The answers as stored ({question id: text}); errors keyed "q_<id>" like the form.
    Answers to questions the programme does not have are dropped."""
    cleaned, errors = {}, {}
    for question in programme.questions.all():
        key = str(question.pk)
        try:
            value = clean_answer(question, answers.get(key))
        except ValidationError as exc:
            errors[f"q_{key}"] = exc.messages
            continue
        if not value and question.required and enforce_required:
            errors[f"q_{key}"] = [_("Pertanyaan ini wajib dijawab.")]
        elif value:
            cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_documents(
    *, programme: Programme, documents: Sequence[tuple[str, IO[bytes]]]
) -> list[CheckedDocument]:
    """Every required document once, each passing the content checks; errors keyed
    "doc_<n>" (n = the document's place in the programme's list), like the form."""
    required = required_documents(programme)
    given: dict[str, IO[bytes]] = {}
    for name, upload in documents:
        if name not in required:
            raise ValidationError(
                _("Dokumen “%(name)s” tidak diminta program ini.") % {"name": name}
            )
        if name in given:
            raise ValidationError(_("Dokumen “%(name)s” dikirim dua kali.") % {"name": name})
        given[name] = upload
    checked, errors = [], {}
    for index, name in enumerate(required):
        if name not in given:
            errors[f"doc_{index}"] = [_("Unggah dokumen ini.")]
            continue
        try:
            checked.append(check_document(name=name, upload=given[name]))
        except ValidationError as exc:
            errors[f"doc_{index}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return checked


def _create(
    *, programme: Programme, enterprise: Enterprise, answers: dict, nominated_by: Any = None
) -> Application:
    refusal = ValidationError(
        {"enterprise": _("%(name)s sudah terdaftar di program ini.") % {"name": enterprise.name}}
    )
    # Lock the programme row: rule and question changes lock it too and refuse once an
    # application exists, so no application is judged by rules that change under it.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    if Application.objects.filter(programme=programme, enterprise=enterprise).exists():
        raise refusal
    try:
        with transaction.atomic():  # the constraint closes the race between two clicks
            return Application.objects.create(
                programme=programme,
                enterprise=enterprise,
                answers=answers,
                nominated_by=nominated_by,
            )
    except IntegrityError:
        raise refusal from None


def _store_documents(application: Application, checked: list[CheckedDocument]) -> None:
    stored: list[ApplicationDocument] = []
    try:
        for item in checked:
            stored.append(document_store(application=application, checked=item))
    except Exception:
        # Written files go with the failed rows (names are random; nothing links to them).
        for document in stored:
            document.file.storage.delete(document.file.name)
        raise


def _decide(application: Application, today: dt.date) -> Application:
    """Evaluate the rules, keep the explanations, and move the application accordingly."""
    results = eligibility.evaluate(
        programme=application.programme,
        enterprise=Enterprise.objects.select_related("owner").get(pk=application.enterprise_id),
        answers=application.answers,
        today=today,
    )
    application.eligibility = [r.as_dict() for r in results]
    application.save(update_fields=["eligibility"])
    target = S.ELIGIBLE if eligibility.is_eligible(results) else S.INELIGIBLE
    if target == application.status:
        return application
    return application_transition(
        application=application,
        to=target,
        provenance=ELIGIBILITY,
        note=eligibility.summary(results),
    )


def require_in_programme_region(programme: Programme, enterprise: Enterprise) -> None:
    """A programme serves the IKM of its region only; an application from elsewhere would
    also show the owner's data to officers outside their jurisdiction."""
    if outside_programme_region(programme, enterprise):
        raise ValidationError({"enterprise": _("IKM ini berada di luar wilayah program.")})


@transaction.atomic
def application_submit(
    *,
    provenance: Provenance,
    programme: Programme,
    enterprise: Enterprise,
    answers: Mapping[str, Any],
    documents: Sequence[tuple[str, IO[bytes]]] = (),
    today: dt.date | None = None,
) -> Application:
    """The owner applies for their enterprise; returns the application, already moved to
    ELIGIBLE or INELIGIBLE with each rule's explanation in `eligibility`."""
    require(can_apply_for(provenance.actor, enterprise))
    require_in_programme_region(programme, enterprise)
    today = today or timezone.localdate()
    check_window(programme, today)
    cleaned = clean_answers(programme=programme, answers=answers)
    checked = check_documents(programme=programme, documents=documents)
    application = _create(programme=programme, enterprise=enterprise, answers=cleaned)
    _store_documents(application, checked)
    record_change(
        instance=application,
        action="submitted",
        provenance=provenance,
        changes={"documents": [0, len(checked)], "answers": [{}, cleaned]},
    )
    return _decide(application, today)


def _require_nominable(actor: Any, programme: Programme, enterprise: Enterprise) -> None:
    require(can_run(actor, programme))
    # Outside the officer's jurisdiction the enterprise is not theirs to see (views 404).
    if not RegionScope.for_user(actor).covers_region(enterprise.region_code):
        raise PermissionDenied(_("IKM ini di luar wilayah kerja Anda."))
    require_in_programme_region(programme, enterprise)
    if programme.status != ProgrammeStatus.PUBLISHED:
        raise ValidationError(_("Hanya program yang sudah diumumkan dapat menerima usulan."))


@transaction.atomic
def application_nominate(
    *,
    provenance: Provenance,
    programme: Programme,
    enterprise: Enterprise,
    note: str = "",
    answers: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> Application:
    """An officer who runs the programme puts an enterprise of its region forward. The
    window does not apply (officers nominate late too); answers are optional, so an
    ANSWER rule without one is simply not met."""
    _require_nominable(provenance.actor, programme, enterprise)
    cleaned = clean_answers(programme=programme, answers=answers or {}, enforce_required=False)
    application = _create(
        programme=programme, enterprise=enterprise, answers=cleaned, nominated_by=provenance.actor
    )
    record_change(
        instance=application,
        action="nominated",
        provenance=provenance,
        changes={"nominated_by": [None, provenance.actor.pk]},
        note=note.strip(),
    )
    return _decide(application, today or timezone.localdate())


@transaction.atomic
def application_recheck(
    *, provenance: Provenance, application: Application, today: dt.date | None = None
) -> Application:
    """Evaluate again (after the enterprise fixed its data). INELIGIBLE becomes ELIGIBLE
    when every rule is now met, and ELIGIBLE becomes INELIGIBLE when one no longer is.
    The owner may ask while the window is open; officers who run the programme, any time
    before selection."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    actor, programme = provenance.actor, application.programme
    today = today or timezone.localdate()
    if not can_run(actor, programme):
        require(can_apply_for(actor, application.enterprise))
        check_window(programme, today)
    if application.status not in RECHECKABLE:
        raise ValidationError(_("Syarat tidak diperiksa ulang setelah tahap seleksi dimulai."))
    require_in_programme_region(programme, application.enterprise)
    before = application.status
    application = _decide(application, today)
    record_change(
        instance=application,
        action="eligibility_rechecked",
        provenance=provenance,
        changes={"status": [before, application.status]} if before != application.status else {},
    )
    return application


@transaction.atomic
def application_withdraw(
    *, provenance: Provenance, application: Application, note: str = ""
) -> Application:
    """The owner withdraws (→ DROPPED, which frees the place for the waitlist). The
    status machine decides from which statuses that is possible."""
    require(can_apply_for(provenance.actor, application.enterprise))
    note = note.strip() or _("Mengundurkan diri atas permintaan pemilik usaha.")
    return application_transition(
        application=application, to=S.DROPPED, provenance=provenance, note=note
    )
