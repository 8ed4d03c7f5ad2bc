"""The past programme, run from start to end: the province office's halal certification
facilitation. Its call closed about half a year before the seeding day; the demo shows
every step a real one leaves behind: rules and questions, applicants who qualify and who
do not (with the reasons), two curation stages scored by an officer and an invited outside
panelist, selection with a quota and a waitlist, a withdrawal filled from the waitlist,
sessions with attendance, pre/post tests, a participant who dropped out, completion,
certificates issued and follow-up reports (some in, some still due)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from simpul.accounts.models import User
from simpul.regions.models import Region
from simpul.registry.demo.lampung import PROVINCE_CODE
from simpul.registry.models import Enterprise

from ..choices import ApplicationStatus, OutcomeKind, ProgrammeKind, QuestionKind, RuleKind
from ..models import Application, Programme
from ..services import curation, delivery, outcomes, programmes, setup_rules, setup_stages
from ..services.applications import application_nominate, application_submit, application_withdraw
from .common import (
    PANELIST_EMAIL,
    PANELIST_NAME,
    Cast,
    Days,
    add_questions,
    by,
    is_demo_owners,
    local_day,
    monthly_sales,
    owner_account,
    verified_before,
    workforce,
)
from .scoring import draw_quality, review_stage

S = ApplicationStatus
FOOD = ("10", "11")
QUOTA = 20
WAITLIST = 4
FOOD_APPLICANTS = 40  # verified food IKM who apply or are nominated
NON_FOOD_APPLICANTS = 3  # verified, but not food: refused by the KBLI rule
UNVERIFIED_APPLICANTS = 2  # registration still with the Dinas: refused by the verified rule
NO_PIRT_SHARE = 0.12  # answer "no" to the PIRT question: refused by the answer rule
SELF_SHARE = 0.6  # of the food applicants, those who apply themselves (the rest nominated)

# Days from the seeding day.
OPENS, CLOSES = -200, -175
START = CLOSES + 30  # first session; the programme runs a month
END = START + 29
SESSIONS = (
    (0, "Bimtek Sistem Jaminan Produk Halal (hari 1)", "Aula Dinas Perindustrian Provinsi"),
    (1, "Bimtek SJPH (hari 2): menyusun manual SJPH", "Aula Dinas Perindustrian Provinsi"),
    (14, "Pendampingan dokumen dan pendaftaran SIHALAL", "Ruang rapat Dinas, Bandar Lampung"),
    (29, "Evaluasi dan persiapan audit LPH", "Aula Dinas Perindustrian Provinsi"),
)
FOLLOW_UP_NOTES = (
    "Produk berlabel halal sudah masuk dua toko oleh-oleh baru.",
    "Mulai menerima pesanan reseller dari luar kota.",
    "Penjualan naik setelah label halal dicetak pada kemasan.",
    "Menambah satu pekerja bagian pengemasan.",
    "",
)


@dataclass
class HalalResult:
    programme: Programme
    panelist: User
    applications: int = 0
    completed: int = 0
    outcomes: int = 0
    follow_ups_done: int = 0


def _setup(days: Days, cast: Cast, quota: int) -> tuple[Programme, dict[str, int], User]:
    actor = by(cast.officers[PROVINCE_CODE])
    opens, closes = days.day(OPENS), days.day(CLOSES)
    days.on(days.day(OPENS - 21))
    year = days.day(START).year
    programme = programmes.programme_create(
        provenance=actor,
        office=cast.province,
        data={
            "title": f"Fasilitasi Sertifikasi Halal IKM Pangan {year}",
            "kind": ProgrammeKind.CERT_HALAL,
            "region": Region.objects.get(code=PROVINCE_CODE),
            "description": (
                "Fasilitasi sertifikasi halal skema reguler bagi IKM makanan dan minuman di "
                "Provinsi Lampung. Peserta mengikuti bimbingan teknis Sistem Jaminan Produk "
                "Halal (SJPH), didampingi menyusun dokumen dan mendaftar di SIHALAL; biaya "
                "pemeriksaan LPH dan penerbitan sertifikat oleh BPJPH ditanggung APBD "
                "Provinsi Lampung."
            ),
            "apply_opens": opens,
            "apply_closes": closes,
            "period_start": days.day(START),
            "period_end": days.day(END),
            "quota": quota,
            "budget": quota * 4_800_000,
        },
    )
    questions = add_questions(
        actor,
        programme,
        {
            "pirt": {
                "text": "Apakah produk sudah memiliki izin edar PIRT atau BPOM?",
                "kind": QuestionKind.YES_NO,
            },
            "material": {
                "text": "Sebutkan bahan baku utama dan dari mana dibeli",
                "kind": QuestionKind.TEXT,
            },
            "commit": {
                "text": "Bersedia mengikuti bimtek dan pendampingan sampai sertifikat terbit?",
                "kind": QuestionKind.YES_NO,
            },
        },
    )
    rules = (
        (RuleKind.KBLI_PREFIX, {"prefixes": list(FOOD)}),
        (RuleKind.VERIFIED, {}),
        (RuleKind.NO_DOUBLE_AID, {"years": 2, "kinds": [ProgrammeKind.CERT_HALAL]}),
        (RuleKind.ANSWER, {"question": questions["pirt"], "accepted": ["ya"]}),
    )
    for kind, params in rules:
        setup_rules.rule_add(provenance=actor, programme=programme, kind=kind, params=params)
    panelist = _stages(days, cast, programme)
    days.on(days.day(OPENS - 14))
    programme = programmes.programme_publish(provenance=actor, programme=programme)
    return programme, questions, panelist


def _stages(days: Days, cast: Cast, programme: Programme) -> User:
    actor = by(cast.officers[PROVINCE_CODE])
    days.on(days.day(OPENS - 20))
    criteria = (
        (
            "Seleksi administrasi dan kesiapan produk",
            (
                ("Kelengkapan izin edar dan dokumen usaha", 3),
                ("Kejelasan bahan baku dan pemasoknya", 4),
                ("Kesiapan fasilitas produksi", 3),
            ),
        ),
        (
            "Wawancara dan kunjungan lapangan",
            (
                ("Kebersihan dan alur produksi", 4),
                ("Komitmen pemilik mengikuti pendampingan", 3),
                ("Potensi pasar produk berlabel halal", 3),
            ),
        ),
    )
    panelist = None
    for name, items in criteria:
        stage = setup_stages.stage_add(provenance=actor, programme=programme, name=name)
        for label, weight in items:
            setup_stages.criterion_add(provenance=actor, stage=stage, name=label, weight=weight)
        setup_stages.panelist_add(provenance=actor, stage=stage, user=cast.officers[PROVINCE_CODE])
        if panelist is None:
            # An outside panelist (Bank Indonesia's Lampung office) invited by e-mail.
            panelist = setup_stages.panelist_invite(
                provenance=actor, stage=stage, full_name=PANELIST_NAME, email=PANELIST_EMAIL
            )
        else:
            setup_stages.panelist_add(provenance=actor, stage=stage, user=panelist)
    return panelist


@dataclass(frozen=True)
class Applicant:
    enterprise: Enterprise
    account: User | None  # applies themselves; None: nominated by the province officer
    has_pirt: bool
    quality: float


def _applicants(days: Days) -> list[Applicant]:
    rng = days.rng
    cutoff = days.moment(days.day(CLOSES - 1), 0)
    food = verified_before(cutoff, prefixes=FOOD)
    demo = [e for e in food if is_demo_owners(e) and owner_account(e)]
    own = [e for e in food if owner_account(e) and e not in demo]
    others = [e for e in food if not owner_account(e)]
    wanted = min(FOOD_APPLICANTS, len(food)) - len(demo)
    chosen_own = rng.sample(own, min(len(own), round(wanted * SELF_SHARE)))
    chosen_others = rng.sample(others, min(len(others), wanted - len(chosen_own)))
    result = [Applicant(e, owner_account(e), True, 0.93) for e in demo]
    for e in sorted(chosen_own + chosen_others, key=lambda e: e.pk):
        pirt = rng.random() >= NO_PIRT_SHARE
        result.append(Applicant(e, owner_account(e), pirt, draw_quality(rng)))
    non_food = [
        e
        for e in verified_before(cutoff)
        if owner_account(e) and not (e.kbli_id or "").startswith(FOOD)
    ]
    for e in rng.sample(non_food, min(NON_FOOD_APPLICANTS, len(non_food))):
        result.append(Applicant(e, owner_account(e), rng.random() < 0.5, draw_quality(rng)))
    pending = Enterprise.objects.filter(
        province_code=PROVINCE_CODE,
        status__in=["submitted", "needs_revision"],
        kbli__code__startswith="10",
        created_at__lt=cutoff,
    ).select_related("owner__user")
    pending = [e for e in pending.order_by("id") if owner_account(e)]
    for e in rng.sample(pending, min(UNVERIFIED_APPLICANTS, len(pending))):
        result.append(Applicant(e, owner_account(e), True, draw_quality(rng)))
    return result


def _answers(applicant: Applicant, questions: dict[str, int]) -> dict[str, str]:
    products = (applicant.enterprise.products or "produk").lower()
    return {
        str(questions["pirt"]): "ya" if applicant.has_pirt else "tidak",
        str(questions["material"]): (
            f"Bahan baku {products} dibeli dari petani dan pasar setempat; minyak, gula dan "
            "bumbu kemasan sudah berlabel halal."
        ),
        str(questions["commit"]): "ya",
    }


def _apply(days: Days, cast: Cast, programme: Programme, questions, applicants) -> dict[int, float]:
    """Every applicant applies (or is nominated) on a day inside the window, after their
    registration reached the Dinas; in time order. Returns application id → quality."""
    rng = days.rng
    opens, closes = days.day(OPENS), days.day(CLOSES)
    planned = []
    for applicant in applicants:
        e = applicant.enterprise
        first = max(opens, days.ready(e))
        day = first + dt.timedelta(days=rng.randint(0, max((closes - first).days, 0)))
        own = applicant.account is not None
        when = days.any_hour(day) if own else days.office_hours(day)
        planned.append((when, e.pk, applicant))
    planned.sort(key=lambda p: p[:2])
    quality = {}
    nominator = by(cast.officers[PROVINCE_CODE])
    for when, _pk, applicant in planned:
        days.at(when)
        answers = _answers(applicant, questions)
        if applicant.account is not None:
            application = application_submit(
                provenance=by(applicant.account),
                programme=programme,
                enterprise=applicant.enterprise,
                answers=answers,
                today=local_day(when),
            )
        else:
            application = application_nominate(
                provenance=nominator,
                programme=programme,
                enterprise=applicant.enterprise,
                answers=answers,
                note="Usulan Dinas dari daftar IKM binaan; jawaban dari wawancara telepon.",
                today=local_day(when),
            )
        quality[application.pk] = applicant.quality
    return quality


def _curate(days: Days, cast: Cast, programme: Programme, panelist: User, quality) -> None:
    officer = cast.officers[PROVINCE_CODE]
    actor = by(officer)
    first, second = list(programme.stages.order_by("number"))
    days.on(days.day(CLOSES + 3))
    in_first = curation.curation_start(provenance=actor, programme=programme)
    panel = [officer, panelist]
    review_stage(
        days,
        stage=first,
        panel=panel,
        applications=in_first,
        quality=quality,
        first=days.day(CLOSES + 4),
        last=days.day(CLOSES + 9),
    )
    days.on(days.day(CLOSES + 10))
    passing = min(len(in_first), max(programme.quota + WAITLIST + 2, round(len(in_first) * 0.75)))
    advanced = curation.stage_advance(provenance=actor, stage=first, pass_count=passing)
    review_stage(
        days,
        stage=second,
        panel=panel,
        applications=advanced.passed,
        quality=quality,
        first=days.day(CLOSES + 11),
        last=days.day(CLOSES + 17),
    )
    days.on(days.day(CLOSES + 19))
    curation.selection_finalise(provenance=actor, programme=programme, waitlist_size=WAITLIST)


def _withdrawal(days: Days, cast: Cast, programme: Programme) -> None:
    """One selected applicant steps back before the start; the waitlist fills the place."""
    candidates = [
        a
        for a in programme.applications.filter(status=S.SELECTED).select_related("enterprise")
        if not is_demo_owners(a.enterprise)
    ]
    if not candidates:
        return
    leaving = days.rng.choice(candidates)
    days.on(days.day(CLOSES + 20), office=False)
    account = owner_account(leaving.enterprise)
    if account is not None:
        application_withdraw(
            provenance=by(account),
            application=leaving,
            note="Mengundurkan diri: pemilik sedang sakit dan tidak dapat mengikuti bimtek.",
        )
    else:
        delivery.participant_drop(
            provenance=by(cast.officers[PROVINCE_CODE]),
            application=leaving,
            reason="Tidak dapat dihubungi untuk konfirmasi keikutsertaan sampai batas waktu.",
        )


def _deliver(days: Days, cast: Cast, programme: Programme) -> list[Application]:
    rng = days.rng
    actor = by(cast.officers[PROVINCE_CODE])
    days.on(days.day(CLOSES + 21))
    sessions = [
        delivery.session_add(
            provenance=actor,
            programme=programme,
            title=title,
            starts_at=days.moment(days.day(START + offset), 8, 30),
            place=place,
        )
        for offset, title, place in SESSIONS
    ]
    days.at(days.moment(days.day(START), 7, 30))
    participants = delivery.participants_start(provenance=actor, programme=programme)
    days.at(days.moment(days.day(START), 7, 45))
    for waiting in programme.applications.filter(status=S.WAITLISTED).order_by("waitlist_rank"):
        curation.application_decide(
            provenance=actor,
            application=waiting,
            to=S.REJECTED,
            note="Kuota sudah terisi dan program telah dimulai; terima kasih telah mendaftar.",
        )
    dropout = rng.choice([a for a in participants if not is_demo_owners(a.enterprise)])
    for index, session in enumerate(sessions):
        days.at(session.starts_at + dt.timedelta(hours=7))
        attending = programme.applications.filter(status__in=delivery.ATTENDING_STATUSES)
        present = [
            a.pk
            for a in attending
            if (a.pk != dropout.pk or index == 0)
            and (is_demo_owners(a.enterprise) or rng.random() < 0.93)
        ]
        delivery.attendance_set(provenance=actor, session=session, present_ids=present)
        if index == 0:
            for a in attending.order_by("id"):
                pre = rng.randint(35, 70)
                delivery.test_scores_set(
                    provenance=actor, application=a, pre_test=pre, post_test=None
                )
        if index == 2:
            days.at(session.starts_at + dt.timedelta(days=2, hours=1))
            delivery.participant_drop(
                provenance=actor,
                application=dropout,
                reason=(
                    "Tidak mengikuti pendampingan dan tidak melengkapi dokumen SJPH setelah "
                    "dua kali dihubungi."
                ),
            )
    days.at(days.moment(days.day(END), 15, 30))
    finishing = list(programme.applications.filter(status=S.PARTICIPATING).order_by("id"))
    for a in finishing:
        post = min(100, (a.pre_test or 50) + rng.randint(10, 35))
        delivery.test_scores_set(
            provenance=actor, application=a, pre_test=a.pre_test, post_test=post
        )
    days.on(days.day(END + 1))
    return [delivery.participant_complete(provenance=actor, application=a) for a in finishing]


def _certificate_number(rng) -> str:
    """Shaped like a BPJPH number (as the catalogue demo's halal certificates)."""
    serial, month, year = rng.randrange(10**8, 10**9), rng.randrange(1, 12), rng.randrange(24, 27)
    return f"ID18110000{serial}{month:02d}{year}"


def _afterwards(days: Days, cast: Cast, programme: Programme, completed, result: HalalResult):
    """Certificates issued over the following weeks, the programme closed, and the
    3-month follow-up reports that came in (the rest are still due); in time order."""
    rng = days.rng
    officer = cast.officers[PROVINCE_CODE]
    last = days.day(-1)
    events: list[tuple[dt.datetime, int, Callable[[], object]]] = []

    def add(when: dt.datetime, action: Callable[[], object]) -> None:
        events.append((when, len(events), action))

    add(days.office_hours(days.day(END + 10)), lambda: _finish(cast, programme))
    for application in completed:
        demo = is_demo_owners(application.enterprise)
        if demo or rng.random() < 0.85:
            issued = min(days.day(END + rng.randint(20, 80)), days.day(-7))
            recorded = min(issued + dt.timedelta(days=rng.randint(1, 5)), last)
            number = _certificate_number(rng)
            add(
                days.office_hours(recorded),
                _outcome(officer, application, number, issued, result),
            )
        follow_up = application.follow_ups.order_by("months_after").first()
        if follow_up.due_on < days.today and (demo or rng.random() < 0.7):
            day = min(follow_up.due_on + dt.timedelta(days=rng.randint(-6, 14)), last)
            account = owner_account(application.enterprise)
            reporter = account or officer
            when = days.any_hour(day) if account else days.office_hours(day)
            add(when, _report(rng, reporter, follow_up, application, result))
    events.sort(key=lambda e: e[:2])
    for when, _n, action in events:
        days.at(when)
        action()


def _finish(cast: Cast, programme: Programme) -> None:
    programmes.programme_finish(provenance=by(cast.officers[PROVINCE_CODE]), programme=programme)


def _outcome(officer, application, number, issued, result):
    def record() -> None:
        outcomes.outcome_record(
            provenance=by(officer),
            application=application,
            kind=OutcomeKind.CERTIFICATE,
            data={"certificate_number": number, "issued_on": issued},
        )
        result.outcomes += 1

    return record


def _report(rng, reporter, follow_up, application, result):
    sales = monthly_sales(rng, application.enterprise, (1.02, 1.35))
    workers = workforce(application.enterprise) + (1 if rng.random() < 0.25 else 0)
    note = rng.choice(FOLLOW_UP_NOTES)

    def record() -> None:
        outcomes.followup_record(
            provenance=by(reporter),
            follow_up=follow_up,
            monthly_sales=sales,
            workforce=workers,
            note=note,
        )
        result.follow_ups_done += 1

    return record


def seed_halal(days: Days, cast: Cast) -> HalalResult:
    applicants = _applicants(days)
    food = sum(1 for a in applicants if (a.enterprise.kbli_id or "").startswith(FOOD))
    # A small demo registry (the tests') gets a smaller programme.
    quota = QUOTA if food >= FOOD_APPLICANTS else max(4, food // 2)
    programme, questions, panelist = _setup(days, cast, quota)
    quality = _apply(days, cast, programme, questions, applicants)
    _curate(days, cast, programme, panelist, quality)
    _withdrawal(days, cast, programme)
    completed = _deliver(days, cast, programme)
    result = HalalResult(programme, panelist, applications=len(applicants))
    result.completed = len(completed)
    _afterwards(days, cast, programme, completed, result)
    return result
