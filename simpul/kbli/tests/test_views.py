import pytest

from simpul.kbli.loaders import load_builtin_kbli

pytestmark = [pytest.mark.django_db, pytest.mark.urls("simpul.kbli.tests.urls")]


def search(client, q: str) -> str:
    response = client.get("/kbli/cari/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_results_are_radio_items(client):
    load_builtin_kbli()
    html = search(client, "kopi")
    assert (
        '<label><input type="radio" name="kbli" value="10761"> '
        "10761 — Industri pengolahan kopi</label>"
    ) in html


def test_short_query_asks_for_more(client):
    assert "Ketik minimal 2 huruf" in search(client, "k")


def test_no_match(client):
    load_builtin_kbli()
    assert "Tidak ada KBLI yang cocok" in search(client, "zzzz")
