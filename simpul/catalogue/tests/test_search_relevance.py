# ruff: noqa: E501  (the catalogue and the queries are tables: one row a line)
"""Search relevance on a fixed catalogue of Lampung IKM products (issue 4).

Seventy-four products of sixteen verified enterprises in nine regencies, created through the
services, and 45 buyer queries with the products a buyer expects (typos, spelling
variants, affixes, region words, several words). For each query:

  precision@5 = relevant products among the first five / min(5, number of relevant)

(so a query with two relevant products scores 1.0 when both are in the top five), and
the query's `first` product must be among the first five. The floors below are what
both backends reach; `SEARCH_RELEVANCE_TABLE=path pytest ...` writes the per-query
table (appended, one section per backend) that docs/search.md shows."""

from __future__ import annotations

import datetime as dt
import os
import statistics

import pytest
from django.db import connection

from simpul.catalogue import services
from simpul.catalogue.search.query import CatalogueQuery, search_products
from simpul.core.audit import Provenance
from simpul.core.models import Source

MEAN_PRECISION_FLOOR = 0.95
QUERY_PRECISION_FLOOR = 0.5

REGENCIES = [  # code, regency, district, village (one each is enough here)
    ("18.01", "Kabupaten Lampung Selatan", "Kalianda", "Way Urang"),
    ("18.02", "Kabupaten Lampung Tengah", "Gunung Sugih", "Komering Agung"),
    ("18.06", "Kabupaten Tanggamus", "Kota Agung", "Kuripan"),
    ("18.07", "Kabupaten Lampung Timur", "Sukadana", "Pasar Sukadana"),
    ("18.09", "Kabupaten Pesawaran", "Gedong Tataan", "Sukaraja"),
    ("18.10", "Kabupaten Pringsewu", "Pringsewu", "Pringsewu Utara"),
    ("18.72", "Kota Metro", "Metro Pusat", "Imopuro"),
]

