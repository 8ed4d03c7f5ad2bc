"""Questions and eligibility rules of a programme: params validated per rule kind, stored
in a normal form, shown as sentences, and frozen once the first application is in."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from simpul.core.audit import history_for
from simpul.programmes.models import Application, EligibilityRule
from simpul.programmes.rules_text import rule_sentence
from simpul.programmes.services import setup_rules as services


@pytest.fixture
def draft(make_programme):
    return make_programme(status="draft")


@pytest.fixture
def add(officer_prov, draft):
    def add(kind, params):
        return services.rule_add(provenance=officer_prov, programme=draft, kind=kind, params=params)

    return add


@pytest.fixture
def pirt(officer_prov, draft):
    return services.question_add(
        provenance=officer_prov, programme=draft, text="Sudah punya PIRT?", kind="yes_no"
    )


@pytest.fixture
def packaging(officer_prov, draft):
    return services.question_add(
        provenance=officer_prov,
        programme=draft,
        text="Jenis kemasan",
        kind="choice",
        options=["Plastik", "Kaca", " Kaleng ", "Kaca"],
    )


# --- accepted params and their stored form, with the sentence shown --------------------


@pytest.mark.parametrize(
    ("kind", "params", "stored", "sentence"),
    [
        (
            "size_permenperin",
            {"classes": ["menengah", "kecil"]},
            {"classes": ["kecil", "menengah"]},
            "Kelas usaha menurut Permenperin 64/2016 harus industri kecil atau industri menengah",
        ),
        (
            "size_pp7",
            {"classes": ["mikro"]},
            {"classes": ["mikro"]},
            "Kelas usaha menurut PP 7/2021 harus usaha mikro",
        ),
        (
            "kbli_prefix",
            {"prefixes": ["10", " 11", "10"]},
            {"prefixes": ["10", "11"]},
            "KBLI harus diawali 10 atau 11",
        ),
        (
            "region",
            {"region": "18.71.01"},
            {"region": "18.71.01"},
            "Lokasi usaha harus di Tanjung Karang Pusat",
        ),
        ("verified", {}, {}, "Data IKM harus sudah diverifikasi Dinas"),
        ("nib", {}, {}, "Usaha harus memiliki NIB"),
        ("women_owned", {"x": 1}, {}, "Usaha harus dimiliki perempuan"),
        (
            "capital_max",
            {"max": 500_000_000},
            {"max": 500_000_000},
            "Modal usaha paling banyak Rp500.000.000",
        ),
        (
            "no_double_aid",
            {"years": 3},
            {"years": 3, "kinds": ["cert_halal"]},
            "Belum menerima fasilitasi sertifikasi halal dalam 3 tahun terakhir",
        ),
        (
            "no_double_aid",
            {"years": 2, "kinds": ["machinery", "training"]},
            {"years": 2, "kinds": ["training", "machinery"]},
            "Belum menerima pelatihan / bimtek atau restrukturisasi mesin/peralatan"
            " dalam 2 tahun terakhir",
        ),
    ],
)
def test_valid_params_stored_normalised_with_sentence(add, draft, kind, params, stored, sentence):
    rule = add(kind, params)
    rule.refresh_from_db()
    assert rule.params == stored
    assert rule_sentence(rule) == sentence
    assert history_for(draft).filter(action="rule_added").count() == 1


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("size_permenperin", {"classes": []}),
        ("size_permenperin", {"classes": ["mikro"]}),  # a PP 7 class, not Permenperin
        ("size_pp7", {"classes": "kecil"}),
        ("kbli_prefix", {"prefixes": ["1a"]}),
        ("kbli_prefix", {"prefixes": ["107611"]}),
        ("kbli_prefix", {"prefixes": []}),
        ("region", {"region": "18.04"}),  # outside the programme's region (18.71)
        ("region", {"region": "18"}),  # wider than the programme's region
        ("region", {"region": "99.99"}),
        ("capital_max", {"max": 0}),
        ("capital_max", {"max": "500000000"}),
        ("capital_max", {"max": True}),
        ("no_double_aid", {"years": 0}),
        ("no_double_aid", {"years": 51}),
        ("no_double_aid", {"years": 2, "kinds": ["bantuan"]}),
        ("answer", {"question": 999_999, "accepted": ["ya"]}),
        ("unknown_kind", {}),
    ],
)
def test_invalid_params_refused_and_nothing_stored(add, kind, params):
    with pytest.raises(ValidationError):
        add(kind, params)
    assert not EligibilityRule.objects.exists()


def test_answer_rule_yes_no_is_normalised(add, pirt):
    rule = add("answer", {"question": pirt.pk, "accepted": ["Ya", "iya"]})
    assert rule.params == {"question": pirt.pk, "accepted": ["ya"]}
    assert rule_sentence(rule) == "Jawaban “Sudah punya PIRT?” harus Ya"
    with pytest.raises(ValidationError):
        add("answer", {"question": pirt.pk, "accepted": ["mungkin"]})
    with pytest.raises(ValidationError):
        add("answer", {"question": pirt.pk, "accepted": []})


def test_answer_rule_choice_must_name_options(add, packaging):
    assert packaging.options == ["Plastik", "Kaca", "Kaleng"]
    rule = add("answer", {"question": packaging.pk, "accepted": ["kaca", "KALENG"]})
    assert rule.params["accepted"] == ["Kaca", "Kaleng"]
    assert rule_sentence(rule) == "Jawaban “Jenis kemasan” harus Kaca atau Kaleng"
    with pytest.raises(ValidationError):
        add("answer", {"question": packaging.pk, "accepted": ["Kardus"]})


def test_answer_rule_needs_a_question_of_this_programme(add, officer_prov, make_programme):
    other = make_programme(title="Lain")
    foreign = services.question_add(
        provenance=officer_prov, programme=other, text="Omzet?", kind="number"
    )
    with pytest.raises(ValidationError):
        add("answer", {"question": foreign.pk, "accepted": ["1"]})


def test_question_kinds_and_options(officer_prov, draft):
    with pytest.raises(ValidationError):
        services.question_add(
            provenance=officer_prov, programme=draft, text="Pilih", kind="choice", options=["A"]
        )
    with pytest.raises(ValidationError):
        services.question_add(provenance=officer_prov, programme=draft, text=" ", kind="text")
    with pytest.raises(ValidationError):
        services.question_add(provenance=officer_prov, programme=draft, text="X", kind="file")
    q = services.question_add(
        provenance=officer_prov, programme=draft, text="Omzet", kind="number", options=["x"]
    )
    assert q.options == [] and q.position == 1


def test_question_used_by_a_rule_cannot_be_removed_or_broken(officer_prov, add, packaging):
    add("answer", {"question": packaging.pk, "accepted": ["Kaca"]})
    with pytest.raises(ValidationError) as exc:
        services.question_remove(provenance=officer_prov, question=packaging)
    assert "hapus syaratnya dulu" in str(exc.value)
    with pytest.raises(ValidationError):  # "Kaca" would no longer be an option
        services.question_update(
            provenance=officer_prov,
            question=packaging,
            text="Jenis kemasan",
            kind="choice",
            options=["Plastik", "Kaleng"],
        )
    packaging.refresh_from_db()
    assert packaging.options == ["Plastik", "Kaca", "Kaleng"]


def test_rules_and_questions_frozen_after_the_first_application(
    officer_prov, add, draft, pirt, make_enterprise
):
    rule = add("verified", {})
    Application.objects.create(programme=draft, enterprise=make_enterprise("Kopi Satu"))
    attempts = [
        lambda: add("nib", {}),
        lambda: services.rule_remove(provenance=officer_prov, rule=rule),
        lambda: services.question_add(
            provenance=officer_prov, programme=draft, text="Baru?", kind="yes_no"
        ),
        lambda: services.question_update(
            provenance=officer_prov, question=pirt, text="Ganti?", kind="yes_no"
        ),
        lambda: services.question_remove(provenance=officer_prov, question=pirt),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert "sudah memiliki pendaftar" in str(exc.value)
    assert list(draft.rules.values_list("kind", flat=True)) == ["verified"]
    pirt.refresh_from_db()
    assert pirt.text == "Sudah punya PIRT?" and draft.questions.count() == 1


def test_other_regency_officer_cannot_add_rules(other_officer, draft):
    from simpul.core.audit import Provenance

    with pytest.raises(PermissionDenied):
        services.rule_add(
            provenance=Provenance(actor=other_officer), programme=draft, kind="nib", params={}
        )


def test_rule_remove_is_audited(officer_prov, add, draft):
    rule = add("nib", {})
    services.rule_remove(provenance=officer_prov, rule=rule)
    assert not draft.rules.exists()
    record = history_for(draft).get(action="rule_removed")
    assert record.changes["rule"][0]["kind"] == "nib"


# --- through the page ----------------------------------------------------------------


def test_rule_form_per_kind_and_sentence_on_page(client, officer, draft):
    client.force_login(officer)
    url = reverse("programme_admin:rule_add", args=[draft.public_key])
    assert client.post(url, {"kind": "kbli_prefix", "prefixes": "10, 11"}).status_code == 302
    assert (
        client.post(url, {"kind": "capital_max", "capital_max": "Rp 500 juta"}).status_code == 302
    )
    bad = client.post(url, {"kind": "kbli_prefix", "prefixes": "1a"})
    assert bad.status_code == 400 and "Awalan KBLI hanya berisi" in bad.content.decode()
    page = client.get(reverse("programme_admin:detail", args=[draft.public_key])).content.decode()
    assert "KBLI harus diawali 10 atau 11" in page
    assert "Modal usaha paling banyak Rp500.000.000" in page


def test_question_pages(client, officer, draft):
    client.force_login(officer)
    key = draft.public_key
    client.post(
        reverse("programme_admin:question_add", args=[key]),
        {"text": "Jenis kemasan", "kind": "choice", "options": "Plastik\nKaca", "required": "on"},
    )
    q = draft.questions.get()
    assert q.options == ["Plastik", "Kaca"] and q.required
    edit = reverse("programme_admin:question_edit", args=[key, q.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"text": "Kemasan utama", "kind": "choice", "options": "Plastik\nKaca"})
    q.refresh_from_db()
    assert (q.text, q.required) == ("Kemasan utama", False)
    client.post(reverse("programme_admin:question_remove", args=[key, q.pk]))
    assert not draft.questions.exists()


def test_question_of_another_programme_is_404(client, officer, draft, make_programme, officer_prov):
    other = make_programme(title="Lain")
    q = services.question_add(provenance=officer_prov, programme=other, text="X?", kind="text")
    client.force_login(officer)
    url = reverse("programme_admin:question_remove", args=[draft.public_key, q.pk])
    assert client.post(url).status_code == 404
    assert other.questions.exists()
