"""Comparable keys for Indonesian region names as officers type them.

A name gives up to two keys: the full name and the name without its type word ("Kec.",
"Kabupaten", "Ds."…). Both region names and typed names are keyed the same way, so "Desa
Baru" (a real village called that) and "Ds. Mayangan" both find their region. Keys drop
case, accents, punctuation and spaces ("Tanjung Karang" = "Tanjungkarang") and read roman
numerals as digits ("Jagabaya III" = "Jagabaya 3"). `fold` goes further, for old spelling
and doubled letters; it merges more names, so it is only tried after the plain key."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PROVINCE, REGENCY, DISTRICT, VILLAGE = 1, 2, 3, 4

# Type words that may precede a name, per level; a tuple is a multi-word type.
_TYPE_WORDS: dict[int, tuple[tuple[str, ...], ...]] = {
    PROVINCE: (
        ("provinsi",),
        ("propinsi",),
        ("prov",),
        ("prop",),
        ("daerah", "khusus", "ibukota"),
        ("daerah", "istimewa"),
        ("dki",),
        ("di",),
    ),
    REGENCY: (("kabupaten",), ("kab",), ("kota", "madya"), ("kotamadya",), ("kota",), ("kodya",)),
    DISTRICT: (("kecamatan",), ("kec",), ("kemantren",), ("distrik",)),
    VILLAGE: (("kelurahan",), ("kel",), ("desa",), ("ds",), ("kampung",), ("nagari",)),
}
_KOTA_WORDS = frozenset({"kota", "kotamadya", "madya", "kodya"})
_KABUPATEN_WORDS = frozenset({"kabupaten", "kab"})

# Abbreviated words inside names, written out so "Tg. Karang" meets "Tanjungkarang".
_WORD_ABBREVIATIONS = {
    "tg": "tanjung",
    "tj": "tanjung",
    "tjg": "tanjung",
    "tlk": "teluk",
    "kp": "kampung",
    "kpg": "kampung",
    "sp": "simpang",
    "smp": "simpang",
    "sei": "sungai",
    "bar": "barat",
    "brt": "barat",
    "tim": "timur",
    "tmr": "timur",
    "sel": "selatan",
    "sltn": "selatan",
    "utr": "utara",
    "tgh": "tengah",
    "pl": "pulau",
}

# Everyday short names of provinces → their code.
PROVINCE_ALIASES = {
    "nad": "11", "sumut": "12", "sumbar": "13", "sumsel": "16", "babel": "19",
    "kepri": "21", "jakarta": "31", "jabar": "32", "jateng": "33", "diy": "34",
    "jogja": "34", "yogya": "34", "jatim": "35", "ntb": "52", "ntt": "53",
    "kalbar": "61", "kalteng": "62", "kalsel": "63", "kaltim": "64", "kaltara": "65",
    "sulut": "71", "sulteng": "72", "sulsel": "73", "sultra": "74", "sulbar": "76",
    "malut": "82",
}  # fmt: skip

_ROMAN = re.compile(r"^(x{0,2})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Old (pre-1972 / Van Ophuijsen) spelling → today's: oe→u, tj→c, dj→j, j→y, ch→kh.
_OLD_SPELLING = (("oe", "u"), ("tj", "c"), ("dj", "j"), ("j", "y"), ("ch", "kh"))
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class NameKeys:
    """Keys of one name, most specific first; `kind` is "kota"/"kabupaten" when a
    regency name said which."""

    keys: tuple[str, ...]
    kind: str = ""

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fold(key) for key in self.keys))


def words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode().lower()
    return [w for w in _NOT_WORD.split(ascii_text) if w]


def _roman_to_digits(word: str) -> str:
    match = _ROMAN.fullmatch(word)
    if not word or not match:
        return word
    values = [_ROMAN_VALUES[c] for c in word]
    # Subtractive notation: a smaller numeral before a larger one counts negative.
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    return str(total)


def _join(name_words: list[str]) -> str:
    # The first word is never a numeral ("I Gusti…", "Di…"); later ones may be.
    expanded = [_WORD_ABBREVIATIONS.get(w, w) for w in name_words]
    return "".join(expanded[:1] + [_roman_to_digits(w) for w in expanded[1:]])


def _strip_type(level: int, name_words: list[str]) -> tuple[list[str], set[str]]:
    """Drop leading type words (several: "Kab/Kota", "Kel. Desa"); keep at least one word."""
    removed: set[str] = set()
    changed = True
    while changed:
        changed = False
        for type_words in _TYPE_WORDS[level]:
            n = len(type_words)
            if len(name_words) > n and tuple(name_words[:n]) == type_words:
                removed.update(type_words)
                name_words = name_words[n:]
                changed = True
    return name_words, removed


def name_keys(level: int, text: str) -> NameKeys:
    """The keys of a typed or official name at `level` (1 province … 4 village)."""
    name_words = words(text)
    if not name_words:
        return NameKeys(())
    stripped, removed = _strip_type(level, name_words)
    kind = ""
    if removed & _KOTA_WORDS and not removed & _KABUPATEN_WORDS:
        kind = "kota"
    elif removed & _KABUPATEN_WORDS and not removed & _KOTA_WORDS:
        kind = "kabupaten"
    keys = (_join(name_words), _join(stripped))
    return NameKeys(tuple(dict.fromkeys(keys)), kind)


def fold(key: str) -> str:
    for old, new in _OLD_SPELLING:
        key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key)
