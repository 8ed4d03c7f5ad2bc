"""Reading uploaded tables: real files built in tmp_path, exact outcomes."""

from __future__ import annotations

import itertools
import os
import zipfile
from pathlib import Path

import pytest

from simpul.exchange.reading import (
    Header,
    ReadError,
    Record,
    detect_format,
    find_header,
    list_sheets,
    read_rows,
    read_table,
)
from simpul.exchange.reading.rows import _collect, cell_text, sniff_delimiter
from simpul.exchange.tests import files

OFFICE_COLUMNS = [
    "No",
    "Nama Usaha",
    "Tenaga Kerja L",
    "Tenaga Kerja P",
    "Alamat",
    "Nilai Investasi",
]
FIRST_RECORD = {
    "No": "1",
    "Nama Usaha": "Kerupuk Ikan Bu Sari",
    "Tenaga Kerja L": "3",
    "Tenaga Kerja P": "2",
    "Alamat": "Jl. Ikan Tongkol 7",
    "Nilai Investasi": "1500000",
}
PASSWORD_MESSAGE = (
    "Berkas ini dilindungi kata sandi; buka di Excel, simpan tanpa kata sandi, lalu unggah lagi."
)


def shared_data() -> Path:
    configured = os.environ.get("SIMPUL_SHARED_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def shared_file(relative: str) -> bytes:
    path = shared_data() / relative
    if not path.is_file():
        pytest.skip(f"shared data not present: {path}")
    return path.read_bytes()


# --- workbooks -----------------------------------------------------------------------


def test_xlsx_office_list_header_under_titles_with_merged_two_row_header(tmp_path: Path) -> None:
    data = files.xlsx_office_list(tmp_path / "ikm.xlsx").read_bytes()
    table = read_table(data, "ikm.xlsx")
    assert table.format == "xlsx"
    assert table.sheets == ["Data IKM", "Catatan"]
    assert table.header == Header(
        row_index=3, columns=[*OFFICE_COLUMNS, "NIK", "Tanggal Daftar"], data_start=5
    )
    records = list(table.records())
    assert records[0] == Record(
        6, {**FIRST_RECORD, "NIK": "1.87101E+15", "Tanggal Daftar": "2024-03-05"}
    )
    assert records[1].row_number == 7
    assert records[1].values["Nilai Investasi"] == "2500000.5"
    # 16 digits typed as a number: Excel keeps only 15, so it must not pass as a NIK.
    assert records[1].values["NIK"] == "1.87101E+15"
    assert records[1].values["Tanggal Daftar"] == "2024-03-06 09:30:00"
    # The blank row 8 is skipped, but row 9 keeps the number a person sees in Excel.
    assert [r.row_number for r in records] == [6, 7, 9]
    assert records[2].values["Nilai Investasi"] == "85234800000"
    assert records[2].values["Alamat"] == ""


def test_xlsx_rows_keep_blank_rows_and_trim_trailing_cells(tmp_path: Path) -> None:
    data = files.xlsx_office_list(tmp_path / "ikm.xlsx").read_bytes()
    rows = read_rows(data, "xlsx")
    assert rows[:3] == [["DATA IKM KABUPATEN PROBOLINGGO"], ["Tahun 2023"], []]
    assert rows[4] == ["", "", "L", "P"]
    assert rows[7] == []
    assert len(rows) == 9


def test_xlsx_second_sheet_and_unknown_sheet(tmp_path: Path) -> None:
    data = files.xlsx_office_list(tmp_path / "ikm.xlsx").read_bytes()
    assert list_sheets(data, "xlsx") == ["Data IKM", "Catatan"]
    assert read_rows(data, "xlsx", sheet="Catatan") == [["Sumber", "Survei lapangan"]]
    with pytest.raises(ReadError, match="Sheet «Rekap» tidak ada; pilih salah satu: Data IKM"):
        read_rows(data, "xlsx", sheet="Rekap")


def test_xlsx_data_starting_right_of_column_a_keeps_positions(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["C3"] = "Nama"
    wb.active["D3"] = "Alamat"
    wb.active["C4"] = "Tahu Bu Tini"
    wb.save(tmp_path / "geser.xlsx")
    rows = read_rows((tmp_path / "geser.xlsx").read_bytes(), "xlsx")
    assert rows == [[], [], ["", "", "Nama", "Alamat"], ["", "", "Tahu Bu Tini"]]
    table = read_table((tmp_path / "geser.xlsx").read_bytes(), "geser.xlsx")
    assert table.columns == ["Kolom 1", "Kolom 2", "Nama", "Alamat"]
    assert list(table.records()) == [
        Record(4, {"Kolom 1": "", "Kolom 2": "", "Nama": "Tahu Bu Tini", "Alamat": ""})
    ]


@pytest.mark.parametrize(
    ("build", "name", "fmt", "sheets"),
    [
        (files.xls_office_list, "ikm.xls", "xls", ["Data IKM", "Catatan"]),
        (files.ods_office_list, "ikm.ods", "ods", ["Data IKM"]),
    ],
)
def test_xls_and_ods_office_lists(tmp_path: Path, build, name: str, fmt: str, sheets) -> None:
    data = build(tmp_path / name).read_bytes()
    table = read_table(data, name)
    assert (table.format, table.sheets) == (fmt, sheets)
    assert table.header == Header(row_index=3, columns=OFFICE_COLUMNS, data_start=5)
    records = list(table.records())
    assert records[0] == Record(6, FIRST_RECORD)
    assert records[1] == Record(
        7,
        {
            "No": "2",
            "Nama Usaha": "Petis Udang Makmur",
            "Tenaga Kerja L": "1",
            "Tenaga Kerja P": "4",
            "Alamat": "Wonoasih",
            "Nilai Investasi": "2500000.5",
        },
    )


def test_xlsx_named_xls_is_read_by_content(tmp_path: Path) -> None:
    data = files.xlsx_office_list(tmp_path / "ikm.xlsx").read_bytes()
    assert detect_format(data, "ikm.xls") == "xlsx"


# --- CSV -------------------------------------------------------------------------------


CSV_ROWS = [
    ["Nama Usaha", "Pemilik", "Kecamatan", "Nilai Investasi"],
    ["Keripik Tempe", "Siti", "Mayangan", "1.500.000"],
    ["Bakso Ikan", "Andi", "Wonoasih", "2,5 juta"],
]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "newline"),
    [
        (",", "utf-8", "\n"),
        (";", "cp1252", "\r\n"),
        (",", "utf-8-sig", "\r\n"),
        ("\t", "utf-8", "\n"),
    ],
    ids=["comma-utf8", "semicolon-cp1252-crlf", "utf8-bom", "tab"],
)
def test_csv_variants(delimiter: str, encoding: str, newline: str) -> None:
    rows = [row[:] for row in CSV_ROWS]
    rows[2][1] = "André"  # é is one byte in cp1252 and two in UTF-8
    data = files.csv_bytes(rows, delimiter=delimiter, encoding=encoding, newline=newline)
    assert detect_format(data, "ikm.csv") == "csv"
    table = read_table(data, "ikm.csv")
    assert table.sheets == ["CSV"]
    assert table.columns == CSV_ROWS[0]
    assert list(table.records()) == [
        Record(2, dict(zip(CSV_ROWS[0], CSV_ROWS[1], strict=True))),
        Record(3, {**dict(zip(CSV_ROWS[0], CSV_ROWS[2], strict=True)), "Pemilik": "André"}),
    ]


