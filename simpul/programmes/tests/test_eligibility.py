"""The eligibility engine: each rule kind met and not met, with the sentence the applicant
and the officer read; double aid; broken rules fail with a reason instead of crashing."""

from __future__ import annotations

import datetime as dt

import pytest

from simpul.kbli.models import Kbli
from simpul.programmes.eligibility import evaluate, is_eligible, summary
from simpul.programmes.models import Application, EligibilityRule, Question

TODAY = dt.date.today()


@pytest.fixture
def enterprise(make_enterprise):
    """Verified, in Gotong Royong (Kota Bandar Lampung), KBLI 10761, 5 workers, capital
    Rp80 juta (industri kecil / usaha mikro), owned by a man."""
    return make_enterprise("Kopi Tapis")


def result(programme, enterprise, kind, params, answers=None):
    """The result of one rule of `kind` added to `programme`."""
    EligibilityRule.objects.create(programme=programme, kind=kind, params=params)
    (only,) = evaluate(programme=programme, enterprise=enterprise, answers=answers, today=TODAY)
    return only


def test_size_class_permenperin(programme, make_programme, enterprise):
    assert enterprise.size_class_permenperin == "kecil"
    ok = result(programme, enterprise, "size_permenperin", {"classes": ["kecil"]})
    assert (ok.ok, ok.message) == (True, "Memenuhi: industri kecil (Permenperin 64/2016)")
    bad = result(
        make_programme(), enterprise, "size_permenperin", {"classes": ["menengah", "besar"]}
    )
    assert not bad.ok
    assert bad.message == (
        "Tidak memenuhi: kelas usaha (Permenperin 64/2016) harus industri menengah atau "
        "industri besar (kelas usaha: industri kecil)"
    )


def test_size_class_pp7(programme, make_programme, enterprise):
    assert enterprise.size_class_pp7 == "mikro"
    ok = result(programme, enterprise, "size_pp7", {"classes": ["mikro", "kecil"]})
    assert (ok.ok, ok.message) == (True, "Memenuhi: usaha mikro (PP 7/2021)")
    bad = result(make_programme(), enterprise, "size_pp7", {"classes": ["kecil"]})
    assert (bad.ok, bad.message) == (
        False,
        "Tidak memenuhi: kelas usaha (PP 7/2021) harus usaha kecil (kelas usaha: usaha mikro)",
    )


def test_kbli_prefix_reads_the_main_kbli_only(programme, make_programme, make_enterprise, kbli):
    ok = result(programme, make_enterprise("Kopi"), "kbli_prefix", {"prefixes": ["10", "11"]})
    assert (ok.ok, ok.message) == (True, "Memenuhi: KBLI 10761 diawali 10")
    weaving = Kbli.objects.create(code="13121", level="kelompok", kategori="C", title="Tenun")
    textile = make_enterprise("Tenun Tapis", kbli=weaving)
    textile.other_kbli.add(kbli)  # a side line in coffee does not make it a food business
    bad = result(make_programme(), textile, "kbli_prefix", {"prefixes": ["10", "11"]})
    assert not bad.ok
    assert bad.message == (
        "Tidak memenuhi: KBLI utama harus diawali 10 atau 11 (KBLI utama usaha: 13121); "
        "KBLI lain (10761) tidak dihitung"
    )


def test_region(programme, make_programme, make_enterprise):
    ok = result(programme, make_enterprise("Kota"), "region", {"region": "18.71"})
    assert (ok.ok, ok.message) == (True, "Memenuhi: lokasi usaha di Kota Bandar Lampung")
    barat = make_enterprise("Barat", village="18.04.01.2001")
    bad = result(make_programme(), barat, "region", {"region": "18.71"})
    assert (bad.ok, bad.message) == (
        False,
        "Tidak memenuhi: lokasi usaha harus di Kota Bandar Lampung "
        "(lokasi usaha: Kabupaten Lampung Barat)",
    )
    # A prefix of the code, not of the text: 18.7 is not a region and 18.710 is not inside.
    assert not result(make_programme(), barat, "region", {"region": "18.0"}).ok


