"""The catalogue search on the database in use (SQLite FTS5 or PostgreSQL FTS): index
maintenance through the services, the fallbacks, the bounds and the normaliser."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from simpul.catalogue import services
from simpul.catalogue.choices import SearchSort
from simpul.catalogue.search.query import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    CatalogueQuery,
    search_products,
)
from simpul.catalogue.search.text import document_text, normal_word, query_words


def names(text: str, **filters) -> list[str]:
    return [p.name for p in search_products(CatalogueQuery(text=text, **filters)).products]


def make(enterprise, prov, name: str, description: str = "", publish: bool = True, **data):
    item = services.product_create(
        enterprise=enterprise,
        provenance=prov,
        data={"name": name, "description": description, **data},
    )
    if publish:
        item = services.product_publish(product=item, provenance=prov, published=True)
    return item


@pytest.mark.parametrize(
    ("word", "normal"),
    [
        ("keripiknya", "keripik"),
        ("kripik", "keripik"),
        ("menjahit", "jahit"),  # not "tjahit": the root must be a known word
        ("penjahit", "jahit"),
        ("penenun", "tenun"),
        ("anyaman", "anyam"),
        ("sulaman", "sulam"),
        ("memotong", "potong"),
        ("pengolahan", "olah"),
        ("pengrajin", "pengrajin"),  # unknown root: left alone
        ("terasi", "terasi"),  # looks like ter- + asi, is not
        ("bersih", "bersih"),
        ("sambel", "sambal"),
        ("coffee", "kopi"),
        ("durian", "durian"),
    ],
)
def test_normaliser(word, normal):
    assert normal_word(word) == normal


def test_query_words_drop_noise_and_repeats():
    assert query_words("Jual Keripik keripik pisang khas Lampung") == [
        "keripik",
        "pisang",
        "lampung",
    ]


def test_document_puts_the_name_first():
    assert document_text("Kripik Pisang", "Renyah") == "keripik pisang | renyah"


def test_every_filter_with_words_agrees_with_the_columns(
    verified_enterprise, owner_prov, officer_prov, regions, kbli
):
    """On PostgreSQL the filters also travel as tokens in the search vector (migration
    0004): what the words plus a filter find must be exactly what the columns say,
    including at every price band's edges and for a certificate kind with "_"."""
    from simpul.catalogue.models import Product
    from simpul.catalogue.search.query import PRICE_BANDS
    from simpul.registry import services as registry

    sentra = registry.sentra_create(
        provenance=officer_prov, name="Sentra Keripik", commodity="keripik",
        village=regions["18.71.01.1001"],
    )  # fmt: skip
    prices = [None, 0, 24_999, 25_000, 99_999, 100_000, 499_999, 500_000, 9_000_000]
    for index, price in enumerate(prices):
        item = make(verified_enterprise, owner_prov, f"Keripik Nomor {index}", price_min=price)
        kind = ("halal", "bpom_md", "pirt")[index % 3]
        services.certification_add(
            product=item, provenance=owner_prov, kind=kind, number=f"NO-{index}23"
        )
    registry.enterprise_update(
        enterprise=verified_enterprise, provenance=officer_prov, data={"sentra": sentra}
    )
    public = Product.objects.filter(is_public=True)
    cases = [{"price_band": band[0]} for band in PRICE_BANDS]
    cases += [{"certification": k} for k in ("halal", "bpom_md", "pirt", "sni")]
    cases += [{"region": r} for r in ("18", "18.71", "18.04")]
    cases += [{"kbli_division": "10"}, {"kbli_division": "13"}, {"sentra_id": sentra.pk}]
    from simpul.catalogue.search.query import apply_filters

    for filters in cases:
        expected = sorted(p.name for p in apply_filters(public, CatalogueQuery(**filters)))
        found = search_products(CatalogueQuery(text="keripik", page_size=48, **filters))
        assert sorted(p.name for p in found.products) == expected, filters
    assert names("keripik", price_band="0-25000", certification="bpom_md") == ["Keripik Nomor 1"]


@pytest.mark.django_db
def test_products_written_through_services_are_searchable_at_once(
    verified_enterprise, owner_prov, officer_prov
):
    item = make(verified_enterprise, owner_prov, "Keripik Pisang Coklat", "renyah dan manis")
    assert names("kripik pisang") == ["Keripik Pisang Coklat"]

    services.product_update(product=item, provenance=owner_prov, data={"name": "Sale Pisang"})
    assert names("keripik") == []
    assert names("sale pisang") == ["Sale Pisang"]

    services.product_hide(product=item, provenance=officer_prov, reason="Foto tidak sesuai produk")
    assert names("sale") == []
    services.product_unhide(product=item, provenance=officer_prov)
    assert names("sale") == ["Sale Pisang"]

    services.product_publish(product=item, provenance=owner_prov, published=False)
    assert names("sale") == []
    services.product_publish(product=item, provenance=owner_prov, published=True)
    services.product_delete(product=item, provenance=owner_prov)
    assert names("sale") == []


