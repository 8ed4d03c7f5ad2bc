"""Reading an office's list of yearly figures (.xlsx, .xls, .ods or .csv) into the rows the
import service takes. The bytes go through the import layer's reader (the format is told
by the content, not the name; zip bombs, oversize and foreign files are refused there), so
the web page and `simpul import_yearly_figures` accept exactly the same files.

One row per enterprise and year; the header row (title rows above it are skipped) names
the columns, in the Indonesian words offices use or the service's own names. Columns that
only help a person fill the sheet in (the enterprise's name, its regency) are read past."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simpul.exchange.reading import ReadError, read_table

from .services import VALUE_FIELDS

# Rows a page upload may hold: every row is checked and written through the service in
# the request (about a thousand rows a second); bigger lists go through the command.
MAX_WEB_ROWS = 5000

# Column headings as offices write them → the service's field names.
ALIASES = {
    "tahun": "year",
    "nomor_ikm": "enterprise_id",
    "no_ikm": "enterprise_id",
    "id_ikm": "enterprise_id",
    "tk_laki_laki": "workforce_men",
    "tenaga_kerja_laki_laki": "workforce_men",
    "tk_perempuan": "workforce_women",
    "tenaga_kerja_perempuan": "workforce_women",
    "investasi": "investment_value",
    "nilai_investasi": "investment_value",
    "nilai_produksi": "production_value",
    "penjualan": "sales_value",
    "nilai_penjualan": "sales_value",
    "omzet": "sales_value",
    "penjualan_online_persen": "online_sales_percent",
    "penjualan_online_(%)": "online_sales_percent",
    "ekspor": "export_value",
    "nilai_ekspor": "export_value",
    "bahan_baku": "raw_materials",
    "bahan_baku_utama": "raw_materials",
    "utilisasi_kapasitas_persen": "capacity_use_percent",
    "utilisasi_kapasitas_(%)": "capacity_use_percent",
}
# Read past: they help whoever fills the sheet in (the due list's download has them).
INFORMATIONAL = {"no", "nama_usaha", "nama_ikm", "nama", "kabupaten_kota", "kecamatan", "desa"}
IDENTIFYING = {"nib", "enterprise_id", "year"}
KNOWN = {*IDENTIFYING, *VALUE_FIELDS}

# The headings a blank template carries, in order (the due list fills the first five).
TEMPLATE_HEADINGS = (
    "nomor_ikm",
    "nib",
    "nama_usaha",
    "kecamatan",
    "tahun",
    "tk_laki_laki",
    "tk_perempuan",
    "investasi",
    "nilai_produksi",
    "penjualan",
    "penjualan_online_persen",
    "ekspor",
    "bahan_baku",
    "utilisasi_kapasitas_persen",
)


@dataclass(frozen=True)
class FigureSheet:
    rows: list[dict[str, Any]]
    row_numbers: list[int]  # the row number Excel shows for each of `rows`
    skipped: int = 0  # rows naming an IKM and a year but no figure yet (left for later)


def column_key(heading: str) -> str:
    key = "_".join(str(heading or "").strip().lower().replace("-", " ").split())
    return ALIASES.get(key, key)


def read_figure_sheet(data: bytes, filename: str, *, max_rows: int | None = None) -> FigureSheet:
    """The rows of the first sheet. Raises ReadError (its message is for the officer) for
    a file that is not a readable list or names a column nobody knows."""
    table = read_table(data, filename, max_rows=max_rows or MAX_WEB_ROWS)
    keys = {column: column_key(column) for column in table.columns}
    unknown = sorted(
        column
        for column, key in keys.items()
        if key not in KNOWN and key not in INFORMATIONAL and not column.startswith(_("Kolom"))
    )
    if unknown:
        raise ReadError(
            _("Kolom tidak dikenal: %(names)s. Pakai judul kolom seperti pada contoh berkas.")
            % {"names": ", ".join(unknown)}
        )
    if not {"nib", "enterprise_id"} & set(keys.values()) or "year" not in keys.values():
        raise ReadError(_("Berkas harus punya kolom tahun dan kolom nomor_ikm atau nib."))
    rows, numbers, skipped = [], [], 0
    for record in table.records():
        row = {
            keys[column]: value
            for column, value in record.values.items()
            if keys[column] in KNOWN and value.strip()
        }
        # The due list comes pre-filled with every IKM: rows still without figures are
        # those the office has not collected yet, not mistakes.
        if row and set(row) <= IDENTIFYING:
            skipped += 1
            continue
        rows.append(row)
        numbers.append(record.row_number)
    if not rows and skipped:
        raise ReadError(_("Belum ada baris yang berisi angka; isi angka paling sedikit satu IKM."))
    if not rows:
        raise ReadError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    return FigureSheet(rows, numbers, skipped)


def import_summary(counts: dict[str, int], *, checked_only: bool = False, skipped: int = 0) -> str:
    """What an import did (or, checked only, would do), and the rows it left for later."""
    text = _summary(counts, checked_only)
    if skipped:
        text += " " + ngettext(
            "%(n)d baris tanpa angka dilewati.", "%(n)d baris tanpa angka dilewati.", skipped
        ) % {"n": skipped}
    return text


def _summary(counts: dict[str, int], checked_only: bool) -> str:
    values = {
        "c": counts["created"],
        "u": counts["updated"],
        "s": counts["unchanged"],
        "f": counts["flagged"],
    }
    if checked_only:
        return (
            _(
                "Pemeriksaan selesai, belum ada yang disimpan: %(c)d baru, %(u)d diperbarui, "
                "%(s)d tidak berubah, %(f)d akan ditandai untuk diperiksa."
            )
            % values
        )
    return (
        _(
            "Laporan tahunan: %(c)d baru, %(u)d diperbarui, %(s)d tidak berubah, "
            "%(f)d ditandai untuk diperiksa."
        )
        % values
    )
