"""Read a KBLI table from CSV, XLSX/ODS or JSON into plain rows of (code, title, description).

Official and office-made tables differ: title rows above the header, Indonesian or English
column names, comma or semicolon, UTF-8 with or without BOM or Windows-1252. The header row
is found by its column names, so none of that matters to the caller."""

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from simpul.exchange.reading import ReadError, cell_text, list_sheets, read_rows
from simpul.exchange.reading.detect import decode_text

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
CSV_DELIMITERS = (";", ",", "\t")
HEADER_SEARCH_ROWS = 50
COLUMN_NAMES = {  # checked in this order; a cell's name must start with one of these
    "description": ("uraian", "description", "deskripsi", "detail", "keterangan"),
    "title": ("judul", "title", "nama", "name"),
    "code": ("kode", "code", "kbli"),
}

NumberedRow = tuple[int, list[str]]


class SourceError(ValueError):
    """The file cannot be read as a KBLI table at all; the message is for the user."""


@dataclass(frozen=True)
class RawRow:
    number: int
    code: str
    title: str
    description: str


def read_kbli_rows(path: Path) -> list[RawRow]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        tables = [_json_table(path)]
    elif suffix in SPREADSHEET_SUFFIXES:
        tables = _spreadsheet_tables(path)
    else:
        tables = _csv_tables(path)
    for table in tables:
        found = _find_header(table)
        if found is not None:
            header_at, columns = found
            return [_raw_row(number, cells, columns) for number, cells in table[header_at + 1 :]]
    raise SourceError(_("Baris judul kolom tidak ditemukan: perlu kolom kode dan judul KBLI."))


def _raw_row(number: int, cells: list[str], columns: dict[str, int]) -> RawRow:
    def cell(role: str) -> str:
        index = columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    return RawRow(number, cell("code"), cell("title"), cell("description"))


def _find_header(table: Sequence[NumberedRow]) -> tuple[int, dict[str, int]] | None:
    for position, (_number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            role = _column_role(cell)
            if role is not None:
                columns.setdefault(role, index)
        if "code" in columns and "title" in columns:
            return position, columns
    return None


def _column_role(cell: str) -> str | None:
    key = re.sub(r"[^a-z]", "", cell.lower())
    for role, names in COLUMN_NAMES.items():
        if key.startswith(names):
            return role
    return None


def _csv_tables(path: Path) -> list[list[NumberedRow]]:
    """Try each delimiter on the first rows; parse the whole file with the one that fits."""
    text = _decode(path.read_bytes())
    try:
        for delimiter in CSV_DELIMITERS:
            head = itertools.islice(_csv_rows(text, delimiter), HEADER_SEARCH_ROWS)
            if _find_header(_numbered(head)) is not None:
                return [_numbered(_csv_rows(text, delimiter))]
    except csv.Error as exc:
        raise SourceError(_("Berkas CSV tidak dapat dibaca: %s") % exc) from exc
    return []


def _csv_rows(text: str, delimiter: str) -> Iterable[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _decode(data: bytes) -> str:
    text = decode_text(data)
    if text is None:
        raise SourceError(_("Isi berkas CSV tidak dapat dibaca sebagai teks."))
    return text


def _spreadsheet_tables(path: Path) -> list[list[NumberedRow]]:
    """Every sheet, read by the import reader (the same cell text a person sees)."""
    data = path.read_bytes()
    try:
        return [
            _numbered(read_rows(data, "xlsx", sheet=name)) for name in list_sheets(data, "xlsx")
        ]
    except ReadError as exc:
        raise SourceError(str(exc)) from exc


def _json_table(path: Path) -> list[NumberedRow]:
    """A JSON array of objects becomes a table: the keys are the header (row 0) and
    entry n of the array is row n."""
    try:
        records = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(_("Berkas JSON tidak dapat dibaca: %s") % exc) from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise SourceError(_("Berkas JSON harus berupa daftar objek {code, title, detail}."))
    keys = list(dict.fromkeys(key for record in records for key in record))
    rows = [[cell_text(record.get(key)) for key in keys] for record in records]
    return [(0, keys), *((number, row) for number, row in enumerate(rows, start=1))]


def _numbered(rows: Iterable[list[str]]) -> list[NumberedRow]:
    return [(number, row) for number, row in enumerate(rows, start=1)]