def test_csv_with_title_rows_blank_row_and_quoted_commas() -> None:
    text = (
        "DATA IKM KOTA PROBOLINGGO,,,\r\n"
        "Tahun 2023,,,\r\n"
        ",,,\r\n"
        "No.,Nama  Perusahaan,Produk,\r\n"
        '1,MINA KARTINI,"IKAN KERING, RAMBAK",\r\n'
    )
    table = read_table(text.encode(), "ikm.csv")
    assert table.header == Header(
        row_index=3, columns=["No.", "Nama Perusahaan", "Produk"], data_start=4
    )
    assert list(table.records()) == [
        Record(5, {"No.": "1", "Nama Perusahaan": "MINA KARTINI", "Produk": "IKAN KERING, RAMBAK"})
    ]


def test_sniff_falls_back_to_counting_when_free_text_has_commas() -> None:
    text = "Nama;Kegiatan;Kecamatan\nA;membuat tahu, tempe, dan oncom;Jebres\nB;jahit;Laweyan\n"
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter("Nama\nTahu\n") == ","


def test_csv_utf16_from_excel_unicode_text() -> None:
    data = "Nama\tDesa\r\nTahu Sumedang\tCibeureum\r\n".encode("utf-16")
    assert detect_format(data, "ikm.txt") == "csv"
    assert read_rows(data, "csv") == [["Nama", "Desa"], ["Tahu Sumedang", "Cibeureum"]]


