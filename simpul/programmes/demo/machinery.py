"""A programme in curation: the province office's machinery restructuring (reimbursement of
part of a new machine's price). Its call closed two weeks before the seeding day and its
first curation stage is being scored: the officer has scored most applicants, the outside
panelist only some, so the panelist's queue (/kelola/kurasi/panel/) has work waiting."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from simpul.accounts.models import User
from simpul.regions.models import Region
from simpul.registry.demo.lampung import PROVINCE_CODE
from simpul.registry.models import Enterprise

from ..choices import ProgrammeKind, QuestionKind, RuleKind
from ..models import Programme
from ..services import curation, programmes, setup_rules, setup_stages
from ..services.applications import application_nominate, application_submit
from .common import (
    Cast,
    Days,
    add_questions,
    by,
    document,
    is_demo_owners,
    local_day,
    owner_account,
    verified_before,
)
from .scoring import draw_quality, review_stage

FOOD = ("10", "11")
APPLICANTS = 14
NOMINATED = 2
OPENS, CLOSES = -55, -14
START, END = 20, 110
QUOTA = 8
DOCUMENTS = ("Penawaran harga (proforma) mesin/peralatan", "Foto ruang produksi")
MACHINES = (
    ("Mesin spinner peniris minyak kapasitas 10 kg", 8_500_000),
    ("Mesin sangrai kopi (roaster) 5 kg per proses", 65_000_000),
    ("Mesin pengemas vakum (vacuum sealer) meja", 12_000_000),
    ("Mesin perajang singkong/pisang otomatis", 7_500_000),
    ("Oven pengering listrik 12 rak", 24_000_000),
    ("Mesin giling kopi (grinder) industri", 18_000_000),
    ("Continuous band sealer untuk kemasan", 6_500_000),
    ("Mesin penepung (disk mill) 50 kg/jam", 15_000_000),
)
FUNDING = ("Modal sendiri", "Kredit bank (KUR)", "Campuran modal sendiri dan kredit")


@dataclass
class MachineryResult:
    programme: Programme
    applications: int = 0
    in_curation: int = 0
    reviews: int = 0


def _setup(days: Days, cast: Cast, panelist: User) -> tuple[Programme, dict[str, int]]:
    officer = cast.officers[PROVINCE_CODE]
    actor = by(officer)
    days.on(days.day(OPENS - 20))
    programme = programmes.programme_create(
        provenance=actor,
        office=cast.province,
        data={
            "title": f"Restrukturisasi Mesin dan Peralatan IKM Pangan {days.day(OPENS).year}",
            "kind": ProgrammeKind.MACHINERY,
            "region": Region.objects.get(code=PROVINCE_CODE),
            "description": (
                "Penggantian sebagian harga mesin/peralatan produksi baru bagi IKM pangan "
                "kecil dan menengah di Provinsi Lampung: 30% dari harga mesin, paling sedikit "
                "Rp5 juta dan paling banyak Rp100 juta per IKM, dibayar setelah mesin "
                "terpasang dan diverifikasi petugas."
            ),
            "required_documents": list(DOCUMENTS),
            "apply_opens": days.day(OPENS),
            "apply_closes": days.day(CLOSES),
            "period_start": days.day(START),
            "period_end": days.day(END),
            "quota": QUOTA,
            "budget": 400_000_000,
            "reimbursement_percent": 30,
            "reimbursement_min": 5_000_000,
            "reimbursement_max": 100_000_000,
        },
    )
    questions = add_questions(
        actor,
        programme,
        {
            "machine": {
                "text": "Mesin/peralatan yang akan dibeli (jenis, merek, kapasitas)",
                "kind": QuestionKind.TEXT,
            },
            "price": {
                "text": "Perkiraan harga mesin (Rp)",
                "kind": QuestionKind.NUMBER,
            },
            "funding": {
                "text": "Sumber dana pembelian mesin",
                "kind": QuestionKind.CHOICE,
                "options": list(FUNDING),
            },
        },
    )
    rules = (
        (RuleKind.KBLI_PREFIX, {"prefixes": list(FOOD)}),
        (RuleKind.VERIFIED, {}),
        (RuleKind.NIB_PRESENT, {}),
        (RuleKind.SIZE_CLASS_PP7, {"classes": ["mikro", "kecil"]}),
        (RuleKind.NO_DOUBLE_AID, {"years": 3, "kinds": [ProgrammeKind.MACHINERY]}),
    )
    for kind, params in rules:
        setup_rules.rule_add(provenance=actor, programme=programme, kind=kind, params=params)
    stages = (
        (
            "Penilaian proposal dan kelayakan usaha",
            (
                ("Dampak mesin pada kapasitas dan mutu produksi", 4),
                ("Kewajaran harga dan pemasok mesin", 3),
                ("Kemampuan membiayai 70% harga mesin", 3),
            ),
            [officer, panelist],
        ),
        (
            "Verifikasi lapangan",
            (("Kesiapan tempat dan daya listrik", 5), ("Kesesuaian data usaha", 5)),
            [officer, cast.admins[PROVINCE_CODE]],
        ),
    )
    for name, criteria, panel in stages:
        stage = setup_stages.stage_add(provenance=actor, programme=programme, name=name)
        for label, weight in criteria:
            setup_stages.criterion_add(provenance=actor, stage=stage, name=label, weight=weight)
        for user in panel:
            setup_stages.panelist_add(provenance=actor, stage=stage, user=user)
    days.on(days.day(OPENS - 14))
    return programmes.programme_publish(provenance=actor, programme=programme), questions


def _pool(days: Days) -> tuple[list[Enterprise], list[Enterprise]]:
    """(who apply themselves, whom the officer nominates): mostly IKM that meet the
    rules, and a few that do not (no NIB, too large), as in any real call."""
    rng = days.rng
    food = [
        e
        for e in verified_before(days.moment(days.day(CLOSES - 3), 0), prefixes=FOOD)
        if not is_demo_owners(e)
    ]
    fits = [e for e in food if e.nib and e.size_class_pp7 in ("mikro", "kecil")]
    misfits = [e for e in food if e not in fits and owner_account(e)]
    own = [e for e in fits if owner_account(e)]
    others = [e for e in fits if not owner_account(e)]
    chosen = rng.sample(own, min(len(own), APPLICANTS - NOMINATED - 2))
    chosen += rng.sample(misfits, min(len(misfits), 2))
    nominated = rng.sample(others, min(len(others), NOMINATED))
    return sorted(chosen, key=lambda e: e.pk), sorted(nominated, key=lambda e: e.pk)


def _answers(days: Days, questions: dict[str, int]) -> dict[str, str]:
    machine, price = days.rng.choice(MACHINES)
    price = round(price * days.rng.uniform(0.9, 1.2) / 100_000) * 100_000
    return {
        str(questions["machine"]): machine,
        str(questions["price"]): str(price),
        str(questions["funding"]): days.rng.choice(FUNDING),
    }


def _documents(enterprise: Enterprise, answers: dict[str, str], machine_q: int) -> list:
    offer = document(
        "Penawaran Harga",
        [f"Kepada: {enterprise.name}"[:48], answers[str(machine_q)][:48], "Berlaku 30 hari"],
    )
    room = document("Ruang Produksi", [enterprise.name[:48], "Foto tampak depan"], fmt="JPEG")
    return [(DOCUMENTS[0], io.BytesIO(offer)), (DOCUMENTS[1], io.BytesIO(room))]


def seed_machinery(days: Days, cast: Cast, panelist: User) -> MachineryResult:
    rng = days.rng
    own, nominated = _pool(days)
    programme, questions = _setup(days, cast, panelist)
    officer = cast.officers[PROVINCE_CODE]
    opens, closes = days.day(OPENS), days.day(CLOSES)
    planned = []
    for e in own + nominated:
        first = max(opens, days.ready(e))
        day = first + dt.timedelta(days=rng.randint(0, max((closes - first).days, 0)))
        self_applied = e in own
        when = days.any_hour(day) if self_applied else days.office_hours(day)
        planned.append((when, e.pk, e, self_applied))
    planned.sort(key=lambda p: p[:2])
    quality = {}
    for when, _pk, enterprise, self_applied in planned:
        days.at(when)
        answers = _answers(days, questions)
        if self_applied:
            application = application_submit(
                provenance=by(owner_account(enterprise)),
                programme=programme,
                enterprise=enterprise,
                answers=answers,
                documents=_documents(enterprise, answers, questions["machine"]),
                today=local_day(when),
            )
        else:
            application = application_nominate(
                provenance=by(officer),
                programme=programme,
                enterprise=enterprise,
                answers=answers,
                note="Diusulkan Dinas: mesin lama sering rusak saat kunjungan pembinaan.",
                today=local_day(when),
            )
        quality[application.pk] = draw_quality(rng)
    result = MachineryResult(programme, applications=len(planned))
    days.on(days.day(CLOSES + 3))
    in_first = curation.curation_start(provenance=by(officer), programme=programme)
    result.in_curation = len(in_first)
    first_stage = programme.stages.get(number=1)
    # The officer has scored most; the outside panelist about a third (the rest wait in
    # their queue), so advancing the stage is not possible yet without forcing it.
    share = {officer.pk: 0.8, panelist.pk: 0.35}
    result.reviews = review_stage(
        days,
        stage=first_stage,
        panel=[officer, panelist],
        applications=in_first,
        quality=quality,
        first=days.day(CLOSES + 4),
        last=days.day(-1),
        done=lambda user, application: rng.random() < share[user.pk],
    )
    return result
