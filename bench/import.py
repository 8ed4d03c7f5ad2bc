#!/usr/bin/env python
"""Benchmark: importing a messy office list of `--n` IKM (preview and commit) against
PostgreSQL's own COPY of the same rows.

    .venv/bin/python bench/import.py --n 1000000 \
        [--database-url postgres://postgres@127.0.0.1:5432/simpul_bench_import] \
        [--xlsx-n 200000] [--workdir DIR] [--keep-files]

Creates (or reuses) its own database: migrated, the real region tree and the built-in
KBLI set, one province office (Lampung, "18") with one officer. Every run empties the
registry, batch and history tables, then:

1. writes a messy list of `--n` rows as CSV and of `--xlsx-n` rows as XLSX (same
   generator, bench/_importdata.py: title rows, a two-row header, Indonesian number
   and phone formats, real Lampung villages with "Kec."/"Kab."/"Ds." and typos, valid
   NIKs, ~2 % repeated rows, ~2 % rows with a planted error, ~27 % without a usable KBLI);
2. previews the CSV, previews the XLSX, commits the CSV batch, each in its own
   subprocess through the same service functions as the web and the CLI
   (batch_upload → batch_configure with the suggested mapping → batch_preview_now;
   batch_mark_committing → batch_commit_now), so each phase reports its own peak memory
   (ru_maxrss of that process: the file bytes, the reader, the engine);
3. exports the enterprise rows the commit wrote, and in one transaction that is rolled
   back empties registry_enterprise (as it was before the commit) and COPYs those rows
   back into it — same table, same indexes and constraints (foreign keys checked
   immediately, as the commit has them checked at its COMMIT), same rows and ids.

ratio_vs_copy = commit_rows_per_s / copy_rows_per_s. The commit writes owners, import
records and history entries too; COPY writes only the enterprises. Its last line is
one JSON object (see docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from registry_list import ensure_database, ensure_reference_data, log, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/simpul_bench_import"
OFFICE_CODE = "bench-dinas-18"
OFFICER = "petugas@bench-import.simpul"
MB = 1024 * 1024
TARGET_RATIO = 0.25
TARGET_MEM_MB = 1536
EXPECTED_MAPPING = {
    "No": None,
    "NAMA PERUSAHAAN": "name",
    "Nama Pemilik": "owner_name",
    "NIK Pemilik": "nik",
    "No. HP/WA": "phone",
    "Alamat Usaha": "address",
    "Desa/Kel": "village",
    "Kec.": "district",
    "Kab/Kota": "regency",
    "Komoditi": "products",
    "KBLI 2020": "kbli",
    "Tenaga Kerja L": "workers_male",
    "Tenaga Kerja P": "workers_female",
    "Nilai Investasi (Rp)": "investment_value",
    "Omzet/Tahun": "annual_sales",
    "NIB": "nib",
    "Th. Berdiri": "year_started",
    "Bentuk Usaha": "legal_form",
}
TABLES = (
    "registry_enterprise",
    "registry_owner",
    "exchange_importbatch",
    "exchange_importrow",
    "exchange_importedrecord",
    "core_changerecord",
)


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def per_s(rows: int, seconds: float) -> float:
    return round(rows / seconds, 1) if seconds else 0.0


# --------------------------------------------------------------------------- setup


def ensure_office():
    from simpul.accounts.models import Office, User

    office, _ = Office.objects.update_or_create(
        code=OFFICE_CODE,
        defaults={
            "name": "Dinas Perindustrian Provinsi Lampung (bench)",
            "kind": Office.Kind.PROVINCE,
            "region_id": "18",
        },
    )
    User.objects.update_or_create(
        email=OFFICER,
        defaults={
            "full_name": "Petugas bench impor",
            "role": User.Role.OFFICER,
            "office": office,
            "is_active": True,
        },
    )
    return office


def reset_tables() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cur.execute("VACUUM ANALYZE " + ", ".join(TABLES))


def lampung_places() -> list[tuple[str, str, str, str]]:
    from simpul.regions.models import Region

    levels = Region.Level
    names = dict(
        Region.objects.filter(
            code__startswith="18", level__in=[levels.REGENCY, levels.DISTRICT]
        ).values_list("code", "name")
    )
    villages = Region.objects.filter(code__startswith="18.", level=levels.VILLAGE)
    return [
        (code, name, names[code[:8]], names[code[:5]])
        for code, name in villages.order_by("code").values_list("code", "name")
    ]


# --------------------------------------------------------------------------- phases
# Each runs in its own process (`--phase`), prints one JSON line and exits.


def phase_preview(path: Path, max_rows: int) -> dict:
    from simpul.accounts.models import User
    from simpul.exchange import services

    actor = User.objects.get(email=OFFICER)
    started = time.perf_counter()
    data = path.read_bytes()
    max_bytes = len(data) + MB
    batch = services.batch_upload(
        actor=actor, file_name=path.name, data=data, max_bytes=max_bytes, max_rows=max_rows
    )
    wrong = {c: f for c, f in EXPECTED_MAPPING.items() if batch.mapping.get(c) != f}
    services.batch_configure(batch=batch, actor=actor, mapping=batch.mapping)
    batch = services.batch_mark_previewing(batch=batch, actor=actor)
    upload_s = time.perf_counter() - started
    next_log = [100_000]

    def report(done: int, _total: int) -> None:
        if done >= next_log[0]:
            log(f"  preview {path.suffix}: {done:,} rows {time.perf_counter() - started:.0f}s")
            next_log[0] += 100_000

    started = time.perf_counter()
    batch = services.batch_preview_now(
        batch, data=data, max_rows=max_rows, max_bytes=max_bytes, on_progress=report
    )
    preview_s = time.perf_counter() - started
    if batch.message:
        raise SystemExit(f"preview failed: {batch.message}")
    return {
        "batch_id": batch.pk,
        "mapping_differs": wrong,
        "upload_s": round(upload_s, 2),
        "preview_s": round(preview_s, 2),
        "rows": batch.rows_total,
        "new": batch.rows_new,
        "update": batch.rows_update,
        "unchanged": batch.rows_unchanged,
        "duplicate": batch.rows_duplicate,
        "error": batch.rows_error,
        "warning": batch.rows_warning,
        "peak_mem_mb": peak_mb(),
    }


def phase_commit(batch_id: int) -> dict:
    from simpul.accounts.models import User
    from simpul.exchange import services
    from simpul.exchange.models import ImportBatch, ImportedRecord

    actor = User.objects.get(email=OFFICER)
    batch = ImportBatch.objects.select_related("office").get(pk=batch_id)
    started = time.perf_counter()
    next_log = [100_000]

    def report(done: int, total: int) -> None:
        if done >= next_log[0]:
            log(f"  commit: {done:,}/{total:,} rows {time.perf_counter() - started:.0f}s")
            next_log[0] += 100_000

    batch = services.batch_mark_committing(batch=batch, actor=actor, error_policy="skip")
    batch = services.batch_commit_now(batch, actor=actor, on_progress=report)
    commit_s = time.perf_counter() - started
    records = ImportedRecord.objects.filter(batch=batch)
    return {
        "commit_s": round(commit_s, 2),
        "created": records.filter(action="new").count(),
        "updated": records.filter(action="update").count(),
        "owners_created": records.filter(owner_created=True).count(),
        "peak_mem_mb": peak_mb(),
    }


def run_phase(args: argparse.Namespace, *extra: str) -> dict:
    """Run one phase in a fresh interpreter; returns its JSON."""
    command = [sys.executable, __file__, "--database-url", args.database_url, *extra]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)  # noqa: S603
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- COPY


def copy_baseline(url: str, batch_id: int) -> dict:
    """COPY the enterprise rows the commit wrote back into the emptied table, rolled back."""
    import psycopg

    from simpul.registry.models import Enterprise

    columns = ", ".join(f.column for f in Enterprise._meta.concrete_fields)
    written = (
        f"SELECT {columns} FROM registry_enterprise WHERE id IN "
        "(SELECT enterprise_id FROM exchange_importedrecord WHERE batch_id = %s) ORDER BY id"
    )
    buffer = io.BytesIO()
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy(f"COPY ({written}) TO STDOUT", [batch_id]) as copy:
            for block in copy:
                buffer.write(block)
        data = buffer.getvalue()
        rows = data.count(b"\n")
        conn.rollback()
        timings = {}
        for checked in (True, False):
            # Inside the transaction: the table as the commit found it (empty: the bench
            # truncated it), with every index and constraint in place. Django's foreign
            # keys are DEFERRABLE INITIALLY DEFERRED: checked at COMMIT, which the import
            # pays and a rolled-back COPY skips; "checked" runs them during the COPY.
            cur.execute("TRUNCATE registry_enterprise CASCADE")
            if checked:
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            started = time.perf_counter()
            with cur.copy(f"COPY registry_enterprise ({columns}) FROM STDIN") as copy:
                view = memoryview(data)
                for offset in range(0, len(data), 4 * MB):
                    copy.write(view[offset : offset + 4 * MB])
            timings[checked] = time.perf_counter() - started
            conn.rollback()
        indexes = cur.execute(
            "SELECT count(*) FROM pg_index WHERE indrelid = 'registry_enterprise'::regclass"
        ).fetchone()[0]
        settings = dict(
            cur.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('server_version', 'wal_level', 'shared_buffers', 'synchronous_commit')"
            ).fetchall()
        )
    return {
        "copy_rows": rows,
        "copy_s": round(timings[True], 2),
        "copy_unchecked_s": round(timings[False], 2),
        "copy_mb": round(len(data) / MB, 1),
        "indexes": indexes,
        "pg": settings,
    }


def registry_counts() -> dict:
    """What the registry holds after the commit (the bench started from empty tables)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT (SELECT count(*) FROM registry_enterprise),"
            " (SELECT count(DISTINCT public_key) FROM registry_enterprise),"
            " (SELECT count(*) FROM registry_owner),"
            " (SELECT count(*) FROM exchange_importedrecord),"
            " (SELECT count(*) FROM core_changerecord WHERE entity = 'registry.enterprise')"
        )
        names = ("enterprises", "public_keys", "owners", "import_records", "history")
        return dict(zip(names, cur.fetchone(), strict=True))


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows of the CSV (default 1M)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument(
        "--xlsx-n", type=int, help="rows of the XLSX (default min(n, 200,000): see the note)"
    )
    parser.add_argument("--workdir", type=Path, help="where the files go (default: a temp dir)")
    parser.add_argument("--keep-files", action="store_true", help="keep the generated files")
    parser.add_argument("--phase", choices=["preview", "commit"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("this benchmark needs PostgreSQL")

    # No query log (DEBUG) whatever the environment says: it would grow with every row.
    os.environ["DEBUG"] = "0"
    if args.phase:
        setup_django(args.database_url)
        if args.phase == "preview":
            result = phase_preview(args.file, max_rows=args.n + 10)
        else:
            result = phase_commit(args.batch)
        print(json.dumps(result))
        return

    xlsx_n = args.xlsx_n if args.xlsx_n is not None else min(args.n, 200_000)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="simpul-bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # Uploaded copies and the progress cache of every phase go under the work dir.
    os.environ["SIMPUL_VAR_DIR"] = str(workdir / "var")
    ensure_database(args.database_url)
    setup_django(args.database_url)

    import _importdata
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    ensure_reference_data()
    ensure_office()
    reset_tables()
    places = lampung_places()
    connection.close()

    csv_path, xlsx_path = workdir / "daftar-ikm.csv", workdir / "daftar-ikm.xlsx"
    started = time.perf_counter()
    csv_bytes = _importdata.write_csv(csv_path, args.n, places)
    csv_gen_s = time.perf_counter() - started
    log(f"CSV: {args.n:,} rows, {csv_bytes / MB:.0f} MB in {csv_gen_s:.0f}s")
    started = time.perf_counter()
    xlsx_bytes = _importdata.write_xlsx(xlsx_path, xlsx_n, places)
    xlsx_gen_s = time.perf_counter() - started
    log(f"XLSX: {xlsx_n:,} rows, {xlsx_bytes / MB:.0f} MB in {xlsx_gen_s:.0f}s")

    log("preview CSV …")
    pcsv = run_phase(args, "--phase", "preview", "--file", str(csv_path), "--n", str(args.n))
    log(f"  {pcsv}")
    log("preview XLSX …")
    pxlsx = run_phase(args, "--phase", "preview", "--file", str(xlsx_path), "--n", str(xlsx_n))
    log(f"  {pxlsx}")
    log("commit CSV …")
    commit = run_phase(args, "--phase", "commit", "--batch", str(pcsv["batch_id"]))
    log(f"  {commit}")
    log("COPY baseline …")
    copy = copy_baseline(args.database_url, pcsv["batch_id"])
    log(f"  {copy}")

    written = commit["created"] + commit["updated"]
    if copy["copy_rows"] != written:
        log(f"WARNING: COPY moved {copy['copy_rows']:,} rows, the commit wrote {written:,}")
    preview_rps = per_s(pcsv["rows"], pcsv["preview_s"])
    xlsx_rps = per_s(pxlsx["rows"], pxlsx["preview_s"])
    commit_rps = per_s(written, commit["commit_s"])
    copy_rps = per_s(copy["copy_rows"], copy["copy_s"])
    unchecked_rps = per_s(copy["copy_rows"], copy["copy_unchecked_s"])
    ratio = round(commit_rps / copy_rps, 3) if copy_rps else None
    ratio_unchecked = round(commit_rps / unchecked_rps, 3) if unchecked_rps else None
    stored = registry_counts()
    peak = max(pcsv["peak_mem_mb"], pxlsx["peak_mem_mb"], commit["peak_mem_mb"])

    pg = copy["pg"]
    print(
        f"import  n={args.n:,}  xlsx_n={xlsx_n:,}  PostgreSQL {pg.get('server_version')}"
        f"  (wal_level {pg.get('wal_level')}, {copy['indexes']} indexes on registry_enterprise)"
    )
    header = f"{'phase':<16} {'rows':>10} {'seconds':>9} {'rows/s':>9} {'peak MB':>8}  note"
    print(header)
    print("-" * len(header))
    table = [
        ("preview CSV", pcsv["rows"], pcsv["preview_s"], preview_rps, pcsv["peak_mem_mb"],
         f"{csv_bytes / MB:.0f} MB; new {pcsv['new']:,}, duplicate {pcsv['duplicate']:,}, "
         f"error {pcsv['error']:,}, warnings {pcsv['warning']:,}"),
        ("preview XLSX", pxlsx["rows"], pxlsx["preview_s"], xlsx_rps, pxlsx["peak_mem_mb"],
         f"{xlsx_bytes / MB:.0f} MB; new {pxlsx['new']:,}, error {pxlsx['error']:,}"),
        ("commit CSV", written, commit["commit_s"], commit_rps, commit["peak_mem_mb"],
         f"enterprises {written:,}, owners {commit['owners_created']:,}, + records, history"),
        ("COPY (raw)", copy["copy_rows"], copy["copy_s"], copy_rps, None,
         f"{copy['copy_mb']} MB into registry_enterprise, foreign keys checked, rolled back"),
        ("COPY unchecked", copy["copy_rows"], copy["copy_unchecked_s"], unchecked_rps, None,
         "the same, foreign keys left to a COMMIT that never comes"),
    ]  # fmt: skip
    for name, rows, seconds, rps, mem, note in table:
        mem_text = f"{mem:>8.0f}" if mem is not None else f"{'':>8}"
        print(f"{name:<16} {rows:>10,} {seconds:>9.1f} {rps:>9,.0f} {mem_text}  {note}")
    print(
        f"ratio_vs_copy = {ratio} (target ≥ {TARGET_RATIO}; {ratio_unchecked} against the "
        f"unchecked COPY); peak {peak:.0f} MB"
    )
    print(f"stored: {stored}")
    if pcsv["mapping_differs"]:
        print(f"NOTE: suggested mapping differs from the expected one: {pcsv['mapping_differs']}")

    if not args.keep_files:
        shutil.rmtree(workdir, ignore_errors=True)
    summary = {
        "bench": "import",
        "n": args.n,
        "xlsx_n": xlsx_n,
        "preview_rows_per_s": preview_rps,
        "xlsx_preview_rows_per_s": xlsx_rps,
        "commit_rows_per_s": commit_rps,
        "copy_rows_per_s": copy_rps,
        "ratio_vs_copy": ratio,
        "copy_unchecked_rows_per_s": unchecked_rps,
        "ratio_vs_unchecked_copy": ratio_unchecked,
        "peak_mem_mb": peak,
        "preview_peak_mem_mb": pcsv["peak_mem_mb"],
        "xlsx_preview_peak_mem_mb": pxlsx["peak_mem_mb"],
        "commit_peak_mem_mb": commit["peak_mem_mb"],
        "preview_s": pcsv["preview_s"],
        "xlsx_preview_s": pxlsx["preview_s"],
        "commit_s": commit["commit_s"],
        "copy_s": copy["copy_s"],
        "copy_unchecked_s": copy["copy_unchecked_s"],
        "rows_written": written,
        "stored": stored,
        "rows_new": pcsv["new"],
        "rows_duplicate": pcsv["duplicate"],
        "rows_error": pcsv["error"],
        "rows_warning": pcsv["warning"],
        "csv_mb": round(csv_bytes / MB, 1),
        "xlsx_mb": round(xlsx_bytes / MB, 1),
        "target_ratio": TARGET_RATIO,
        "target_peak_mem_mb": TARGET_MEM_MB,
        "ok": bool(ratio and ratio >= TARGET_RATIO and peak < TARGET_MEM_MB),
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "nproc": os.cpu_count(),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
