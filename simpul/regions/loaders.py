"""Load the region tree from the shipped file into the database, idempotently.

New regions are inserted level by level (parents before children) with bulk_create;
regions whose name changed are renamed with bulk_update; nothing is ever deleted, because
enterprises and offices point at regions."""

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from simpul.regions.models import Region
from simpul.regions.regionfile import REGION_FILE, level_of, parent_of, read_region_file

BATCH_SIZE = 2000
LEVELS = tuple(Region.Level)


@dataclass
class LevelCounts:
    created: int = 0
    renamed: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.renamed + self.unchanged


@dataclass
class RegionLoadReport:
    levels: dict[int, LevelCounts] = field(
        default_factory=lambda: {level: LevelCounts() for level in LEVELS}
    )
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(c.created or c.renamed for c in self.levels.values())


def load_regions(path: Path = REGION_FILE) -> RegionLoadReport:
    started = time.monotonic()
    rows = list(read_region_file(path))
    report = RegionLoadReport()
    with transaction.atomic():
        existing = dict(Region.objects.values_list("code", "name"))
        for level in LEVELS:
            rows_at_level = [(code, name) for code, name in rows if level_of(code) == level]
            _load_level(rows_at_level, existing, report.levels[level])
    report.seconds = time.monotonic() - started
    return report


def _load_level(
    rows: Iterable[tuple[str, str]], existing: dict[str, str], counts: LevelCounts
) -> None:
    new: list[Region] = []
    renamed: list[Region] = []
    for code, name in rows:
        if code not in existing:
            new.append(_region(code, name))
        elif existing[code] != name:
            renamed.append(_region(code, name))
        else:
            counts.unchanged += 1
    Region.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Region.objects.bulk_update(renamed, ["name"], batch_size=BATCH_SIZE)
    counts.created += len(new)
    counts.renamed += len(renamed)


def _region(code: str, name: str) -> Region:
    return Region(code=code, name=name, level=level_of(code), parent_id=parent_of(code))