# --- headers -----------------------------------------------------------------------------


def test_header_names_blank_and_duplicate_columns() -> None:
    rows = [["Nama", "", " Alamat\n Usaha ", "nama", "Nama"], ["A", "x", "Jl. 1", "B", "C", "D"]]
    assert find_header(rows) == Header(
        row_index=0,
        columns=["Nama", "Kolom 2", "Alamat Usaha", "nama (2)", "Nama (3)", "Kolom 6"],
        data_start=1,
    )


def test_header_two_rows_needs_labels_under_a_merged_cell() -> None:
    # A data row right under the header is not a sub-header, even with short values.
    rows = [["Nama Usaha", "Tenaga Kerja", "Alamat"], ["Tahu", "L", "Jebres"]]
    assert find_header(rows).data_start == 1
    rows = [
        ["Nama Usaha", "Tenaga Kerja", "", "", "Alamat", "Omzet"],
        ["", "L", "P", "Jumlah", "", ""],
        ["Tahu", "2", "1", "3", "Jebres", "100"],
    ]
    header = find_header(rows)
    assert header.columns == [
        "Nama Usaha",
        "Tenaga Kerja L",
        "Tenaga Kerja P",
        "Tenaga Kerja Jumlah",
        "Alamat",
        "Omzet",
    ]
    assert (header.row_index, header.data_start) == (0, 2)


def test_header_beats_data_full_of_region_words() -> None:
    rows = [
        ["Daftar IKM Binaan"],
        ["Nama", "Lokasi", "Wilayah", "Keterangan"],
        ["Tahu Bu Tini", "Jl. Melati RT 2 RW 3", "Desa Sukamaju Kec. Jebres", "Desa binaan"],
    ]
    assert find_header(rows) == Header(1, ["Nama", "Lokasi", "Wilayah", "Keterangan"], 2)


def test_header_without_known_words_takes_first_wide_row() -> None:
    rows = [["Laporan"], ["Alpha", "Beta", "Gamma"], ["1", "2", "3"]]
    assert find_header(rows) == Header(1, ["Alpha", "Beta", "Gamma"], 2)
    assert find_header([["x"], ["1", "2"]], known_words=["x"]).row_index == 1


def test_header_of_an_empty_sheet_is_an_error() -> None:
    with pytest.raises(ReadError, match="Sheet ini kosong"):
        find_header([])


def test_cell_text_as_a_person_sees_it() -> None:
    import datetime as dt

    assert cell_text(1500000.0) == "1500000"
    assert cell_text(8.52348e10) == "85234800000"
    assert cell_text(1.87101e15) == "1.87101E+15"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(True) == "TRUE"
    assert cell_text(dt.date(2024, 3, 5)) == "2024-03-05"
    assert cell_text(dt.datetime(2024, 3, 5)) == "2024-03-05"
    assert cell_text(dt.time(7, 30)) == "07:30:00"
    assert cell_text(None) == ""


# --- bad input ---------------------------------------------------------------------------


def test_empty_file() -> None:
    with pytest.raises(ReadError, match=r"Berkas kosong \(0 bita\)"):
        detect_format(b"", "ikm.xlsx")


def test_png_named_xlsx() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    with pytest.raises(ReadError) as caught:
        detect_format(png, "ikm.xlsx")
    assert str(caught.value) == (
        "Berkas ikm.xlsx bukan lembar kerja: isinya gambar PNG. "
        "Unggah berkas CSV, XLSX, XLS atau ODS."
    )


def test_pdf_named_csv() -> None:
    with pytest.raises(ReadError, match="Berkas ikm.csv bukan lembar kerja: isinya dokumen PDF"):
        detect_format(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "ikm.csv")


def test_program_renamed_and_unsupported_extension() -> None:
    with pytest.raises(ReadError, match=r"isinya program Windows \(\.exe\)"):
        detect_format(b"MZ\x90\x00\x03" + b"\0" * 100, "ikm.xlsx")
    with pytest.raises(ReadError, match=r"Jenis berkas \.exe tidak didukung"):
        detect_format(b"Nama,Alamat\n", "ikm.exe")


def test_text_named_xlsx_and_html_named_xls() -> None:
    with pytest.raises(ReadError, match="bernama .xlsx tetapi isinya teks biasa"):
        detect_format(b"Nama,Alamat\nA,B\n", "ikm.xlsx")
    with pytest.raises(ReadError, match=r"sebenarnya halaman web \(HTML\)"):
        detect_format(b"<html><table><tr><td>Nama</td></tr></table></html>", "ikm.xls")


