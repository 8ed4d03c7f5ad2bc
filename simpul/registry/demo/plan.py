"""The demo registry as plain data, drawn from one `random.Random(seed)`.

Nothing here touches the database except through the `RegionIndex` handed in (read once,
ordered by code), so the same seed and region list give the same plan on any engine."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any

from . import describe
from .economics import TIER_WEIGHTS, TIERS, draw_figures
from .identifiers import IdentifierBook
from .lampung import (
    INDUSTRIES,
    INDUSTRY_BY_KEY,
    MIN_SENTRA_MEMBERS,
    REGENCIES,
    SENTRA,
    Industry,
)
from .names import PersonName, person_name
from .timeline import (
    REFERENCE,
    REJECTION_REASONS,
    REVISION_CYCLE_SHARE,
    REVISION_REASONS,
    STATUS_WEIGHTS,
    STATUSES,
    Timeline,
    draw_timeline,
)

SELF_REGISTERED_SHARE = 0.35
MIN_PER_REGENCY = 2
# The first enterprises get these, so even a small demo shows every status and size class.
FORCED_STATUSES = STATUSES
FORCED_TIERS = ("besar", "menengah", "kecil", "mikro")


@dataclass(frozen=True)
class Village:
    code: str
    name: str
    district_code: str

    @property
    def regency_code(self) -> str:
        return self.code[:5]

    @property
    def is_kelurahan(self) -> bool:
        return self.code[9] == "1"


@dataclass(frozen=True)
class RegionIndex:
    villages: dict[str, tuple[Village, ...]]  # regency code → its villages, by code
    district_names: dict[str, str]

    def village(self, code: str) -> Village:
        return next(v for v in self.villages[code[:5]] if v.code == code)


@dataclass(frozen=True)
class OwnerSpec:
    full_name: str
    nik: str
    gender: str
    birth_date: dt.date
    phone: str
    email: str = ""


@dataclass(frozen=True)
class EnterpriseSpec:
    regency: str
    self_registered: bool
    status: str
    timeline: Timeline
    fields: dict[str, Any]  # service field values; kbli and village as codes
    owner: OwnerSpec | None  # None: an owner who has not reached the owner step yet
    owner_name: str  # shown on the account even before the owner step
    account_phone: str = ""  # a self-registered owner's login
    reason: str = ""
    cycle_reason: str = ""  # set when a verified one was sent back once before
    fix: dict[str, Any] = field(default_factory=dict)  # what was corrected after that
    sentra: int | None = None


@dataclass(frozen=True)
class Slot:
    regency: str
    village: Village
    sentra: int | None = None


def sentra_sizes(n: int) -> list[int]:
    return [max(MIN_SENTRA_MEMBERS, round(n * s.share)) for s in SENTRA]


def allocate(n: int) -> dict[str, int]:
    """Enterprises per regency: a floor for each (sentra members + two) and the rest by
    weight with largest remainders, so the counts always add up to n."""
    floors = dict.fromkeys(REGENCIES, MIN_PER_REGENCY)
    for spec, size in zip(SENTRA, sentra_sizes(n), strict=True):
        floors[spec.village[:5]] += size
    rest = n - sum(floors.values())
    if rest < 0:
        raise ValueError(f"at least {sum(floors.values())} enterprises are needed")
    total_weight = sum(p.weight for p in REGENCIES.values())
    quotas = {code: rest * p.weight / total_weight for code, p in REGENCIES.items()}
    counts = {code: floors[code] + int(q) for code, q in quotas.items()}
    by_remainder = sorted(quotas, key=lambda c: (-(quotas[c] - int(quotas[c])), c))
    for code in by_remainder[: n - sum(counts.values())]:
        counts[code] += 1
    return counts


def _village_picker(rng: random.Random, villages: tuple[Village, ...]):
    desa = [v for v in villages if not v.is_kelurahan]
    # Towns inside a kabupaten (kelurahan) have more workshops per village than desa.
    cumulative = list(accumulate(4 if v.is_kelurahan else 1 for v in villages))

    def pick(*, desa_only: bool) -> Village:
        if desa_only:
            return rng.choice(desa)
        return rng.choices(villages, cum_weights=cumulative)[0]

    return pick, bool(desa)


def slots(rng: random.Random, n: int, regions: RegionIndex) -> list[Slot]:
    result: list[Slot] = []
    counts = allocate(n)
    for index, (spec, size) in enumerate(zip(SENTRA, sentra_sizes(n), strict=True)):
        home = regions.village(spec.village)
        nearby = [
            v for v in regions.villages[home.regency_code] if v.district_code == home.district_code
        ]
        for _ in range(size):
            village = home if rng.random() < 0.7 else rng.choice(nearby)
            result.append(Slot(home.regency_code, village, sentra=index))
            counts[home.regency_code] -= 1
    for regency in sorted(counts):
        pick, has_desa = _village_picker(rng, regions.villages[regency])
        for k in range(counts[regency]):
            # The first of every kabupaten sits in a desa, so rural areas are never empty.
            result.append(Slot(regency, pick(desa_only=has_desa and k == 0)))
    rng.shuffle(result)
    return result


def _industry_for(rng: random.Random, regency: str) -> Industry:
    weights = [i.weight * i.hotspots.get(regency, 1.0) for i in INDUSTRIES]
    return rng.choices(INDUSTRIES, weights=weights)[0]


def draw_owner(
    rng: random.Random, book: IdentifierBook, person: PersonName, *, female: bool, nik_district: str
) -> OwnerSpec:
    age = rng.randint(23, 68)
    birth = dt.date(REFERENCE.year - age, rng.randint(1, 12), rng.randint(1, 28))
    return OwnerSpec(
        full_name=person.full_name,
        nik=book.nik(nik_district, birth, female=female),
        gender="P" if female else "L",
        birth_date=birth,
        phone=book.phone() if rng.random() < 0.92 else "",
    )


def _nik_district(rng: random.Random, slot: Slot, regions: RegionIndex) -> str:
    if rng.random() < 0.85:
        return slot.village.district_code
    # Some owners still carry a KTP from another kecamatan of the same regency.
    return rng.choice(regions.villages[slot.regency]).district_code


@dataclass(frozen=True)
class Draw:
    """What is decided for one enterprise before its details are drawn."""

    slot: Slot
    status: str
    tier: str
    self_registered: bool


def _product(rng: random.Random, slot: Slot):
    if slot.sentra is not None:
        spec = SENTRA[slot.sentra]
        industry = INDUSTRY_BY_KEY[spec.industry]
        return industry, industry.products[spec.product]
    industry = _industry_for(rng, slot.regency)
    return industry, rng.choice(industry.products)


def _year_started(rng: random.Random, owner: OwnerSpec, created: dt.datetime) -> int:
    # Mostly young businesses, a few dating back to the 1980s.
    year = 1985 + int(40 * rng.random() ** 0.5)
    return max(min(year, 2025, created.year), owner.birth_date.year + 17)


def _registration(
    rng: random.Random, book: IdentifierBook, draw: Draw, fields: dict
) -> dict[str, Any]:
    """NIB, NPWP and a published business phone, as often as each legal form has them."""
    form = fields["legal_form"]
    nib_share = (
        0.85
        if form in {"cv", "pt", "pt_perorangan", "koperasi"}
        else (0.55 if form == "ud" else 0.38)
    )
    extra: dict[str, Any] = {"nib": book.nib() if rng.random() < nib_share else ""}
    if form in {"cv", "pt", "pt_perorangan", "koperasi"} and rng.random() < 0.8:
        extra["npwp"] = book.npwp(REGENCIES[draw.slot.regency].kpp)
    return extra


def _location(rng: random.Random, slot: Slot) -> dict[str, Any]:
    village = slot.village
    fields: dict[str, Any] = {
        "village": village.code,
        "address": describe.address(
            rng, village_name=village.name, is_kelurahan=village.is_kelurahan
        ),
        "postal_code": describe.postal_code(slot.regency, village.district_code),
    }
    if rng.random() < 0.75:
        fields["latitude"], fields["longitude"] = describe.coordinates(rng, slot.regency)
    return fields


def _revision_round(
    rng: random.Random, book: IdentifierBook, fields: dict[str, Any]
) -> tuple[str, dict]:
    """A first submission with one flaw, the officer's reason, and the owner's fix."""
    kind = rng.randrange(3)
    if kind == 0:
        fix = {"workers_male": fields["workers_male"]}
        fields["workers_male"] += rng.randint(2, 5)
    elif kind == 1:
        fix = {"address": fields["address"]}
        fields["address"] = fields["address"].split(", RT")[0]
    else:
        fix = {"nib": fields["nib"] or book.nib()}
        fields["nib"] = ""
    return REVISION_REASONS[(0, 1, 3)[kind]], fix


def draw_enterprise(
    rng: random.Random, book: IdentifierBook, regions: RegionIndex, draw: Draw
) -> EnterpriseSpec:
    industry, product = _product(rng, draw.slot)
    female = rng.random() < industry.female_share
    person = person_name(rng, female=female)
    owner = draw_owner(
        rng, book, person, female=female, nik_district=_nik_district(rng, draw.slot, regions)
    )
    if draw.self_registered and not owner.phone:
        owner = replace(owner, phone=book.phone())  # they signed up with it
    figures = draw_figures(rng, industry, draw.tier)
    village = draw.slot.village
    place = regions.district_names[village.district_code] if rng.random() < 0.6 else village.name
    cycle = draw.status == "verified" and rng.random() < REVISION_CYCLE_SHARE
    timeline = draw_timeline(rng, draw.status, self_registered=draw.self_registered, cycle=cycle)
    fields: dict[str, Any] = {
        "name": describe.business_name(
            rng,
            product=product,
            person=person,
            legal_form=figures.legal_form,
            place=describe.place_name(place),
        ),
        "kbli": product.kbli,
        "products": product.name,
        "year_started": _year_started(rng, owner, timeline.created),
        **vars(figures),
        **_location(rng, draw.slot),
        "registration_step": 6,
    }
    fields.update(_registration(rng, book, draw, fields))
    if owner.phone and rng.random() < 0.35:
        fields["business_phone"], fields["publish_contact"] = owner.phone, True
    spec = {
        "regency": draw.slot.regency,
        "self_registered": draw.self_registered,
        "status": draw.status,
        "timeline": timeline,
        "owner": owner,
        "owner_name": owner.full_name,
        "sentra": draw.slot.sentra,
        "account_phone": owner.phone if draw.self_registered else "",
    }
    if draw.status in {"needs_revision", "rejected"}:
        reasons = REVISION_REASONS if draw.status == "needs_revision" else REJECTION_REASONS
        spec["reason"] = rng.choice(reasons)
    if cycle:
        spec["cycle_reason"], spec["fix"] = _revision_round(rng, book, fields)
    if draw.self_registered and draw.status == "draft" and rng.random() < 0.5:
        # Stopped after the first step: no owner identity, location or figures yet.
        keep = ("name", "legal_form", "kbli", "products", "year_started", "nib")
        fields = {k: fields[k] for k in keep} | {"registration_step": 2}
        spec["owner"] = None
    return EnterpriseSpec(fields=fields, **spec)


def draws(rng: random.Random, n: int, regions: RegionIndex) -> list[Draw]:
    result = []
    for i, slot in enumerate(slots(rng, n, regions)):
        status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
        tier = rng.choices(TIERS, weights=TIER_WEIGHTS)[0]
        if i < len(FORCED_STATUSES):
            status = FORCED_STATUSES[i]
        if len(FORCED_STATUSES) <= i < len(FORCED_STATUSES) + len(FORCED_TIERS):
            tier = FORCED_TIERS[i - len(FORCED_STATUSES)]
        self_registered = rng.random() < SELF_REGISTERED_SHARE
        result.append(Draw(slot, status, tier, self_registered))
    return result


DEMO_OWNER_EMAIL = "pemilik@demo.simpul.id"
DEMO_OWNER_PHONE = "+6281200000001"
# The demo owner's three businesses: (name, village, industry, product, status, reason).
DEMO_OWNER_BUSINESSES = (
    ("Keripik Pisang Bu Siti", "18.71.03.1011", "keripik", 0, "verified", ""),
    (
        "Kopi Bubuk Siger Mas",
        "18.71.01.1003",
        "kopi",
        0,
        "needs_revision",
        "Nilai investasi tampaknya termasuk tanah dan bangunan; isi tanpa tanah dan bangunan.",
    ),
    ("Tapis Jejama", "18.71.13.1004", "tapis", 0, "draft", ""),
)


@dataclass(frozen=True)
class DemoPlan:
    enterprises: list[EnterpriseSpec]
    demo_owner: OwnerSpec
    demo_enterprises: list[EnterpriseSpec]


def _demo_owner(book: IdentifierBook) -> OwnerSpec:
    birth = dt.date(1984, 3, 12)
    book.phones.add(DEMO_OWNER_PHONE)
    return OwnerSpec(
        full_name="Siti Rahmawati",
        nik=book.nik("18.71.03", birth, female=True),
        gender="P",
        birth_date=birth,
        phone=DEMO_OWNER_PHONE,
        email=DEMO_OWNER_EMAIL,
    )


def _demo_enterprises(
    rng: random.Random, book: IdentifierBook, regions: RegionIndex, owner: OwnerSpec
) -> list[EnterpriseSpec]:
    result = []
    for name, code, industry_key, product_index, status, reason in DEMO_OWNER_BUSINESSES:
        industry = INDUSTRY_BY_KEY[industry_key]
        product = industry.products[product_index]
        slot = Slot(
            code[:5], regions.village(code), sentra=0 if industry_key == "keripik" else None
        )
        timeline = draw_timeline(rng, status, self_registered=True)
        fields = {
            "name": name,
            "kbli": product.kbli,
            "products": product.name,
            "year_started": min(2012 + len(result) * 5, timeline.created.year),
            **vars(draw_figures(rng, industry, "mikro")),
            **_location(rng, slot),
            "legal_form": "ud" if not result else "perorangan",
            "nib": book.nib() if status == "verified" else "",
            "business_phone": owner.phone,
            "publish_contact": status == "verified",
            "registration_step": 6 if status != "draft" else 4,
        }
        result.append(
            EnterpriseSpec(
                regency=slot.regency,
                self_registered=True,
                status=status,
                timeline=timeline,
                fields=fields,
                owner=owner,
                owner_name=owner.full_name,
                reason=reason,
                sentra=slot.sentra,
                account_phone=owner.phone,
            )
        )
    return result


def build_plan(rng: random.Random, n: int, regions: RegionIndex) -> DemoPlan:
    book = IdentifierBook(rng)
    owner = _demo_owner(book)
    demo = _demo_enterprises(rng, book, regions, owner)
    specs = [draw_enterprise(rng, book, regions, d) for d in draws(rng, n - len(demo), regions)]
    return DemoPlan(enterprises=specs, demo_owner=owner, demo_enterprises=demo)
