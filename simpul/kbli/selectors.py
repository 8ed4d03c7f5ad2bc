"""Reads of the KBLI 2020 tree. KBLI is public reference data, so nothing here is scoped."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from simpul.kbli.models import Kbli

MIN_QUERY_LENGTH = 2
MAX_WORDS = 8


def kbli_get(code: str) -> Kbli | None:
    return Kbli.objects.filter(code=code.strip().upper()).first()


def kbli_search(*, query: str, limit: int = 20) -> list[Kbli]:
    """Digits match a code prefix (kelompok first); words must all occur in the title of a
    kelompok (case-insensitive), manufacturing (kategori C) first, then by code."""
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH:
        return []
    compact = query.replace(".", "").replace(" ", "")
    if compact.isdigit():
        return list(_by_code_prefix(compact)[:limit])
    return list(_by_title_words(query.split()[:MAX_WORDS])[:limit])


def _by_code_prefix(prefix: str) -> QuerySet[Kbli]:
    kelompok_first = Case(
        When(level=Kbli.Level.KELOMPOK, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return Kbli.objects.filter(code__startswith=prefix).order_by(kelompok_first, "code")


def _by_title_words(words: list[str]) -> QuerySet[Kbli]:
    queryset = Kbli.objects.filter(level=Kbli.Level.KELOMPOK)
    for word in words:
        queryset = queryset.filter(title__icontains=word)
    manufacturing_first = Case(
        When(kategori="C", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return queryset.order_by(manufacturing_first, "code")
