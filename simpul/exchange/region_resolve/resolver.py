"""RegionResolver: the region names of an imported row → one Kemendagri code inside the
office's jurisdiction, or a precise reason why not, with the nearest candidates."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.regions.models import Region
from simpul.regions.regionfile import level_of, parent_of

from .coordinates import LearnedVillages, read_point
from .index import FUZZY_CUTOFF, FUZZY_TIE, RegionIndex
from .names import DISTRICT, VILLAGE, NameKeys, name_keys, words

MAX_CANDIDATES = 5
# Names this similar are still worth showing as "did you mean" hints on an error.
HINT_CUTOFF = 0.5
LEVEL_NAMES = {
    1: gettext_lazy("Provinsi"),
    2: gettext_lazy("Kabupaten/kota"),
    3: gettext_lazy("Kecamatan"),
    4: gettext_lazy("Desa/kelurahan"),
}
EXACT, FUZZY, COORDINATES = "exact", "fuzzy", "coordinates"


@dataclass
class RegionMatch:
    """`code`/`name` of the deepest region reached (empty on error); `label` names it with
    its parents. `warning` asks for a glance, `error` means the row has no usable region."""

    code: str = ""
    name: str = ""
    label: str = ""
    level_reached: int = 0
    confidence: str = ""
    warning: str = ""
    error: str = ""
    candidates: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def codes(self) -> dict[int, str]:
        """The code at each level down to the one reached, for the denormalised columns."""
        parts = self.code.split(".") if self.code else []
        return {n: ".".join(parts[:n]) for n in range(1, len(parts) + 1)}


@dataclass
class _Step:
    """The outcome of matching the name given for one level."""

    codes: list[str] = field(default_factory=list)
    fuzzy: bool = False
    warning: str = ""
    error: str = ""
    candidates: list[str] = field(default_factory=list)


class RegionResolver:
    """One per import: loads the jurisdiction's regions with one query, then resolves rows
    from memory. `prefix` '' is national, '18' a province, '18.71' a regency."""

    def __init__(self, prefix: str = "", *, learn_coordinates: bool = True) -> None:
        self.prefix = prefix
        self.index = RegionIndex(_jurisdiction_rows(prefix))
        self._outside: RegionIndex | None = None  # loaded on the first name not found
        self._cache: dict[tuple[str, ...], RegionMatch] = {}
        self.learned = LearnedVillages()
        self.learn_coordinates = learn_coordinates

    # --- public --------------------------------------------------------------------

    def resolve(
        self,
        *,
        village: str = "",
        district: str = "",
        regency: str = "",
        province: str = "",
        lat: object = None,
        lng: object = None,
    ) -> RegionMatch:
        texts = tuple(_clean(t) for t in (province, regency, district, village))
        point = read_point(lat, lng)
        if not any(texts):
            return self._from_coordinates(point)
        if texts not in self._cache:
            self._cache[texts] = self._resolve_names(texts)
        match = _copy(self._cache[texts])
        if match.ok and match.level_reached == DISTRICT and point is not None:
            return self._village_from_coordinates(match, point)
        if match.ok and match.level_reached == VILLAGE and point and self.learn_coordinates:
            self.learn(match.code, *point)
        return match

    def learn(self, village_code: str, lat: float, lng: float) -> None:
        """Remember that an enterprise of this village lies at (lat, lng): coordinate-only
        rows of the same import are then placed in the nearest such village."""
        if level_of(village_code) == VILLAGE and village_code in self.index:
            self.learned.add(village_code, float(lat), float(lng))

    # --- names ---------------------------------------------------------------------

    def _resolve_names(self, texts: tuple[str, ...]) -> RegionMatch:
        scope: list[str] | None = None
        warnings: list[str] = []
        fuzzy = False
        for level, text in enumerate(texts, start=1):
            keys = name_keys(level, text)
            if not keys.keys:
                continue
            step = self._match_level(level, text, keys, scope)
            if step.error:
                return RegionMatch(error=step.error, candidates=step.candidates[:MAX_CANDIDATES])
            scope, fuzzy = step.codes, fuzzy or step.fuzzy
            warnings += [step.warning] if step.warning else []
        assert scope is not None  # at least one text had words, or we returned
        return self._finish(scope, texts, warnings, fuzzy)

    def _finish(
        self, codes: list[str], texts: tuple[str, ...], warnings: list[str], fuzzy: bool
    ) -> RegionMatch:
        level = level_of(codes[0])
        if len(codes) > 1:
            return RegionMatch(
                level_reached=0,
                error=_(
                    "%(level)s “%(text)s” ada di %(n)d tempat; isi kolom wilayah di atasnya "
                    "agar jelas yang mana."
                )
                % {"level": LEVEL_NAMES[level], "text": texts[level - 1], "n": len(codes)},
                candidates=[self.index.label(c) for c in codes[:MAX_CANDIDATES]],
            )
        code = codes[0]
        if level < VILLAGE:
            name = self.index.names[code]
            warnings.append(
                _("Desa/kelurahan tidak diisi; wilayah hanya sampai %(level)s %(name)s.")
                % {"level": str(LEVEL_NAMES[level]).lower(), "name": name}
            )
        return RegionMatch(
            code=code,
            name=self.index.names[code],
            label=self.index.label(code),
            level_reached=level,
            confidence=FUZZY if fuzzy else EXACT,
            warning=" ".join(warnings),
        )

    def _match_level(self, level: int, text: str, keys: NameKeys, scope: list[str] | None) -> _Step:
        for folded in (False, True):
            codes = self._lookup(self.index, level, keys, folded, scope)
            if codes:
                return self._found(text, codes, fuzzy=folded)
        higher = self._higher_level(level, text, scope)
        if higher is not None:
            return higher
        step = self._fuzzy(level, text, keys, scope)
        return step if step.codes or step.error else self._not_found(level, text, keys, scope)

    def _lookup(
        self, index: RegionIndex, level: int, keys: NameKeys, folded: bool, scope: list[str] | None
    ) -> list[str]:
        """Codes under `scope` whose name has one of the keys, most specific key first."""
        for key in keys.folded if folded else keys.keys:
            codes = [
                c
                for c in index.lookup(level, key, folded)
                if index.matches_kind(c, keys.kind) and _under(c, scope)
            ]
            if codes:
                return codes
        return []

    def _in_scope(self, codes: list[str], scope: list[str] | None, keys: NameKeys) -> list[str]:
        return [c for c in codes if self.index.matches_kind(c, keys.kind) and _under(c, scope)]

    def _found(self, text: str, codes: list[str], *, fuzzy: bool) -> _Step:
        if not fuzzy:
            return _Step(codes)
        warning = _("“%(text)s” dibaca sebagai %(name)s.") % {
            "text": text,
            "name": self.index.names[codes[0]],
        }
        return _Step(codes, fuzzy=True, warning=warning)

    def _higher_level(self, level: int, text: str, scope: list[str] | None) -> _Step | None:
        """The exact name of a larger region inside the jurisdiction, typed in this level's
        column: lists fill a Kecamatan column with the city ("Surakarta") when they do not
        know the kecamatan. The row then reaches only that region, with a warning."""
        for upper in range(level - 1, 0, -1):
            found = [
                c
                for c in self._lookup(self.index, upper, name_keys(upper, text), False, None)
                if self._inside(c)
            ]
            if len(found) != 1:
                continue
            code = found[0]
            if scope is None or code in scope or _under(code, scope):
                codes = [code]
            elif all(s.startswith(code + ".") for s in scope):
                codes = scope  # a column above already said as much, or more
            else:
                continue
            warning = _("%(level)s “%(text)s” adalah nama %(name)s, bukan nama %(what)s.") % {
                "level": LEVEL_NAMES[level],
                "text": text,
                "name": self.index.names[code],
                "what": str(LEVEL_NAMES[level]).lower(),
            }
            return _Step(codes, warning=warning)
        return None

    def _inside(self, code: str) -> bool:
        return not self.prefix or code == self.prefix or code.startswith(self.prefix + ".")

    def _fuzzy(self, level: int, text: str, keys: NameKeys, scope: list[str] | None) -> _Step:
        key = keys.folded[-1]
        if scope is None:
            pool = self.index.fuzzy_level(level, key)
        else:
            pool = [c for s in scope for c in self.index.descendants(s, level)]
        pool = self._in_scope(pool, scope, keys)
        scored = self.index.fuzzy(key, pool, FUZZY_CUTOFF)
        if not scored:
            return _Step()
        best_score, best = scored[0]
        same = [c for s, c in scored if self.index.key_of[c] == self.index.key_of[best]]
        rivals = [c for s, c in scored if s >= best_score - FUZZY_TIE and c not in same]
        if rivals:
            return _Step(
                error=_("%(level)s “%(text)s” mirip beberapa nama; tulis nama yang tepat.")
                % {"level": LEVEL_NAMES[level], "text": text},
                candidates=[self.index.label(c) for c in same + rivals],
            )
        return self._found(text, same, fuzzy=True)

    def _not_found(self, level: int, text: str, keys: NameKeys, scope: list[str] | None) -> _Step:
        label = LEVEL_NAMES[level]
        if scope is not None:
            elsewhere = self._lookup(self.index, level, keys, True, None)
            if elsewhere:
                within = " / ".join(self.index.names[s] for s in scope[:3])
                return _Step(
                    error=_(
                        "%(level)s “%(text)s” tidak ada di %(within)s, tetapi ada di "
                        "wilayah lain; periksa kolom wilayah di atasnya."
                    )
                    % {"level": label, "text": text, "within": within},
                    candidates=[self.index.label(c) for c in elsewhere],
                )
        outside = self._outside_matches(level, keys)
        if outside:
            return _Step(
                error=_("%(level)s “%(text)s” di luar wilayah kerja kantor Anda: %(where)s.")
                % {"level": label, "text": text, "where": self.outside.label(outside[0])},
                candidates=[self.outside.label(c) for c in outside],
            )
        return _Step(
            error=_("%(level)s “%(text)s” tidak ditemukan di wilayah kerja kantor Anda.")
            % {"level": label, "text": text},
            candidates=self._nearest(level, keys, scope),
        )

    def _nearest(self, level: int, keys: NameKeys, scope: list[str] | None) -> list[str]:
        """The most similar names, however weak, as hints for the officer."""
        key = keys.folded[-1]
        if scope is None:
            pool = self.index.fuzzy_level(level, key, cutoff=HINT_CUTOFF)
        else:
            pool = [c for s in scope for c in self.index.descendants(s, level)]
        best = self.index.fuzzy(key, self._in_scope(pool, None, keys), HINT_CUTOFF)
        return [self.index.label(c) for _score, c in best[:MAX_CANDIDATES]]

    # --- outside the jurisdiction --------------------------------------------------

    @property
    def outside(self) -> RegionIndex:
        if self._outside is None:
            rows = Region.objects.exclude(_inside_q(self.prefix)).values_list("code", "name")
            self._outside = RegionIndex(rows.iterator(chunk_size=5000) if self.prefix else ())
        return self._outside

    def _outside_matches(self, level: int, keys: NameKeys) -> list[str]:
        if not self.prefix:
            return []
        for folded in (False, True):
            codes = self._lookup(self.outside, level, keys, folded, None)
            codes = [c for c in codes if c not in self.index]
            if codes:
                return codes[:MAX_CANDIDATES]
        return []

    # --- coordinates ---------------------------------------------------------------

    def _from_coordinates(self, point: tuple[float, float] | None) -> RegionMatch:
        if point is None:
            return RegionMatch(error=_("Wilayah kosong: isi desa/kelurahan dan kecamatan."))
        near = self.learned.nearest(*point)
        if near is None:
            return RegionMatch(
                error=_(
                    "Lokasi perlu nama desa/kelurahan; koordinat saja belum dapat "
                    "dipetakan ke wilayah."
                )
            )
        return self._coordinate_match(near)

    def _village_from_coordinates(
        self, match: RegionMatch, point: tuple[float, float]
    ) -> RegionMatch:
        near = self.learned.nearest(*point, within=match.code)
        return self._coordinate_match(near) if near else match

    def _coordinate_match(self, near: tuple[str, float, int]) -> RegionMatch:
        code, km, count = near
        warning = _(
            "Desa/kelurahan tidak diisi; dari koordinat dipetakan ke %(name)s, "
            "%(km).1f km dari %(count)d usaha lain di desa itu dalam berkas ini."
        ) % {
            "name": self.index.label(code),
            "km": km,
            "count": count,
        }
        return RegionMatch(
            code=code,
            name=self.index.names[code],
            label=self.index.label(code),
            level_reached=VILLAGE,
            confidence=COORDINATES,
            warning=warning,
        )


def _clean(text: object) -> str:
    """A cell without letters or digits ("-", "…") says nothing about the region."""
    cleaned = " ".join(str(text or "").split())
    return cleaned if words(cleaned) else ""


def _jurisdiction_rows(prefix: str) -> list[tuple[str, str]]:
    """The jurisdiction's regions and its ancestors (so "Jawa Timur" still matches a
    province column in Kota Probolinggo's files)."""
    ancestors = []
    code = prefix or None
    while code:
        ancestors.append(code)
        code = parent_of(code)
    query = _inside_q(prefix) | Q(code__in=ancestors) if prefix else Q()
    return list(Region.objects.filter(query).values_list("code", "name"))


def _inside_q(prefix: str) -> Q:
    return Q(code=prefix) | Q(code__startswith=prefix + ".")


def _under(code: str, scope: list[str] | None) -> bool:
    return scope is None or any(code.startswith(s + ".") for s in scope)


def _copy(match: RegionMatch) -> RegionMatch:
    return dataclasses.replace(match, candidates=list(match.candidates))