def test_binary_garbage_is_not_csv() -> None:
    with pytest.raises(ReadError, match="tidak dikenali sebagai CSV, XLSX, XLS atau ODS"):
        detect_format(bytes(range(256)) * 4, "ikm.csv")


def test_password_protected_workbook(tmp_path: Path) -> None:
    data = files.encrypted_xlsx(tmp_path / "ikm.xlsx").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError) as caught:
        read_table(data, "ikm.xlsx")
    assert str(caught.value) == PASSWORD_MESSAGE


def test_zip_bomb_refused_without_inflating(tmp_path: Path) -> None:
    path = files.zip_bomb(tmp_path / "bom.xlsx")
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ReadError, match=r"mengembang menjadi 300 MB saat dibuka \(batas 200 MB"):
        detect_format(path.read_bytes(), "bom.xlsx")


def test_zip_ratio_limit_below_the_size_limit(tmp_path: Path) -> None:
    path = files.zip_bomb(tmp_path / "bom.xlsx", size=50 * 1024 * 1024)
    with pytest.raises(ReadError, match="rasio pemadatan paling tinggi 100 kali"):
        detect_format(path.read_bytes(), "bom.xlsx")
    # The limits are arguments: a caller may allow more.
    assert detect_format(path.read_bytes(), "bom.xlsx", max_ratio=10_000) == "xlsx"


def test_zip_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("ikm.txt", "Nama")
    with pytest.raises(ReadError, match="isinya arsip ZIP"):
        detect_format((tmp_path / "a.zip").read_bytes(), "ikm.xlsx")


def test_file_over_the_size_limit() -> None:
    data = b"Nama,Alamat\n" + b"A,B\n" * (26 * 1024 * 1024 // 4)
    with pytest.raises(ReadError, match=r"Berkas terlalu besar \(26 MB\); batasnya 25 MB"):
        read_table(data, "ikm.csv")
    assert detect_format(data, "ikm.csv", max_bytes=30 * 1024 * 1024) == "csv"


def test_csv_over_the_row_limit(tmp_path: Path) -> None:
    data = files.many_rows_csv(tmp_path / "besar.csv", 200_000).read_bytes()  # + header
    with pytest.raises(ReadError, match="lebih dari 200.000 baris; batasnya 200.000 baris"):
        read_table(data, "besar.csv")
    assert len(read_rows(data, "csv", max_rows=200_001)) == 200_001


def test_row_limit_stops_reading_early() -> None:
    endless = ([str(i)] for i in itertools.count())
    with pytest.raises(ReadError, match="lebih dari 10 baris"):
        _collect(endless, 10)
    assert next(endless) == ["11"]  # nothing past the refusal was consumed


# --- real business lists in ../shared/data ------------------------------------------------


def test_real_probolinggo_fish_processing_list() -> None:
    data = shared_file("ikm-probolinggo-olahan-ikan/ikm.csv")
    table = read_table(data, "ikm.csv")
    assert table.format == "csv"
    assert table.columns == [
        *("lat", "lng", "icon", "PERUSAHAAN", "KONTAK", "JALAN"),
        *("KELURAHAN", "KECAMATAN", "TELP", "KATEGORI", "PRODUK"),
    ]
    records = list(table.records())
    assert len(records) == 68
    first = records[0]
    assert first.row_number == 2
    assert first.values["PERUSAHAAN"] == "MINA KARTINI"
    assert first.values["TELP"] == "8.52348e+010"
    assert first.values["PRODUK"] == "IKAN KERING, RAMBAK IKAN PUNTI"
    assert records[1].values["TELP"] == "0335-428738"


def test_real_surakarta_umkm_list() -> None:
    data = shared_file("umkm-surakarta/umkm.csv")
    table = read_table(data, "umkm.csv")
    assert table.columns == ["Nama", "Kegiatan", "Kecamatan", "Wilayah", "Kategori", "lat", "lng"]
    records = list(table.records())
    assert len(records) == 11_158
    assert records[0].row_number == 2
    assert records[0].values["Nama"] == "Jasa Online Shopee"
    assert records[0].values["Wilayah"] == "Surakarta"
    assert records[-1].row_number == 11_159
    # Four stray non-UTF-8 bytes: the file is read as cp1252 and nothing is lost.
    assert sum("'-7." in r.values["lat"] for r in records) == 4