# enterprise: (village code, name, [(product name, description, price)])
CATALOGUE = {
    "kopi": ("18.04.01.2001", "UD Sinar Bukit", [
        ("Kopi Robusta Lampung Bubuk 250 g", "Kopi robusta petik merah dari Lampung Barat, disangrai sedang.", 45_000),
        ("Kopi Robusta Biji Sangrai 1 kg", "Biji kopi robusta Liwa sangrai medium untuk kafe.", 150_000),
        ("Kopi Luwak Liar Lampung Barat", "Kopi luwak liar asli dari kebun kopi Way Mengaku.", 350_000),
        ("Kopi Arabika Lampung", "Kopi arabica dataran tinggi, rasa buah.", 90_000),
        ("Kopi Bubuk Campur Jahe", "Kopi bubuk dengan jahe merah, hangat di badan.", 25_000),
    ]),
    "kopi2": ("18.06.01.1001", "CV Tanggamus Agro", [
        ("Kopi Robusta Tanggamus Green Bean", "Biji kopi mentah robusta Tanggamus grade 1.", 80_000),
        ("Lada Hitam Butir Lampung", "Lada hitam kering pilihan dari kebun Tanggamus.", 60_000),
        ("Lada Putih Bubuk", "Lada putih digiling halus tanpa campuran.", 40_000),
        ("Cengkeh Kering", "Cengkeh kering untuk rempah dan rokok.", 70_000),
    ]),
    "keripik": ("18.71.01.1001", "UD Sumber Rasa", [
        ("Keripik Pisang Coklat", "Keripik pisang kepok dengan balutan coklat, renyah.", 15_000),
        ("Keripik Pisang Manis", "Keripik pisang tanduk rasa manis legit.", 14_000),
        ("Keripik Pisang Asin Gurih", "Keripik pisang asin, oleh-oleh khas Bandar Lampung.", 14_000),
        ("Keripik Singkong Balado", "Keripik singkong pedas balado.", 12_000),
        ("Keripik Tempe Sagu", "Keripik tempe tipis dan renyah.", 10_000),
        ("Sale Pisang Goreng", "Sale pisang ambon digoreng tepung.", 18_000),
    ]),
    "keripik2": ("18.72.01.1001", "Rumah Produksi Dapur Ibu", [
        ("Keripik Pisang Rasa Keju", "Keripik pisang dengan taburan keju.", 16_000),
        ("Kerupuk Kemplang Ikan Tenggiri", "Kemplang panggang dari ikan tenggiri asli.", 25_000),
        ("Kemplang Goreng Pedas", "Kerupuk kemplang goreng bumbu pedas.", 20_000),
        ("Kerupuk Kulit Sapi", "Kerupuk rambak dari kulit sapi.", 22_000),
        ("Abon Ikan Tuna", "Abon ikan tuna tanpa pengawet, gurih.", 35_000),
    ]),
    "laut": ("18.01.01.1001", "KUB Nelayan Kalianda", [
        ("Ikan Asin Teri Medan", "Teri kering asin hasil nelayan Kalianda.", 30_000),
        ("Terasi Udang Rebon", "Terasi udang rebon fermentasi tradisional.", 15_000),
        ("Abon Ikan Tongkol Pedas", "Abon ikan tongkol rasa pedas.", 30_000),
        ("Kerupuk Ikan Kalianda", "Kerupuk ikan mentah siap goreng.", 20_000),
        ("Otak-otak Ikan Beku", "Otak-otak ikan tenggiri beku, tinggal dibakar.", 40_000),
    ]),
    "gula": ("18.09.01.1001", "Kelompok Tani Aren Sejahtera", [
        ("Gula Aren Cetak", "Gula aren murni dari nira pohon aren Pesawaran.", 25_000),
        ("Gula Semut Aren Organik", "Gula aren kristal (gula semut) organik.", 35_000),
        ("Madu Hutan Lampung", "Madu hutan murni dari lebah liar.", 120_000),
        ("Madu Klanceng", "Madu lebah tanpa sengat, rasa asam manis.", 150_000),
        ("Sirup Jahe Merah", "Minuman herbal jahe merah dengan gula aren.", 30_000),
    ]),
    "sambal": ("18.10.01.1001", "Dapur Sambal Pringsewu", [
        ("Sambal Terasi Botol", "Sambal terasi pedas siap saji dalam botol.", 25_000),
        ("Sambal Bawang Pedas", "Sambel bawang dengan cabe rawit pilihan.", 22_000),
        ("Sambal Cumi Asin", "Sambal cumi asin khas pesisir.", 35_000),
        ("Bawang Goreng Renyah", "Bawang merah goreng renyah tanpa minyak berlebih.", 20_000),
        ("Kecap Manis Cap Jago", "Kecap manis kedelai hitam fermentasi.", 15_000),
    ]),
    "olahan": ("18.02.01.1001", "UD Tengah Makmur", [
        ("Tempe Kedelai Lokal", "Tempe segar dari kedelai lokal.", 5_000),
        ("Tahu Putih Sumedang", "Tahu putih lembut.", 6_000),
        ("Emping Melinjo", "Emping melinjo tipis siap goreng.", 45_000),
        ("Dodol Nanas", "Dodol nanas Lampung Tengah legit.", 20_000),
        ("Selai Nanas", "Selai nanas untuk kue nastar.", 25_000),
        ("Tepung Tapioka", "Tepung singkong tapioka halus.", 12_000),
    ]),
    "tapis": ("18.71.01.1001", "Sanggar Tapis Siger", [
        ("Kain Tapis Lampung Motif Siger", "Tapis tenun benang emas motif siger, sulaman tangan.", 1_500_000),
        ("Selendang Tapis", "Selendang dengan sulaman tapis benang emas.", 450_000),
        ("Tas Tapis Wanita", "Tas tangan berhias kain tapis.", 250_000),
        ("Peci Tapis", "Peci pria dengan hiasan tapis.", 85_000),
        ("Dompet Tapis Kecil", "Dompet kecil dari kain tapis.", 60_000),
    ]),
    "sulam": ("18.72.01.1001", "Sulam Usus Metro", [
        ("Kebaya Sulam Usus", "Kebaya brokat dengan sulam usus khas Lampung.", 650_000),
        ("Blus Sulam Usus", "Blus wanita hiasan sulaman usus.", 300_000),
        ("Kain Sulam Usus Meteran", "Kain sulam usus dijual per meter.", 200_000),
        ("Bros Sulam Usus", "Bros kecil dari sulam usus.", 35_000),
    ]),
    "batik": ("18.71.01.1001", "Batik Jejamo", [
        ("Batik Tulis Lampung Motif Gajah", "Batik tulis motif gajah Way Kambas, pewarna alam.", 750_000),
        ("Batik Cap Siger", "Kain batik cap motif siger.", 250_000),
        ("Kemeja Batik Pria", "Kemeja batik lengan panjang, dijahit rapi.", 275_000),
        ("Jasa Jahit Seragam", "Penjahit seragam kantor dan sekolah, menjahit sesuai ukuran.", 150_000),
    ]),
    "anyam": ("18.07.01.1001", "Pengrajin Bambu Sukadana", [
        ("Anyaman Bambu Tudung Saji", "Tudung saji dari anyaman bambu.", 45_000),
        ("Keranjang Bambu Anyam", "Keranjang dianyam dari bambu tali.", 35_000),
        ("Tikar Pandan Anyaman", "Tikar dari anyaman daun pandan.", 90_000),
        ("Kursi Rotan Teras", "Kursi rotan sintetis untuk teras.", 600_000),
        ("Lampu Hias Bambu", "Lampu hias gantung dari bambu.", 120_000),
    ]),
    "mebel": ("18.09.01.1001", "Mebel Jati Gedong Tataan", [
        ("Meja Makan Kayu Jati", "Meja makan jati solid enam kursi.", 4_500_000),
        ("Lemari Pakaian Jati", "Lemari pakaian kayu jati tiga pintu.", 3_800_000),
        ("Kursi Tamu Jati Ukir", "Kursi tamu kayu jati dengan ukiran.", 6_000_000),
        ("Ukiran Kayu Siger", "Hiasan dinding ukiran kayu motif siger.", 350_000),
    ]),
    "sabun": ("18.71.01.1001", "Herbal Bumi Ruwa Jurai", [
        ("Sabun Herbal Kopi", "Sabun mandi dari ampas kopi dan minyak kelapa.", 20_000),
        ("Minyak Kelapa Murni VCO", "Virgin coconut oil, minyak kelapa murni.", 45_000),
        ("Jamu Kunyit Asam", "Minuman jamu kunyit asam.", 12_000),
        ("Teh Daun Kelor", "Teh herbal daun kelor kering.", 30_000),
    ]),
    "roti": ("18.01.01.1001", "Bakery Kalianda", [
        ("Roti Bolu Pisang", "Bolu pisang lembut.", 35_000),
        ("Kue Lapis Legit", "Kue lapis legit wisman.", 250_000),
        ("Pempek Kapal Selam", "Pempek ikan isi telur.", 15_000),
        ("Bakso Ikan Beku", "Bakso ikan tenggiri beku.", 40_000),
    ]),
    "logam": ("18.02.01.1001", "Bengkel Las Karya", [
        ("Pagar Besi Minimalis", "Pagar besi las sesuai pesanan.", 900_000),
        ("Golok Tempa Baja", "Golok tempa dari baja per mobil.", 150_000),
        ("Perhiasan Perak Siger", "Liontin perak motif siger.", 300_000),
    ]),
}  # fmt: skip

