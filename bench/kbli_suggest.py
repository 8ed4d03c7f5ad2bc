#!/usr/bin/env python
"""Benchmark: KBLI suggestion from product text (simpul.kbli.suggest).

    .venv/bin/python bench/kbli_suggest.py --n 10000 [--database-url URL] [--kbli PATH]

Loads the KBLI table (the full KBLI 2020 table from ../shared/data/kbli2020 when present,
else the built-in set) into the database, builds the suggester once, then times `--n`
suggestions over realistic IKM product texts. In the same run it times the existing
database search `kbli_search` (title words, icontains) on the same texts as the raw
baseline. When the "kasus batas" list is present it also reports top-1/top-3 accuracy.
The database defaults to SQLite in memory; its last line is one JSON object."""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SIMPUL_SHARED_DATA", ROOT.parent / "shared" / "data"))
TEXTS = [
    "keripik pisang", "kripik singkong balado", "tahu bulat", "tempe kedelai",
    "kerupuk udang", "roti dan kue", "kue basah", "sambal bawang", "kopi bubuk",
    "gula aren", "dodol", "abon ikan", "ikan asin", "jamu gendong", "madu hutan",
    "kain tapis lampung", "tenun songket", "batik tulis", "konveksi kaos",
    "mebel jati", "anyaman rotan", "kerajinan bambu", "sepatu kulit", "tas anyaman",
    "perhiasan perak", "menjual sembako", "sabun herbal", "gerabah tanah liat",
]  # fmt: skip


def setup_django(url: str | None) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "simpul.config.settings.test"
    if url:
        os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load_table(path: Path | None) -> str:
    from simpul.kbli.loaders import load_builtin_kbli, load_kbli

    if path and path.is_file():
        load_kbli(path)
        return str(path.name)
    load_builtin_kbli()
    return "builtin"


def time_calls(call, texts: list[str], n: int) -> list[float]:
    """Per-call milliseconds of n calls cycling through texts."""
    timings = []
    for i in range(n):
        started = time.perf_counter()
        call(texts[i % len(texts)])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def kasus_batas_accuracy(suggester) -> dict[str, float]:
    path = SHARED / "kbli-kasus-batas" / "kasus_batas.csv"
    if not path.is_file():
        return {}
    cases: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["row_quality"] == "ok":
                cases[f"{row['jenis_usaha']} {row['uraian_kegiatan']}"].add(row["kd_kbli"])
    top1 = top3 = 0
    for text, accepted in cases.items():
        found = [s.code for s in suggester.suggest(text)]
        top1 += bool(found) and found[0] in accepted
        top3 += bool(set(found) & accepted)
    return {
        "cases": len(cases),
        "top1": round(top1 / len(cases), 3),
        "top3": round(top3 / len(cases), 3),
    }


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="suggestions to time")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--kbli", type=Path, default=SHARED / "kbli2020" / "kbli2020_flat.csv")
    args = parser.parse_args()
    setup_django(args.database_url)
    from simpul.kbli.selectors import kbli_search
    from simpul.kbli.suggest import KbliSuggester

    table = load_table(args.kbli)
    started = time.perf_counter()
    suggester = KbliSuggester.from_database()
    build_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    ours = time_calls(lambda t: suggester.suggest(t), TEXTS, args.n)
    total_s = time.perf_counter() - started
    raw = time_calls(lambda t: kbli_search(query=t, limit=3), TEXTS, min(args.n, 2000))
    result = {
        "bench": "kbli_suggest", "n": args.n, "table": table, "kelompok": len(suggester.docs),
        "build_ms": round(build_ms, 1), "total_s": round(total_s, 3),
        "per_s": round(args.n / total_s), "p50_ms": round(statistics.median(ours), 3),
        "p95_ms": round(p95(ours), 3), "raw_p50_ms": round(statistics.median(raw), 3),
        "raw_p95_ms": round(p95(raw), 3), "ratio": round(p95(ours) / p95(raw), 2),
        **kasus_batas_accuracy(suggester),
    }  # fmt: skip
    print(f"{'case':10} {'p50 ms':>8} {'p95 ms':>8}")
    print(f"{'suggest':10} {result['p50_ms']:8.3f} {result['p95_ms']:8.3f}")
    print(f"{'raw':10} {result['raw_p50_ms']:8.3f} {result['raw_p95_ms']:8.3f}  (kbli_search)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
