"""Build real spreadsheet files for the reading tests (nothing here reads them)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

# The messy office list every format is built from: two title rows, a blank row, a
# two-row header with "Tenaga Kerja" merged over "L" and "P", then data.
PASSWORD = "rahasia"
TITLE = "DATA IKM KABUPATEN PROBOLINGGO"
YEAR = "Tahun 2023"
TOP = ["No", "Nama Usaha", "Tenaga Kerja", None, "Alamat", "Nilai Investasi"]
SUB = [None, None, "L", "P", None, None]
DATA = [
    [1, "Kerupuk Ikan Bu Sari", 3, 2, "Jl. Ikan Tongkol 7", 1500000],
    [2, "Petis Udang Makmur", 1, 4, "Wonoasih", 2500000.5],
]


def xlsx_office_list(path: Path) -> Path:
    """XLSX with title rows, a merged two-row header, numbers, a NIK number and a date."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data IKM"
    ws.append([TITLE])
    ws.merge_cells("A1:H1")
    ws.append([YEAR])
    ws.append([])
    ws.append([*TOP, "NIK", "Tanggal Daftar"])
    ws.append([*SUB, None, None])
    ws.merge_cells("C4:D4")
    ws.append([*DATA[0], 1.87101e15, dt.date(2024, 3, 5)])
    ws.append([*DATA[1], 1871012345678901, dt.datetime(2024, 3, 6, 9, 30)])
    ws.append([])
    ws.append([3, "Abon Lele", None, None, None, 8.52348e10])
    wb.create_sheet("Catatan").append(["Sumber", "Survei lapangan"])
    wb.save(path)
    return path


def xls_office_list(path: Path) -> Path:
    """The same list as a BIFF8 .xls written by xlwt, with a merged header cell."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data IKM")
    sheet.write(0, 0, TITLE)
    sheet.write(1, 0, YEAR)
    for col, label in enumerate(TOP):
        if col == 2:
            sheet.write_merge(3, 3, 2, 3, label)
        elif label:
            sheet.write(3, col, label)
    for col, label in enumerate(SUB):
        if label:
            sheet.write(4, col, label)
    for r, row in enumerate(DATA, start=5):
        for col, value in enumerate(row):
            sheet.write(r, col, value)
    book.add_sheet("Catatan").write(0, 0, "Sumber")
    book.save(str(path))
    return path


def ods_office_list(path: Path) -> Path:
    """A minimal ODS built by hand: mimetype first and stored, then content.xml."""
    rows = [[TITLE], [YEAR], [], TOP, SUB, *DATA]
    table = "".join(_ods_row(row) for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Data IKM">'
        f"{table}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = _ODS_MANIFEST
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def _ods_row(row: list[object]) -> str:
    cells = []
    for col, value in enumerate(row):
        if col == 2 and row is TOP:
            # The merged "Tenaga Kerja" spans two columns; ODS writes a covered cell.
            cells.append(_ods_cell(value, ' table:number-columns-spanned="2"'))
            cells.append("<table:covered-table-cell/>")
        elif col == 3 and row is TOP:
            continue
        else:
            cells.append(_ods_cell(value))
    return f"<table:table-row>{''.join(cells)}</table:table-row>"


def _ods_cell(value: object, extra: str = "") -> str:
    if value is None:
        return f"<table:table-cell{extra}/>"
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{extra}>'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"{extra}>'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def csv_bytes(
    rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8", newline: str = "\n"
) -> bytes:
    """CSV bytes as an office program writes them: quoted where needed."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


def encrypted_xlsx(path: Path) -> Path:
    """A real password-protected workbook: an XLSX encrypted with msoffcrypto-tool."""
    plain = io.BytesIO()
    xlsx_office_list(path)
    with path.open("rb") as source:
        OOXMLFile(source).encrypt(PASSWORD, plain)
    path.write_bytes(plain.getvalue())
    return path