# query: (the product expected first, the other relevant products)
QUERIES = {
    "keripik pisang": ("Keripik Pisang Coklat", ["Keripik Pisang Manis", "Keripik Pisang Asin Gurih", "Keripik Pisang Rasa Keju"]),
    "kripik pisang": ("Keripik Pisang Coklat", ["Keripik Pisang Manis", "Keripik Pisang Asin Gurih", "Keripik Pisang Rasa Keju"]),
    "keripk singkong": ("Keripik Singkong Balado", []),
    "keriprk tempe": ("Keripik Tempe Sagu", []),
    "kopi robusta lampung": ("Kopi Robusta Lampung Bubuk 250 g", ["Kopi Robusta Biji Sangrai 1 kg", "Kopi Robusta Tanggamus Green Bean"]),
    "kopi robsta lampung": ("Kopi Robusta Lampung Bubuk 250 g", ["Kopi Robusta Biji Sangrai 1 kg", "Kopi Robusta Tanggamus Green Bean"]),
    "coffee luwak": ("Kopi Luwak Liar Lampung Barat", []),
    "kopi arabika": ("Kopi Arabika Lampung", []),
    "tapis": ("Kain Tapis Lampung Motif Siger", ["Selendang Tapis", "Tas Tapis Wanita", "Peci Tapis", "Dompet Tapis Kecil"]),
    "kain tapis": ("Kain Tapis Lampung Motif Siger", ["Dompet Tapis Kecil", "Tas Tapis Wanita", "Selendang Tapis"]),
    "sulam usus": ("Kebaya Sulam Usus", ["Blus Sulam Usus", "Kain Sulam Usus Meteran", "Bros Sulam Usus"]),
    "sulaman": ("Kebaya Sulam Usus", ["Blus Sulam Usus", "Kain Sulam Usus Meteran", "Bros Sulam Usus", "Selendang Tapis", "Kain Tapis Lampung Motif Siger"]),
    "batik lampung": ("Batik Tulis Lampung Motif Gajah", ["Batik Cap Siger", "Kemeja Batik Pria"]),
    "batik tulis": ("Batik Tulis Lampung Motif Gajah", []),
    "kemplang": ("Kerupuk Kemplang Ikan Tenggiri", ["Kemplang Goreng Pedas"]),
    "krupuk ikan": ("Kerupuk Ikan Kalianda", ["Kerupuk Kemplang Ikan Tenggiri"]),
    "lada hitam": ("Lada Hitam Butir Lampung", []),
    "merica putih": ("Lada Putih Bubuk", []),
    "gula aren": ("Gula Aren Cetak", ["Gula Semut Aren Organik"]),
    "gula semut": ("Gula Semut Aren Organik", []),
    "madu": ("Madu Hutan Lampung", ["Madu Klanceng"]),
    "madu hutan": ("Madu Hutan Lampung", []),
    "anyaman": ("Anyaman Bambu Tudung Saji", ["Keranjang Bambu Anyam", "Tikar Pandan Anyaman"]),
    "anyaman bambu": ("Anyaman Bambu Tudung Saji", ["Keranjang Bambu Anyam"]),
    "mebel jati": ("Meja Makan Kayu Jati", ["Lemari Pakaian Jati", "Kursi Tamu Jati Ukir"]),
    "furniture kayu jati": ("Meja Makan Kayu Jati", ["Lemari Pakaian Jati", "Kursi Tamu Jati Ukir"]),
    "sambal": ("Sambal Terasi Botol", ["Sambal Bawang Pedas", "Sambal Cumi Asin"]),
    "sambel bawang": ("Sambal Bawang Pedas", []),
    "abon ikan": ("Abon Ikan Tuna", ["Abon Ikan Tongkol Pedas"]),
    "terasi udang": ("Terasi Udang Rebon", []),
    "ikan asin": ("Ikan Asin Teri Medan", []),
    "dodol nanas": ("Dodol Nanas", []),
    "emping": ("Emping Melinjo", []),
    "menjahit": ("Jasa Jahit Seragam", []),
    "penjahit seragam": ("Jasa Jahit Seragam", []),
    "ukiran kayu": ("Ukiran Kayu Siger", ["Kursi Tamu Jati Ukir"]),
    "kursi rotan": ("Kursi Rotan Teras", []),
    "keripik pisang bandar lampung": ("Keripik Pisang Coklat", ["Keripik Pisang Manis", "Keripik Pisang Asin Gurih"]),
    "kopi tanggamus": ("Kopi Robusta Tanggamus Green Bean", []),
    "sabun kopi": ("Sabun Herbal Kopi", []),
    "minyak kelapa": ("Minyak Kelapa Murni VCO", []),
    "jamu kunyit": ("Jamu Kunyit Asam", []),
    "golok": ("Golok Tempa Baja", []),
    "kopi lampung barat": ("Kopi Luwak Liar Lampung Barat", ["Kopi Robusta Lampung Bubuk 250 g", "Kopi Robusta Biji Sangrai 1 kg", "Kopi Arabika Lampung", "Kopi Bubuk Campur Jahe"]),
    "sulam usus metro": ("Kebaya Sulam Usus", ["Blus Sulam Usus", "Kain Sulam Usus Meteran", "Bros Sulam Usus"]),
}  # fmt: skip


