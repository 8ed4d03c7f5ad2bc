"""The report's content on the hand-checked dataset of conftest.py (Lampung, 2025): the
workbook read back cell by cell, the PDF turned back into text (pdftotext) and into an
image (pdftoppm). The expected numbers are those worked out in test_indicators.py."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from simpul.core.scope import RegionScope
from simpul.insights.reports import data, pdf, xlsx
from simpul.registry.models import Enterprise

from .conftest import M

pytestmark = pytest.mark.django_db
LAMPUNG = RegionScope(prefix="18")


@pytest.fixture
def report(programmes, offices):
    from simpul.programmes.models import Target

    for indicator, value in [
        ("new_registered", 10),
        ("verified", 8),
        ("growth_pct", 14),
        ("facilitated", 6),
    ]:
        Target.objects.create(office=offices["18"], year=2025, indicator=indicator, value=value)
    # A name a spreadsheet would run as a formula (E1's sales fell twice, so it is listed).
    Enterprise.objects.filter(name="E1").update(name="=HYPERLINK(1)")
    return data.assemble(scope=LAMPUNG, region="18", year=2025, office=offices["18"])


def workbook(report):
    buffer = io.BytesIO()
    xlsx.write_xlsx(report, buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def rows(sheet, first: int = 2) -> list[tuple]:
    return [tuple(r) for r in sheet.iter_rows(min_row=first, values_only=True)]


def by_label(sheet, column: int = 0) -> dict:
    return {r[column]: r for r in rows(sheet) if r[column]}


def test_assembly_reads_each_selector_once(programmes, offices, django_assert_max_num_queries):
    # Scope check + region name, the cube, figures for six years in five reads, the
    # children, programme reach (two), targets, sales falls and their villages, labels.
    with django_assert_max_num_queries(40):
        report = data.assemble(scope=LAMPUNG, region="18", year=2025, office=offices["18"])
    assert report.title == "Laporan Perkembangan IKM Lampung 2025"
    assert [y.year for y in report.series] == [2021, 2022, 2023, 2024, 2025]


def test_xlsx_cell_by_cell(report):
    book = workbook(report)
    assert book.sheetnames == list(xlsx.SHEETS)

    cover = book["Sampul"]
    assert (cover["A1"].value, cover["B1"].value) == (
        "Judul",
        "Laporan Perkembangan IKM Lampung 2025",
    )
    info = {r[0]: r[1] for r in rows(cover)}
    assert (info["Wilayah"], info["Kode wilayah"], info["Tahun"]) == ("Lampung", "18", 2025)
    assert info["Kantor"] == "Dinas Provinsi Lampung"
    assert "Registri IKM" in info["Sumber"]

    # Headline numbers: (value, unit, target, % of target). New registered 5 of 10, newly
    # verified 4 of 8, growth 57.1 of 14 % = 407.9 %, facilitated E1 E3 E8 = 3 of 6.
    head = by_label(book["Indikator"])
    assert head["IKM terdaftar"][1:4] == (13, "IKM", None)
    assert head["IKM terverifikasi"][1] == 11
    assert head["IKM baru terdaftar"][1:5] == (5, "IKM", 10, 50)
    assert head["IKM terverifikasi baru"][1:5] == (4, "IKM", 8, 50)
    assert head["Pertumbuhan IKM terverifikasi"][1:5] == (57.1, "%", 14, 407.9)
    assert head["IKM milik perempuan"][1:3] == (54.5, "%")
    assert head["IKM aktif"][1] == 6
    assert head["IKM difasilitasi program"][1:5] == (3, "IKM", 6, 50)
    assert book["Indikator"]["B2"].number_format == xlsx.COUNT

    spread = book["Sebaran"]
    assert rows(spread)[:5] == [
        ("18.71", "Kota Bandar Lampung", 5, 45.5),
        ("18.04", "Kabupaten Lampung Barat", 4, 36.4),
        ("18.01", "Kabupaten Lampung Selatan", 1, 9.1),
        ("18.72", "Kota Metro", 1, 9.1),
        (None, "Jumlah", 11, 100),
    ]
    indices = {r[1]: r[2] for r in rows(spread) if r[1]}
    assert indices["Konsentrasi 3 terbesar (%)"] == 90.9
    assert indices["Koefisien variasi"] == 0.649
    assert indices["Indeks Herfindahl-Hirschman"] == 3553.7
    assert len(spread._charts) == 1

    assert [r[1:] for r in rows(book["Desa-Kelurahan"])] == [
        ("1", "Kelurahan (perkotaan)", 6, 54.5),
        ("2", "Desa (perdesaan)", 5, 45.5),
        (None, "Jumlah", 11, 100),
    ]
    sizes = {(r[0], r[2]): r[3] for r in rows(book["Kelas usaha"])}
    assert sizes[("Permenperin 64/2016", "Industri kecil")] == 9
    assert sizes[("Permenperin 64/2016", "Industri menengah")] == 2
    assert sizes[("PP 7/2021", "Usaha mikro")] == 8
    assert sizes[("PP 7/2021", "Usaha kecil")] == 3
    assert [r[1:4] for r in rows(book["KBLI"])][:2] == [
        ("10", "10 INDUSTRI MAKANAN", 8),
        ("13", "13 INDUSTRI TEKSTIL", 3),
    ]

    # Five years. 2024: registered E1 E2 E3 E4 E8 E9 E13 E16 = 8, verified 7, growth
    # (7 − 4) ÷ 4 = 75 %; sales 80 + 60 + 150 + 90 + 30 = 410.
    series = {r[0]: r for r in rows(book["Deret waktu"])}
    assert list(series) == [2021, 2022, 2023, 2024, 2025]
    assert series[2024][:6] == (2024, 8, 7, 4, 3, 75)
    assert series[2024][9] == 410 * M
    assert series[2025][1:7] == (13, 11, 5, 4, 57.1, 33)
    assert series[2025][7:] == (880 * M, 420 * M, 370 * M, 15 * M)
    assert series[2021][5] is None  # no base year
    assert book["Deret waktu"]["J2"].number_format == xlsx.RUPIAH
    assert len(book["Deret waktu"]._charts) == 2

    figures = {r[0]: r[1] for r in rows(book["Angka tahunan"])}
    assert figures["IKM yang melapor"] == 6
    assert (figures["Tenaga kerja laki-laki"], figures["Tenaga kerja perempuan"]) == (16, 17)
    assert figures["Investasi"] == 880 * M
    assert figures["Nilai produksi"] == 420 * M
    assert figures["Penjualan"] == 370 * M
    assert figures["Penjualan online"] == 51 * M
    assert figures["Bagian penjualan online"] == 19.6
    assert figures["Ekspor"] == 15 * M

    reach = {r[0]: r[1] for r in rows(book["Program"])}
    assert reach == {"IKM peserta atau selesai program": 3, "IKM menyelesaikan program": 2}

    # A province gets the count (E1 100 → 80 → 60, E16 40 → 30 → 20), not the names.
    falls = book["Penjualan turun"]
    assert falls["D1"].value == "Penjualan 2023 (Rp)"
    notes = [r[0] for r in rows(falls) if r[0]]
    assert notes == ["Jumlah IKM: 2", str(data.NAMES_ELSEWHERE)]

    definitions = {r[0]: r[1] for r in rows(book["Definisi"]) if r[1]}
    assert len(definitions) == len(data.DEFINITION_TITLES)
    assert definitions["IKM aktif"].startswith("IKM aktif: IKM terverifikasi")


def pdf_bytes(report) -> bytes:
    buffer = io.BytesIO()
    pdf.write_pdf(report, buffer)
    return buffer.getvalue()


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "laporan.pdf"
    path.write_bytes(content)
    done = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


def test_pdf_text_and_first_page_image(report, tmp_path):
    content = pdf_bytes(report)
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    assert "Laporan Perkembangan IKM Lampung 2025" in text
    assert "Dinas Provinsi Lampung" in text
    for regency in ("Kota Bandar Lampung", "Kabupaten Lampung Barat", "Kota Metro"):
        assert regency in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "IKM terverifikasi 11 – – –" in lines
    assert "Pertumbuhan IKM terverifikasi 57,1 % 14,0 % 407,9 % 100,0 %" in lines
    assert "18.71 Kota Bandar Lampung 5 45,5 %" in lines
    assert "Jumlah 11 100,0 %" in lines
    assert any("Indeks Herfindahl-Hirschman: 3.553,7" in line for line in lines)
    assert "Penjualan Rp370.000.000 Rupiah per tahun" in lines
    assert "Bagian penjualan online 19,6 %" in lines
    assert "Jumlah IKM: 2 (penjualan 2025 < 2024 < 2023)." in lines
    assert "Definisi" in text and "Herfindahl-Hirschman = ∑ (bagian × 100)²" in text
    assert "Halaman 1 dari" in text

    pdf_path = tmp_path / "laporan.pdf"
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf_path), str(tmp_path / "p")],  # noqa: S607
        check=True,
    )
    images = list(tmp_path.glob("p*.png"))
    assert len(images) == 1
    assert images[0].read_bytes().startswith(b"\x89PNG")

    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, check=True)  # noqa: S603, S607
    fonts = fonts.stdout.decode()
    vera = [line for line in fonts.splitlines() if "Vera" in line]
    assert vera and all(" yes yes yes " in line for line in vera)  # embedded, subset, unicode


def test_a_regency_report_lists_the_sales_falls(report, offices, tmp_path):
    regency = data.assemble(scope=LAMPUNG, region="18.71", year=2025, office=offices["18.71"])
    # In 18.71 only E1 (100 → 80 → 60); its formula-looking name is neutralised in XLSX.
    assert regency.sales_fall_count == 1
    falls = workbook(regency)["Penjualan turun"]
    assert [r for r in rows(falls) if r[3] is not None] == [
        ("'=HYPERLINK(1)", regency.sales_falls[0].public_key, "Gotong Royong",
         100 * M, 80 * M, 60 * M),
    ]  # fmt: skip
    assert [r[0] for r in rows(falls) if r[0] and r[3] is None] == ["Jumlah IKM: 1"]
    text = pdf_text(pdf_bytes(regency), tmp_path)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # A long title wraps onto a second line on the page.
    assert "Laporan Perkembangan IKM Kota Bandar Lampung 2025" in " ".join(lines)
    assert "=HYPERLINK(1) Gotong Royong Rp100.000.000 Rp80.000.000 Rp60.000.000" in lines
    assert "Tanjung Karang Pusat" in text


def test_long_tables_split_across_pages_with_their_header(report, tmp_path):
    fall = data.FallRow("Usaha Uji", "kunci", "Desa Uji", (3 * M, 2 * M, 1 * M))
    long = dataclasses.replace(report, sales_falls=[fall] * 120, sales_fall_count=120)
    text = pdf_text(pdf_bytes(long), tmp_path)
    pages = text.split("\f")
    with_header = [p for p in pages if "Nama usaha" in p and "Usaha Uji" in p]
    assert len(with_header) >= 2
    assert text.count("Usaha Uji") == 120


def test_regency_and_district_reports(dataset, offices):
    regency = data.assemble(scope=LAMPUNG, region="18.71", year=2025, office=offices["18.71"])
    assert regency.title == "Laporan Perkembangan IKM Kota Bandar Lampung 2025"
    assert regency.child_level == "Kecamatan"
    # 18.71.01: E1 E2 E3; 18.71.02: E4 E6.
    assert [(p.label, p.count) for p in regency.distribution.children] == [
        ("Tanjung Karang Pusat", 3),
        ("Kedaton", 2),
    ]
    district = data.assemble(scope=LAMPUNG, region="18.04.01", year=2025)
    assert district.child_level == "Desa/Kelurahan"
    assert district.counts.verified.value == 3  # E8 E9 E10
    national = data.assemble(scope=RegionScope(prefix=""), region="", year=2025)
    assert national.region_name == "Indonesia"
    assert national.counts.verified.value == 12


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("3553.7"), 1, "3.553,7"),
        (D("0.649"), 3, "0,649"),
        (D("-12.25"), 1, "-12,3"),
        (D("1234567"), 0, "1.234.567"),
        (None, 1, "–"),
    ],
)
def test_indonesian_number_text(value, places, expected):
    assert pdf.decimal(value, places) == expected