def test_verified(programme, make_programme, make_enterprise):
    ok = result(programme, make_enterprise("Sudah"), "verified", {})
    assert (ok.ok, ok.message) == (True, "Memenuhi: data IKM sudah diverifikasi Dinas")
    bad = result(make_programme(), make_enterprise("Belum", verified=False), "verified", {})
    assert (bad.ok, bad.message) == (
        False,
        "Tidak memenuhi: data IKM harus sudah diverifikasi Dinas (status sekarang: Draf)",
    )


def test_nib(programme, make_programme, make_enterprise):
    ok = result(programme, make_enterprise("Ber NIB", nib="9120001234567"), "nib", {})
    assert (ok.ok, ok.message) == (True, "Memenuhi: NIB 9120001234567 tercatat")
    bad = result(make_programme(), make_enterprise("Tanpa NIB"), "nib", {})
    assert (bad.ok, bad.message) == (
        False,
        "Tidak memenuhi: usaha harus memiliki NIB (13 angka); NIB belum diisi",
    )


def test_capital_max_in_rupiah(programme, make_programme, make_enterprise, enterprise):
    ok = result(programme, enterprise, "capital_max", {"max": 100_000_000})
    assert ok.message == "Memenuhi: modal usaha Rp80.000.000, tidak lebih dari Rp100.000.000"
    bad = result(make_programme(), enterprise, "capital_max", {"max": 50_000_000})
    assert (bad.ok, bad.message) == (
        False,
        "Tidak memenuhi: modal usaha paling banyak Rp50.000.000 (modal usaha: Rp80.000.000)",
    )
    # Exactly the limit is within it; an empty capital is unknown, so not shown to fit.
    assert result(make_programme(), enterprise, "capital_max", {"max": 80_000_000}).ok
    unknown = make_enterprise("Tanpa Modal", business_capital=0)
    empty = result(make_programme(), unknown, "capital_max", {"max": 50_000_000})
    assert (
        empty.message
        == "Tidak memenuhi: modal usaha paling banyak Rp50.000.000; modal usaha belum diisi"
    )


def test_women_owned(programme, make_programme, make_enterprise):
    ok = result(programme, make_enterprise("Ibu", gender="P"), "women_owned", {})
    assert (ok.ok, ok.message) == (True, "Memenuhi: pemilik usaha perempuan")
    bad = result(make_programme(), make_enterprise("Bapak", gender="L"), "women_owned", {})
    assert (bad.ok, bad.message) == (
        False,
        "Tidak memenuhi: pemilik usaha harus perempuan (jenis kelamin pemilik: laki-laki)",
    )


@pytest.fixture
def halal_two_years_ago(make_programme):
    ended = TODAY - dt.timedelta(days=730)
    return make_programme(
        title="Halal Lampung Lama",
        apply_opens=ended - dt.timedelta(days=90),
        apply_closes=ended - dt.timedelta(days=60),
        period_end=ended,
        status="finished",
    )


def test_no_double_aid(programme, make_programme, enterprise, halal_two_years_ago):
    Application.objects.create(
        programme=halal_two_years_ago, enterprise=enterprise, status="completed"
    )
    rule = {"years": 3, "kinds": ["cert_halal"]}
    bad = result(programme, enterprise, "no_double_aid", rule)
    year = halal_two_years_ago.period_end.year
    assert not bad.ok
    assert bad.message == (
        f"Tidak memenuhi: sudah menerima “Halal Lampung Lama” ({year}) dalam 3 tahun terakhir; "
        "fasilitasi sertifikasi halal hanya sekali dalam 3 tahun"
    )
    ok = result(
        make_programme(), enterprise, "no_double_aid", {"years": 1, "kinds": ["cert_halal"]}
    )
    assert (ok.ok, ok.message) == (
        True,
        "Memenuhi: belum menerima fasilitasi sertifikasi halal dalam 1 tahun terakhir",
    )
    # Another kind of help does not count against a halal call.
    assert result(
        make_programme(), enterprise, "no_double_aid", {"years": 3, "kinds": ["training"]}
    ).ok