@pytest.fixture
def catalogue(regions, kbli, offices, make_user):
    """The fixed catalogue, written through the registry and catalogue services."""
    from simpul.regions.models import Region
    from simpul.registry import services as registry

    L = Region.Level
    for code, regency, district, village in REGENCIES:
        Region.objects.create(code=code, name=regency, level=L.REGENCY, parent_id="18")
        Region.objects.create(code=f"{code}.01", name=district, level=L.DISTRICT, parent_id=code)
        Region.objects.create(
            code=f"{code}.01.1001", name=village, level=L.VILLAGE, parent_id=f"{code}.01"
        )
    officer = make_user("petugas.18@uji.id", "officer", offices["18"])
    prov = Provenance(actor=officer, source=Source.OFFICER)
    for number, (village, name, products) in enumerate(CATALOGUE.values(), start=1):
        enterprise = registry.enterprise_create_draft(
            provenance=prov,
            name=name,
            legal_form="ud",
            village=Region.objects.get(code=village),
            address="Jl. Pasar 1",
            kbli=kbli,
            products=products[0][0],
            workers_male=2,
            workers_female=2,
        )
        registry.owner_save(
            owner=enterprise.owner,
            provenance=prov,
            full_name=f"Pemilik {number}",
            nik=f"18710152038500{number:02d}",
            gender="P",
            birth_date=dt.date(1985, 3, 12),
            phone="",
            email="",
        )
        registry.enterprise_submit(enterprise=enterprise, provenance=prov)
        registry.enterprise_verify(enterprise=enterprise, provenance=prov)
        for product_name, description, price in products:
            item = services.product_create(
                enterprise=enterprise,
                provenance=prov,
                data={"name": product_name, "description": description, "price_min": price},
            )
            services.product_publish(product=item, provenance=prov, published=True)


