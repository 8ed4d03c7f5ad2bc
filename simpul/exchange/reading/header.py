"""Find the header row of an office spreadsheet under its title rows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .errors import ReadError

# Words that appear in the column headers of IKM lists, lower case. A row is scored by
# how many of its cells contain one of them; titles ("DATA IKM KABUPATEN ...") sit in
# a single cell and score nothing.
_HEADER_WORDS_TEXT = """
    no nomor nama usaha perusahaan ikm umkm pemilik kontak alamat jalan jl rt rw desa
    kelurahan kel kecamatan kec kab kabupaten kota provinsi kode pos wilayah komoditi
    komoditas produk jenis kategori kegiatan kbli tk tenaga kerja jumlah laki perempuan
    investasi nilai modal kapasitas produksi omzet omset penjualan nib nik npwp hp telp
    telepon telpon wa whatsapp email tahun berdiri sentra lat lng lon long latitude
    longitude bentuk badan hukum merek bahan baku pemasaran keterangan ket status skala
    tanggal tgl lahir gender satuan harga sertifikat halal pirt sni
    """
DEFAULT_HEADER_WORDS: frozenset[str] = frozenset(_HEADER_WORDS_TEXT.split())
SCAN_ROWS = 50
SUB_LABEL_MAX = 30
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"^[\d\s.,+\-E%]+$", re.IGNORECASE)


@dataclass
class Header:
    row_index: int  # 0-based index of the (first) header row in the rows
    columns: list[str]
    data_start: int  # 0-based index of the first row after the header


def find_header(rows: list[list[str]], known_words: Iterable[str] = DEFAULT_HEADER_WORDS) -> Header:
    """Locate the header row (one or two rows high) and name every column."""
    words = frozenset(word.lower() for word in known_words)
    index = _header_index(rows[:SCAN_ROWS], words)
    top = rows[index]
    below = rows[index + 1] if index + 1 < len(rows) else []
    if _is_sub_header(top, below):
        labels, data_start = _combine(top, below), index + 2
    else:
        labels, data_start = list(top), index + 1
    width = max([len(labels)] + [len(row) for row in rows[data_start:]])
    labels += [""] * (width - len(labels))
    return Header(row_index=index, columns=name_columns(labels), data_start=data_start)


def _header_index(rows: list[list[str]], words: frozenset[str]) -> int:
    scored = [(_score(row, words), i) for i, row in enumerate(rows)]
    best_score, best = max(scored, key=lambda item: (item[0], -item[1]), default=((0, 0), -1))
    if best < 0:
        raise ReadError(_("Sheet ini kosong; tidak ada baris judul kolom maupun data."))
    if best_score[0] > 0:
        return best
    # No known word anywhere: take the first row about as wide as the table.
    wide = max(2, max(_filled(row) for row in rows) // 2)
    for i, row in enumerate(rows):
        if _filled(row) >= wide:
            return i
    return next(i for i, row in enumerate(rows) if row)


def _score(row: list[str], words: frozenset[str]) -> tuple[float, int]:
    if _filled(row) < 2:
        return (0.0, 0)
    texts = [cell for cell in row if cell and not _NUMBER.match(cell)]
    # Each cell counts by the share of its words that are header words, so that data
    # such as "Desa Sukamaju" or "Jl. Melati RT 2" scores less than a header "Desa".
    known = 0.0
    for cell in texts:
        tokens = _WORD.findall(cell.lower())
        known += sum(1 for token in tokens if token in words) / len(tokens) if tokens else 0
    return (round(known, 6), len(texts))


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell)


def _is_sub_header(top: list[str], below: list[str]) -> bool:
    """True when ``below`` holds short labels under merged cells of ``top``."""
    if not below:
        return False
    continued = False
    for j, label in enumerate(below):
        if not label:
            continue
        if len(label) > SUB_LABEL_MAX or not any(ch.isalpha() for ch in label):
            return False
        above = top[j] if j < len(top) else ""
        right_above = top[j + 1] if j + 1 < len(top) else ""
        right_below = below[j + 1] if j + 1 < len(below) else ""
        if not above and _has_label_left(top, j):
            continued = True  # a sub-label under the blank tail of a merged cell
        elif not (above and not right_above and right_below):
            return False  # a value under an ordinary column: this is data
    return continued


def _has_label_left(top: list[str], j: int) -> bool:
    return any(top[k] for k in range(min(j, len(top))))


def _combine(top: list[str], below: list[str]) -> list[str]:
    width = max(len(top), len(below))
    top = top + [""] * (width - len(top))
    below = below + [""] * (width - len(below))
    labels: list[str] = []
    group = ""  # the merged top label being carried to the right
    for above, sub in zip(top, below, strict=True):
        if above:
            group = above
            labels.append(f"{above} {sub}" if sub else above)
        elif sub and group:
            labels.append(f"{group} {sub}")
        else:
            # A blank without a sub-label ends the merged cell.
            group = ""
            labels.append(sub)
    return labels


def name_columns(labels: list[str]) -> list[str]:
    """Normalise spaces, name blank columns "Kolom N" and number repeats "X (2)"."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for position, label in enumerate(labels, start=1):
        name = " ".join(label.split()) or _("Kolom %(n)s") % {"n": position}
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            name = f"{name} ({seen[key]})"
        names.append(name)
    return names
