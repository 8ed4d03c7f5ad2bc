"""Owner-side reads: my applications, one application, the enterprises I may apply with,
and a document to download. Everything goes through the caller's RegionScope (owners see
their own enterprises' applications, staff those of programmes in their region); anything
outside it is a 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from simpul.core.scope import RegionScope, scoped_get_or_404
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise
from simpul.registry.selectors import owner_enterprises

from .. import eligibility
from ..choices import ProgrammeStatus, RuleKind
from ..models import Application, ApplicationDocument, FollowUp, Programme
from ..permissions import outside_programme_region
from ..services.documents import can_download

MAX_LISTED = 100


def applications_for(*, user: Any) -> QuerySet[Application]:
    return RegionScope.for_user(user).apply(Application.objects.all())


def owner_applications(*, user: Any) -> QuerySet[Application]:
    """The owner's applications, newest first, with what the list page shows."""
    open_follow_ups = FollowUp.objects.filter(done_on__isnull=True).order_by("due_on")
    return (
        applications_for(user=user)
        .select_related("programme__office", "enterprise", "stage")
        .prefetch_related("outcomes", Prefetch("follow_ups", queryset=open_follow_ups))
        .order_by("-applied_at", "-id")[:MAX_LISTED]
    )


def application_get(*, user: Any, key: str) -> Application:
    queryset = Application.objects.select_related(
        "programme__office", "enterprise__owner", "stage"
    ).prefetch_related("outcomes", "follow_ups", "documents")
    return scoped_get_or_404(RegionScope.for_user(user), queryset, public_key=key)


def open_programme_get(*, key: str) -> Programme:
    """A published programme (open or not: the page says when the window is shut)."""
    try:
        programmes = Programme.objects.select_related("office", "region")
        return programmes.prefetch_related("rules", "questions").get(
            public_key=key, status=ProgrammeStatus.PUBLISHED
        )
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class Candidate:
    """One of the owner's enterprises on the apply page, with a preview of the rules that
    read its data (answers are not known yet) so the owner can choose knowingly."""

    enterprise: Enterprise
    failing: list[str]
    applied: bool

    @property
    def verified(self) -> bool:
        return self.enterprise.status == EnterpriseStatus.VERIFIED


def apply_candidates(*, user: Any, programme: Programme, today: dt.date) -> list[Candidate]:
    """The owner's enterprises, verified first, each with its failing data rules."""
    enterprises = list(
        owner_enterprises(user=user).select_related("owner").order_by("name", "id")[:MAX_LISTED]
    )
    enterprises.sort(key=lambda e: e.status != EnterpriseStatus.VERIFIED)
    applied = set(
        programme.applications.filter(enterprise__in=enterprises).values_list(
            "enterprise_id", flat=True
        )
    )
    candidates = []
    for enterprise in enterprises:
        results = eligibility.evaluate(
            programme=programme, enterprise=enterprise, answers={}, today=today
        )
        failing = [r.message for r in results if not r.ok and r.kind != RuleKind.ANSWER]
        if outside_programme_region(programme, enterprise):
            failing.insert(0, _("Usaha ini berada di luar wilayah program."))
        candidates.append(Candidate(enterprise, failing, enterprise.pk in applied))
    return candidates


def document_get(*, user: Any, pk: int, key: str) -> ApplicationDocument:
    """A document by id and its application's key, for someone allowed to download it;
    anyone else gets the same 404 as for a document that does not exist."""
    document = (
        ApplicationDocument.objects.select_related(
            "application__programme", "application__enterprise__owner", "application__stage"
        )
        .filter(pk=pk, application__public_key=key)
        .first()
    )
    if document is None or not can_download(user, document):
        raise Http404
    return document
