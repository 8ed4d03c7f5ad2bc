#!/usr/bin/env python
"""Benchmark: the public catalogue search (`/katalog/?q=…`) at national scale.

    .venv/bin/python bench/search.py --n 1000000 \
        [--database-url postgres://postgres@127.0.0.1:5432/simpul_bench_search]

Creates (or reuses) its own database and data: the real region tree, the built-in KBLI
set, n/2 synthetic enterprises (60 % verified, so about n/3 verified; bench/registry_list.py's
generator) and `--n` products written with COPY (names and descriptions from an IKM
product word list, region names in the document; ~90 % published, public when their
enterprise is verified). Then, over 50 mixed queries (words, typos, filters, pages, sorts):

  endpoint   GET /katalog/?q=… through django.test.Client (middleware, view, search,
             facets, template), with 1 client and with 16 concurrent clients (16
             processes, each with its own database connection, as server workers)
  search     search_products() alone, 1 client
  raw        the page's FTS query (the window of the first 1,001 GIN matches ranked by
             ts_rank_cd, LIMIT 24) run directly on a psycopg connection: the floor the
             endpoint is compared with

Its last line is one JSON object (see docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _searchdata import ensure_products  # noqa: E402
from registry_list import (  # noqa: E402
    COLUMNS,
    ensure_database,
    ensure_enterprises,
    ensure_reference_data,
    log,
    percentile,
    setup_django,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/simpul_bench_search"
SEED = 20240605
CLIENTS = 16
TARGET_P95_MS = 50.0

WORDS = [
    "keripik pisang",
    "kopi robusta lampung",
    "tapis",
    "sulam usus",
    "batik tulis",
    "kemplang",
    "lada hitam",
    "gula aren",
    "madu hutan",
    "anyaman bambu",
    "mebel jati",
    "sambal bawang",
    "abon ikan",
    "dodol",
    "emping melinjo",
    "kerupuk ikan",
    "tenun",
    "kursi rotan",
    "sabun herbal",
    "kopi bubuk",
]
TYPOS = ["kripik pisang", "kopi robsta", "keriprk", "sambel", "anyamn bambu", "madu hutn"]


def queries() -> list[dict]:
    """50 request parameter sets: plain words, typos, words + filters, deeper pages, sorts."""
    rng = random.Random(SEED)
    mixed = [{"q": w} for w in WORDS]
    mixed += [{"q": t} for t in TYPOS]
    mixed += [{"q": rng.choice(WORDS), "region": r} for r in ("18", "18.71", "33", "35.15")]
    mixed += [{"q": rng.choice(WORDS), "price": p} for p in ("0-25000", "25000-100000")]
    mixed += [{"q": rng.choice(WORDS), "kbli": "10"}, {"q": "tapis", "cert": "halal"}]
    mixed += [{"q": w, "page": str(p)} for w, p in (("keripik", 2), ("kopi", 5), ("batik", 3))]
    mixed += [{"q": "keripik", "sort": "terbaru"}, {"q": "kopi", "sort": "harga-terendah"}]
    mixed += [{"q": "kopi", "sort": "harga-tertinggi", "region": "18"}]
    mixed += [{"region": "18.71"}, {"sort": "terbaru"}, {"price": "500000-"}]
    mixed += [{"q": "oleh oleh khas lampung"}, {"q": "kain songket palembang"}]
    mixed += [{"q": "keripik pisang", "page": "2"}, {"q": "kopi", "region": "18", "page": "3"}]
    mixed += [{"q": "gula aren organik"}, {"q": "batik", "price": "100000-500000"}]
    mixed += [{"q": "roti", "region": "31", "sort": "terbaru"}]
    assert len(mixed) == 50, len(mixed)
    return mixed


def to_query(params: dict):
    from simpul.catalogue.search.query import CatalogueQuery

    return CatalogueQuery(
        text=params.get("q", ""),
        region=params.get("region", ""),
        kbli_division=params.get("kbli", ""),
        certification=params.get("cert", ""),
        price_band=params.get("price", ""),
        sort=params.get("sort", "relevan"),
        page=int(params.get("page", "1")),
    )


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def summary(samples: list[float]) -> dict:
    return {
        "p50": round(statistics.median(samples), 1),
        "p95": round(percentile(samples, 95), 1),
        "max": round(max(samples), 1),
    }


def endpoint_url() -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("catalogue:search")
    except NoReverseMatch:
        return None


def request(client, url: str | None, params: dict) -> None:
    if url is None:  # no public page yet: the search function is the endpoint
        from simpul.catalogue.search.query import search_products

        search_products(to_query(params))
        return
    response = client.get(f"{url}?{urlencode(params)}")
    # A page past the last is a 404 by design (small --n); it is timed all the same.
    if response.status_code != 200 and not (response.status_code == 404 and "page" in params):
        raise SystemExit(f"{url}?{urlencode(params)} answered {response.status_code}")


def one_client(url: str | None, mixed: list[dict], rounds: int) -> list[float]:
    from django.test import Client

    client = Client()
    for params in mixed:  # warm-up round: caches, prepared plans
        request(client, url, params)
    return [timed(lambda p=p: request(client, url, p)) for _ in range(rounds) for p in mixed]


def _client_process(args: tuple[str | None, list[dict], int, int]) -> list[float]:
    """One client in its own process (forked after Django's setup), as a request would
    be served by one of several server worker processes."""
    from django.test import Client

    url, mixed, rounds, seed = args
    client, rng = Client(), random.Random(seed)
    order = [p for _ in range(rounds) for p in mixed]
    rng.shuffle(order)
    return [timed(lambda p=p: request(client, url, p)) for p in order]


def many_clients(url: str | None, mixed: list[dict], rounds: int) -> list[float]:
    """CLIENTS concurrent clients, each a process with its own database connection.
    Threads in one process would measure Python's global lock rather than the server:
    production runs several worker processes (gunicorn)."""
    from django.db import connections

    connections.close_all()  # a forked child must not share the parent's socket
    context = multiprocessing.get_context("fork")
    jobs = [(url, mixed, rounds, seed) for seed in range(CLIENTS)]
    with context.Pool(CLIENTS) as pool:
        return [sample for samples in pool.map(_client_process, jobs) for sample in samples]


def search_only(mixed: list[dict], rounds: int) -> list[float]:
    from simpul.catalogue.search.query import search_products

    queries_ = [to_query(p) for p in mixed]
    return [timed(lambda q=q: search_products(q)) for _ in range(rounds) for q in queries_]


def raw_sql(url: str, mixed: list[dict], rounds: int) -> list[float]:
    """The page query of each text query, written by hand, on a bare psycopg connection."""
    import psycopg

    from simpul.catalogue.search.postgres import facet_tokens, tsquery
    from simpul.catalogue.search.text import query_words

    # As the page does it (search/query.py): rank the window of the first MAX_COUNT + 1
    # matches the GIN index returns, the filters as facet tokens in the same tsquery.
    sql = (
        "SELECT id, name, price_min, public_key FROM catalogue_product WHERE id IN ("
        " SELECT id FROM catalogue_product"
        " WHERE is_public AND search_vector @@ to_tsquery('simple', %(q)s) LIMIT 1001)"
        " ORDER BY ts_rank_cd('{0.1,0.2,0.4,1.0}', search_vector,"
        " to_tsquery('simple', %(q)s), 1) DESC, published_at DESC, id DESC"
        " LIMIT 24 OFFSET %(offset)s"
    )
    texts = [p for p in mixed if query_words(p.get("q", ""))]
    params = [
        {
            "q": tsquery(query_words(p["q"]), False, facet_tokens(to_query(p))),
            "offset": 24 * (int(p.get("page", "1")) - 1),
        }
        for p in texts
    ]
    with psycopg.connect(url, autocommit=True) as conn:
        for p in params:
            conn.execute(sql, p).fetchall()
        return [
            timed(lambda p=p: conn.execute(sql, p).fetchall())
            for _ in range(rounds)
            for p in params
        ]


def default_new_columns() -> None:
    """registry_list.py's COPY names the enterprise columns it knew; NOT NULL columns added
    since then get a database default in this bench database only (false, 0, '')."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = 'registry_enterprise' AND is_nullable = 'NO'"
            " AND column_default IS NULL AND column_name <> 'id'"
        )
        for column, kind in cur.fetchall():
            if column in COLUMNS:
                continue
            value = {"boolean": "false", "integer": "0", "bigint": "0", "smallint": "0"}
            default = value.get(kind, "''")
            cur.execute(
                f'ALTER TABLE registry_enterprise ALTER COLUMN "{column}" SET DEFAULT {default}'
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="products (default 100000)")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--rounds", type=int, default=3, help="times each query is timed")
    args = parser.parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    ensure_reference_data()
    default_new_columns()
    ensure_enterprises(args.n // 2)
    ensure_products(args.n)
    mixed, url = queries(), endpoint_url()
    log(f"endpoint: {url or 'search_products() (no public page yet)'}")
    one = one_client(url, mixed, args.rounds)
    log(f"1 client: {summary(one)}")
    many = many_clients(url, mixed, args.rounds)
    log(f"{CLIENTS} clients: {summary(many)}")
    search = search_only(mixed, args.rounds)
    log(f"search_products(): {summary(search)}")
    raw = raw_sql(args.database_url, mixed, args.rounds)
    log(f"raw SQL: {summary(raw)}")
    s1, s16, sr, ss = summary(one), summary(many), summary(raw), summary(search)
    result = {
        "bench": "search",
        "n": args.n,
        "measured": "endpoint" if url else "search_products",
        "queries": len(mixed),
        "rounds": args.rounds,
        "p50_ms_1": s1["p50"],
        "p95_ms_1": s1["p95"],
        "p50_ms_16": s16["p50"],
        "p95_ms_16": s16["p95"],
        "search_p50_ms": ss["p50"],
        "search_p95_ms": ss["p95"],
        "raw_p50_ms": sr["p50"],
        "raw_p95_ms": sr["p95"],
        "ratio": round(s1["p95"] / sr["p95"], 2) if sr["p95"] else None,
        "target_p95_ms_1": TARGET_P95_MS,
        "machine": f"{platform.machine()} {platform.python_version()}",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
