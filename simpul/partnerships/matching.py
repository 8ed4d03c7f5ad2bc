"""Ranking IKM for a partner's need, with the reasons in words an officer can repeat.

How the work is split, and why: the hard conditions are SQL filters on indexed columns —
verified, inside the officer's jurisdiction AND inside the need's region (both
region-prefix tests on the denormalised region columns), KBLI starting with one of the
need's prefixes (main KBLI, or any other KBLI through an EXISTS). A regency holds
thousands of IKM and the nation millions, so we never load them all: the database orders
the filtered rows by the strongest signals it can test cheaply (required certificates
valid today, a keyword in the product text, a public product, the same regency) and
hands back at most `CANDIDATE_WINDOW` rows. Python then scores that bounded set in full
— stemmed keyword matching, every certificate's validity, size class, capacity — and
writes the reasons, which SQL cannot say. The window's order follows the same signals as
the score, so an IKM that would rank in the top `limit` is inside the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.catalogue.models import Certification, Product
from simpul.catalogue.search.text import normal_words, query_words
from simpul.core.scope import RegionScope, filter_by_region
from simpul.regions.models import Region
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

from .models import Match, PartnerNeed

CANDIDATE_WINDOW = 500
MAX_KEYWORDS = 6  # words of a need's keywords the SQL window tests

# Points of each component (a higher score ranks first).
KBLI_POINTS = 30
REQUIRED_CERT_POINTS = 20
OTHER_CERT_POINTS = 4
SAME_REGENCY_POINTS = 15
SAME_PROVINCE_POINTS = 8
KEYWORD_POINTS = 10
MAX_KEYWORD_HITS = 3
PUBLISHED_POINTS = 5
CAPACITY_POINTS = 2
SIZE_POINTS = {"menengah": 6, "besar": 6, "kecil": 3}

# How a certificate is named inside "Sertifikat … berlaku" (proper names, not translated).
CERT_NAMES = {"halal": "halal", "sni": "SNI", "pirt": "PIRT", "bpom_md": "BPOM MD", "hki": "HKI"}


@dataclass(frozen=True)
class Reason:
    text: str
    good: bool = True

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "good": self.good}


@dataclass
class Candidate:
    enterprise: Enterprise
    score: int = 0
    reasons: list[Reason] = field(default_factory=list)
    match: Match | None = None  # when already introduced to this need

    def add(self, points: int, text: str, good: bool = True) -> None:
        self.score += points
        self.reasons.append(Reason(text, good))


def _kbli_condition(prefixes: list[str]) -> Q:
    through = Enterprise.other_kbli.through
    main, other = Q(), Q()
    for prefix in prefixes:
        main |= Q(kbli__code__startswith=prefix)
        other |= Q(kbli__code__startswith=prefix)
    return main | Q(Exists(through.objects.filter(other, enterprise_id=OuterRef("pk"))))


def candidate_queryset(*, need: PartnerNeed, scope: RegionScope) -> QuerySet[Enterprise]:
    """Every IKM that may be introduced to `need` by a user of `scope` (SQL only)."""
    if not scope.is_staff_scope:
        return Enterprise.objects.none()
    queryset = scope.apply(Enterprise.objects.filter(status=EnterpriseStatus.VERIFIED))
    if need.region_id:
        queryset = filter_by_region(queryset, need.region_id)
    if prefixes := need.prefix_list:
        queryset = queryset.filter(_kbli_condition(prefixes))
    return queryset


def _flag(condition: Any) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _valid_certificate(kind: str, today: dt.date) -> Exists:
    return Exists(
        Certification.objects.filter(product__enterprise=OuterRef("pk"), kind=kind).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
    )


def _window(queryset: QuerySet[Enterprise], need: PartnerNeed, today: dt.date) -> list[int]:
    """Ids of the best `CANDIDATE_WINDOW` rows by the signals SQL can test cheaply."""
    certs = Value(0, output_field=IntegerField())
    for kind in need.certifications:
        certs = certs + _flag(_valid_certificate(kind, today))
    text = Q()
    for word in query_words(need.keywords)[:MAX_KEYWORDS]:
        text |= Q(products__icontains=word)
        text |= Q(Exists(Product.objects.filter(enterprise=OuterRef("pk"), name__icontains=word)))
    reference = _reference_code(need)
    queryset = queryset.annotate(
        _certs=certs,
        _text=_flag(text) if text else Value(0),
        _public=_flag(Exists(Product.objects.filter(enterprise=OuterRef("pk"), is_public=True))),
        _near=_flag(Q(regency_code=reference[:5])) if len(reference) >= 5 else Value(0),
    )
    ordered = queryset.order_by("-_certs", "-_text", "-_public", "-_near", "id")
    return list(ordered.values_list("id", flat=True)[:CANDIDATE_WINDOW])


def _loaded(ids: list[int]) -> list[Enterprise]:
    products = Product.objects.only("id", "enterprise_id", "name", "is_public").prefetch_related(
        "certifications"
    )
    return list(
        Enterprise.objects.filter(pk__in=ids)
        .select_related("village", "owner")
        .prefetch_related("other_kbli", Prefetch("catalogue_products", queryset=products))
    )


def _reference_code(need: PartnerNeed) -> str:
    """Where "close" is measured from: the need's own regency when it names one, else
    the partner's location, else the need's province."""
    need_code = need.region_id or ""
    if len(need_code) >= 5:
        return need_code
    return need.partner.region_id or need_code


def _region_names(enterprises: list[Enterprise]) -> dict[str, str]:
    codes = {e.regency_code for e in enterprises} | {e.province_code for e in enterprises}
    codes.discard("")
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def rank_candidates(*, need: PartnerNeed, user: Any, limit: int = 50) -> list[Candidate]:
    """Verified IKM inside both the need's region and `user`'s jurisdiction, best first,
    each with its score and reasons. Users outside the offices get nothing."""
    scope = RegionScope.for_user(user)
    today = timezone.localdate()
    ids = _window(candidate_queryset(need=need, scope=scope), need, today)
    enterprises = _loaded(ids)
    names = _region_names(enterprises)
    existing = {m.enterprise_id: m for m in need.matches.filter(enterprise_id__in=ids)}
    ranked = []
    for enterprise in enterprises:
        candidate = score_enterprise(need=need, enterprise=enterprise, today=today, names=names)
        candidate.match = existing.get(enterprise.pk)
        ranked.append(candidate)
    ranked.sort(key=lambda c: (-c.score, c.enterprise.name.lower(), c.enterprise.pk))
    return ranked[:limit]


def score_one(*, need: PartnerNeed, enterprise: Enterprise) -> Candidate:
    """The same score for a single enterprise (kept on the match when introduced)."""
    loaded = _loaded([enterprise.pk])
    return score_enterprise(
        need=need, enterprise=loaded[0], today=timezone.localdate(), names=_region_names(loaded)
    )


def score_enterprise(
    *, need: PartnerNeed, enterprise: Enterprise, today: dt.date, names: dict[str, str]
) -> Candidate:
    """Score an enterprise loaded by `_loaded` (products, certificates, other KBLI)."""
    candidate = Candidate(enterprise)
    _score_kbli(candidate, need)
    _score_certificates(candidate, need, today)
    _score_region(candidate, need, names)
    _score_keywords(candidate, need)
    _score_profile(candidate)
    return candidate


def _score_kbli(candidate: Candidate, need: PartnerNeed) -> None:
    prefixes = sorted(need.prefix_list, key=len, reverse=True)
    if not prefixes:
        return
    enterprise = candidate.enterprise
    codes = [c for c in [enterprise.kbli_id, *(k.code for k in enterprise.other_kbli.all())] if c]
    for code in codes:
        prefix = next((p for p in prefixes if code.startswith(p)), None)
        if prefix:
            text = _("KBLI %(code)s cocok dengan %(prefix)s") % {"code": code, "prefix": prefix}
            candidate.add(KBLI_POINTS, text)
            return
    wanted = ", ".join(need.prefix_list)
    candidate.add(0, _("KBLI tidak diawali %(prefixes)s") % {"prefixes": wanted}, good=False)


def _certificate_kinds(enterprise: Enterprise, today: dt.date) -> tuple[set[str], set[str]]:
    """(kinds with a certificate valid today, kinds held only expired)."""
    valid, held = set(), set()
    for product in enterprise.catalogue_products.all():
        for certificate in product.certifications.all():
            held.add(certificate.kind)
            if certificate.is_valid_on(today):
                valid.add(certificate.kind)
    return valid, held - valid


def _score_certificates(candidate: Candidate, need: PartnerNeed, today: dt.date) -> None:
    valid, expired = _certificate_kinds(candidate.enterprise, today)
    for kind in need.certifications:
        name = CERT_NAMES.get(kind, kind)
        if kind in valid:
            candidate.add(REQUIRED_CERT_POINTS, _("Sertifikat %(kind)s berlaku") % {"kind": name})
        elif kind in expired:
            text = _("Sertifikat %(kind)s sudah kedaluwarsa") % {"kind": name}
            candidate.add(0, text, good=False)
        else:
            candidate.add(0, _("Belum punya sertifikat %(kind)s") % {"kind": name}, good=False)
    for kind in sorted(valid - set(need.certifications)):
        name = CERT_NAMES.get(kind, kind)
        candidate.add(OTHER_CERT_POINTS, _("Sertifikat %(kind)s berlaku") % {"kind": name})


def _score_region(candidate: Candidate, need: PartnerNeed, names: dict[str, str]) -> None:
    enterprise, reference = candidate.enterprise, _reference_code(need)
    regency = names.get(enterprise.regency_code, enterprise.regency_code)
    if len(reference) >= 5 and enterprise.regency_code == reference[:5]:
        candidate.add(SAME_REGENCY_POINTS, _("Berlokasi di %(place)s") % {"place": regency})
    elif reference and enterprise.province_code == reference[:2]:
        province = names.get(enterprise.province_code, enterprise.province_code)
        text = _("Berlokasi di %(place)s, provinsi yang sama (%(province)s)") % {
            "place": regency,
            "province": province,
        }
        candidate.add(SAME_PROVINCE_POINTS, text)


def _score_keywords(candidate: Candidate, need: PartnerNeed) -> None:
    wanted = query_words(need.keywords)
    if not wanted:
        return
    enterprise = candidate.enterprise
    words = set(normal_words(enterprise.products))
    for product in enterprise.catalogue_products.all():
        if product.is_public:
            words.update(normal_words(product.name))
    hits = [w for w in wanted if w in words]
    if hits:
        text = _("Produk cocok dengan kata kunci: %(words)s") % {"words": ", ".join(hits)}
        candidate.add(KEYWORD_POINTS * min(len(hits), MAX_KEYWORD_HITS), text)
    else:
        candidate.add(0, _("Produk tidak menyebut kata kunci kebutuhan"), good=False)


def _score_profile(candidate: Candidate) -> None:
    enterprise = candidate.enterprise
    if points := SIZE_POINTS.get(enterprise.size_class_permenperin):
        candidate.add(points, enterprise.get_size_class_permenperin_display())
    if enterprise.production_capacity:
        text = _("Kapasitas produksi: %(capacity)s") % {"capacity": enterprise.production_capacity}
        candidate.add(CAPACITY_POINTS, text)
    public = sum(1 for p in enterprise.catalogue_products.all() if p.is_public)
    if public:
        text = _("Sudah punya %(n)s produk di katalog") % {"n": public}
        candidate.add(PUBLISHED_POINTS, text)
