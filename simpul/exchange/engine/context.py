"""What a row parser needs to know about the registry, loaded once per batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from simpul.core.scope import RegionScope
from simpul.exchange.region_resolve import RegionResolver
from simpul.kbli.models import Kbli
from simpul.kbli.suggest import KbliSuggester
from simpul.regions.models import Region
from simpul.registry.choices import LegalForm
from simpul.registry.models import Sentra

from .keys import name_key

# How lists write the legal form → the registry's choice.
LEGAL_FORMS: dict[str, str] = {
    "perorangan": LegalForm.PERORANGAN,
    "perseorangan": LegalForm.PERORANGAN,
    "ud": LegalForm.UD,
    "usaha dagang": LegalForm.UD,
    "cv": LegalForm.CV,
    "pt": LegalForm.PT,
    "perseroan terbatas": LegalForm.PT,
    "pt perorangan": LegalForm.PT_PERORANGAN,
    "pt perseorangan": LegalForm.PT_PERORANGAN,
    "koperasi": LegalForm.KOPERASI,
    "kop": LegalForm.KOPERASI,
    "firma": LegalForm.FIRMA,
    "fa": LegalForm.FIRMA,
}


@dataclass
class ImportContext:
    """`prefix` is the office's jurisdiction ('' national). Everything here is read with a
    handful of queries, so parsing a row touches no database."""

    prefix: str
    resolver: RegionResolver = field(init=False)

    def __post_init__(self) -> None:
        self.resolver = RegionResolver(self.prefix)

    @cached_property
    def kbli_titles(self) -> dict[str, str]:
        rows = Kbli.objects.filter(level=Kbli.Level.KELOMPOK).values_list("code", "title")
        return dict(rows)

    @cached_property
    def suggester(self) -> KbliSuggester:
        return KbliSuggester.from_database()

    @cached_property
    def regency_codes(self) -> frozenset[str]:
        rows = Region.objects.filter(level=Region.Level.REGENCY).values_list("code", flat=True)
        return frozenset(rows)

    @cached_property
    def sentra(self) -> dict[str, int]:
        """Folded sentra name → id, only sentra inside the jurisdiction."""
        found: dict[str, int] = {}
        for pk, name in (
            RegionScope(prefix=self.prefix).apply(Sentra.objects.all()).values_list("id", "name")
        ):
            found.setdefault(name_key(name), pk)
        return found
