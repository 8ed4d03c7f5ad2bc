"""Reading uploaded tabular files (CSV, XLSX, XLS, ODS) into rows of strings.

``read_table`` is the one-call entry point; the pieces it uses are public too so that
an upload view can detect the format, offer the sheets, and find the header separately.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from django.utils.translation import gettext as _

from .detect import check_size, detect_format
from .errors import (
    MAX_COMPRESSION_RATIO,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    ReadError,
)
from .header import DEFAULT_HEADER_WORDS, SCAN_ROWS, Header, find_header
from .rows import cell_text, iter_rows, list_sheets, read_rows, too_many_rows, trim

__all__ = [
    "DEFAULT_HEADER_WORDS",
    "MAX_COMPRESSION_RATIO",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_UPLOAD_BYTES",
    "Header",
    "ReadError",
    "Record",
    "Table",
    "cell_text",
    "check_size",
    "detect_format",
    "find_header",
    "list_sheets",
    "read_rows",
    "read_table",
    "stream_table",
]


class Record(NamedTuple):
    row_number: int  # 1-based, the row number a person sees in Excel
    values: dict[str, str]


@dataclass
class Table:
    format: str
    sheets: list[str]
    sheet: str
    rows: list[list[str]] = field(repr=False)
    header: Header

    @property
    def columns(self) -> list[str]:
        return self.header.columns

    def records(self) -> Iterator[Record]:
        """Each non-blank row under the header as column → text, with its row number."""
        columns = self.header.columns
        for index in range(self.header.data_start, len(self.rows)):
            row = self.rows[index]
            if not any(row):
                continue
            cells = row + [""] * (len(columns) - len(row))
            yield Record(index + 1, dict(zip(columns, cells, strict=True)))


def _choose_sheet(
    data: bytes, filename: str, sheet: str | None, max_bytes: int
) -> tuple[str, list[str], str]:
    """The format, the sheet names and the sheet to read (the first unless named)."""
    fmt = detect_format(data, filename, max_bytes=max_bytes)
    sheets = list_sheets(data, fmt)
    return fmt, sheets, sheet if sheet is not None else sheets[0]


def read_table(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_ROWS,
) -> Table:
    """Detect the format, read one sheet (the first by default) and find its header."""
    fmt, sheets, chosen = _choose_sheet(data, filename, sheet, max_bytes)
    rows = read_rows(data, fmt, sheet=None if fmt == "csv" else chosen, max_rows=max_rows)
    return Table(format=fmt, sheets=sheets, sheet=chosen, rows=rows, header=find_header(rows))


@dataclass
class StreamedTable:
    """A sheet read once, front to back: the header comes from its first rows, the
    records stream after it, so a million-row file never sits in memory as lists."""

    format: str
    sheets: list[str]
    sheet: str
    header: Header
    head: list[list[str]] = field(repr=False)
    rest: Iterator[list[str]] = field(repr=False)
    max_rows: int = MAX_ROWS

    @property
    def columns(self) -> list[str]:
        return self.header.columns

    def records(self) -> Iterator[Record]:
        columns = self.header.columns
        width = len(columns)
        filled = 0
        number = self.header.data_start
        for row in _chain(self.head[self.header.data_start :], self.rest):
            number += 1
            cells = trim(row)
            if not cells:
                continue
            filled += 1
            if filled > self.max_rows:
                raise too_many_rows(self.max_rows)
            cells = (cells + [""] * width)[:width]
            yield Record(number, dict(zip(columns, cells, strict=True)))


def _chain(head: list[list[str]], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield from head
    yield from rest


def stream_table(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_ROWS,
) -> StreamedTable:
    """Like ``read_table`` but streaming: only the first rows are held to find the header.
    Blank rows are not dropped from the head, so row numbers stay those Excel shows."""
    fmt, sheets, chosen = _choose_sheet(data, filename, sheet, max_bytes)
    raw = iter_rows(data, fmt, sheet=None if fmt == "csv" else chosen)
    head = [trim(row) for row in islice(raw, SCAN_ROWS + 2)]
    while head and not head[-1]:
        head.pop()
    if not head:
        raise ReadError(_("Sheet ini kosong; tidak ada baris judul kolom maupun data."))
    return StreamedTable(fmt, sheets, chosen, find_header(head), head, raw, max_rows)
