import pytest

from simpul.kbli.loaders import load_builtin_kbli, load_kbli
from simpul.kbli.selectors import kbli_get, kbli_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def builtin():
    load_builtin_kbli()


def codes(query: str, **kwargs) -> list[str]:
    return [k.code for k in kbli_search(query=query, **kwargs)]


def test_words_match_kelompok_titles(builtin):
    assert codes("kopi") == ["10761"]
    assert codes("keripik") == ["10794"]
    assert codes("tahu") == ["10392"]
    assert codes("KERUPUK keripik") == ["10794"]
    assert codes("furnitur rotan") == ["31002"]
    assert codes("kopi batik") == []


def test_digits_match_a_code_prefix_kelompok_first(builtin):
    assert codes("1076") == ["10761", "10762", "10763", "1076"]
    assert codes("10", limit=3) == ["10211", "10212", "10216"]
    assert codes("10.761") == ["10761"]


def test_short_query_gives_nothing(builtin):
    assert codes("k") == []
    assert codes("  ") == []


def test_manufacturing_ranks_first_in_the_full_table(shared_kbli_dir):
    load_kbli(shared_kbli_dir / "kbli2020_flat.csv")
    found = kbli_search(query="kopi", limit=50)
    kategori = [k.kategori for k in found]
    assert found[0].code == "10761"
    assert kategori == sorted(kategori, key=lambda letter: letter != "C")
    assert "C" in kategori and len(set(kategori)) > 1
    assert {k.level for k in found} == {"kelompok"}
    assert "10392" in codes("tahu")


def test_kbli_get(builtin):
    assert kbli_get("10761").title == "Industri pengolahan kopi"
    assert kbli_get(" c ").code == "C"
    assert kbli_get("99999") is None