def evaluate(text: str, first: str, others: list[str]) -> tuple[float, list[str], str]:
    results = search_products(CatalogueQuery(text=text, page_size=5))
    top = [p.name for p in results.products]
    relevant = {first, *others}
    precision = len(relevant & set(top)) / min(5, len(relevant))
    return precision, top, results.corrected_text


@pytest.mark.django_db
def test_catalogue_is_complete(catalogue):
    from simpul.catalogue.models import Product

    names = set(Product.objects.filter(is_public=True).values_list("name", flat=True))
    expected = {p[0] for _, _, products in CATALOGUE.values() for p in products}
    assert names == expected and len(names) >= 70
    wanted = {q[0] for q in QUERIES.values()} | {n for q in QUERIES.values() for n in q[1]}
    assert wanted <= names  # every expected product exists under that exact name
    assert len(QUERIES) >= 30


@pytest.mark.django_db
def test_relevance_precision_at_5(catalogue):
    rows, failures = [], []
    for text, (first, others) in QUERIES.items():
        precision, top, corrected = evaluate(text, first, others)
        rows.append((text, precision, top, corrected))
        if first not in top:
            failures.append(f"{text!r}: {first!r} not in top 5 {top}")
        if precision < QUERY_PRECISION_FLOOR:
            failures.append(f"{text!r}: precision@5 {precision:.2f}, top 5 {top}")
    mean = statistics.mean(r[1] for r in rows)
    _write_table(rows, mean)
    assert not failures, "\n".join(failures)
    assert mean >= MEAN_PRECISION_FLOOR


def _write_table(rows: list[tuple[str, float, list[str], str]], mean: float) -> None:
    path = os.environ.get("SEARCH_RELEVANCE_TABLE")
    if not path:
        return
    lines = [
        f"\n### {connection.vendor}: mean precision@5 = {mean:.3f} over {len(rows)} queries\n",
        "| query | P@5 | searched as | first result |",
        "|---|---|---|---|",
    ]
    for text, precision, top, corrected in rows:
        lines.append(
            f"| {text} | {precision:.2f} | {corrected or '—'} | {top[0] if top else '—'} |"
        )
    with open(path, "a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
