"""Data for bench/dashboard.py: owners, enterprises and yearly figures written by the
database itself (INSERT … SELECT over generate_series), so 4.4 million enterprises and
10 million figures take minutes, not hours. Secondary indexes are dropped and rebuilt in
bulk; foreign-key triggers are skipped for the load (session_replication_role = replica)
because every key is drawn from the tables it points to."""

from __future__ import annotations

import sys
import time

YEAR = 2025  # the last complete year of the generated data
FIGURES_PER_ENTERPRISE = 2.27  # 10 M figures at 4.4 M enterprises


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _secondary_indexes(cur, table: str) -> list[tuple[str, str]]:
    cur.execute(
        """
        SELECT c.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        """,
        [table],
    )
    return cur.fetchall()


# Status mix: mostly verified. Size classes and gender as in the registry's real data.
ENTERPRISES_SQL = """
INSERT INTO registry_enterprise (
    id, province_code, regency_code, district_code, village_id, public_key, name,
    legal_form, nib, npwp, address, postal_code, products, workers_male, workers_female,
    workers_unspecified, investment_value, business_capital, production_capacity,
    production_value, annual_sales, business_phone, business_email, publish_contact,
    status, status_reason, size_class_permenperin, size_class_pp7, source,
    registration_step, kbli_suggested, kbli_id, owner_id, created_at, updated_at,
    submitted_at, verified_at)
SELECT s.g, left(v.code, 2), left(v.code, 5), left(v.code, 8), v.code,
    'd' || lpad(to_hex(s.g), 7, '0'), 'IKM Bench ' || s.g,
    'perorangan', '', '', 'Jl. Bench No. ' || (s.g %% 97 + 1), '', 'produk', 3, 2,
    0, 50000000, 50000000, '', 150000000, 100000000, '', '', false,
    s.status, '',
    CASE WHEN s.r1 < 0.86 THEN 'kecil' WHEN s.r1 < 0.98 THEN 'menengah' ELSE '' END,
    CASE WHEN s.r1 < 0.70 THEN 'mikro' WHEN s.r1 < 0.92 THEN 'kecil'
         WHEN s.r1 < 0.98 THEN 'menengah' ELSE '' END,
    'import', CASE WHEN s.status = 'draft' THEN 1 ELSE 5 END, false, k.code, s.g,
    s.created, s.created,
    CASE WHEN s.status <> 'draft' THEN s.created END,
    CASE WHEN s.status = 'verified'
         THEN least(s.created + (1 + s.g %% 60) * interval '1 day',
                    timestamptz '2025-12-31 10:00+07') END
FROM (
    SELECT g,
        1 + floor(random() * %(villages)s)::int AS vr,
        1 + floor(random() * %(kbli)s)::int AS kr,
        random() AS r1,
        CASE WHEN g %% 50 < 40 THEN 'verified' WHEN g %% 50 < 44 THEN 'submitted'
             WHEN g %% 50 < 47 THEN 'draft' WHEN g %% 50 < 49 THEN 'needs_revision'
             ELSE 'rejected' END AS status,
        -- 2018-01-01 … 2025-12-31, more of them in the later years.
        timestamptz '2018-01-01 09:00+07'
            + sqrt(random()) * (timestamptz '2025-12-31 09:00+07'
                                - timestamptz '2018-01-01 09:00+07') AS created
    FROM generate_series(%(start)s, %(stop)s) g
) s
JOIN bench_village v ON v.rn = s.vr
JOIN bench_kbli k ON k.rn = s.kr
"""

OWNERS_SQL = """
INSERT INTO registry_owner (id, full_name, nik_encrypted, nik_hash, nik_masked, gender,
    phone, email, created_at, updated_at)
SELECT g, 'Pemilik ' || g, '', '', '',
    CASE WHEN g %% 20 < 9 THEN 'P' WHEN g %% 20 < 19 THEN 'L' ELSE '' END,
    '', '', now(), now()
FROM generate_series(%(start)s, %(stop)s) g
"""

