import pytest

from simpul.core import pagination
from simpul.core.pagination import paginate_keyset
from simpul.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinces():
    # Duplicate names on purpose: the key must stay total with (name, code).
    names = ["Bali", "Aceh", "Bali", "Jambi", "Aceh", "Riau", "Papua"]
    for i, name in enumerate(names):
        Region.objects.create(code=f"{10 + i}", name=name, level=1)
    return Region.objects.all()


def _walk(qs, ordering, per_page):
    seen, cursor, pages = [], None, []
    while True:
        page = paginate_keyset(qs, ordering=ordering, cursor=cursor, per_page=per_page)
        pages.append(page)
        seen += [r.code for r in page.items]
        if not page.next_cursor:
            return seen, pages
        cursor = page.next_cursor


@pytest.mark.parametrize("ordering", [["code"], ["-code"], ["name", "code"], ["-name", "-code"]])
def test_forward_walk_visits_every_row_once_in_order(provinces, ordering):
    seen, pages = _walk(provinces, ordering, per_page=3)
    expected = [r.code for r in provinces.order_by(*ordering)]
    assert seen == expected
    assert [len(p.items) for p in pages] == [3, 3, 1]
    assert pages[0].prev_cursor is None and pages[1].prev_cursor


def test_backward_cursor_returns_previous_page(provinces):
    ordering = ["name", "code"]
    first = paginate_keyset(provinces, ordering=ordering, cursor=None, per_page=3)
    second = paginate_keyset(provinces, ordering=ordering, cursor=first.next_cursor, per_page=3)
    back = paginate_keyset(provinces, ordering=ordering, cursor=second.prev_cursor, per_page=3)
    assert [r.code for r in back.items] == [r.code for r in first.items]
    assert back.prev_cursor is None and back.next_cursor


def test_bad_cursor_falls_back_to_first_page(provinces):
    page = paginate_keyset(provinces, ordering=["code"], cursor="bukan-kursor", per_page=2)
    assert [r.code for r in page.items] == ["10", "11"]


def test_count_is_bounded(provinces, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 5)
    page = paginate_keyset(provinces, ordering=["code"], cursor=None, per_page=2)
    assert page.count == 5 and page.count_is_exact is False
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 50)
    page = paginate_keyset(provinces, ordering=["code"], cursor=None, per_page=2)
    assert page.count == 7 and page.count_is_exact is True


@pytest.mark.parametrize("values", [["n"], ["n", "10", "11"], ["n", None], ["p", {"x": 1}]])
def test_tampered_cursor_gives_the_first_page(provinces, values):
    cursor = pagination._encode(values)
    page = paginate_keyset(provinces, ordering=["code"], cursor=cursor, per_page=2)
    assert [r.code for r in page.items] == ["10", "11"]


def test_tampered_cursor_on_a_date_column_gives_the_first_page(complete_enterprise):
    from simpul.registry.models import Enterprise

    cursor = pagination._encode(["n", "bukan-tanggal", 1])
    page = paginate_keyset(
        Enterprise.objects.all(), ordering=["submitted_at", "id"], cursor=cursor, per_page=2
    )
    assert page.items == [complete_enterprise]
