"""Reads of the partnerships app, always for a given user.

Who sees what:
- office staff see the partners registered by an office whose jurisdiction overlaps
  theirs (their own, one above — province, Kemenperin — or one below), and partners
  with a need whose region overlaps their jurisdiction; they see needs whose region
  overlaps their jurisdiction (a need for "anywhere" overlaps every office); they see
  the matches of enterprises inside their jurisdiction only (the match's copied region
  columns, through RegionScope);
- a partner's contact sees their own partners, those partners' needs and the matches
  the Dinas introduced to them;
- an owner sees the introduced matches of their own enterprises.
Anything else is a 404, so keys of other regions or partners reveal nothing."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from simpul.core.scope import RegionScope, scoped_get_or_404

from .choices import MATCH_VISIBLE_OUTSIDE, MatchStatus
from .models import Match, Partner, PartnerNeed

BOARD_COLUMN_LIMIT = 30
BOARD_STATUSES = [s for s in MatchStatus.values if s != MatchStatus.PROPOSED]


def _ancestors(code: str) -> list[str]:
    """'18.71.01' → ['18', '18.71']."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _overlap(region: str, prefix: str) -> Q:
    """Rows whose region (the foreign key `region` to Region; null = everywhere) shares
    ground with `prefix`: inside it, above it, or everywhere."""
    if prefix == "":
        return Q()
    return (
        Q(**{f"{region}__isnull": True})
        | Q(**{region: prefix})
        | Q(**{f"{region}__code__startswith": prefix + "."})
        | Q(**{f"{region}__in": _ancestors(prefix)})
    )


def needs_visible(user: Any) -> QuerySet[PartnerNeed]:
    scope = RegionScope.for_user(user)
    needs = PartnerNeed.objects.select_related("partner", "region")
    if scope.is_staff_scope:
        return needs.filter(_overlap("region", scope.prefix))
    if getattr(user, "is_partner", False) and user.is_active:
        return needs.filter(partner__members__user=user)
    return needs.none()


def partners_visible(user: Any) -> QuerySet[Partner]:
    scope = RegionScope.for_user(user)
    partners = Partner.objects.select_related("created_by", "region")
    if scope.is_staff_scope:
        if scope.prefix == "":
            return partners
        needs = PartnerNeed.objects.filter(_overlap("region", scope.prefix))
        by_office = _overlap("created_by__region", scope.prefix)
        return partners.filter(by_office | Q(Exists(needs.filter(partner=OuterRef("pk")))))
    if getattr(user, "is_partner", False) and user.is_active:
        return partners.filter(members__user=user)
    return partners.none()


def partner_list(user: Any) -> QuerySet[Partner]:
    open_needs = Count("needs", filter=Q(needs__status="open"))
    return partners_visible(user).annotate(open_needs=open_needs).order_by("name", "id")


def partner_get(user: Any, key: str) -> Partner:
    partner = partners_visible(user).filter(public_key=key).first()
    if partner is None:
        raise Http404
    return partner


def partner_needs(user: Any, partner: Partner) -> QuerySet[PartnerNeed]:
    return needs_visible(user).filter(partner=partner).order_by("status", "-created_at", "-id")


def need_get(user: Any, key: str) -> PartnerNeed:
    need = needs_visible(user).filter(public_key=key).first()
    if need is None:
        raise Http404
    return need


def matches_visible(user: Any) -> QuerySet[Match]:
    matches = Match.objects.select_related(
        "need__partner", "enterprise__village", "enterprise__owner", "introduced_by"
    )
    scope = RegionScope.for_user(user)
    if scope.is_staff_scope:
        return scope.apply(matches)
    outside = matches.filter(status__in=MATCH_VISIBLE_OUTSIDE)
    if getattr(user, "is_partner", False) and user.is_active:
        return outside.filter(need__partner__members__user=user)
    return scope.apply(outside)  # owners: their own enterprises only


def match_get(user: Any, key: str) -> Match:
    scope = RegionScope.for_user(user)
    if scope.is_staff_scope:
        return scoped_get_or_404(scope, matches_visible(user), public_key=key)
    match = matches_visible(user).filter(public_key=key).first()
    if match is None:
        raise Http404
    return match


def need_matches(user: Any, need: PartnerNeed) -> QuerySet[Match]:
    return matches_visible(user).filter(need=need).order_by("-score", "id")


def board(user: Any) -> list[dict[str, Any]]:
    """Matches per status: a count and the most recently changed ones."""
    matches = matches_visible(user)
    counts = dict(
        matches.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [
        {
            "status": status,
            "label": MatchStatus(status).label,
            "count": counts.get(status, 0),
            "items": list(matches.filter(status=status)[:BOARD_COLUMN_LIMIT]),
        }
        for status in BOARD_STATUSES
    ]


def owner_matches(user: Any) -> QuerySet[Match]:
    """The introduced matches of the owner's own enterprises (never a partner's view)."""
    if not getattr(user, "is_owner", False):
        return Match.objects.none()
    return matches_visible(user).order_by("-updated_at", "-id")