# ~2.27 figures per enterprise: 2024 and 2025 for all, 2023 too for 27 in 100.
FIGURES_SQL = """
INSERT INTO reporting_yearlyfigure (enterprise_id, year, workforce_men, workforce_women,
    investment_value, production_value, sales_value, online_sales_percent, export_value,
    raw_materials, status, flags, flag_count, review_note, source, submitted_at, updated_at)
SELECT e.id, y, 1 + e.id %% 7, e.id %% 5,
    (5 + e.id %% 200) * 1000000::bigint,
    (10 + (e.id + y) %% 400) * 1000000::bigint,
    (8 + (e.id * 7 + y) %% 300) * 1000000::bigint,
    CASE WHEN e.id %% 3 = 0 THEN (e.id + y) %% 60 END,
    CASE WHEN e.id %% 40 = 0 THEN 5000000::bigint ELSE 0 END,
    '', 'accepted', '[]'::jsonb, 0, '', 'import',
    make_timestamptz(y + 1, 2, 15, 10, 0, 0, 'Asia/Jakarta'), now()
FROM registry_enterprise e
CROSS JOIN LATERAL generate_series(CASE WHEN e.id %% 100 < 27 THEN 2023 ELSE 2024 END, 2025) y
WHERE e.id BETWEEN %(start)s AND %(stop)s
"""


def counts(cur) -> tuple[int, int]:
    cur.execute("SELECT count(*) FROM registry_enterprise")
    enterprises = cur.fetchone()[0]
    cur.execute("SELECT count(*) FROM reporting_yearlyfigure")
    return enterprises, cur.fetchone()[0]


def ensure_data(raw, n: int, chunk: int = 500_000) -> float:
    """Make the registry hold exactly `n` bench enterprises (and their owners and yearly
    figures). `raw` is a psycopg connection. Returns the seconds spent (0 when reused)."""
    with raw.cursor() as cur:
        have, figures = counts(cur)
        if have == n and figures:
            log(f"reusing {n:,} enterprises and {figures:,} yearly figures")
            return 0.0
    started = time.monotonic()
    with raw.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # no FK triggers for the load
        cur.execute("SET maintenance_work_mem = '1GB'")
        cur.execute(
            "TRUNCATE registry_owner, registry_enterprise, reporting_yearlyfigure "
            "RESTART IDENTITY CASCADE"
        )
        dropped = []
        for table in ("registry_enterprise", "reporting_yearlyfigure", "registry_owner"):
            for name, definition in _secondary_indexes(cur, table):
                cur.execute(f'DROP INDEX "{name}"')
                dropped.append(definition)
        cur.execute(
            "CREATE TEMP TABLE bench_village AS SELECT row_number() OVER (ORDER BY code) rn, "
            "code FROM regions_region WHERE level = 4"
        )
        cur.execute("CREATE UNIQUE INDEX ON bench_village (rn)")
        # KBLI kelompok of golongan pokok 10–33 (the manufacturing industry).
        cur.execute(
            "CREATE TEMP TABLE bench_kbli AS SELECT row_number() OVER (ORDER BY code) rn, "
            "code FROM kbli_kbli WHERE level = 'kelompok' AND left(code, 2) BETWEEN '10' AND '33'"
        )
        cur.execute(
            "SELECT (SELECT count(*) FROM bench_village), (SELECT count(*) FROM bench_kbli)"
        )
        villages, kbli = cur.fetchone()
        if not villages or not kbli:
            raise SystemExit("regions or KBLI missing")
        cur.execute("SELECT setseed(0.20250101)")
        log(f"generating {n:,} enterprises over {villages:,} villages, {kbli} KBLI kelompok")
        for start in range(1, n + 1, chunk):
            stop = min(n, start + chunk - 1)
            params = {"start": start, "stop": stop, "villages": villages, "kbli": kbli}
            cur.execute(OWNERS_SQL, params)
            cur.execute(ENTERPRISES_SQL, params)
            cur.execute(FIGURES_SQL, params)
            raw.commit()
            log(f"  {stop:,} enterprises  {time.monotonic() - started:.0f}s")
        for table in ("registry_owner", "registry_enterprise", "reporting_yearlyfigure"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        log(f"rows written in {time.monotonic() - started:.0f}s; rebuilding {len(dropped)} indexes")
        for definition in dropped:
            cur.execute(definition)
        cur.execute("SET session_replication_role = DEFAULT")
        raw.commit()
    raw.autocommit = True
    for table in ("registry_owner", "registry_enterprise", "reporting_yearlyfigure"):
        raw.execute(f"VACUUM (ANALYZE) {table}")
    raw.autocommit = False
    elapsed = time.monotonic() - started
    log(f"data ready in {elapsed:.0f}s")
    return elapsed
