"""Suggest which registry field each column of an uploaded list holds.

Dinas lists name the same thing many ways ("Nama Perusahaan", "NAMA IKM", "Kab/Kota",
"No. HP", "TK (L)"). Headers are normalised, matched against known variants first and by
token similarity second, and every field is given to at most one column, so an officer
only has to correct the few columns the machine could not place."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

# Canonical import fields in the order an officer reads them on the mapping screen.
FIELDS: dict[str, str] = {
    "code": _("Kode IKM (dari ekspor Simpul)"),
    "name": _("Nama usaha"),
    "owner_name": _("Nama pemilik"),
    "address": _("Alamat"),
    "village": _("Desa/kelurahan"),
    "district": _("Kecamatan"),
    "regency": _("Kabupaten/kota"),
    "village_code": _("Kode wilayah desa/kelurahan"),
    "products": _("Produk/komoditi"),
    "kbli": _("Kode KBLI"),
    "workers_male": _("Tenaga kerja laki-laki"),
    "workers_female": _("Tenaga kerja perempuan"),
    "workers_total": _("Jumlah tenaga kerja"),
    "investment_value": _("Nilai investasi (Rp)"),
    "production_capacity": _("Kapasitas produksi"),
    "production_value": _("Nilai produksi (Rp per tahun)"),
    "annual_sales": _("Omzet (Rp per tahun)"),
    "nib": _("NIB"),
    "nik": _("NIK pemilik"),
    "phone": _("Nomor telepon/WA"),
    "year_started": _("Tahun berdiri"),
    "sentra": _("Sentra"),
    "latitude": _("Lintang (latitude)"),
    "longitude": _("Bujur (longitude)"),
    "legal_form": _("Bentuk usaha"),
    "email": _("E-mail"),
}

# Header spellings seen in Dinas lists, per field. Written as people write them; they go
# through the same normalisation as the uploaded headers, so punctuation does not matter.
HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "code": ("Kode IKM", "ID IKM", "Kode Simpul"),
    "name": (
        "Nama Usaha",
        "Nama Perusahaan",
        "Nama IKM",
        "Perusahaan",
        "Nama",
        "Nama UMKM",
        "Nama Industri",
        "Nama Unit Usaha",
        "Usaha",
    ),
    "owner_name": (
        "Pemilik",
        "Nama Pemilik",
        "Kontak",
        "Nama Pemilik Usaha",
        "Pemilik Usaha",
        "Nama Pengusaha",
        "Penanggung Jawab",
        "Contact Person",
        "CP",
    ),
    "address": ("Alamat", "Jalan", "Alamat Usaha", "Alamat Perusahaan", "Alamat Lengkap"),
    "village": (
        "Desa",
        "Kelurahan",
        "Desa/Kelurahan",
        "Kel.",
        "Kelurahan/Desa",
        "Ds.",
        "Kel/Desa",
        "Desa/Kel",
    ),
    "district": ("Kecamatan", "Kec.", "Kec"),
    "regency": ("Kab/Kota", "Kabupaten", "Kota", "Kabupaten/Kota", "Kab.", "Kota/Kab"),
    "village_code": (
        "Kode Desa/Kelurahan",
        "Kode Desa",
        "Kode Kelurahan",
        "Kode Wilayah Desa",
        "Kode Kemendagri Desa",
    ),
    "products": (
        "Komoditi",
        "Produk",
        "Jenis Produk",
        "Kategori",
        "Kegiatan",
        "Komoditas",
        "Produk Utama",
        "Jenis Usaha",
        "Nama Produk",
        "Hasil Produksi",
    ),
    "kbli": ("KBLI", "Kode KBLI", "No KBLI", "KBLI 2020"),
    "workers_male": (
        "TK L",
        "Tenaga Kerja L",
        "Laki-laki",
        "TK Laki-laki",
        "Tenaga Kerja Laki-laki",
        "TK Pria",
        "Tenaga Kerja Pria",
        "Pria",
        "L",
        "Lk",
    ),
    "workers_female": (
        "TK P",
        "Tenaga Kerja P",
        "Perempuan",
        "TK Perempuan",
        "Tenaga Kerja Perempuan",
        "TK Wanita",
        "Tenaga Kerja Wanita",
        "Wanita",
        "P",
        "Pr",
    ),
    "workers_total": (
        "Jumlah TK",
        "Tenaga Kerja",
        "TK",
        "Jumlah Tenaga Kerja",
        "Total TK",
        "Jml TK",
        "TK Total",
        "Tenaga Kerja Jumlah",
        "Tenaga Kerja Total",
    ),
    "investment_value": ("Nilai Investasi", "Investasi", "Nilai Investasi (Rp)", "Modal"),
    "production_capacity": ("Kapasitas Produksi", "Kapasitas", "Kapasitas Produksi per Tahun"),
    "production_value": ("Nilai Produksi", "Nilai Produksi (Rp)", "Nilai Produksi per Tahun"),
    "annual_sales": (
        "Omzet",
        "Omset",
        "Nilai Penjualan",
        "Omzet per Tahun",
        "Omset per Tahun",
        "Penjualan",
    ),
    "nib": ("NIB", "No NIB", "Nomor Induk Berusaha"),
    "nik": ("NIK", "No KTP", "NIK Pemilik", "Nomor KTP", "KTP", "No NIK"),
    "phone": (
        "No HP",
        "HP",
        "WA",
        "No WA",
        "Telp",
        "Telepon",
        "TELP",
        "No Telp",
        "No Telepon",
        "Telpon",
        "Tlp",
        "No Tlp",
        "HP/WA",
        "No HP/WA",
        "WhatsApp",
        "Nomor HP",
        "Kontak HP",
    ),
    "year_started": (
        "Tahun Berdiri",
        "Tahun Mulai",
        "Tahun Mulai Usaha",
        "Th Berdiri",
        "Thn Berdiri",
    ),
    "sentra": ("Sentra", "Nama Sentra", "Sentra IKM"),
    "latitude": ("lat", "latitude", "lintang", "Y"),
    "longitude": ("lng", "lon", "longitude", "bujur", "long", "X"),
    "legal_form": ("Bentuk Usaha", "Badan Usaha", "Bentuk Badan Usaha", "Badan Hukum"),
    "email": ("Email", "E-mail", "Alamat Email", "Surel"),
}

# Generic headers that could also mean something else get a lower score, so a precise
# header for the same field wins: in a list with both KATEGORI and PRODUK, PRODUK holds
# the products and KATEGORI is only a grouping.
WEAK_VARIANTS: dict[str, float] = {
    "nama": 0.9,
    "usaha": 0.8,
    "kontak": 0.9,
    "cp": 0.85,
    "jalan": 0.95,
    "kota": 0.95,
    "kategori": 0.8,
    "kegiatan": 0.85,
    "jenis usaha": 0.85,
    "tk": 0.9,
    "l": 0.85,
    "p": 0.85,
    "lk": 0.85,
    "pr": 0.85,
    "modal": 0.9,
    "kapasitas": 0.9,
    "penjualan": 0.9,
    "ktp": 0.9,
    "y": 0.8,
    "x": 0.8,
    "long": 0.9,
}

# Words that only say how a header is written, not what it holds.
_SYNONYMS: dict[str, str] = {"nomor": "no", "nmr": "no", "jml": "jumlah", "thn": "tahun"}
_UNIT_WORDS: frozenset[str] = frozenset({"rp", "rupiah", "idr", "orang", "org", "jiwa"})
# Tokens that appear in many headers and say little on their own.
_GENERIC_TOKENS: frozenset[str] = frozenset({"nama", "no", "jumlah", "kode", "data", "per"})

EXACT_SCORE = 1.0
FUZZY_CEILING = 0.9  # a near match never beats a known spelling
MIN_SCORE = 0.6  # below this a column stays unmapped rather than guessed
_TOKEN_SIMILARITY = 0.8  # typo tolerance per word ("kecamtan", "omzset")

_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class MappingSuggestion:
    column: str
    field: str | None
    score: float  # 1.0 for a known spelling, lower for a similar one, 0 when unmapped


def normalize_header(header: object) -> str:
    """Lowercase words without punctuation: "Kab/Kota" → "kab kota", "No. HP" → "no hp",
    "TK (L)" → "tk l", "Nilai Investasi (Rp)" → "nilai investasi"."""
    text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode()
    words = _NON_WORD.sub(" ", text.lower().replace(".", " ")).split()
    words = [_SYNONYMS.get(word, word) for word in words]
    kept = [word for word in words if word not in _UNIT_WORDS]
    # A header that is only a unit ("Rp") keeps it, rather than becoming blank.
    return " ".join(kept or words)


_EXACT: dict[str, str] = {}
for _field, _variants in HEADER_VARIANTS.items():
    for _variant in _variants:
        _EXACT.setdefault(normalize_header(_variant), _field)


def _variant_weight(normalized: str) -> float:
    return WEAK_VARIANTS.get(normalized, 1.0)


def _token_weight(token: str) -> float:
    return 0.3 if token in _GENERIC_TOKENS else 1.0


def _tokens_match(left: str, right: str) -> bool:
    if left == right:
        return True
    # Short words (tk, l, p, hp) must match exactly: one letter changes their meaning.
    if min(len(left), len(right)) < 4:
        return False
    return SequenceMatcher(None, left, right).ratio() >= _TOKEN_SIMILARITY


def _token_similarity(header: str, variant: str) -> float:
    """Weighted Dice coefficient over words, tolerant of typos inside a word."""
    header_tokens, variant_tokens = set(header.split()), set(variant.split())
    if not header_tokens or not variant_tokens:
        return 0.0
    matched = sum(
        _token_weight(token)
        for token in header_tokens
        if any(_tokens_match(token, other) for other in variant_tokens)
    )
    total = sum(map(_token_weight, header_tokens)) + sum(map(_token_weight, variant_tokens))
    return min(1.0, 2 * matched / total)


def _score(header: str, field: str) -> float:
    if not header:
        return 0.0
    if header in _EXACT:
        # A known spelling means its own field and nothing else.
        return EXACT_SCORE * _variant_weight(header) if _EXACT[header] == field else 0.0
    best = 0.0
    for variant in HEADER_VARIANTS[field]:
        normalized = normalize_header(variant)
        similarity = _token_similarity(header, normalized)
        if min(len(header), len(normalized)) >= 5:
            # Whole-string similarity catches run-together words ("namausaha"); on short
            # headers it matches by accident ("lat" ~ "alamat"), so it is not used there.
            similarity = max(similarity, SequenceMatcher(None, header, normalized).ratio())
        best = max(best, similarity * FUZZY_CEILING * _variant_weight(normalized))
    return best


def suggest_mapping_detailed(columns: Iterable[object]) -> list[MappingSuggestion]:
    """One suggestion per column, in column order; each field goes to at most one column
    (the best score wins, a tie goes to the leftmost column)."""
    columns = list(columns)
    headers = [normalize_header(column) for column in columns]
    candidates = [
        (score, index, field)
        for index, header in enumerate(headers)
        for field in FIELDS
        if (score := _score(header, field)) >= MIN_SCORE
    ]
    field_order = {field: position for position, field in enumerate(FIELDS)}
    candidates.sort(key=lambda item: (-item[0], item[1], field_order[item[2]]))
    chosen: dict[int, tuple[str, float]] = {}
    taken: set[str] = set()
    for score, index, field in candidates:
        if index in chosen or field in taken:
            continue
        chosen[index] = (field, round(score, 3))
        taken.add(field)
    return [
        MappingSuggestion(str(column), *chosen.get(index, (None, 0.0)))
        for index, column in enumerate(columns)
    ]


def suggest_mapping(columns: list[str]) -> dict[str, str | None]:
    """Column header → suggested field (None when nothing fits). When two columns carry
    the same header, the first one's suggestion is kept."""
    mapping: dict[str, str | None] = {}
    for suggestion in suggest_mapping_detailed(columns):
        mapping.setdefault(suggestion.column, suggestion.field)
    return mapping


def shape_key(columns: Iterable[object]) -> str:
    """A stable fingerprint of a header row, so a mapping saved for one file is offered
    again for the next file of the same shape. Case, spacing and punctuation do not count;
    order does, and blank columns at the end (Excel's leftovers) are ignored."""
    headers = [normalize_header(column) for column in columns]
    while headers and not headers[-1]:
        headers.pop()
    # The unit separator cannot occur in a normalised header, so joins are unambiguous.
    return hashlib.sha256("\x1f".join(headers).encode()).hexdigest()