def test_a_dropped_or_rejected_application_is_no_aid_received(
    programme, make_programme, enterprise, halal_two_years_ago
):
    Application.objects.create(
        programme=halal_two_years_ago, enterprise=enterprise, status="dropped"
    )
    rejected_earlier = make_programme(title="Halal Lain", status="finished")
    Application.objects.create(programme=rejected_earlier, enterprise=enterprise, status="rejected")
    assert result(programme, enterprise, "no_double_aid", {"years": 3, "kinds": ["cert_halal"]}).ok


def test_no_double_aid_without_kinds_means_the_same_kind(
    programme, enterprise, halal_two_years_ago
):
    Application.objects.create(
        programme=halal_two_years_ago, enterprise=enterprise, status="participating"
    )
    bad = result(programme, enterprise, "no_double_aid", {"years": 3})
    assert not bad.ok and "Halal Lampung Lama" in bad.message


def test_answer_is_compared_without_case_or_spaces(programme, make_programme, enterprise):
    question = Question.objects.create(
        programme=programme, text="Sudah punya merek dagang?", kind="yes_no"
    )
    rule = {"question": question.pk, "accepted": ["ya"]}
    ok = result(programme, enterprise, "answer", rule, answers={str(question.pk): " YA "})
    assert (ok.ok, ok.message) == (True, "Memenuhi: jawaban “Ya” untuk “Sudah punya merek dagang?”")
    (bad,) = evaluate(
        programme=programme, enterprise=enterprise, answers={str(question.pk): "tidak"}, today=TODAY
    )
    assert (bad.ok, bad.message) == (
        False,
        "Tidak memenuhi: jawaban untuk “Sudah punya merek dagang?” harus Ya (jawaban: Tidak)",
    )
    (missing,) = evaluate(programme=programme, enterprise=enterprise, answers={}, today=TODAY)
    assert missing.message.endswith("(jawaban: belum dijawab)")

    other = make_programme()
    choice = Question.objects.create(
        programme=other, text="Jenis produk", kind="choice", options=["Makanan ringan", "Minuman"]
    )
    rule = {"question": choice.pk, "accepted": ["Makanan ringan"]}
    answers = {str(choice.pk): "  makanan   RINGAN"}
    assert result(other, enterprise, "answer", rule, answers=answers).ok


def test_broken_or_unknown_rules_fail_with_a_reason(programme, make_programme, enterprise):
    unknown = result(programme, enterprise, "astrologi", {})
    assert (unknown.ok, unknown.message) == (
        False,
        "Tidak memenuhi: syarat “astrologi” tidak dikenal",
    )
    broken = result(make_programme(), enterprise, "kbli_prefix", {"prefixes": "10"})
    assert not broken.ok
    assert broken.message.startswith("Tidak memenuhi: syarat “KBLI diawali” tidak dapat diperiksa")
    assert "Hubungi Dinas penyelenggara" in broken.message
    for kind, params in [
        ("size_pp7", {"classes": ["raksasa"]}),
        ("capital_max", {"max": "banyak"}),
        ("capital_max", {"max": True}),
        ("region", {"region": "Lampung"}),
        ("no_double_aid", {"years": 0}),
        ("answer", {"question": 999_999, "accepted": ["ya"]}),
        ("kbli_prefix", []),
    ]:
        outcome = result(make_programme(), enterprise, kind, params)
        assert not outcome.ok and "tidak dapat diperiksa" in outcome.message, (kind, params)


def test_eligible_means_every_rule_met(programme, enterprise):
    assert is_eligible(
        evaluate(programme=programme, enterprise=enterprise, answers={}, today=TODAY)
    )
    EligibilityRule.objects.create(programme=programme, kind="verified", params={})
    EligibilityRule.objects.create(programme=programme, kind="women_owned", params={})
    results = evaluate(programme=programme, enterprise=enterprise, answers={}, today=TODAY)
    assert [r.ok for r in results] == [True, False]
    assert not is_eligible(results)
    assert summary(results).startswith("Tidak memenuhi: pemilik usaha harus perempuan")