@pytest.mark.django_db
def test_unpublished_and_unverified_products_are_never_found(complete_enterprise, owner_prov):
    make(complete_enterprise, owner_prov, "Kopi Luwak", publish=True)  # enterprise in draft
    make(complete_enterprise, owner_prov, "Kopi Bubuk", publish=False)
    assert names("kopi") == []


@pytest.mark.django_db
def test_enterprise_changes_reach_the_index(verified_enterprise, owner_prov, officer_prov):
    from simpul.registry import services as registry

    make(verified_enterprise, owner_prov, "Gula Aren Cetak")
    registry.enterprise_update(
        enterprise=verified_enterprise, provenance=officer_prov, data={"name": "Sinar Way Kanan"}
    )
    assert names("sinar gula") == ["Gula Aren Cetak"]  # the enterprise's name is indexed


@pytest.mark.django_db
def test_name_matches_rank_first_and_relevance_is_the_default(verified_enterprise, owner_prov):
    make(verified_enterprise, owner_prov, "Sambal Bawang", "sambal rumahan dengan madu hutan")
    make(verified_enterprise, owner_prov, "Madu Hutan Lampung", "madu murni")
    assert names("madu")[0] == "Madu Hutan Lampung"
    newest = names("madu", sort=SearchSort.NEWEST)
    assert newest == ["Madu Hutan Lampung", "Sambal Bawang"]


@pytest.mark.django_db
def test_typos_are_corrected_and_reported(verified_enterprise, owner_prov):
    make(verified_enterprise, owner_prov, "Kopi Robusta Lampung Barat", "biji kopi pilihan")
    results = search_products(CatalogueQuery(text="kopi robsta"))
    assert [p.name for p in results.products] == ["Kopi Robusta Lampung Barat"]
    assert results.corrected_text == "kopi robusta"
    exact = search_products(CatalogueQuery(text="kopi robusta"))
    assert exact.corrected_text == ""


@pytest.mark.django_db
def test_any_word_when_no_product_has_every_word(verified_enterprise, owner_prov):
    make(verified_enterprise, owner_prov, "Songket Lampung", "kain tenun benang emas")
    make(verified_enterprise, owner_prov, "Batik Lampung", "batik tulis")
    results = search_products(CatalogueQuery(text="songket batik"))
    assert sorted(p.name for p in results.products) == ["Batik Lampung", "Songket Lampung"]
    assert results.partial is True
    assert search_products(CatalogueQuery(text="songket")).partial is False


@pytest.mark.django_db
def test_filters_and_facets_apply_to_the_matched_set(verified_enterprise, owner_prov):
    make(verified_enterprise, owner_prov, "Keripik Pisang", price_min=15_000)
    make(verified_enterprise, owner_prov, "Keripik Singkong", price_min=150_000)
    make(verified_enterprise, owner_prov, "Madu Hutan", price_min=150_000)
    results = search_products(CatalogueQuery(text="keripik"))
    assert results.total == 2
    assert {f.value: f.count for f in results.facets["price"]} == {
        "0-25000": 1,
        "100000-500000": 1,
    }
    assert names("keripik", price_band="100000-500000") == ["Keripik Singkong"]
    assert names("keripik", region="18.04") == []
    assert len(names("keripik", region="18.71")) == 2


@pytest.mark.django_db
def test_pages_are_bounded(verified_enterprise, owner_prov):
    for number in range(3):
        make(verified_enterprise, owner_prov, f"Kemplang Ikan {number}")
    results = search_products(CatalogueQuery(text="kemplang", page=10_000, page_size=10_000))
    assert results.query.page == MAX_PAGE
    assert results.query.page_size == MAX_PAGE_SIZE
    assert results.products == [] and results.total == 3 and not results.has_next
    first = search_products(CatalogueQuery(text="kemplang", page=1, page_size=2))
    assert len(first.products) == 2 and first.has_next


@pytest.mark.django_db
def test_reindex_command_rebuilds_the_index(verified_enterprise, owner_prov):
    make(verified_enterprise, owner_prov, "Lada Hitam Bubuk")
    with connection.cursor() as cursor:  # lose the index as a crash or a bulk load would
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM catalogue_product_fts")
        else:
            cursor.execute("DELETE FROM catalogue_search_word")
    out = io.StringIO()
    call_command("catalogue_reindex", "--documents", stdout=out)
    assert "1 produk publik terindeks" in out.getvalue()
    assert names("lada hitam") == ["Lada Hitam Bubuk"]
    assert names("lada hitma") == ["Lada Hitam Bubuk"]  # the vocabulary is back too


@pytest.mark.parametrize(
    "certification, tokens",
    [
        ("halal", ["zzcerthalal"]),
        ("bpom_md", ["zzcertbpommd"]),  # as migration 0004 writes it
        ("palsu", []),  # letters, but no certification kind
        ("HALAL", []),
        ("", []),
    ],
)
def test_facet_token_only_for_a_known_certification_kind(certification, tokens):
    from simpul.catalogue.search.postgres import facet_tokens

    assert facet_tokens(CatalogueQuery(certification=certification)) == tokens
