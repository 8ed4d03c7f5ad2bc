#!/usr/bin/env python
"""Benchmark: the regional insight dashboard (`/kelola/wawasan/`) at national scale.

    .venv/bin/python bench/dashboard.py --n 4400000 \
        [--database-url postgres://postgres@127.0.0.1:5432/simpul_bench_dashboard] \
        [--repeat 30] [--raw-repeat 5]

Creates (or reuses) its own database: migrated, the shipped region tree, the built-in KBLI
set, `--n` owners and enterprises over the real villages (status mostly verified, created
2018–2025, KBLI golongan pokok 10–33, both size classes, owners' gender) and ~2.27 yearly
figures per enterprise (10 M at 4.4 M), all written by INSERT … SELECT generate_series.
Then it times `rollups_rebuild()` and measures, in-process with django.test.Client:

  national    GET /kelola/wawasan/?wilayah=&tahun=2025    as a national analyst
  provincial  GET /kelola/wawasan/?wilayah=18&tahun=2025  as a Lampung provincial analyst

next to the raw GROUP BY queries on the base tables that compute the same headline numbers
(verified IKM by province / by regency at the end of the year, Σ sales by year for 2024
and 2025) on a bare psycopg connection in the same run. Without the dashboard view (not
merged yet) it falls back to timing the selectors the view calls and says so
(`"mode": "selectors"`). The selectors alone (count_indicators, figure_indicators for Y
and Y−1, distribution: the rollup reads) are timed too, as `*_selectors_p95_ms`. Its last
line is one JSON object (see docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _dashboarddata import YEAR, ensure_data, log  # noqa: E402
from registry_list import BACKEND, ensure_database, ensure_reference_data, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/simpul_bench_dashboard"
PROVINCE = "18"  # Lampung
TARGET_MS = 300


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]


def ensure_users() -> dict:
    from simpul.accounts.models import Office, User

    def office(code, name, kind, region):
        obj, _ = Office.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "region_id": region}
        )
        return obj

    def user(email, off):
        obj, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "full_name": email.split("@")[0],
                "role": User.Role.ANALYST,
                "office": off,
                "is_active": True,
            },
        )
        return obj

    national = office("bench-kemenperin", "Kemenperin (bench)", Office.Kind.KEMENPERIN, None)
    prov = office("bench-prov-18", "Dinas provinsi Lampung (bench)", Office.Kind.PROVINCE, PROVINCE)
    return {
        "national": user("analyst@bench.simpul", national),
        "provincial": user("analyst18@bench.simpul", prov),
    }


# Raw SQL for the same headline numbers, on the base tables.
END = f"timestamptz '{YEAR + 1}-01-01 00:00+07'"
RAW = {
    "national": [
        "SELECT province_code, count(*) FROM registry_enterprise "
        f"WHERE status = 'verified' AND verified_at < {END} GROUP BY province_code",
        "SELECT f.year, sum(f.sales_value) FROM reporting_yearlyfigure f "
        "JOIN registry_enterprise e ON e.id = f.enterprise_id "
        f"WHERE e.status = 'verified' AND f.year IN ({YEAR - 1}, {YEAR}) GROUP BY f.year",
    ],
    "provincial": [
        "SELECT regency_code, count(*) FROM registry_enterprise "
        f"WHERE province_code = '{PROVINCE}' AND status = 'verified' AND verified_at < {END} "
        "GROUP BY regency_code",
        "SELECT f.year, sum(f.sales_value) FROM reporting_yearlyfigure f "
        "JOIN registry_enterprise e ON e.id = f.enterprise_id "
        f"WHERE e.province_code = '{PROVINCE}' AND e.status = 'verified' "
        f"AND f.year IN ({YEAR - 1}, {YEAR}) GROUP BY f.year",
    ],
}


def dashboard_url() -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("insights:dashboard")
    except NoReverseMatch:
        return None


def time_endpoint(user, url: str, repeat: int) -> tuple[list[float], int]:
    from django.test import Client

    client = Client(raise_request_exception=True)
    client.force_login(user, backend=BACKEND)
    size = 0
    for _ in range(2):  # warm-up
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
        size = len(response.content)
    return times, size


def time_selectors(user, region: str, repeat: int) -> tuple[list[float], int]:
    from simpul.core.scope import RegionScope
    from simpul.insights import selectors as s

    scope = RegionScope.for_user(user)

    def run():
        s.count_indicators(scope=scope, region=region, year=YEAR)
        s.figure_indicators(scope=scope, region=region, year=YEAR)
        s.figure_indicators(scope=scope, region=region, year=YEAR - 1)
        s.distribution(scope=scope, region=region, year=YEAR)

    run()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
    return times, 0


def time_raw(conn, queries: list[str], repeat: int) -> list[float]:
    for q in queries:  # warm-up
        conn.execute(q).fetchall()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for q in queries:
            conn.execute(q).fetchall()
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="enterprises (default 100k)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per endpoint")
    parser.add_argument("--raw-repeat", type=int, default=5, help="timed raw query rounds")
    parser.add_argument("--skip-rebuild", action="store_true", help="reuse the rollups as they are")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("this benchmark needs PostgreSQL")

    ensure_database(args.database_url)
    setup_django(args.database_url)

    import psycopg
    from django.core.management import call_command
    from django.db import connection

    from simpul.insights.services import rollups_rebuild

    call_command("migrate", verbosity=0, interactive=False)
    ensure_reference_data()
    with psycopg.connect(args.database_url) as raw:
        generate_s = ensure_data(raw, args.n)
        enterprises, figures = raw.execute(
            "SELECT (SELECT count(*) FROM registry_enterprise), "
            "(SELECT count(*) FROM reporting_yearlyfigure)"
        ).fetchone()
    users = ensure_users()

    rebuild_s = None
    if not args.skip_rebuild:
        log("rollups_rebuild() …")
        t = time.monotonic()
        rollups_rebuild()
        rebuild_s = round(time.monotonic() - t, 1)
        log(f"rebuilt in {rebuild_s}s; ANALYZE")
        with connection.cursor() as cur:
            for table in (
                "insights_enterprisekey",
                "insights_enterpriserollup",
                "insights_figurerollup",
            ):
                cur.execute(f"ANALYZE {table}")
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM insights_enterpriserollup")
        rollup_rows = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM insights_figurerollup")
        figure_rollup_rows = cur.fetchone()[0]

    base = dashboard_url()
    mode = "endpoint" if base else "selectors"
    if not base:
        log("insights:dashboard is not there yet: timing the selectors instead")
    cases = {"national": "", "provincial": PROVINCE}
    results = {}
    with psycopg.connect(args.database_url, autocommit=True) as raw_conn:
        server_version = raw_conn.execute("SHOW server_version").fetchone()[0]
        for key, region in cases.items():
            user = users[key]
            if base:
                url = f"{base}?{urlencode({'wilayah': region, 'tahun': YEAR})}"
                try:
                    app, size = time_endpoint(user, url, args.repeat)
                except Exception as exc:  # the view is being built: time its selectors
                    log(f"{url} failed ({exc!r}); timing the selectors instead")
                    base, mode = None, "selectors"
            if not base:
                url = f"selectors(region={region!r}, year={YEAR})"
                app, size = time_selectors(user, region, args.repeat)
            # The rollup reads alone (the selectors the view calls), for the split.
            sel, _ = time_selectors(user, region, args.repeat)
            raw_times = time_raw(raw_conn, RAW[key], args.raw_repeat)
            results[key] = {
                "url": url,
                "bytes": size,
                "p50_ms": round(statistics.median(app), 1),
                "p95_ms": round(percentile(app, 95), 1),
                "selectors_p50_ms": round(statistics.median(sel), 1),
                "selectors_p95_ms": round(percentile(sel, 95), 1),
                "raw_p50_ms": round(statistics.median(raw_times), 1),
                "raw_p95_ms": round(percentile(raw_times, 95), 1),
            }
            r = results[key]
            log(
                f"{key}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms "
                f"(raw {r['raw_p50_ms']}/{r['raw_p95_ms']} ms)"
            )
    connection.close()

    header = (
        f"{'case':<11} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>9} {'raw p95':>9} {'ratio':>6}  what"
    )
    print(
        f"dashboard  n={enterprises:,}  figures={figures:,}  repeat={args.repeat}  "
        f"PostgreSQL {server_version}  mode={mode}  rebuild={rebuild_s}s"
    )
    print(header)
    print("-" * len(header))
    for key, r in results.items():
        ratio = r["p95_ms"] / r["raw_p95_ms"] if r["raw_p95_ms"] else float("nan")
        print(
            f"{key:<11} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['raw_p50_ms']:>9.1f} "
            f"{r['raw_p95_ms']:>9.1f} {ratio:>6.2f}  {r['url']}"
        )
    p95 = max(r["p95_ms"] for r in results.values())
    raw_p95 = max(r["raw_p95_ms"] for r in results.values())
    summary = {
        "bench": "dashboard",
        "mode": mode,
        "n": enterprises,
        "figures": figures,
        "repeat": args.repeat,
        "p50_ms": max(r["p50_ms"] for r in results.values()),
        "p95_ms": p95,
        "raw_p95_ms": raw_p95,
        "ratio": round(p95 / raw_p95, 3) if raw_p95 else None,
        "target_p95_ms": TARGET_MS,
        "ok": p95 <= TARGET_MS,
        "rebuild_s": rebuild_s,
        "rollup_rows": rollup_rows,
        "figure_rollup_rows": figure_rollup_rows,
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "nproc": os.cpu_count(),
    }
    for key, r in results.items():
        for metric in (
            "p50_ms",
            "p95_ms",
            "selectors_p50_ms",
            "selectors_p95_ms",
            "raw_p50_ms",
            "raw_p95_ms",
        ):
            summary[f"{key}_{metric}"] = r[metric]
    if generate_s:
        summary["generate_s"] = round(generate_s, 1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
