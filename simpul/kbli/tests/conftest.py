import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def shared_kbli_dir() -> Path:
    """The reference KBLI 2020 table, outside the repository (../shared/data/kbli2020, or
    $SIMPUL_SHARED_DATA/kbli2020). Tests that need it are skipped when it is absent."""
    base = Path(os.environ.get("SIMPUL_SHARED_DATA", REPO_ROOT / ".." / "shared" / "data"))
    folder = base / "kbli2020"
    if not (folder / "kbli2020_flat.csv").is_file():
        pytest.skip(f"tabel KBLI rujukan tidak ada di {folder}")
    return folder


@pytest.fixture(scope="session")
def reference_titles(shared_kbli_dir) -> dict[str, str]:
    import csv

    with (shared_kbli_dir / "kbli2020_flat.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    titles: dict[str, str] = {}
    for row in rows:
        titles.setdefault(row["kode"], " ".join(row["judul"].split()).casefold())
    return titles
