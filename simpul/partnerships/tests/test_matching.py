"""Ranking IKM for a need: who is a candidate (SQL filters), in which order, and why."""

from __future__ import annotations

import datetime as dt

import pytest

from simpul.partnerships.matching import rank_candidates

from .conftest import TODAY, add_product, owner_prov_of, prov

pytestmark = pytest.mark.django_db


def texts(candidate) -> list[str]:
    return [r.text for r in candidate.reasons]


def bad_texts(candidate) -> list[str]:
    return [r.text for r in candidate.reasons if not r.good]


@pytest.fixture
def field(make_enterprise, textile_kbli, coffee_1871, coffee_1804):
    """A small hand-built field around a coffee need for Lampung (partner in 18.71)."""
    expired = make_enterprise("Kopi Kedaluwarsa")
    add_product(expired, "Kopi Bubuk Lama", cert="halal", valid_until=TODAY - dt.timedelta(1))
    return {
        "valid_1871": coffee_1871,  # KBLI, halal valid, same regency, keywords, catalogue
        "valid_1804": coffee_1804,  # KBLI, halal valid, same province only, keywords
        "expired_1871": expired,  # KBLI, halal expired, same regency, keywords
        "chips_1871": make_enterprise("Keripik Ani", products="keripik pisang"),  # KBLI only
        "weaver_1871": make_enterprise("Tenun Siger", kbli=textile_kbli, products="kopi"),
        "unverified": make_enterprise("Kopi Belum", verified=False),
    }


def test_ranking_order_and_reasons(field, need, province_officer):
    ranked = rank_candidates(need=need, user=province_officer)
    names = [c.enterprise.name for c in ranked]
    # Expected order: valid halal + same regency + catalogue product first; valid halal in
    # another regency of the province next; then the expired certificate; then the
    # enterprise that matches only the KBLI. The weaver (KBLI 13) and the unverified
    # enterprise are not candidates at all.
    assert names == ["Kopi Tapis", "Kopi Liwa", "Kopi Kedaluwarsa", "Keripik Ani"]
    first, second, third, fourth = ranked
    assert first.score > second.score > third.score > fourth.score
    assert texts(first) == [
        "KBLI 10761 cocok dengan 10",
        "Sertifikat halal berlaku",
        "Berlokasi di Kota Bandar Lampung",
        "Produk cocok dengan kata kunci: kopi, bubuk",
        "Industri kecil",
        "Kapasitas produksi: 500 kg/bulan",
        "Sudah punya 1 produk di katalog",
    ]
    assert "Berlokasi di Kabupaten Lampung Barat, provinsi yang sama (Lampung)" in texts(second)
    assert bad_texts(third) == ["Sertifikat halal sudah kedaluwarsa"]
    assert bad_texts(fourth) == [
        "Belum punya sertifikat halal",
        "Produk tidak menyebut kata kunci kebutuhan",
    ]


def test_candidates_stay_inside_the_officers_jurisdiction(field, need, officer, other_officer):
    assert {c.enterprise.name for c in rank_candidates(need=need, user=other_officer)} == {
        "Kopi Liwa"
    }
    assert {c.enterprise.name for c in rank_candidates(need=need, user=officer)} == {
        "Kopi Tapis",
        "Kopi Kedaluwarsa",
        "Keripik Ani",
    }


def test_candidates_stay_inside_the_needs_region(
    field, make_need, partner, regions, national_officer, make_enterprise
):
    from simpul.registry import services as registry

    bandung = make_enterprise("Kopi Bandung", village="32.73.01.1001", verified=False)
    registry.enterprise_submit(enterprise=bandung, provenance=owner_prov_of(bandung))
    registry.enterprise_verify(enterprise=bandung, provenance=prov(national_officer))

    only_1871 = make_need(partner, region=regions["18.71"])
    assert {c.enterprise.name for c in rank_candidates(need=only_1871, user=national_officer)} == {
        "Kopi Tapis",
        "Kopi Kedaluwarsa",
        "Keripik Ani",
    }
    anywhere = make_need(partner, region=None, kbli_prefixes="", certifications=[])
    names = {c.enterprise.name for c in rank_candidates(need=anywhere, user=national_officer)}
    assert "Kopi Bandung" in names and "Tenun Siger" in names  # no KBLI condition
    assert "Kopi Belum" not in names


def test_kbli_prefix_matches_other_kbli_too(field, make_need, partner, textile_kbli, officer):
    weaving = make_need(partner, kbli_prefixes="131", keywords="tenun", certifications=[])
    ranked = rank_candidates(need=weaving, user=officer)
    assert [c.enterprise.name for c in ranked] == ["Tenun Siger"]
    assert texts(ranked[0])[0] == "KBLI 13121 cocok dengan 131"


def test_keywords_meet_catalogue_product_names(make_enterprise, make_need, partner, officer):
    plain = make_enterprise("Usaha Sambal", products="makanan olahan")
    add_product(plain, "Sambal Roa Pedas", publish=True)
    hidden_words = make_enterprise("Usaha Lain", products="makanan olahan")
    add_product(hidden_words, "Sambal Ikan", publish=False)  # not public: not counted
    sambal = make_need(partner, keywords="sambal", certifications=[])
    ranked = rank_candidates(need=sambal, user=officer)
    assert [c.enterprise.name for c in ranked] == ["Usaha Sambal", "Usaha Lain"]
    assert "Produk cocok dengan kata kunci: sambal" in texts(ranked[0])


def test_existing_match_is_shown_on_its_candidate(field, need, officer, officer_prov):
    from simpul.partnerships import services

    match = services.match_introduce(
        provenance=officer_prov, need=need, enterprise=field["valid_1871"]
    )
    ranked = {c.enterprise.pk: c for c in rank_candidates(need=need, user=officer)}
    assert ranked[field["valid_1871"].pk].match == match
    assert ranked[field["chips_1871"].pk].match is None


def test_people_outside_the_offices_get_no_candidates(field, need, partner_user):
    assert rank_candidates(need=need, user=partner_user) == []
    owner = field["valid_1871"].owner.user
    assert rank_candidates(need=need, user=owner) == []


def test_ranking_queries_are_bounded(
    field, need, province_officer, make_enterprise, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as captured:
        rank_candidates(need=need, user=province_officer)
    few = len(captured)
    for i in range(4):
        more = make_enterprise(f"Kopi Tambahan {i}")
        add_product(more, f"Kopi Tambahan {i}", cert="halal", publish=True)
    with django_assert_max_num_queries(few):
        assert len(rank_candidates(need=need, user=province_officer)) == 8
