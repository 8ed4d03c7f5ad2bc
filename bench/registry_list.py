#!/usr/bin/env python
"""Benchmark: the officer enterprise list (`/ikm/`) at national scale.

    .venv/bin/python bench/registry_list.py --n 1000000 \
        [--database-url postgres://postgres@127.0.0.1:5432/simpul_bench] [--repeat 30]

Creates (or reuses) its own database and data: the real region tree, the built-in KBLI
set and `--n` synthetic enterprises written with COPY. Then it times four requests made
in-process with django.test.Client (server time: middleware, session, view, queries,
template) and, in the same run, the bare SQL that each request's list page sends
(the page query plus the bounded count) replayed on a raw psycopg connection:

  first     the first page of a regency officer (the heaviest regency)
  deep      a page ~90% of the way down that officer's list (a cursor built for it)
  filtered  ?status=verified&kbli=10&kelas=kecil as a province officer
  search    ?q=<a word in ~0.1% of the names> as a national analyst

Its last line is one JSON object (see docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/simpul_bench"
SEED = 20240601
PER_PAGE = 25

# --------------------------------------------------------------------------- helpers


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_database(url: str) -> None:
    """Create the target database (on the same server) when it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    dbname = parts.path.lstrip("/")
    if not dbname:
        raise SystemExit("--database-url needs a database name")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if not exists:
            log(f"creating database {dbname}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "simpul.config.settings.base"
    os.environ["DATABASE_URL"] = url
    # Production-like request handling: no DEBUG query log; the test client's host allowed.
    os.environ.setdefault("DEBUG", "0")
    hosts = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ["ALLOWED_HOSTS"] = f"{hosts},testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --------------------------------------------------------------------------- reference data


def ensure_reference_data() -> None:
    from django.core.management import call_command

    from simpul.kbli.models import Kbli
    from simpul.regions.loaders import load_regions
    from simpul.regions.models import Region

    if not Region.objects.exists():
        started = time.monotonic()
        load_regions()
        log(f"regions loaded in {time.monotonic() - started:.1f}s")
    if not Kbli.objects.filter(level=Kbli.Level.KELOMPOK).exists():
        call_command("load_kbli", "--builtin", verbosity=0, stdout=io.StringIO())
        log("KBLI builtin loaded")


# --------------------------------------------------------------------------- data generation

KEY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # as simpul.registry.models
KEY_SPACE = len(KEY_ALPHABET) ** 8
KEY_MULT = 2_654_435_761  # odd, coprime with 31**8: i -> i*K mod 31**8 is a bijection

BUSINESS = [
    "Keripik Singkong",
    "Keripik Tempe",
    "Tahu",
    "Tempe",
    "Kerupuk",
    "Roti",
    "Kue Basah",
    "Kue Kering",
    "Sambal",
    "Kopi Bubuk",
    "Gula Aren",
    "Dodol",
    "Abon Ikan",
    "Ikan Asin",
    "Terasi",
    "Kecap",
    "Tape",
    "Jamu",
    "Minuman Herbal",
    "Madu",
    "Batik Tulis",
    "Batik Cap",
    "Tenun Ikat",
    "Songket",
    "Konveksi",
    "Bordir",
    "Sepatu",
    "Tas Kulit",
    "Anyaman Bambu",
    "Anyaman Rotan",
    "Mebel Jati",
    "Ukiran Kayu",
    "Gerabah",
    "Keramik",
    "Bengkel Las",
    "Pandai Besi",
    "Sablon",
    "Percetakan",
    "Sabun Herbal",
    "Minyak Kelapa",
    "Emping Melinjo",
    "Bakpia",
    "Rendang Kemasan",
    "Bakso Beku",
    "Nugget",
    "Es Krim",
    "Cokelat",
    "Teh Celup",
    "Perak",
    "Kerajinan Tembaga",
    "Kerajinan Kerang",
    "Souvenir",
    "Sangkar Burung",
    "Genteng",
    "Batu Bata",
    "Paving Block",
    "Pakan Ternak",
    "Pupuk Organik",
    "Tikar Pandan",
]
PREFIX = ["UD", "CV", "Industri", "Usaha", "Home Industry", "Rumah Produksi", "", "", "", ""]
SUFFIX = [
    "Jaya",
    "Makmur",
    "Abadi",
    "Sejahtera",
    "Mandiri",
    "Berkah",
    "Lestari",
    "Sentosa",
    "Barokah",
    "Indah",
    "Maju",
    "Baru",
    "Sakti",
    "Family",
    "Putra",
    "Putri",
    "",
    "",
    "",
    "",
]
SYLLABLES = [
    "ba",
    "bu",
    "da",
    "di",
    "ga",
    "ha",
    "ja",
    "ka",
    "ku",
    "la",
    "li",
    "ma",
    "mi",
    "na",
    "ni",
    "pa",
    "ra",
    "ri",
    "sa",
    "si",
    "su",
    "ta",
    "ti",
    "tu",
    "wa",
    "wi",
    "ya",
    "yu",
    "de",
    "to",
    "ko",
    "no",
]
# 32 x 32 = 1,024 two-syllable given names, each in ~0.1% of the names.
GIVEN = [(a + b).capitalize() for a in SYLLABLES for b in SYLLABLES]
STREETS = [
    "Merdeka",
    "Sudirman",
    "Diponegoro",
    "Gatot Subroto",
    "Pahlawan",
    "Raya",
    "Kartini",
    "Ahmad Yani",
    "Pemuda",
    "Veteran",
    "Pasar",
    "Masjid",
    "Sekolah",
]

STATUSES = (["verified", "submitted", "draft", "needs_revision", "rejected"], [60, 10, 18, 7, 5])
LEGAL = (
    ["perorangan", "ud", "cv", "pt", "pt_perorangan", "koperasi", "firma", "lainnya"],
    [70, 12, 8, 3, 2, 3, 1, 1],
)
SIZE_PERMENPERIN = (["kecil", "menengah", "besar", ""], [86, 11, 1, 2])
SIZE_PP7 = (["mikro", "kecil", "menengah", "besar", ""], [70, 20, 6, 2, 2])
SOURCES = (["import", "self_registration", "officer", "survey"], [50, 30, 15, 5])

COLUMNS = [
    "province_code",
    "regency_code",
    "district_code",
    "village_id",
    "public_key",
    "name",
    "legal_form",
    "nib",
    "npwp",
    "address",
    "postal_code",
    "products",
    "year_started",
    "workers_male",
    "workers_female",
    "investment_value",
    "business_capital",
    "production_capacity",
    "production_value",
    "annual_sales",
    "business_phone",
    "business_email",
    "publish_contact",
    "status",
    "status_reason",
    "size_class_permenperin",
    "size_class_pp7",
    "source",
    "registration_step",
    "kbli_id",
    "created_at",
    "updated_at",
    "submitted_at",
    "verified_at",
]


def search_word() -> str:
    """A given name that is no substring of any other word used in names, so that
    `?q=<it>` matches about 1/1,024 of the enterprises."""
    others = [w.upper() for w in BUSINESS + PREFIX + SUFFIX + STREETS for w in w.split()]
    for word in ("Ripa", "Wiko", "Tuyu", "Nodi", "Kuwa"):
        up = word.upper()
        clash = [g for g in GIVEN if up in g.upper() and g != word] + [w for w in others if up in w]
        if word in GIVEN and not clash:
            return word
    raise AssertionError("no clean search word")


def village_weights(villages: list[str], rng: random.Random) -> list[float]:
    """Regencies get log-normal weights, a dozen of them (the big industrial ones) five
    times more; villages share their regency's weight equally."""
    by_regency: dict[str, list[str]] = {}
    for code in villages:
        by_regency.setdefault(code[:5], []).append(code)
    regencies = sorted(by_regency)
    weight = {r: rng.lognormvariate(0, 0.9) for r in regencies}
    for r in rng.sample(regencies, 12):
        weight[r] *= 5
    return [weight[c[:5]] / len(by_regency[c[:5]]) for c in villages]


def generate_rows(n: int, villages: list[str], kbli_codes: list[str]):
    """Yield COPY text chunks of enterprises, in id order (created_at grows with id)."""
    rng = random.Random(SEED)
    cum_v = list(_accumulate(village_weights(villages, rng)))
    # Food (KBLI 10/11) is most of the small industry.
    kweights = [4.0 if c.startswith(("10", "11")) else 1.0 for c in kbli_codes]
    days = 6 * 365
    start = time.mktime((2019, 1, 1, 0, 0, 0, 0, 0, -1))
    day_str = [
        time.strftime("%Y-%m-%d", time.localtime(start + d * 86400)) for d in range(days + 40)
    ]
    chunk = 50_000
    for base in range(0, n, chunk):
        k = min(chunk, n - base)
        vil = rng.choices(villages, cum_weights=cum_v, k=k)
        kb = rng.choices(kbli_codes, weights=kweights, k=k)
        st = rng.choices(*STATUSES, k=k)
        lf = rng.choices(*LEGAL, k=k)
        s1 = rng.choices(*SIZE_PERMENPERIN, k=k)
        s2 = rng.choices(*SIZE_PP7, k=k)
        src = rng.choices(*SOURCES, k=k)
        biz = rng.choices(BUSINESS, k=k)
        pre = rng.choices(PREFIX, k=k)
        giv = rng.choices(GIVEN, k=k)
        suf = rng.choices(SUFFIX, k=k)
        lines = []
        for j in range(k):
            i = base + j + 1
            v = vil[j]
            key = (i * KEY_MULT) % KEY_SPACE
            chars = []
            for _ in range(8):
                key, r = divmod(key, 31)
                chars.append(KEY_ALPHABET[r])
            name = " ".join(p for p in (pre[j], biz[j], giv[j], suf[j]) if p)
            nib = f"{(912_000_000_000 + i * 7919) % 10**13:013d}" if i % 20 < 9 else ""
            d = i * days // n
            ts = f"{day_str[d]} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00+07"
            status = st[j]
            submitted = ts if status != "draft" else "\\N"
            verified = (
                f"{day_str[d + rng.randrange(1, 30)]} 10:00:00+07"
                if status == "verified"
                else "\\N"
            )
            wm, wf = rng.randrange(1, 12), rng.randrange(0, 12)
            capital = rng.randrange(5, 2000) * 1_000_000
            lines.append(
                "\t".join(
                    (
                        v[:2],
                        v[:5],
                        v[:8],
                        v,
                        "".join(chars),
                        name,
                        lf[j],
                        nib,
                        "",
                        f"Jl. {STREETS[i % len(STREETS)]} No. {i % 97 + 1}",
                        "",
                        biz[j],
                        str(1980 + i % 45),
                        str(wm),
                        str(wf),
                        str(capital),
                        str(capital),
                        "",
                        str(capital * 3),
                        str(capital * 2),
                        "",
                        "",
                        "f",
                        status,
                        "",
                        s1[j],
                        s2[j],
                        src[j],
                        "1" if status == "draft" else "5",
                        kb[j],
                        ts,
                        ts,
                        submitted,
                        verified,
                    )
                )
            )
        yield "\n".join(lines) + "\n"


def _accumulate(weights: list[float]):
    total = 0.0
    for w in weights:
        total += w
        yield total


def ensure_enterprises(n: int) -> float:
    """Make the table hold exactly `n` bench enterprises; returns seconds spent (0 when
    the existing data was reused)."""
    from django.db import connection

    from simpul.kbli.models import Kbli
    from simpul.regions.models import Region

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM registry_enterprise")
        existing = cur.fetchone()[0]
    if existing == n:
        log(f"reusing {n:,} enterprises")
        return 0.0
    started = time.monotonic()
    villages = list(
        Region.objects.filter(level=Region.Level.VILLAGE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    kbli_codes = list(
        Kbli.objects.filter(level=Kbli.Level.KELOMPOK)
        .order_by("code")
        .values_list("code", flat=True)
    )
    if not villages or not kbli_codes:
        raise SystemExit("regions or KBLI missing")
    log(
        f"generating {n:,} enterprises over {len(villages):,} villages, "
        f"{len(kbli_codes)} KBLI kelompok"
    )
    connection.ensure_connection()
    raw = connection.connection  # the psycopg3 connection under Django's wrapper
    with raw.cursor() as cur:
        # One transaction: empty the table, drop the secondary indexes that back no
        # constraint, COPY, build those indexes again in bulk (much faster than keeping
        # ~20 indexes up to date row by row). A failure rolls all of it back.
        cur.execute("TRUNCATE registry_enterprise RESTART IDENTITY CASCADE")
        cur.execute("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'registry_enterprise'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        """)
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        copy_sql = f"COPY registry_enterprise ({', '.join(COLUMNS)}) FROM STDIN"
        with cur.copy(copy_sql) as copy:
            done = 0
            for block in generate_rows(n, villages, kbli_codes):
                copy.write(block)
                done += block.count("\n")
                if done % 200_000 == 0:
                    log(f"  {done:,} rows  {time.monotonic() - started:.0f}s")
        log(f"copied in {time.monotonic() - started:.0f}s; rebuilding {len(indexes)} indexes")
        cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cur.execute(definition)
    raw.commit()
    log(f"indexed in {time.monotonic() - started:.0f}s; VACUUM ANALYZE")
    raw_autocommit = raw.autocommit
    raw.autocommit = True
    raw.execute("VACUUM (ANALYZE) registry_enterprise")
    raw.autocommit = raw_autocommit
    elapsed = time.monotonic() - started
    log(f"data ready in {elapsed:.0f}s")
    return elapsed


# --------------------------------------------------------------------------- users


def ensure_users():
    from django.db.models import Count

    from simpul.accounts.models import Office, User
    from simpul.registry.models import Enterprise

    top = Enterprise.objects.values("regency_code").annotate(c=Count("id")).order_by("-c").first()
    regency = top["regency_code"]
    province = regency[:2]

    def office(code, name, kind, region):
        obj, _ = Office.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "region_id": region}
        )
        return obj

    def user(email, role, off):
        obj, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "full_name": email.split("@")[0],
                "role": role,
                "office": off,
                "is_active": True,
            },
        )
        return obj

    national = office("bench-kemenperin", "Kemenperin (bench)", Office.Kind.KEMENPERIN, None)
    prov = office("bench-prov", "Dinas provinsi (bench)", Office.Kind.PROVINCE, province)
    reg = office("bench-kab", "Dinas kabupaten (bench)", Office.Kind.REGENCY, regency)
    return {
        "analyst": user("analyst@bench.simpul", User.Role.ANALYST, national),
        "province": user("province@bench.simpul", User.Role.OFFICER, prov),
        "officer": user("officer@bench.simpul", User.Role.OFFICER, reg),
        "regency": regency,
        "province_code": province,
        "regency_rows": top["c"],
    }