def zip_bomb(path: Path, size: int = 300 * 1024 * 1024) -> Path:
    """An "xlsx" whose one sheet inflates to ``size`` bytes of zeros (about 300 KB packed)."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    return path


def many_rows_csv(path: Path, rows: int) -> Path:
    """A CSV with a header and ``rows`` data rows, written in one go."""
    lines = ["Nama Usaha,Kecamatan"] + [f"IKM {i},Mayangan" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- generic builders for the import tests ------------------------------------------------
#
# A sheet is a list of rows (None = empty cell; str, int, float, date or datetime) plus the
# merged ranges, each (first row, first column, last row, last column), 0-based inclusive.
# Every builder writes the same cells in its own format, so a test can assert that XLSX,
# XLS, ODS and CSV give the same outcome.

Merge = tuple[int, int, int, int]


def xlsx_bytes(rows: list[list[object]], merges: tuple[Merge, ...] = (), title="Data IKM") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD-MM-YYYY"
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xls_bytes(rows: list[list[object]], merges: tuple[Merge, ...] = (), title="Data IKM") -> bytes:
    """BIFF8 written by xlwt; dates as Excel date serials with a date format."""
    book = xlwt.Workbook()
    sheet = book.add_sheet(title)
    date_style = xlwt.easyxf(num_format_str="DD-MM-YYYY")
    merged = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in merges}
    covered = {
        (r, c)
        for (r1, c1), (r2, c2) in merged.items()
        for r in range(r1, r2 + 1)
        for c in range(c1, c2 + 1)
        if (r, c) != (r1, c1)
    }
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            if (r, c) in merged:
                r2, c2 = merged[(r, c)]
                sheet.write_merge(r, r2, c, c2, value)
            elif isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            elif value is not None:
                sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_bytes(rows: list[list[object]], merges: tuple[Merge, ...] = (), title="Data IKM") -> bytes:
    """ODS by hand (mimetype first and stored), with date cells and spanned header cells."""
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in merges}
    covered = {
        (r, c)
        for (r1, c1), (rows_n, cols_n) in spans.items()
        for r in range(r1, r1 + rows_n)
        for c in range(c1, c1 + cols_n)
        if (r, c) != (r1, c1)
    }
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
                continue
            extra = ""
            if (r, c) in spans:
                rows_n, cols_n = spans[(r, c)]
                extra = (
                    f' table:number-columns-spanned="{cols_n}" table:number-rows-spanned="{rows_n}"'
                )
            cells.append(_ods_any_cell(value, extra))
        body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(title)}">'
        f"{''.join(body)}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
    return out.getvalue()


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/"'
    ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods_any_cell(value: object, extra: str = "") -> str:
    if isinstance(value, dt.datetime):
        stamp = value.isoformat(timespec="seconds")
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{stamp}"{extra}>'
            f"<text:p>{value:%d-%m-%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value}"{extra}>'
            f"<text:p>{value:%d-%m-%Y}</text:p></table:table-cell>"
        )
    return _ods_cell(value, extra)


def csv_sheet(
    rows: list[list[object]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    """The sheet saved as CSV the way a spreadsheet program does: numbers as shown
    (integral floats without ".0"), dates day-first, empty cells empty, CRLF endings."""
    text_rows = [[_csv_text(value) for value in row] for row in rows]
    data = csv_bytes(text_rows, delimiter=delimiter, encoding=encoding, newline="\r\n")
    return (b"\xef\xbb\xbf" + data) if bom else data


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, float) and abs(value) >= 1e15:
        # Excel's General format, which is also what its CSV export writes.
        return f"{value:.5E}".replace("E+0", "E+")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_lines(header: str, line: str, count: int, *, start: int = 0):
    """A file-like object yielding a header and ``count`` lines ``line.format(i)``; with
    ``b"".join`` it builds a very long CSV without a list of a million strings."""
    yield (header + "\n").encode()
    for i in range(start, start + count):
        yield (line.format(i) + "\n").encode()
