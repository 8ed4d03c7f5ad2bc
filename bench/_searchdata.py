"""Synthetic products for bench/search.py, written with COPY.

Names and descriptions come from an IKM product word list (food, drinks, textiles,
crafts, furniture, metal), so the words are as skewed as a real catalogue: "keripik" or
"kopi" match tens of thousands of products at n = 1,000,000, "tapis" a few thousand.
Each document is built as services/sync.py builds it (search/text.py's document_text
parts: the name, then description, enterprise and region names), with each distinct
piece normalised once."""

from __future__ import annotations

import random
import time
from functools import lru_cache

from registry_list import KEY_ALPHABET, KEY_SPACE, log

SEED = 20240607
KEY_MULT = 1_812_433_253  # odd, coprime with 31**8 (as registry_list's KEY_MULT)
TYPES = [  # (product, weight, kbli division)
    ("Keripik Pisang", 6, "10"), ("Keripik Singkong", 5, "10"), ("Keripik Tempe", 3, "10"),
    ("Kerupuk Ikan", 3, "10"), ("Kemplang", 2, "10"), ("Kopi Robusta", 5, "10"),
    ("Kopi Bubuk", 4, "10"), ("Kopi Arabika", 1, "10"), ("Gula Aren", 3, "10"),
    ("Gula Semut", 1, "10"), ("Madu Hutan", 2, "10"), ("Lada Hitam", 2, "10"),
    ("Sambal Bawang", 3, "10"), ("Sambal Terasi", 2, "10"), ("Abon Ikan", 2, "10"),
    ("Abon Sapi", 1, "10"), ("Dodol", 2, "10"), ("Emping Melinjo", 1, "10"),
    ("Tempe", 3, "10"), ("Tahu", 3, "10"), ("Roti", 3, "10"), ("Kue Kering", 3, "10"),
    ("Bolu", 2, "10"), ("Pempek", 2, "10"), ("Bakso Ikan", 1, "10"), ("Terasi Udang", 1, "10"),
    ("Jamu", 2, "11"), ("Sirup Jahe", 1, "11"), ("Teh Herbal", 1, "11"),
    ("Kain Tapis", 1, "13"), ("Sulam Usus", 1, "14"), ("Batik Tulis", 2, "13"),
    ("Batik Cap", 2, "13"), ("Tenun Songket", 1, "13"), ("Kaos Sablon", 2, "14"),
    ("Kemeja Batik", 2, "14"), ("Mukena Bordir", 1, "14"), ("Tas Kulit", 1, "15"),
    ("Sepatu Kulit", 1, "15"), ("Sandal Anyaman", 1, "15"), ("Anyaman Bambu", 2, "16"),
    ("Anyaman Rotan", 1, "16"), ("Tikar Pandan", 1, "16"), ("Kursi Rotan", 1, "31"),
    ("Meja Jati", 1, "31"), ("Lemari Jati", 1, "31"), ("Ukiran Kayu", 1, "16"),
    ("Gerabah", 1, "23"), ("Sabun Herbal", 1, "20"), ("Minyak Kelapa", 1, "10"),
    ("Golok Tempa", 1, "25"), ("Pagar Besi", 1, "25"), ("Perhiasan Perak", 1, "32"),
]  # fmt: skip
QUALIFIERS = [
    "Original", "Pedas", "Manis", "Balado", "Coklat", "Keju", "Premium", "Super", "Asli",
    "Organik", "Motif Siger", "Motif Gajah", "Kemasan 250 g", "Kemasan 500 g", "1 kg",
    "Oleh-oleh", "Spesial", "Home Made", "Grade A", "Tradisional", "Modern", "Mini",
]  # fmt: skip
PHRASES = [
    "dibuat dari bahan pilihan", "tanpa pengawet", "renyah dan gurih", "khas daerah",
    "produksi rumahan", "dikemas rapi", "cocok untuk oleh-oleh", "dikerjakan tangan",
    "kualitas ekspor", "bersertifikat halal", "siap kirim ke seluruh Indonesia",
    "bahan baku lokal", "pesanan partai besar dilayani", "awet dan tahan lama",
]  # fmt: skip
CERTS = ["", "", "", "", ",halal,", ",pirt,", ",halal,pirt,", ",sni,", ",bpom_md,halal,"]
COLUMNS = [
    "province_code", "regency_code", "district_code", "village_id", "public_key",
    "enterprise_id", "name", "description", "price_min", "price_max", "unit", "min_order",
    "production_capacity", "sku", "is_published", "published_at", "hidden_reason",
    "kbli_division", "cert_kinds", "is_public", "search_document", "created_at", "updated_at",
]  # fmt: skip


