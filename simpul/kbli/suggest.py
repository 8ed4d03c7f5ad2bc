"""Suggest KBLI 2020 kelompok codes from the free text of a product or business.

Used by the bulk import when a row has no KBLI code. A suggestion is only ever a proposal:
the import stores it marked for review by an officer and never treats it as final. A score
below ``SUGGESTION_THRESHOLD`` means "no suggestion" (the caller leaves KBLI empty).

Method: BM25 over Indonesian-normalised tokens of each kelompok's title (weighted up) and
uraian (cut before "tidak mencakup", which lists what does *not* belong there). The text is
lowercased, spelling variants are unified, a small affix stripper reduces words to a root
that both sides share, stop words go, and IKM product words are expanded with the KBLI
words that describe them (``SYNONYMS``). Manufacturing cues ("membuat", "produksi",
"olahan") favour kategori C; trading cues ("menjual", "toko") without them push C down.

The score is the matched share of the query's BM25 weight (0..1), so one threshold works
for short product names and long descriptions alike. Everything runs in memory from the
Kbli table; nothing is downloaded."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.utils.translation import gettext as _

SUGGESTION_THRESHOLD = 0.3
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3.0  # title words say what the kelompok is; uraian words only help
SYNONYM_WEIGHT = 0.8  # a synonym is a guess about the writer's intent
UNKNOWN_IDF_SHARE = 0.5  # a word KBLI never uses still counts against the score, less
C_BOOST = 1.3
C_TRADE_PENALTY = 0.4
C_DEFAULT = 1.1  # an IKM registry: with no cue at all, manufacturing is likelier
MIN_ROOT = 3


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


TOKEN_RE = re.compile(r"[a-z]+")
EXCLUSION_RE = re.compile(r"\b(?:tidak|bukan) (?:mencakup|termasuk)\b")

SPELLING = {
    "kripik": "keripik", "kripek": "keripik", "keripk": "keripik", "krupuk": "kerupuk",
    "kerupu": "kerupuk", "tempeh": "tempe", "kopy": "kopi", "coffee": "kopi",
    "meubel": "mebel", "meubelair": "mebel", "mebeler": "mebel", "furniture": "furnitur",
    "mebelair": "mebel", "roti2": "roti", "kue2": "kue", "cake": "kue",
    "bakery": "roti", "snack": "makanan", "sepatu2": "sepatu", "cokelat": "coklat",
}  # fmt: skip

# IKM product words → the words KBLI uses for them (before stemming).
SYNONYMS = {
    "keripik": ("kerupuk", "keripik", "peyek"),
    "kerupuk": ("kerupuk", "keripik", "peyek"),
    "emping": ("emping", "kerupuk", "keripik"),
    "rengginang": ("kerupuk",), "opak": ("kerupuk",), "rempeyek": ("peyek",),
    "tahu": ("tahu", "kedelai"),
    "tempe": ("tempe", "kedelai"),
    "tapis": ("tenun", "pertenunan", "kain"),
    "songket": ("tenun", "pertenunan", "kain"),
    "ulos": ("tenun", "kain"), "tenun": ("tenun", "pertenunan"),
    "batik": ("batik",),
    "mebel": ("furnitur", "kayu"),
    "jati": ("kayu",), "kursi": ("furnitur",), "lemari": ("furnitur",),
    "rotan": ("rotan", "anyaman"), "bambu": ("bambu", "anyaman"),
    "anyaman": ("anyaman", "anyam"),
    "konveksi": ("pakaian", "jadi", "konveksi"),
    "jahit": ("pakaian", "jadi"), "baju": ("pakaian",), "kaos": ("pakaian", "rajutan"),
    "asin": ("penggaraman", "pengeringan", "asin"),
    "petis": ("fermentasi", "peragian", "ikan"), "terasi": ("fermentasi", "peragian", "udang"),
    "pindang": ("pemindangan", "ikan"), "pempek": ("lumatan", "surimi", "ikan"),
    "otak": ("lumatan", "surimi"), "kemplang": ("kerupuk",), "kering": ("pengeringan",),
    "sambal": ("saus", "sambal", "cabe"),
    "roti": ("roti", "kue"), "kue": ("kue", "roti"), "bolu": ("kue",), "donat": ("roti",),
    "sale": ("manisan", "buah"), "dodol": ("dodol", "manisan"),
    "abon": ("abon", "daging", "awet"), "dendeng": ("dendeng", "daging", "awet"),
    "bakso": ("bakso", "daging"), "nugget": ("daging", "olahan"),
    "jamu": ("jamu", "tradisional", "obat"),
    "madu": ("madu",), "gula": ("gula",), "aren": ("gula", "merah"),
    "kopi": ("kopi",), "bubuk": ("bubuk",), "teh": ("teh",),
    "sabun": ("sabun",), "gerabah": ("gerabah", "tanah", "liat"),
    "sepatu": ("alas", "kaki", "sepatu"), "sandal": ("alas", "kaki"),
    "tas": ("tas",), "dompet": ("tas", "kulit"),
    "perhiasan": ("perhiasan", "permata"), "emas": ("perhiasan", "emas"),
    "bordir": ("bordir", "sulaman"), "sulam": ("sulaman",),
    "minuman": ("minuman",), "sirup": ("sirup", "minuman"),
}  # fmt: skip

# Words too common in KBLI or in product lists to tell kelompok apart. "industri" opens
# almost every title in kategori C, so it carries no information about the product.
STOP_WORDS = wordset(
    """dan yang untuk dari di ke atau pada dalam dengan oleh sebagai serta juga ini itu
    adalah ada tidak bukan lain lainnya seperti termasuk mencakup kelompok subgolongan
    golongan kegiatan usaha industri macam berbagai jenis sejenisnya sejenis ybdi dll
    dsb baik maupun secara hanya atas akan bisa dapat tersebut yaitu misalnya contoh
    buatan sendiri home rumah tangga kecil ikm umkm ukm produk hasil bahan baku cv ud pt
    jual menjual dijual penjualan penjual membuat pembuatan produksi memproduksi olahan
    pengolahan mengolah diolah olah buat kelompokkan dimasukkan lihat
    konsumen akhir perantara langsung"""
)
MANUFACTURING_CUES = wordset(
    """membuat pembuatan buat produksi memproduksi produsen olahan pengolahan mengolah
    diolah olah industri pabrik home pengrajin perajin kerajinan giling penggilingan"""
)
TRADING_CUES = wordset(
    """jual menjual dijual penjual penjualan dagang berdagang pedagang perdagangan toko
    warung kios grosir eceran agen distributor sembako minimarket"""
)
# Words an affix stripper would ruin ("kemeja" is not ke- + meja).
PROTECTED = wordset(
    """kemeja kedelai kelapa keripik kerupuk kecap kemasan kertas keramik kemiri kerang
    kerbau kecimpring perak permata pertama perabot penyu pena beras besi benang
    dinding dingin dodol tenun tempe pakan makan ikan minuman mentah batik sembako"""
)
NASAL_PREFIXES = (  # prefix, ways to restore the dropped first letter of the root
    ("meng", ("", "k")), ("peng", ("", "k")), ("meny", ("s",)), ("peny", ("s",)),
    ("mem", ("p", "")), ("pem", ("p", "")), ("men", ("t", "")), ("pen", ("t", "")),
)  # fmt: skip
PLAIN_PREFIXES = ("ber", "per", "ter", "di", "me", "pe")


class KbliRow(Protocol):
    code: str
    kategori: str
    title: str
    description: str


@dataclass(frozen=True)
class KbliSuggestion:
    code: str
    title: str
    score: float
    reason: str


@dataclass(frozen=True)
class _Doc:
    code: str
    kategori: str
    title: str
    length: float


def words(text: str) -> list[str]:
    """Lowercase letter runs with spelling variants unified (digits and signs dropped)."""
    return [SPELLING.get(w, w) for w in TOKEN_RE.findall(text.lower().replace("-", " "))]


def strip_suffix(word: str) -> tuple[str, bool]:
    """The word without -nya and then -kan/-an, when a root of useful length is left."""
    if word.endswith("nya") and len(word) - 3 >= 4:
        word = word[:-3]
    for suffix in ("kan", "an"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)], True
    return word, False


class Stemmer:
    """A tiny Indonesian affix stripper. Where a prefix may hide the root's first letter
    (mem-otong = potong, peng-eringan = kering) the corpus vocabulary picks the reading;
    short prefixes (di-, ke-, ber-, pe-) are only removed when the root is a known word,
    because many plain words start with those letters."""

    def __init__(self, known: set[str] | None = None) -> None:
        self.known = known or set()
        self.stem = lru_cache(maxsize=200_000)(self._stem)

    def _stem(self, word: str) -> str:
        if word in PROTECTED or len(word) < 5:
            return word
        base, had_suffix = strip_suffix(word)
        # ke-…-an confix (kecantikan → cantik); -kan was cut first, so also try -an alone.
        for form in (base, word[:-2]) if had_suffix and word.startswith("ke") else ():
            if form[2:] in self.known:
                return form[2:]
        return self._strip_prefix(base)

    def _strip_prefix(self, base: str) -> str:
        for prefix, restores in NASAL_PREFIXES:
            rest = base[len(prefix) :]
            if base.startswith(prefix) and len(rest) >= MIN_ROOT:
                options = [r + rest for r in restores]
                return next((o for o in options if o in self.known), options[0])
        for prefix in PLAIN_PREFIXES:
            rest = base[len(prefix) :]
            if base.startswith(prefix) and rest in self.known:
                return rest
        return base


def _uraian(description: str) -> str:
    """The uraian up to the first "tidak mencakup": what follows names other kelompok."""
    found = EXCLUSION_RE.search(description.lower())
    return description[: found.start()] if found else description


class KbliSuggester:
    """An in-memory BM25 index of KBLI kelompok. Build it once (under a second for the
    full table) and call ``suggest`` per row; it touches no database after building."""

    def __init__(self, rows: Iterable[KbliRow]) -> None:
        kelompok = [r for r in rows if len(r.code) == 5 and r.code.isdigit()]
        fields = [(words(r.title), words(_uraian(r.description or ""))) for r in kelompok]
        self.stemmer = Stemmer(_known_words(fields))
        self.docs: list[_Doc] = []
        counts: list[Counter[str]] = []
        for row, (title, uraian) in zip(kelompok, fields, strict=True):
            tf = self._weighted_counts(title, uraian)
            counts.append(tf)
            length = TITLE_WEIGHT * len(title) + len(uraian)
            self.docs.append(_Doc(row.code, row.kategori, " ".join(row.title.split()), length))
        self._index(counts)

    @classmethod
    def from_database(cls) -> KbliSuggester:
        from simpul.kbli.models import Kbli

        rows = Kbli.objects.filter(level=Kbli.Level.KELOMPOK).only(
            "code", "kategori", "title", "description"
        )
        return cls(rows.iterator(chunk_size=2000))

    def _weighted_counts(self, title: list[str], uraian: list[str]) -> Counter[str]:
        tf: Counter[str] = Counter()
        for weight, tokens in ((TITLE_WEIGHT, title), (1.0, uraian)):
            for word in tokens:
                if word not in STOP_WORDS:
                    tf[self.stemmer.stem(word)] += weight
        return tf

    def _index(self, counts: list[Counter[str]]) -> None:
        """Precompute every (term, kelompok) BM25 contribution, so a query only adds."""
        total = len(self.docs) or 1
        average = sum(d.length for d in self.docs) / total or 1.0
        df: Counter[str] = Counter(term for tf in counts for term in tf)
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.best: dict[str, float] = {}
        for index, tf in enumerate(counts):
            norm = K1 * (1 - B + B * self.docs[index].length / average)
            for term, freq in tf.items():
                idf = math.log(1 + (total - df[term] + 0.5) / (df[term] + 0.5))
                value = idf * freq * (K1 + 1) / (freq + norm)
                self.postings[term].append((index, value))
                self.best[term] = max(self.best.get(term, 0.0), value)
        top = max(self.best.values(), default=1.0)
        self.unknown_weight = UNKNOWN_IDF_SHARE * top

    def query_terms(self, text: str) -> dict[str, tuple[float, str]]:
        """Stemmed query term → (weight, the word of the text it came from)."""
        terms: dict[str, tuple[float, str]] = {}

        def add(term: str, weight: float, source: str) -> None:
            if term not in STOP_WORDS and weight > terms.get(term, (0.0, ""))[0]:
                terms[term] = (weight, source)

        for word in words(text):
            if word in STOP_WORDS or len(word) < 2:
                continue
            stem = self.stemmer.stem(word)
            add(stem, 1.0, word)
            for synonym in SYNONYMS.get(word) or SYNONYMS.get(stem) or ():
                add(self.stemmer.stem(synonym), SYNONYM_WEIGHT, word)
        return terms

    def suggest(self, text: str, *, limit: int = 3) -> list[KbliSuggestion]:
        """The best kelompok for the text, best first, each with a 0..1 score and the
        matched words. Scores below SUGGESTION_THRESHOLD mean "no suggestion"."""
        terms = self.query_terms(text)
        scores, matched = self._accumulate(terms)
        if not scores:
            return []
        possible = sum(
            weight * self.best.get(term, self.unknown_weight)
            for term, (weight, _source) in terms.items()
        )
        factor = _kategori_factor(words(text))
        # Rank on the unclipped value so two kelompok that both pass 1.0 stay ordered.
        ranked = sorted(
            ((s / possible * factor.get(self.docs[i].kategori, 1.0), i) for i, s in scores.items()),
            key=lambda item: (-item[0], self.docs[item[1]].code),
        )
        return [self._suggestion(i, min(1.0, v), matched[i], terms) for v, i in ranked[:limit]]

    def _accumulate(
        self, terms: dict[str, tuple[float, str]]
    ) -> tuple[dict[int, float], dict[int, set[str]]]:
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        for term, (weight, _source) in terms.items():
            for index, value in self.postings.get(term, ()):
                scores[index] += weight * value
                matched[index].add(term)
        return scores, matched

    def _suggestion(
        self, index: int, score: float, matched: set[str], terms: dict[str, tuple[float, str]]
    ) -> KbliSuggestion:
        sources = list(dict.fromkeys(terms[t][1] for t in terms if t in matched))
        doc = self.docs[index]
        reason = _("cocok: %(words)s") % {"words": ", ".join(sources)}
        return KbliSuggestion(doc.code, doc.title, round(score, 3), reason)


def _known_words(fields: list[tuple[list[str], list[str]]]) -> set[str]:
    """Every corpus word and its suffix-stripped form: the roots the stemmer may pick."""
    known: set[str] = set()
    for title, uraian in fields:
        for word in (*title, *uraian):
            known.add(word)
            known.add(strip_suffix(word)[0])
    return known


def _kategori_factor(tokens: list[str]) -> dict[str, float]:
    """Making something favours kategori C; only selling it (no making) disfavours C."""
    present = set(tokens)
    if present & MANUFACTURING_CUES:
        return {"C": C_BOOST}
    if present & TRADING_CUES:
        return {"C": C_TRADE_PENALTY}
    return {"C": C_DEFAULT}
