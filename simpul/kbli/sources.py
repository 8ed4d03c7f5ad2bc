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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _spreadsheet_tables(path: Path) -> list[list[NumberedRow]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [workbook.get_sheet_by_index(i) for i in range(len(workbook.sheet_names))]
        return [_numbered(_cells_as_text(s.to_python(skip_empty_area=False))) for s in sheets]
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise SourceError(_("Berkas lembar kerja tidak dapat dibaca: %s") % exc) from exc


def _cells_as_text(rows: Iterable[list[object]]) -> Iterable[list[str]]:
    for row in rows:
        yield [_cell_text(value) for value in row]


def _cell_text(value: object) -> str:
    """Numbers typed into a spreadsheet come back as floats: 10761.0 is the code 10761."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


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
    rows = [[_cell_text(record.get(key)) for key in keys] for record in records]
    return [(0, keys), *((number, row) for number, row in enumerate(rows, start=1))]


def _numbered(rows: Iterable[list[str]]) -> list[NumberedRow]:
    return [(number, row) for number, row in enumerate(rows, start=1)]