def _key(i: int) -> str:
    key, chars = (i * KEY_MULT) % KEY_SPACE, []
    for _ in range(8):
        key, r = divmod(key, 31)
        chars.append(KEY_ALPHABET[r])
    return "".join(chars)


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\\", " ")


def _region_names(cur) -> dict[str, str]:
    """village code → normalised words of its village, district, regency and province."""
    from simpul.catalogue.search.text import normal_text

    cur.execute("SELECT code, name, parent_id FROM regions_region")
    rows = {code: (name, parent) for code, name, parent in cur.fetchall()}
    names = {}
    for code in rows:
        if len(code) == 13:
            chain, node = [], code
            while node:
                chain.append(rows[node][0])
                node = rows[node][1]
            names[code] = normal_text(" ".join(chain))
    return names


def _rows(n: int, enterprises: list[tuple], regions: dict[str, str]):
    from simpul.catalogue.search.text import normal_text

    rng = random.Random(SEED)
    doc = lru_cache(maxsize=None)(normal_text)
    weights = [t[1] for t in TYPES]
    for base in range(0, n, 20_000):
        lines = []
        for i in range(base + 1, min(n, base + 20_000) + 1):
            eid, village, ename, status = enterprises[rng.randrange(len(enterprises))]
            kind, _, division = rng.choices(TYPES, weights=weights)[0]
            name = f"{kind} {rng.choice(QUALIFIERS)}"
            phrase = rng.choice(PHRASES)
            description = f"{kind} {phrase}, {rng.choice(PHRASES)}."
            published = rng.random() < 0.9
            public = published and status == "verified"
            price = rng.randrange(5, 2000) * 1000
            cert = rng.choice(CERTS)
            document = (
                f"{doc(name)} | {doc(description)} {doc(ename)} {regions.get(village, '')}"
                f" {doc(' '.join(cert.split(',')))}"
            )
            day = 1 + (i * 1500 // n)
            stamp = time.strftime("%Y-%m-%d", time.gmtime(1609459200 + day * 86400))
            ts = f"{stamp} 08:00:00+07"
            lines.append("\t".join((
                village[:2], village[:5], village[:8], village, _key(i), str(eid), _clean(name),
                _clean(description), str(price), str(price), "pcs", "1", "", "",
                "t" if published else "f", ts if published else "\\N", "", division, cert,
                "t" if public else "f", document, ts, ts,
            )))  # fmt: skip
        yield "\n".join(lines) + "\n"


def ensure_products(n: int) -> float:
    """Make catalogue_product hold exactly `n` bench products (reused when it does)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM catalogue_product")
        if cur.fetchone()[0] == n:
            log(f"reusing {n:,} products")
            return 0.0
    started = time.monotonic()
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cur:
        cur.execute(
            "SELECT id, village_id, name, status FROM registry_enterprise"
            " WHERE village_id IS NOT NULL ORDER BY id"
        )
        enterprises = cur.fetchall()
        regions = _region_names(cur)
        cur.execute("TRUNCATE catalogue_product RESTART IDENTITY CASCADE")
        cur.execute("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'catalogue_product'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        """)
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        log(f"generating {n:,} products over {len(enterprises):,} enterprises")
        with cur.copy(f"COPY catalogue_product ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for block in _rows(n, enterprises, regions):
                copy.write(block)
        log(f"copied in {time.monotonic() - started:.0f}s; rebuilding {len(indexes)} indexes")
        cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cur.execute(definition)
        cur.execute("DELETE FROM catalogue_search_word")
        cur.execute(
            "INSERT INTO catalogue_search_word (word, ndoc) SELECT word, ndoc FROM ts_stat("
            "'SELECT search_vector FROM catalogue_product WHERE is_public')"
        )
    raw.commit()
    raw.autocommit = True
    raw.execute("VACUUM (ANALYZE) catalogue_product")
    raw.execute("VACUUM (ANALYZE) catalogue_search_word")
    raw.autocommit = False
    elapsed = time.monotonic() - started
    log(f"products ready in {elapsed:.0f}s")
    return elapsed