# --------------------------------------------------------------------------- measuring

BACKEND = "simpul.accounts.backends.EmailOrPhoneBackend"


def deep_cursor(user, depth: float) -> tuple[str, int]:
    """A `c` cursor pointing `depth` (0..1) of the way down the user's default list,
    built exactly as simpul.core.pagination encodes it."""
    from simpul.core.pagination import _encode
    from simpul.core.scope import RegionScope
    from simpul.registry import selectors

    qs = selectors.enterprise_list(scope=RegionScope.for_user(user))
    total = qs.count()
    offset = (int(total * depth) // PER_PAGE) * PER_PAGE - 1
    last_id = qs.order_by("-id").values_list("id", flat=True)[offset]
    return _encode(["n", last_id]), offset // PER_PAGE + 2


def kbli_filter_value(user, base: str) -> str:
    """`kbli=10` (a prefix: every food industry) when the list accepts it; otherwise a
    full kelompok code, and the failure is reported."""
    from django.test import Client

    client = Client(raise_request_exception=True)
    client.force_login(user, backend=BACKEND)
    try:
        client.get(f"{base}?kbli=10")
        return "10"
    except Exception as exc:  # noqa: BLE001 - reported, then measured with a full code
        log(
            f"WARNING: ?kbli=10 fails ({type(exc).__name__}: {exc}); "
            "measuring the filtered case with kbli=10792 instead"
        )
        return "10792"


def measure_case(client, url: str, repeat: int, raw_conn, row_re) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: connection, caches, plans
        response = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    rows = len(row_re.findall(response.content.decode()))
    assert rows > 0, f"{url}: the page has no rows"
    sqls = [q["sql"] for q in captured.captured_queries if "registry_enterprise" in q["sql"]]
    page_sql = [s for s in sqls if "ORDER BY" in s and "COUNT(" not in s.upper()]
    count_sql = [s for s in sqls if "COUNT(" in s.upper()]
    assert len(page_sql) == 1 and len(count_sql) == 1, sqls

    app = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        app.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200

    raw_times = []
    with raw_conn.cursor() as cur:
        for _ in range(3):
            cur.execute(page_sql[0]).fetchall()
            cur.execute(count_sql[0]).fetchall()
        for _ in range(repeat):
            t = time.perf_counter()
            cur.execute(page_sql[0])
            cur.fetchall()
            cur.execute(count_sql[0])
            count = cur.fetchone()[0]
            raw_times.append((time.perf_counter() - t) * 1000)
    return {
        "url": url,
        "rows": rows,
        "count": count,
        "queries": len(captured.captured_queries),
        "p50_ms": round(statistics.median(app), 1),
        "p95_ms": round(percentile(app, 95), 1),
        "raw_p50_ms": round(statistics.median(raw_times), 1),
        "raw_p95_ms": round(percentile(raw_times, 95), 1),
        "page_sql": page_sql[0],
        "count_sql": count_sql[0],
    }


def explain(raw_conn, sql: str) -> str:
    with raw_conn.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(r[0] for r in cur.fetchall())


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="enterprises (default 1M)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per case")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN ANALYZE of every case's SQL (to stderr)",
    )
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("this benchmark needs PostgreSQL")

    ensure_database(args.database_url)
    setup_django(args.database_url)

    import psycopg
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0, interactive=False)
    ensure_reference_data()
    generate_s = ensure_enterprises(args.n)
    users = ensure_users()

    word = search_word()
    base = reverse("registry:list")
    detail = reverse("registry:detail", args=[1]).replace("1", r"\d+")
    row_re = re.compile(r'<a href="' + detail + '"')
    cursor, deep_page = deep_cursor(users["officer"], 0.9)
    kbli = kbli_filter_value(users["province"], base)

    cases = [
        (
            "first",
            users["officer"],
            base,
            f"first page, regency officer ({users['regency']}, {users['regency_rows']:,} IKM)",
        ),
        (
            "deep",
            users["officer"],
            f"{base}?{urlencode({'c': cursor})}",
            f"page ~{deep_page:,} of the same officer's list",
        ),
        (
            "filtered",
            users["province"],
            f"{base}?{urlencode({'status': 'verified', 'kbli': kbli, 'kelas': 'kecil'})}",
            f"status=verified kbli={kbli} kelas=kecil, province officer ({users['province_code']})",
        ),
        (
            "search",
            users["analyst"],
            f"{base}?{urlencode({'q': word})}",
            f"name search q={word}, national analyst",
        ),
    ]
    results = {}
    with psycopg.connect(args.database_url, autocommit=True) as raw_conn:
        server_version = raw_conn.execute("SHOW server_version").fetchone()[0]
        for key, user, url, label in cases:
            client = Client()
            client.force_login(user, backend=BACKEND)
            result = measure_case(client, url, args.repeat, raw_conn, row_re)
            result["label"] = label
            results[key] = result
            log(
                f"{key}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms "
                f"(raw {result['raw_p50_ms']}/{result['raw_p95_ms']} ms)"
            )
            if args.explain or result["p95_ms"] > 200:
                log(f"--- {key} page query\n{explain(raw_conn, result['page_sql'])}")
                log(f"--- {key} count query\n{explain(raw_conn, result['count_sql'])}")
    connection.close()

    header = (
        f"{'case':<9} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>8} {'raw p95':>8} "
        f"{'ratio':>6} {'count':>7}  what"
    )
    print(f"registry_list  n={args.n:,}  repeat={args.repeat}  PostgreSQL {server_version}")
    print(header)
    print("-" * len(header))
    for key, r in results.items():
        ratio = r["p95_ms"] / r["raw_p95_ms"] if r["raw_p95_ms"] else float("nan")
        count = f"{r['count']:,}" + ("+" if r["count"] > 10_000 else "")
        print(
            f"{key:<9} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['raw_p50_ms']:>8.1f} "
            f"{r['raw_p95_ms']:>8.1f} {ratio:>6.1f} {count:>7}  {r['label']}"
        )
    p95 = max(r["p95_ms"] for r in results.values())
    raw_p95 = max(r["raw_p95_ms"] for r in results.values())
    summary = {
        "bench": "registry_list",
        "n": args.n,
        "repeat": args.repeat,
        "p50_ms": max(r["p50_ms"] for r in results.values()),
        "p95_ms": p95,
        "raw_p95_ms": raw_p95,
        "ratio": round(p95 / raw_p95, 1) if raw_p95 else None,
        "target_p95_ms": 200,
        "ok": p95 <= 200,
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "nproc": os.cpu_count(),
    }
    for key, r in results.items():
        summary.update(
            {
                f"{key}_p50_ms": r["p50_ms"],
                f"{key}_p95_ms": r["p95_ms"],
                f"{key}_raw_p50_ms": r["raw_p50_ms"],
                f"{key}_raw_p95_ms": r["raw_p95_ms"],
            }
        )
    if generate_s:
        summary["generate_s"] = round(generate_s, 1)
    summary["filtered_kbli"] = kbli
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
