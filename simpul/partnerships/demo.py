"""Partnerships of the Lampung demo, through the partnership services: a modern retail
buyer (with a contact person who logs in) and a state-owned company post needs, Dinas
officers introduce the best-ranked IKM, and the introductions move on through meetings
and samples to contracts and deliveries, or stop. Dates count back from the seeding day,
like the programme demo's."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from simpul.accounts.models import User
from simpul.core.models import ChangeRecord
from simpul.programmes.demo.common import (
    CITY,
    Cast,
    Days,
    by,
    is_demo_owners,
    load_cast,
    seeding,
)
from simpul.regions.models import Region
from simpul.registry.demo.lampung import PROVINCE_CODE
from simpul.registry.demo.offices import DEMO_DOMAIN, set_demo_password
from simpul.registry.models import Enterprise

from .choices import MatchStatus, NeedPeriod, PartnerKind
from .matching import rank_candidates
from .models import Match, Partner, PartnerNeed
from .services import (
    match_advance,
    match_introduce,
    need_post,
    partner_create,
    partner_member_invite,
)

S = MatchStatus
PARTNER_EMAIL = f"mitra@{DEMO_DOMAIN}"  # the buyer's purchasing manager, a demo login
PARTNER_NAME = "Hendra Gunawan"
MINUTES = dt.timedelta(minutes=7)
ROAD = [S.MEETING, S.SAMPLE, S.CONTRACT, S.DELIVERED]
STEP_NOTES = {
    S.MEETING: "Pertemuan di kantor Dinas; pemilik membawa contoh produk dan daftar harga.",
    S.SAMPLE: "Sampel diterima bagian pembelian; uji rasa dan kemasan lolos.",
    S.CONTRACT: "Kontrak pasokan ditandatangani untuk enam bulan pertama.",
    S.DELIVERED: "Pengiriman pertama diterima lengkap dan tepat waktu.",
    S.DECLINED: "Harga belum masuk hitungan pembeli; dapat diajukan lagi tahun depan.",
}


@dataclass(frozen=True)
class NeedPlan:
    partner: str  # key in the partners dict
    title: str
    description: str
    kbli: str
    keywords: str
    volume: int
    unit: str
    period: str
    certifications: tuple[str, ...]
    posted: int  # day offset from the seeding day
    ends: tuple[str, ...]  # where each introduced match stops, best-ranked first


NEEDS = (
    NeedPlan(
        "retail",
        "Keripik pisang kemasan 250 g untuk rak oleh-oleh khas Lampung",
        "Pasokan rutin untuk 14 gerai di Lampung; label berbahasa Indonesia, masa simpan "
        "paling sedikit 4 bulan.",
        "10794",
        "keripik pisang",
        3_000,
        "bungkus",
        NeedPeriod.MONTH,
        ("halal",),
        -130,
        (S.DELIVERED, S.CONTRACT, S.SAMPLE, S.MEETING, S.DECLINED),
    ),
    NeedPlan(
        "retail",
        "Kopi robusta bubuk 200 g merek toko (private label)",
        "Kopi robusta Lampung sangrai sedang, digiling halus, dikemas dengan merek toko.",
        "10761",
        "kopi robusta bubuk",
        800,
        "kg",
        NeedPeriod.MONTH,
        ("halal",),
        -45,
        (S.SAMPLE, S.MEETING, S.INTRODUCED),
    ),
    NeedPlan(
        "bumn",
        "Suvenir kain tapis dan sulam usus untuk tamu perusahaan",
        "Selendang dan taplak bermotif tapis untuk cendera mata tamu dan acara perusahaan.",
        "13122,13912",
        "tapis sulam selendang",
        250,
        "lembar",
        NeedPeriod.YEAR,
        (),
        -90,
        (S.CONTRACT, S.MEETING, S.INTRODUCED),
    ),
)
CONTRACT_RANGE = {"retail": (25_000_000, 90_000_000), "bumn": (40_000_000, 120_000_000)}


@dataclass(frozen=True)
class PartnershipsResult:
    partners: int
    needs: int
    matches: int
    contracts: int


def _partners(days: Days, cast: Cast) -> tuple[dict[str, Partner], User]:
    city, province = cast.officers[CITY], cast.officers[PROVINCE_CODE]
    days.on(days.day(-140))
    retail = partner_create(
        provenance=by(city),
        name="PT Swalayan Siger Makmur",
        kind=PartnerKind.BUYER,
        address="Jl. Raden Intan No. 88, Tanjung Karang, Bandar Lampung",
        region=Region.objects.get(code=CITY),
    )
    days.on(days.day(-138))
    # The buyer's purchasing manager; a demo login, as if they had followed the e-mailed link.
    member = partner_member_invite(
        provenance=by(city), partner=retail, email=PARTNER_EMAIL, full_name=PARTNER_NAME
    )
    days.on(days.day(-100))
    bumn = partner_create(
        provenance=by(province),
        name="PT Agro Siger Nusantara (Persero)",
        kind=PartnerKind.BUMN,
        address="Jl. Teuku Umar No. 300, Kedaton, Bandar Lampung",
        region=Region.objects.get(code=PROVINCE_CODE),
    )
    return {"retail": retail, "bumn": bumn}, member.user


def _post(days: Days, cast: Cast, plan: NeedPlan, partner: Partner, contact: User) -> PartnerNeed:
    days.on(days.day(plan.posted))
    # The buyer's contact posts their own needs; the Dinas posts for the state company.
    actor = contact if plan.partner == "retail" else cast.officers[PROVINCE_CODE]
    return need_post(
        provenance=by(actor),
        partner=partner,
        title=plan.title,
        description=plan.description,
        kbli_prefixes=plan.kbli,
        keywords=plan.keywords,
        volume=plan.volume,
        unit=plan.unit,
        period=plan.period,
        region=Region.objects.get(code=PROVINCE_CODE),
        certifications=list(plan.certifications),
        needed_by=days.day(plan.posted + 180),
    )


def _officer_for(cast: Cast, enterprise: Enterprise) -> User:
    return cast.officers.get(enterprise.regency_code, cast.officers[PROVINCE_CODE])


def _steps(end: str) -> list[str]:
    """The moves after the introduction that end a match where the plan says."""
    if end == S.DECLINED:
        return [S.MEETING, S.DECLINED]
    return ROAD[: ROAD.index(end) + 1] if end in ROAD else []


def _follow(days: Days, cast: Cast, plan: NeedPlan, match: Match, end: str, contact: User):
    """The moves of one match after its introduction, as (day offset, action) pairs."""
    rng = days.rng
    officer = _officer_for(cast, match.enterprise)
    # The buyer's contact reports how it goes; the Dinas reports for the state company.
    reporter = contact if plan.partner == "retail" else cast.officers[PROVINCE_CODE]
    offset = plan.posted + 8
    moves: list[tuple[int, Callable[[], Match]]] = []
    for to in _steps(end):
        offset = min(offset + rng.randint(6, 18), -1)
        actor = officer if to in (S.MEETING, S.DELIVERED) else reporter
        value = None
        if to == S.CONTRACT:
            low, high = CONTRACT_RANGE[plan.partner]
            value = rng.randrange(low, high, 500_000)
        moves.append((offset, _move(match, to, actor, value)))
    return moves


def _move(match: Match, to: str, actor: User, value: int | None) -> Callable[[], Match]:
    def run() -> Match:
        return match_advance(
            provenance=by(actor), match=match, to=to, contract_value=value, note=STEP_NOTES[to]
        )

    return run


def _introduce(days: Days, cast: Cast, plan: NeedPlan, need: PartnerNeed, contact: User):
    """Officers introduce the best-ranked IKM (the demo owner's first, when it fits),
    each by the officer of the IKM's own regency. Returns the later moves."""
    ranked = rank_candidates(need=need, user=cast.officers[PROVINCE_CODE], limit=20)
    ranked.sort(key=lambda c: not is_demo_owners(c.enterprise))  # stable: ranks kept
    moves = []
    for candidate, end in zip(ranked, plan.ends, strict=False):
        days.on(days.day(plan.posted + 8))
        match = match_introduce(
            provenance=by(_officer_for(cast, candidate.enterprise)),
            need=need,
            enterprise=candidate.enterprise,
            note="Cocok dengan kebutuhan; pemilik sudah dihubungi dan berminat.",
        )
        moves += _follow(days, cast, plan, match, end, contact)
    return moves


def seed_partnerships_demo(*, seed: int) -> PartnershipsResult:
    cast = load_cast()
    days = Days.starting(random.Random(f"{seed}-partnerships"))
    with seeding(days.clock):
        partners, contact = _partners(days, cast)
        moves = []
        for plan in NEEDS:
            need = _post(days, cast, plan, partners[plan.partner], contact)
            moves += _introduce(days, cast, plan, need, contact)
        # Every later move in date order across all matches, so the history reads in order
        # (the sort is stable: one match's moves on the same day keep their order, and
        # each comes a few minutes after the one before).
        last = None
        for offset, action in sorted(moves, key=lambda m: m[0]):
            moment = days.office_hours(days.day(offset))
            if last is not None and moment <= last:
                moment = last + MINUTES
            last = days.at(moment)
            action()
        set_demo_password([contact])
        joined = ChangeRecord.objects.filter(entity="partnerships.partner", action="member_invited")
        first = joined.order_by("created_at").values_list("created_at", flat=True).first()
        if first is not None:
            # `date_joined` takes the real clock's time (see programmes.demo.seed._backdate).
            User.objects.filter(pk=contact.pk).update(date_joined=first)
    return PartnershipsResult(
        partners=Partner.objects.count(),
        needs=PartnerNeed.objects.count(),
        matches=Match.objects.count(),
        contracts=Match.objects.filter(contract_value__isnull=False).count(),
    )
