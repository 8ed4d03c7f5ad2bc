"""Reads of the registry. Every function takes the caller's scope; nothing here can be
called without deciding whose data it is."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from simpul.core.audit import history_for
from simpul.core.models import ChangeRecord
from simpul.core.scope import RegionScope, scoped_get_or_404
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise, Sentra

LIST_COLUMNS = (
    "id",
    "public_key",
    "name",
    "legal_form",
    "nib",
    "status",
    "village__name",
    "regency_code",
    "kbli_id",
    "size_class_permenperin",
    "size_class_pp7",
    "created_at",
    "submitted_at",
    "workers_male",
    "workers_female",
    "village_id",
    "owner_id",
)
SORTS = {
    "terbaru": ["-id"],
    "terlama": ["id"],
    "nama": ["name", "id"],
    "nama_za": ["-name", "-id"],
}
SORT_LABELS = {
    "terbaru": _("Terbaru didaftarkan"),
    "terlama": _("Terlama didaftarkan"),
    "nama": _("Nama A–Z"),
    "nama_za": _("Nama Z–A"),
}


def enterprise_scoped(*, scope: RegionScope) -> QuerySet[Enterprise]:
    return scope.apply(Enterprise.objects.all())


def enterprise_list(*, scope: RegionScope) -> QuerySet[Enterprise]:
    return enterprise_scoped(scope=scope).select_related("village").only(*LIST_COLUMNS)


def enterprise_queue(*, scope: RegionScope) -> QuerySet[Enterprise]:
    """Registrations waiting for a decision, oldest first (first come, first served)."""
    return (
        enterprise_scoped(scope=scope)
        .filter(status=EnterpriseStatus.SUBMITTED)
        .select_related("village", "owner", "kbli")
    )


QUEUE_ORDERING = ["submitted_at", "id"]


def enterprise_get(*, scope: RegionScope, pk: int) -> Enterprise:
    qs = Enterprise.objects.select_related(
        "village__parent__parent__parent", "owner", "kbli", "sentra"
    )
    return scoped_get_or_404(scope, qs, pk=pk)


def enterprise_public_get(*, key: str) -> Enterprise:
    """Public pages show verified enterprises only; the key is random, never the id."""
    from django.http import Http404

    enterprise = (
        Enterprise.objects.select_related("village__parent__parent__parent", "kbli", "sentra")
        .filter(public_key=key, status=EnterpriseStatus.VERIFIED)
        .first()
    )
    if enterprise is None:
        raise Http404
    return enterprise


def enterprise_history(*, enterprise: Enterprise) -> QuerySet[ChangeRecord]:
    return history_for(enterprise)


def owner_history(*, enterprise: Enterprise) -> QuerySet[ChangeRecord]:
    """Changes to the owner's identity record (NIK changes show as masked)."""
    if enterprise.owner is None:
        return ChangeRecord.objects.none()
    return history_for(enterprise.owner)


def owner_enterprises(*, user) -> QuerySet[Enterprise]:
    return enterprise_scoped(scope=RegionScope.for_user(user)).select_related("village", "kbli")


def sentra_scoped(*, scope: RegionScope) -> QuerySet[Sentra]:
    return scope.apply(Sentra.objects.all())


def enterprise_public_recent() -> QuerySet[Enterprise]:
    """Recently verified enterprises for the public home page (verified only)."""
    return (
        Enterprise.objects.filter(status=EnterpriseStatus.VERIFIED)
        .select_related("village__parent__parent", "kbli")
        .order_by("-verified_at", "-id")
    )
