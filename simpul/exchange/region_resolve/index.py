"""The region tree of one jurisdiction in memory, indexed by name keys per level.

Built once per import from a single query; every lookup after that is a dictionary hit or
a fuzzy comparison within a small set (the children of an already matched parent)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher, get_close_matches

from django.utils.translation import gettext as _

from simpul.regions.regionfile import level_of, parent_of

from .names import DISTRICT, PROVINCE, PROVINCE_ALIASES, REGENCY, name_keys

# A fuzzy reading needs this similarity (0..1) between keys: "gotongroyog" vs
# "gotongroyong" scores 0.96, one wrong letter in a 6-letter name about 0.83.
FUZZY_CUTOFF = 0.8
# Two fuzzy readings closer than this are a tie: we would be guessing.
FUZZY_TIE = 0.03


def is_kota(code: str) -> bool:
    """Regency codes 71–99 are cities (kota), 01–69 regencies (kabupaten)."""
    return int(code[3:5]) >= 70


class RegionIndex:
    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self.names: dict[str, str] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        # level → key → codes; a code appears under each of its keys.
        self.exact: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.folded: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.key_of: dict[str, str] = {}  # code → folded full key, for fuzzy comparison
        for code, name in rows:
            self._add(code, name)
        for alias, code in PROVINCE_ALIASES.items():
            if code in self.names:
                self.exact[PROVINCE][alias].append(code)

    def _add(self, code: str, name: str) -> None:
        level = level_of(code)
        self.names[code] = name
        parent = parent_of(code)
        if parent is not None:
            self.children[parent].append(code)
        keys = name_keys(level, name)
        for key in keys.keys:
            self.exact[level][key].append(code)
        for key in keys.folded:
            self.folded[level][key].append(code)
        self.key_of[code] = keys.folded[-1] if keys.keys else ""

    def __contains__(self, code: str) -> bool:
        return code in self.names

    def descendants(self, code: str, level: int) -> list[str]:
        found = [code]
        while found and level_of(found[0]) < level:
            found = [child for c in found for child in self.children.get(c, ())]
        return found

    def lookup(self, level: int, key: str, folded: bool) -> list[str]:
        table = self.folded[level] if folded else self.exact[level]
        return table.get(key, [])

    def fuzzy(self, key: str, pool: list[str], cutoff: float = 0.0) -> list[tuple[float, str]]:
        """(similarity, code) of the pool's regions scoring at least `cutoff`, best first;
        difflib's cheap upper bounds skip most names before the full ratio."""
        matcher = SequenceMatcher(b=key, autojunk=False)
        scored = []
        for code in pool:
            matcher.set_seq1(self.key_of[code])
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                scored.append((matcher.ratio(), code))
        return sorted((pair for pair in scored if pair[0] >= cutoff), key=lambda p: (-p[0], p[1]))

    def fuzzy_level(self, level: int, key: str, cutoff: float = FUZZY_CUTOFF) -> list[str]:
        """Codes with the closest names over a whole level (no parent to narrow it)."""
        keys = get_close_matches(key, self.folded[level].keys(), n=8, cutoff=cutoff)
        return [code for k in keys for code in self.folded[level][k]]

    def label(self, code: str) -> str:
        """The name with its two nearest parents and its code, e.g. "Gotong Royong
        (Kecamatan Tanjungkarang Pusat, Kota Bandar Lampung) — 18.71.06.1002"."""
        parents = []
        parent = parent_of(code)
        while parent is not None and len(parents) < 2:
            name = self.names.get(parent, parent)
            is_district = level_of(parent) == DISTRICT
            parents.append(_("Kecamatan %(name)s") % {"name": name} if is_district else name)
            parent = parent_of(parent)
        within = f" ({', '.join(parents)})" if parents else ""
        return f"{self.names[code]}{within} — {code}"

    def matches_kind(self, code: str, kind: str) -> bool:
        if not kind or level_of(code) != REGENCY:
            return True
        return is_kota(code) == (kind == "kota")
