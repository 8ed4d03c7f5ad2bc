"""Reading and writing the shipped region file `data/regions.csv.gz` (columns code,name).

Level and parent are not stored: both follow from the Kemendagri code itself."""

import csv
import gzip
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

REGION_FILE = Path(__file__).resolve().parent / "data" / "regions.csv.gz"
SOURCE_FILES = ("provinces.csv", "regencies.csv", "districts.csv", "villages.csv")
CODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def is_region_code(code: str) -> bool:
    return bool(CODE_RE.fullmatch(code))


def level_of(code: str) -> int:
    """1 province, 2 regency/city, 3 district, 4 village."""
    return code.count(".") + 1


def ancestor_codes(code: str) -> list[str]:
    """'18.71.01' → ['18', '18.71', '18.71.01']; [] for a string that is no region code."""
    if not is_region_code(code):
        return []
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def read_source(source: Path) -> list[tuple[str, str]]:
    """Read the four idn-area-data CSV files into (code, name) pairs sorted by code."""
    rows: dict[str, str] = {}
    for filename in SOURCE_FILES:
        with (source / filename).open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                code, name = record["code"].strip(), " ".join(record["name"].split())
                if not is_region_code(code) or not name:
                    raise ValueError(f"{filename}: bad row {record!r}")
                rows[code] = name
    return sorted(rows.items())


def write_region_file(rows: Iterable[tuple[str, str]], target: Path) -> None:
    """Write a reproducible gzip: same rows give the same bytes (mtime 0, no file name)."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["code", "name"])
    writer.writerows(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(text.getvalue().encode("utf-8"))


def read_region_file(path: Path = REGION_FILE) -> Iterator[tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != ["code", "name"]:
            raise ValueError(f"{path}: expected header code,name")
        for row in reader:
            code, name = row
            yield code, name
