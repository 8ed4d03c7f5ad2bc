"""The open call: Kota Bandar Lampung's e-commerce workshop, taking applications on the
seeding day (its window runs from twelve days before to eighteen days after), with custom
questions, required documents, and the first applications, the demo owner's among them."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from simpul.catalogue.demo.photos import product_photo
from simpul.regions.models import Region
from simpul.registry.models import Enterprise

from ..choices import ProgrammeKind, QuestionKind, RuleKind
from ..models import Programme
from ..services import programmes, setup_rules
from ..services.applications import application_submit
from .common import (
    CITY,
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

OPENS, CLOSES = -12, 18
START = CLOSES + 12
APPLICANTS = 9  # verified owners of the city, besides the demo owner
UNVERIFIED = 2
DOCUMENTS = ("NIB atau surat keterangan usaha", "Foto produk")
CHANNELS = (
    "Belum berjualan online",
    "Media sosial (WhatsApp, Instagram, Facebook)",
    "Marketplace (Shopee, Tokopedia, dan lainnya)",
)


@dataclass
class OpenCallResult:
    programme: Programme
    applications: int = 0


def _setup(days: Days, cast: Cast) -> tuple[Programme, dict[str, int]]:
    actor = by(cast.officers[CITY])
    days.on(days.day(OPENS - 10))
    region = Region.objects.get(code=CITY)
    programme = programmes.programme_create(
        provenance=actor,
        office=cast.offices[CITY],
        data={
            "title": (
                f"Bimtek Pemasaran Digital dan E-Commerce IKM {region.name} {days.day(START).year}"
            ),
            "kind": ProgrammeKind.WORKSHOP,
            "region": region,
            "description": (
                "Bimbingan teknis tiga hari untuk pelaku IKM Kota Bandar Lampung: foto produk "
                "dengan ponsel, membuka dan mengelola toko di marketplace, berjualan lewat "
                "WhatsApp Business, dan menghitung ongkos kirim. Peserta membawa ponsel "
                "Android dan contoh produk; konsumsi dan kuota internet disediakan."
            ),
            "required_documents": list(DOCUMENTS),
            "apply_opens": days.day(OPENS),
            "apply_closes": days.day(CLOSES),
            "period_start": days.day(START),
            "period_end": days.day(START + 2),
            "quota": 30,
            "budget": 45_000_000,
        },
    )
    questions = add_questions(
        actor,
        programme,
        {
            "channel": {
                "text": "Di mana usaha Anda sudah berjualan online?",
                "kind": QuestionKind.CHOICE,
                "options": list(CHANNELS),
            },
            "android": {
                "text": "Apakah Anda punya ponsel Android untuk praktik membuka toko online?",
                "kind": QuestionKind.YES_NO,
            },
            "products": {
                "text": "Produk yang ingin dipasarkan secara online",
                "kind": QuestionKind.TEXT,
                "required": False,
            },
        },
    )
    rules = (
        (RuleKind.VERIFIED, {}),
        (RuleKind.REGION, {"region": CITY}),
        (RuleKind.SIZE_CLASS_PP7, {"classes": ["mikro", "kecil"]}),
        (RuleKind.ANSWER, {"question": questions["android"], "accepted": ["ya"]}),
    )
    for kind, params in rules:
        setup_rules.rule_add(provenance=actor, programme=programme, kind=kind, params=params)
    days.on(days.day(OPENS - 7))
    return programmes.programme_publish(provenance=actor, programme=programme), questions


def _applicants(days: Days) -> list[Enterprise]:
    rng = days.rng
    now = days.moment(days.day(-1), 0)
    city = [e for e in verified_before(now) if e.regency_code == CITY and owner_account(e)]
    demo = [e for e in city if is_demo_owners(e)]
    others = [e for e in city if not is_demo_owners(e)]
    chosen = rng.sample(others, min(APPLICANTS, len(others)))
    pending = Enterprise.objects.filter(
        regency_code=CITY, status__in=["submitted", "needs_revision"], created_at__lt=now
    ).select_related("owner__user")
    pending = [e for e in pending.order_by("id") if owner_account(e) and not is_demo_owners(e)]
    chosen += rng.sample(pending, min(UNVERIFIED, len(pending)))
    return demo + sorted(chosen, key=lambda e: e.pk)


def _documents(days: Days, enterprise: Enterprise) -> list:
    nib = enterprise.nib or "(surat keterangan usaha dari kelurahan)"
    letter = document("Nomor Induk Berusaha", [enterprise.name[:48], f"NIB: {nib}"[:48]])
    photo = product_photo(enterprise.products or enterprise.name, "", 0, days.rng)
    return [(DOCUMENTS[0], io.BytesIO(letter)), (DOCUMENTS[1], io.BytesIO(photo))]


def seed_open_call(days: Days, cast: Cast) -> OpenCallResult:
    rng = days.rng
    applicants = _applicants(days)
    programme, questions = _setup(days, cast)
    opens, last = days.day(OPENS), days.day(-1)
    planned = []
    for e in applicants:
        first = max(opens, days.ready(e))
        day = min(first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0))), last)
        planned.append((days.any_hour(day), e.pk, e))
    planned.sort(key=lambda p: p[:2])
    for when, _pk, enterprise in planned:
        days.at(when)
        answers = {
            str(questions["channel"]): rng.choice(CHANNELS),
            str(questions["android"]): "ya" if rng.random() < 0.9 else "tidak",
            str(questions["products"]): enterprise.products,
        }
        if is_demo_owners(enterprise):
            answers[str(questions["channel"])] = CHANNELS[1]
            answers[str(questions["android"])] = "ya"
        application_submit(
            provenance=by(owner_account(enterprise)),
            programme=programme,
            enterprise=enterprise,
            answers=answers,
            documents=_documents(days, enterprise),
            today=local_day(when),
        )
    return OpenCallResult(programme, applications=len(planned))
