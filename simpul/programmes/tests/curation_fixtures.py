"""Fixtures of the curation tests: a programme with two curation stages, each with its own
weighted criteria and its own panel (an outside panelist on each), and four applicants
taken to ELIGIBLE through the status machine. Imported by the curation test modules."""

from __future__ import annotations

import pytest

from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.programmes.models import Application, Criterion, Stage
from simpul.programmes.services import curation

from .delivery_helpers import applied


def prov(user) -> Provenance:
    return Provenance(actor=user, source=Source.OFFICER)


def fresh(application) -> Application:
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def panelist(make_user):
    """An outside panel member (a bank's analyst): no office."""
    return make_user("panelis.bank@uji.id", role="panelist")


@pytest.fixture
def panelist2(make_user):
    return make_user("panelis.ojk@uji.id", role="panelist")


@pytest.fixture
def final_panelist(make_user):
    return make_user("panelis.kampus@uji.id", role="panelist")


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.1871@uji.id", "analyst", offices["18.71"])


@pytest.fixture
def staged(programme, panelist, panelist2, final_panelist):
    """Stage 1 (two panelists; criteria weight 3/max 10 and weight 1/max 5) and stage 2
    (another panelist; one criterion weight 1/max 100)."""
    one = Stage.objects.create(programme=programme, number=1, name="Seleksi administrasi")
    two = Stage.objects.create(programme=programme, number=2, name="Wawancara")
    one.panelists.add(panelist, panelist2)
    two.panelists.add(final_panelist)
    criteria = {
        "usaha": Criterion.objects.create(stage=one, name="Potensi usaha", weight=3, max_score=10),
        "produk": Criterion.objects.create(
            stage=one, name="Kesiapan produk", weight=1, max_score=5
        ),
        "wawancara": Criterion.objects.create(stage=two, name="Wawancara", weight=1, max_score=100),
    }
    return {"one": one, "two": two, "criteria": criteria, "programme": programme}


@pytest.fixture
def applicants(programme, make_enterprise, officer_prov):
    """Four ELIGIBLE applications, in this application order."""
    names = ["Kopi Ani", "Keripik Budi", "Tapis Citra", "Madu Dedi"]
    return [
        applied(
            programme,
            make_enterprise(name, gender="P" if i % 2 == 0 else "L"),
            "eligible",
            officer_prov,
        )
        for i, name in enumerate(names)
    ]


def score(user, application, stage, values: dict, comment: str = ""):
    """`values` by criterion: {Criterion: value}."""
    return curation.review_submit(
        provenance=prov(user),
        application=fresh(application),
        stage=stage,
        scores={c.pk: v for c, v in values.items()},
        comment=comment,
    )


def score_stage_one(staged, panelist, panelist2, applicants, marks):
    """marks: one (usaha, produk) pair per applicant, given by both panelists."""
    c = staged["criteria"]
    for application, (usaha, produk) in zip(applicants, marks, strict=True):
        for user in (panelist, panelist2):
            score(user, application, staged["one"], {c["usaha"]: usaha, c["produk"]: produk})
