"""Marketplace bulk-upload layouts, read from one CSV file per marketplace.

Each file in `simpul/catalogue/data/marketplace/` describes one workbook: `#` lines at
the top are settings (`# sheet: Template`, `# header_rows: key, header, ...`, where the
layout was checked and when), then a CSV table with one line per template column, left
to right. A marketplace that renames or adds a column is followed by editing that file;
no code changes. See docs/marketplace.md."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "marketplace"
LAYOUTS = ("shopee", "tokopedia")
CELL_TYPES = ("text", "int", "decimal")
REQUIRED_CSV_FIELDS = ("header", "required", "type", "max_length", "source")
# Header rows may also name this computed value instead of a CSV column.
REQUIRED_LABEL = "required_label"
SOURCE_NAMES = frozenset(
    {"name", "description", "sku", "price", "stock", "min_order", "weight_grams", "weight_kg"}
)
MAX_PHOTO_NUMBER = 9


class LayoutError(ValueError):
    """A layout file that cannot be used; the message says which line and why."""


@dataclass(frozen=True)
class Column:
    header: str
    required: bool
    type: str  # "text", "int" or "decimal"
    max_length: int | None
    source: str  # a SOURCE_NAMES entry, "photo:N", "const:<text>", or "" (the seller fills it)
    extra: dict[str, str] = field(default_factory=dict)  # every other CSV field

    def header_value(self, name: str) -> str:
        if name == REQUIRED_LABEL:
            return "Wajib" if self.required else "Opsional"
        if name in ("header", "source", "type", "required"):
            return str(getattr(self, name))
        if name == "max_length":
            return "" if self.max_length is None else str(self.max_length)
        return self.extra.get(name, "")


@dataclass(frozen=True)
class Layout:
    slug: str
    name: str
    sheet: str
    header_rows: tuple[str, ...]
    columns: tuple[Column, ...]
    settings: dict[str, list[str]]

    def header_cells(self) -> list[list[str]]:
        """The rows above the data, exactly as the workbook carries them."""
        return [[c.header_value(row) for c in self.columns] for row in self.header_rows]

    @property
    def first_data_row(self) -> int:
        return len(self.header_rows) + 1


def _split_settings(text: str) -> tuple[dict[str, list[str]], str]:
    settings: dict[str, list[str]] = {}
    lines = text.splitlines(keepends=True)
    body_start = 0
    for number, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = number
            break
        key, sep, value = line[1:].partition(":")
        if sep and key.strip() and " " not in key.strip():
            settings.setdefault(key.strip(), []).append(value.strip())
    else:
        body_start = len(lines)
    return settings, "".join(lines[body_start:])


def _check_source(source: str, where: str) -> None:
    if source == "" or source in SOURCE_NAMES or source.startswith("const:"):
        return
    kind, _, number = source.partition(":")
    if kind == "photo" and number.isdigit() and 1 <= int(number) <= MAX_PHOTO_NUMBER:
        return
    raise LayoutError(f"{where}: unknown source {source!r}")


def _column(row: dict[str, str], where: str) -> Column:
    if None in row or any(v is None for v in row.values()):
        raise LayoutError(f"{where}: wrong number of fields")
    kind = row["type"].strip()
    if kind not in CELL_TYPES:
        raise LayoutError(f"{where}: type must be one of {CELL_TYPES}, not {kind!r}")
    required = row["required"].strip().lower()
    if required not in ("yes", "no"):
        raise LayoutError(f"{where}: required must be yes or no")
    max_length = row["max_length"].strip()
    if max_length and not max_length.isdigit():
        raise LayoutError(f"{where}: max_length must be a whole number")
    source = row["source"].strip()
    _check_source(source, where)
    extra = {k: v for k, v in row.items() if k not in REQUIRED_CSV_FIELDS}
    return Column(
        header=row["header"],
        required=required == "yes",
        type=kind,
        max_length=int(max_length) if max_length else None,
        source=source,
        extra=extra,
    )


def parse_layout(slug: str, text: str) -> Layout:
    settings, body = _split_settings(text)
    reader = csv.DictReader(io.StringIO(body))
    missing = set(REQUIRED_CSV_FIELDS) - set(reader.fieldnames or ())
    if missing:
        raise LayoutError(f"{slug}: missing CSV fields {sorted(missing)}")
    columns = tuple(_column(row, f"{slug} line {reader.line_num}") for row in reader)
    header_rows = tuple(
        name.strip() for name in settings.get("header_rows", [""])[0].split(",") if name.strip()
    )
    known = {*(reader.fieldnames or ()), REQUIRED_LABEL}
    unknown = [name for name in header_rows if name not in known]
    if not columns or not header_rows or unknown:
        raise LayoutError(f"{slug}: no columns, no header_rows, or unknown rows {unknown}")
    return Layout(
        slug=slug,
        name=settings.get("name", [slug])[0],
        sheet=settings.get("sheet", ["Sheet1"])[0][:31],  # Excel's limit on sheet titles
        header_rows=header_rows,
        columns=columns,
        settings=settings,
    )


@cache
def load_layout(slug: str) -> Layout:
    if slug not in LAYOUTS:
        raise LayoutError(f"unknown layout {slug!r}")
    text = (DATA_DIR / f"{slug}.csv").read_text(encoding="utf-8")
    return parse_layout(slug, text)
