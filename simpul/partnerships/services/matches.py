"""Introducing an IKM to a need, and following the match to a contract and delivery.
Every change is audited and told to the owner, the partner's contacts and the officer
who introduced it (never to the person who made the change)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change
from simpul.core.scope import RegionScope
from simpul.notifications.services import notify
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

from ..choices import MATCH_FLOW, MatchStatus, NeedStatus
from ..matching import candidate_queryset, score_one
from ..models import Match, PartnerNeed
from ..permissions import can_advance, can_introduce, require

S = MatchStatus

# One step along the road at a time; anything not finished may be declined.
ALLOWED: dict[str, set[str]] = {
    **{now: {after, S.DECLINED} for now, after in zip(MATCH_FLOW, MATCH_FLOW[1:], strict=False)},
    S.DELIVERED: set(),
    S.DECLINED: set(),
}


def _why_not_candidate(need: PartnerNeed, enterprise: Enterprise) -> str:
    """The reason an enterprise cannot be introduced to this need, in words."""
    if enterprise.status != EnterpriseStatus.VERIFIED:
        return _("Hanya IKM terverifikasi yang dapat diperkenalkan.")
    if need.region_id and not RegionScope(prefix=need.region_id).covers_region(
        enterprise.region_code
    ):
        return _("IKM ini di luar wilayah kebutuhan (%(region)s).") % {"region": need.region}
    return _("KBLI IKM ini tidak diawali %(prefixes)s.") % {"prefixes": ", ".join(need.prefix_list)}


def _tell(match: Match, actor: Any, title: str, body: str) -> None:
    people: dict[int, tuple[Any, str]] = {}
    owner = match.enterprise.owner
    if owner is not None and owner.user is not None:
        people[owner.user.pk] = (owner.user, reverse("partnerships:mine"))
    for member in match.need.partner.members.select_related("user"):
        people[member.user.pk] = (member.user, match.url)
    if match.introduced_by is not None:
        people[match.introduced_by.pk] = (match.introduced_by, match.url)
    people.pop(getattr(actor, "pk", None), None)
    for user, url in people.values():
        notify(user=user, title=title, body=body, url=url)


def _locked_need(need: PartnerNeed) -> PartnerNeed:
    return (
        PartnerNeed.objects.select_for_update(of=("self",))
        .select_related("partner", "region")
        .get(pk=need.pk)
    )


@transaction.atomic
def match_introduce(
    *, provenance: Provenance, need: PartnerNeed, enterprise: Enterprise, note: str = ""
) -> Match:
    """An officer whose jurisdiction holds the enterprise introduces it to the need."""
    actor = provenance.actor
    require(can_introduce(actor, enterprise))
    need = _locked_need(need)
    if need.status != NeedStatus.OPEN:
        raise ValidationError(_("Kebutuhan ini sudah ditutup."))
    scope = RegionScope.for_user(actor)
    if not candidate_queryset(need=need, scope=scope).filter(pk=enterprise.pk).exists():
        raise ValidationError(_why_not_candidate(need, enterprise))
    match = Match.objects.filter(need=need, enterprise=enterprise).first()
    if match is not None and match.status != S.PROPOSED:
        raise ValidationError(_("IKM ini sudah diperkenalkan ke kebutuhan ini."))
    match = match or Match(need=need, enterprise=enterprise)
    ranked = score_one(need=need, enterprise=enterprise)
    match.score, match.reasons = ranked.score, [r.as_json() for r in ranked.reasons]
    match.status, match.introduced_by, match.introduced_at = S.INTRODUCED, actor, timezone.now()
    match.notes = note.strip()
    match.copy_region(enterprise)
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError:  # introduced by someone else a moment ago
        raise ValidationError(_("IKM ini sudah diperkenalkan ke kebutuhan ini.")) from None
    record_change(
        instance=match,
        action="match_introduced",
        provenance=provenance,
        changes={"status": [None, S.INTRODUCED], "score": [None, match.score]},
        note=match.notes,
    )
    title = _("Perkenalan kemitraan: %(enterprise)s → %(partner)s") % {
        "enterprise": enterprise.name,
        "partner": need.partner.name,
    }
    _tell(match, actor, title, _("Kebutuhan: %(need)s") % {"need": need.title})
    return match


def _check_move(match: Match, to: str, contract_value: int | None) -> None:
    if to not in S.values or to not in ALLOWED[match.status]:
        label = S(to).label if to in S.values else to
        raise ValidationError(
            _("Status tidak dapat diubah dari %(old)s ke %(new)s.")
            % {"old": S(match.status).label, "new": label}
        )
    if to == S.CONTRACT and (contract_value is None or contract_value <= 0):
        raise ValidationError(
            {"contract_value": _("Isi nilai kontrak (lebih dari Rp 0) untuk status Kontrak.")}
        )


@transaction.atomic
def match_advance(
    *,
    provenance: Provenance,
    match: Match,
    to: str,
    contract_value: int | None = None,
    note: str = "",
) -> Match:
    """Move a match one step (introduced → meeting → sample → contract → delivered) or
    decline it. The contract needs its value in whole Rupiah."""
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("need__partner", "enterprise__owner__user", "introduced_by")
        .get(pk=match.pk)
    )
    require(can_advance(provenance.actor, match))
    _check_move(match, to, contract_value)
    before = {"status": match.status, "contract_value": match.contract_value}
    match.status = to
    if to == S.CONTRACT:
        match.contract_value = contract_value
    note = note.strip()
    if note:
        match.notes = f"{match.notes}\n{S(to).label}: {note}".strip()
    match.save(update_fields=["status", "contract_value", "notes", "updated_at"])
    after = {"status": match.status, "contract_value": match.contract_value}
    record_change(
        instance=match,
        action="match_status",
        provenance=provenance,
        changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
        note=note,
    )
    title = _("Kemitraan %(enterprise)s → %(partner)s: %(status)s") % {
        "enterprise": match.enterprise.name,
        "partner": match.need.partner.name,
        "status": match.get_status_display(),
    }
    _tell(match, provenance.actor, title, note or match.need.title)
    return match


def matches_sync(enterprise_ids: Iterable[int]) -> int:
    """Copy the current region of these enterprises onto their matches."""
    changed = 0
    ids = list(enterprise_ids)
    with_matches = Enterprise.objects.filter(pk__in=ids, partner_matches__isnull=False)
    for enterprise in with_matches.distinct():
        changed += Match.objects.filter(enterprise=enterprise).update(
            province_code=enterprise.province_code,
            regency_code=enterprise.regency_code,
            district_code=enterprise.district_code,
        )
    return changed
