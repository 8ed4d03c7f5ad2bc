"""Load KBLI 2020 codes from a table into the database: validate each row, upsert, and
link every node to its nearest existing ancestor.

Rows that cannot be used are skipped and reported with their row number and the reason
(in Indonesian); the good rows are still loaded."""

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from simpul.kbli.models import Kbli
from simpul.kbli.sources import RawRow, read_kbli_rows

BUILTIN_FILE = Path(__file__).resolve().parent / "data" / "builtin_c.csv"
BATCH_SIZE = 500
CODE_RE = re.compile(r"^(?:[A-U]|\d{2,5})$")
LEVEL_BY_LENGTH = {
    2: Kbli.Level.GOLONGAN_POKOK,
    3: Kbli.Level.GOLONGAN,
    4: Kbli.Level.SUBGOLONGAN,
    5: Kbli.Level.KELOMPOK,
}
# Golongan pokok ranges of each kategori (KBLI 2020).
KATEGORI_RANGES = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
    "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68),
    "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93),
    "S": (94, 96), "T": (97, 98), "U": (99, 99),
}  # fmt: skip
UPDATED_FIELDS = ["level", "kategori", "title", "description"]


@dataclass(frozen=True)
class Entry:
    row: int
    code: str
    level: str
    kategori: str
    title: str
    description: str


@dataclass(frozen=True)
class SkippedRow:
    row: int
    code: str
    reason: str


@dataclass
class KbliLoadReport:
    loaded: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    skipped: list[SkippedRow] = field(default_factory=list)
    relinked: int = 0

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()) or self.relinked)


def kategori_of(code: str) -> str | None:
    """The kategori letter of a code: itself for a letter, from the golongan pokok else."""
    if code.isalpha():
        return code
    major = int(code[:2])
    return next((k for k, (lo, hi) in KATEGORI_RANGES.items() if lo <= major <= hi), None)


def level_of(code: str) -> str:
    return Kbli.Level.KATEGORI if code.isalpha() else LEVEL_BY_LENGTH[len(code)]


def normalise_code(raw: str) -> str:
    return re.sub(r"\s+", "", raw).upper()


def normalise_text(raw: str) -> str:
    return " ".join(raw.split())


def load_kbli(path: Path) -> KbliLoadReport:
    report = KbliLoadReport()
    entries = parse_rows(read_kbli_rows(path), report)
    with transaction.atomic():
        _upsert(entries, report)
        report.relinked = link_parents()
    return report


def load_builtin_kbli() -> KbliLoadReport:
    return load_kbli(BUILTIN_FILE)


def parse_rows(rows: list[RawRow], report: KbliLoadReport) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for raw in rows:
        if not (raw.code.strip() or raw.title.strip() or raw.description.strip()):
            continue  # blank line
        entry_or_reason = _parse_row(raw)
        if isinstance(entry_or_reason, str):
            report.skipped.append(SkippedRow(raw.number, raw.code.strip(), entry_or_reason))
            continue
        entry = entry_or_reason
        first = entries.get(entry.code)
        if first is None:
            entries[entry.code] = entry
            report.loaded[entry.level] += 1
        elif first.title.casefold() != entry.title.casefold():
            report.skipped.append(SkippedRow(raw.number, entry.code, _duplicate(first)))
    return entries


def _parse_row(raw: RawRow) -> Entry | str:
    """The entry, or the reason (in Indonesian) why the row cannot be used."""
    code = normalise_code(raw.code)
    if len(code) == 1 and code.isdigit():
        code = code.zfill(2)  # a spreadsheet dropped the leading zero of 01–09
    title = normalise_text(raw.title)
    if not code:
        return _("kode kosong")
    if not CODE_RE.fullmatch(code):
        return _("“%(code)s” bukan bentuk kode KBLI (satu huruf A–U atau 2–5 angka)") % {
            "code": code
        }
    kategori = kategori_of(code)
    if kategori is None:
        return _("golongan pokok %(major)s tidak ada dalam KBLI 2020") % {"major": code[:2]}
    if not title:
        return _("judul kosong")
    description = normalise_text(raw.description)
    return Entry(raw.number, code, level_of(code), kategori, title, description)


def _duplicate(first: Entry) -> str:
    return _(
        "kode %(code)s sudah ada di baris %(row)s dengan judul lain; baris pertama yang dipakai"
    ) % {"code": first.code, "row": first.row}


def _upsert(entries: dict[str, Entry], report: KbliLoadReport) -> None:
    existing = Kbli.objects.in_bulk(list(entries))
    new: list[Kbli] = []
    changed: list[Kbli] = []
    for entry in entries.values():
        current = existing.get(entry.code)
        if current is None:
            new.append(_new_kbli(entry))
            report.created[entry.level] += 1
        elif _apply(entry, current):
            changed.append(current)
            report.updated[entry.level] += 1
    Kbli.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Kbli.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=BATCH_SIZE)


def _new_kbli(entry: Entry) -> Kbli:
    return Kbli(
        code=entry.code,
        level=entry.level,
        kategori=entry.kategori,
        title=entry.title,
        description=entry.description,
    )


def _apply(entry: Entry, kbli: Kbli) -> bool:
    """Copy the entry onto the row; True when anything changed. A file without uraian
    keeps the uraian already stored."""
    values = {"level": entry.level, "kategori": entry.kategori, "title": entry.title}
    if entry.description:
        values["description"] = entry.description
    dirty = False
    for name, value in values.items():
        if getattr(kbli, name) != value:
            setattr(kbli, name, value)
            dirty = True
    return dirty


def link_parents() -> int:
    """Point every node at its nearest existing ancestor (so a subgolongan whose golongan
    is missing hangs under the golongan pokok). Returns how many links changed."""
    nodes = list(Kbli.objects.only("code", "kategori", "parent_id"))
    codes = {node.code for node in nodes}
    changed = []
    for node in nodes:
        parent = nearest_parent(node.code, node.kategori, codes)
        if node.parent_id != parent:
            node.parent_id = parent
            changed.append(node)
    Kbli.objects.bulk_update(changed, ["parent"], batch_size=BATCH_SIZE)
    return len(changed)


def nearest_parent(code: str, kategori: str, codes: set[str]) -> str | None:
    if code.isalpha():
        return None
    for length in range(len(code) - 1, 1, -1):
        if code[:length] in codes:
            return code[:length]
    return kategori if kategori in codes else None
