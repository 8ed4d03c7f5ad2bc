"""Indonesian text → the words the search indexes and queries use.

Documents and queries pass through the same steps, so `keripik`, `kripik` and
`keripiknya` meet at one word: lowercase letter runs, spelling variants unified (the KBLI
suggester's table plus the catalogue's own), then a light affix stripper. Both search
backends index these normalised words, never the raw text.

The stemmer prefers precision: suffixes (-nya, -kan, -an) go whenever a root of four
letters is left, but a prefix goes only when what is left is a known root (`ROOTS`), so
`menjahit` → `jahit` and `penenun` → `tenun`, while `pengrajin`, `bersih` or `terasi` stay
as they are. The root list is fixed in code on purpose: a vocabulary that grew with the
index would stem the same word differently before and after a product was added, and
stored documents would stop meeting their queries."""

from __future__ import annotations

import re
from functools import lru_cache

from simpul.kbli.suggest import PROTECTED, SPELLING, wordset

# The product document is "<name words> | <other words>"; the backends weigh the part
# before the separator (the product's name) higher. Words never contain "|".
NAME_SEPARATOR = "|"
TOKEN_RE = re.compile(r"[a-z]+")
MIN_ROOT = 4  # a suffix goes only when at least this much is left

# Variants buyers type for the same product, on top of the KBLI suggester's table.
SEARCH_SPELLING = {
    **SPELLING,
    "snack": "snack",  # the KBLI table widens it to "makanan"
    "kripick": "keripik", "keripick": "keripik", "kripk": "keripik",
    "krupuk": "kerupuk", "kropok": "kerupuk",
    "sambel": "sambal", "sambalnya": "sambal", "cabai": "cabe", "cabay": "cabe",
    "chili": "cabe", "chilli": "cabe",
    "kofi": "kopi", "koppi": "kopi", "robus": "robusta", "arabika": "arabica",
    "chocolate": "coklat", "choco": "coklat", "coklate": "coklat",
    "banana": "pisang", "cassava": "singkong", "honey": "madu", "pepper": "lada",
    "merica": "lada", "sahang": "lada", "palm": "aren", "enau": "aren",
    "batic": "batik", "bamboo": "bambu", "rattan": "rotan", "teak": "jati",
    "furnitur": "mebel", "furniture": "mebel", "meuble": "mebel",
    "gurami": "gurame", "kemplank": "kemplang", "sulamm": "sulam", "tappis": "tapis",
    "bordiran": "bordir", "embroidery": "bordir", "songkit": "songket",
    "soap": "sabun", "bag": "tas", "kaus": "kaos", "tshirt": "kaos",
    "handmade": "kerajinan", "craft": "kerajinan", "souvenir": "suvenir",
    "cindera": "cendera", "cinderamata": "cenderamata",
}  # fmt: skip

# Roots a prefix may be taken off for (see the module docstring).
ROOTS = wordset(
    """jahit potong tenun anyam sulam ukir olah goreng giling kering bordir rajut cetak
    tempa kemas buat jual pakai hias tanam panggang rebus kukus asap asin manis pedas
    gurih renyah lapis bakar tumbuk seduh racik campur isi warna lukis pahat sablon
    tulis cap celup rakit awet sangrai saring ikat bungkus rendam fermentasi peras
    ternak tangkap petik olah pilih rajang iris parut tenun cukur kupas ukur"""
)
# Words that only look affixed: never stripped.
KEEP = PROTECTED | wordset(
    """durian kuningan bawang lapangan lautan taman bulan jalan sedan bangunan perak
    pepaya pedang pelangi pemalang mesuji pesawaran pesisir pringsewu tanggamus
    teluk terasi tepung tembakau tembaga terong telur tenggiri selatan pandan"""
)
NASAL_PREFIXES = (  # prefix, ways to restore the dropped first letter of the root
    ("meng", ("", "k")), ("peng", ("", "k")), ("meny", ("s",)), ("peny", ("s",)),
    ("mem", ("p", "")), ("pem", ("p", "")), ("men", ("t", "")), ("pen", ("t", "")),
)  # fmt: skip
PLAIN_PREFIXES = ("ber", "per", "ter", "di", "me", "pe", "ke", "se")

# Words a query may carry that say nothing about the product: dropped from queries only
# (documents keep them), so "keripik pisang khas lampung" still needs every real word.
QUERY_STOP_WORDS = wordset(
    """dan yang di dari untuk dengan ke atau asli khas murah jual beli harga grosir
    terbaik enak produk toko online termurah ready stok"""
)


def tokens(text: str) -> list[str]:
    """Lowercase letter runs with spelling variants unified (digits and signs dropped)."""
    found = TOKEN_RE.findall((text or "").lower().replace("-", " "))
    return [SEARCH_SPELLING.get(w, w) for w in found]


@lru_cache(maxsize=100_000)
def normal_word(word: str) -> str:
    word = SEARCH_SPELLING.get(word, word)
    if len(word) < 5:
        return word
    if word in KEEP:
        # "sulaman" is a kept word, but it must still meet "sulam": only the -an goes.
        return word[:-2] if word.endswith("an") and word[:-2] in ROOTS else word
    base = _strip_suffix(word)
    return _strip_prefix(base) or base


def _strip_suffix(word: str) -> str:
    if word.endswith("nya") and len(word) - 3 >= MIN_ROOT:
        word = word[:-3]
    for suffix in ("kan", "an"):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ROOT:
            return word[: -len(suffix)]
    return word


def _strip_prefix(base: str) -> str:
    if base in ROOTS:
        return base
    for prefix, restores in NASAL_PREFIXES:
        if base.startswith(prefix):
            rest = base[len(prefix) :]
            found = next((r + rest for r in restores if r + rest in ROOTS), "")
            if found:
                return found
    for prefix in PLAIN_PREFIXES:
        if base.startswith(prefix) and base[len(prefix) :] in ROOTS:
            return base[len(prefix) :]
    return ""


def normal_words(text: str) -> list[str]:
    return [normal_word(w) for w in tokens(text) if len(w) > 1]


def query_words(text: str) -> list[str]:
    """The distinct normalised words of a query, in order, without query stop words."""
    found = [w for w in normal_words(text) if w not in QUERY_STOP_WORDS]
    return list(dict.fromkeys(found))


def normal_text(*parts: str) -> str:
    return " ".join(w for part in parts if part for w in normal_words(part))


def document_text(name: str, *others: str) -> str:
    """The search document of a product: its name's words, the separator, the rest."""
    return f"{normal_text(name)} {NAME_SEPARATOR} {normal_text(*others)}"


def split_document(document: str) -> tuple[str, str]:
    """(name words, other words) of a stored document; an old one without the
    separator is all name."""
    name, _, rest = document.partition(NAME_SEPARATOR)
    return name.strip(), rest.strip()
