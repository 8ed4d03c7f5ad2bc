"""Jurisdiction: the one place that decides what a user may see and change.

Every query of domain data goes through `RegionScope.apply`, and every single-object view
through `scoped_get_or_404`. A record outside the scope is indistinguishable from one that
does not exist (404), so ids of other regions reveal nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from simpul.accounts.models import User

M = TypeVar("M", bound=models.Model)

# Kemendagri code length of each level → which denormalised column holds it.
_LEVEL_BY_LENGTH = {2: "province", 5: "regency", 8: "district", 13: "village"}


@dataclass(frozen=True)
class ScopeFields:
    """How a model exposes its region and its owner to the scope. Declared on each scoped
    model as `scope_fields`."""

    province: str
    regency: str
    district: str
    village: str
    owner_user: str | None = None


@dataclass(frozen=True)
class RegionScope:
    """`prefix` '' is national, '18' a province, '18.71' a regency; None sees no region
    at all. Owners see only records they own (`owner_user_id`)."""

    prefix: str | None
    owner_user_id: int | None = None
    role: str = ""

    @classmethod
    def for_user(cls, user: User | Any) -> RegionScope:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls(prefix=None)
        if user.is_office_staff:
            return cls(prefix=user.office.jurisdiction_code, role=user.role)
        return cls(prefix=None, owner_user_id=user.pk, role=user.role)

    @property
    def is_staff_scope(self) -> bool:
        return self.prefix is not None

    def covers_region(self, code: str | None) -> bool:
        if self.prefix is None or code is None:
            return False
        return code == self.prefix or code.startswith(self.prefix + ".") or self.prefix == ""

    def apply(self, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
        fields: ScopeFields = queryset.model.scope_fields
        if self.prefix is None:
            if self.owner_user_id and fields.owner_user:
                return queryset.filter(**{fields.owner_user: self.owner_user_id})
            return queryset.none()
        if self.prefix == "":
            return queryset
        level = _LEVEL_BY_LENGTH[len(self.prefix)]
        return queryset.filter(**{getattr(fields, level): self.prefix})


def filter_by_region(queryset: models.QuerySet[M], code: str) -> models.QuerySet[M]:
    """Records inside the region `code` (any level); an ill-formed code matches nothing.
    Used for filters, on top of (never instead of) the caller's own scope."""
    code = code.strip()
    if len(code) not in _LEVEL_BY_LENGTH:
        return queryset.none()
    return RegionScope(prefix=code).apply(queryset)


def scoped_get_or_404(scope: RegionScope, queryset: models.QuerySet[M], **lookup: Any) -> M:
    try:
        return scope.apply(queryset).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
