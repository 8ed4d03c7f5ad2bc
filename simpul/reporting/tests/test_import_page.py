"""The officer's upload page for yearly figures and the list of IKM that have not reported:
real workbooks and CSV files through the page, check-only runs that write nothing, bad
files and rows refused with Indonesian messages, and the jurisdiction."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from openpyxl import Workbook, load_workbook

from simpul.core.models import ChangeRecord
from simpul.registry.models import Enterprise
from simpul.reporting.models import YearlyFigure

pytestmark = pytest.mark.django_db

IMPORT = "/kelola/laporan-tahunan/impor/"
DUE = "/kelola/laporan-tahunan/belum-melapor/"


@pytest.fixture
def elsewhere(verified, regions):
    """A verified enterprise of Kabupaten Lampung Barat, outside the 18.71 officer's area."""
    return verified_in(regions["18.04.01.2001"], "Tenun Way Mengaku")


def verified_in(village, name: str) -> Enterprise:
    enterprise = Enterprise(name=name, status="verified")
    enterprise.set_village(village)  # the scope columns, as the registry's services fill them
    enterprise.save()
    return enterprise


def upload(client: Client, name: str, content: bytes, action: str = "save"):
    return client.post(
        IMPORT, {"file": SimpleUploadedFile(name, content), "action": action}, follow=True
    )


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_due_list_downloaded_filled_in_checked_and_imported(
    client, verified, elsewhere, officer, last_year
):
    client.force_login(officer)
    due = page_text(client.get(DUE))
    assert verified.name in due and elsewhere.name not in due  # other regency: not listed
    assert "1 IKM terverifikasi di wilayah kerja Anda belum mengirim" in due

    download = client.get(f"/kelola/laporan-tahunan/belum-melapor.xlsx?tahun={last_year}")
    assert download["Content-Disposition"].endswith(f'-{last_year}-belum-melapor.xlsx"')
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["nomor_ikm", "nib", "nama_usaha", "kecamatan", "tahun"]
    assert rows[1][:5] == [verified.pk, None, verified.name, "Tanjung Karang Pusat", last_year]

    # The officer fills in the row the way people write numbers, and saves the workbook.
    sheet.cell(row=2, column=6, value=2)
    sheet.cell(row=2, column=7, value=3)
    sheet.cell(row=2, column=10, value="Rp 450 juta")
    out = io.BytesIO()
    sheet.parent.save(out)

    checked = upload(client, "isian.xlsx", out.getvalue(), action="check")
    assert checked.status_code == 200
    assert "belum ada yang disimpan: 1 baru, 0 diperbarui" in page_text(checked)
    assert not YearlyFigure.objects.exists()

    saved = upload(client, "isian.xlsx", out.getvalue())
    assert "Laporan tahunan: 1 baru, 0 diperbarui, 0 tidak berubah" in page_text(saved)
    figure = YearlyFigure.objects.get(enterprise=verified, year=last_year)
    assert (figure.workforce, figure.sales_value, figure.source) == (5, 450_000_000, "import")
    assert figure.status == "submitted"  # it waits in the officer's queue like any report
    assert ChangeRecord.objects.filter(
        entity="reporting.yearlyfigure", entity_id=str(figure.pk), action="created", source="import"
    ).exists()
    assert "Semua IKM terverifikasi sudah melapor" in page_text(client.get(DUE))


def test_bad_rows_are_named_by_sheet_row_and_nothing_is_written(
    client, verified, elsewhere, officer, last_year
):
    client.force_login(officer)
    csv = (
        "DATA LAPORAN TAHUNAN IKM KOTA BANDAR LAMPUNG\n"  # a title row above the header
        "\n"
        "Nomor IKM;Tahun;Penjualan\n"
        f"{verified.pk};{last_year};100 jt\n"
        f"{elsewhere.pk};{last_year};100 jt\n"
        f"{verified.pk};{last_year + 5};100 jt\n"
    ).encode()
    response = upload(client, "laporan.csv", csv)
    assert response.status_code == 400
    text = page_text(response)
    assert "tidak ada yang disimpan" in text
    # Row numbers are those the spreadsheet shows: the header is row 3.
    assert f"Baris 5: IKM nomor {elsewhere.pk} tidak ditemukan di wilayah kerja Anda." in text
    assert f"Baris 6: year: Tahun {last_year + 5} belum tiba" in text
    assert "Baris 4" not in text  # the good row is fine, and not written either
    assert not YearlyFigure.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.xlsx", b"%PDF-1.7\n%\xe2\xe3", "bukan lembar kerja"),
        ("laporan.exe", b"MZ\x90\x00", "Jenis berkas .exe tidak didukung"),
        ("laporan.csv", b"", "kosong"),
        (
            "laporan.csv",
            b"nib;tahun;omzet_kuartal\n1;2024;5\n",
            "Kolom tidak dikenal: omzet_kuartal",
        ),
        ("laporan.csv", b"nama_usaha;penjualan\nKopi;5 jt\n", "kolom tahun dan kolom nomor_ikm"),
    ],
)
def test_files_that_are_not_a_list_are_refused(client, verified, officer, name, content, message):
    client.force_login(officer)
    response = upload(client, name, content)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not YearlyFigure.objects.exists()


def test_an_oversized_upload_is_refused_by_its_size(client, verified, officer):
    client.force_login(officer)
    big = b"nomor_ikm;tahun\n" + b"1;2024\n" * (26 * 1024 * 1024 // 7)
    response = upload(client, "besar.csv", big)
    assert response.status_code == 400
    assert "terlalu besar" in page_text(response)


def test_only_office_writers_import_and_forged_posts_fail(client, verified, analyst, owner_user):
    client.force_login(analyst)  # analysts read only
    assert client.get(IMPORT).status_code == 403
    assert client.get(DUE).status_code == 200
    assert "Isi laporan" not in page_text(client.get(DUE))
    assert upload(client, "x.csv", b"nomor_ikm;tahun\n1;2024\n").status_code == 403
    client.force_login(owner_user)
    assert client.get(IMPORT).status_code in (302, 403)
    assert client.get(DUE).status_code in (302, 403)
    assert client.get("/kelola/laporan-tahunan/belum-melapor.xlsx").status_code in (302, 403)
    assert not YearlyFigure.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(verified, officer, last_year):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    content = f"nomor_ikm;tahun;penjualan\n{verified.pk};{last_year};5 jt\n".encode()
    response = client.post(IMPORT, {"file": SimpleUploadedFile("a.csv", content)})
    assert response.status_code == 403
    assert not YearlyFigure.objects.exists()


def test_the_blank_template_explains_its_columns(client, officer):
    client.force_login(officer)
    book = load_workbook(io.BytesIO(client.get("/kelola/laporan-tahunan/contoh.xlsx").content))
    assert [c.value for c in book.worksheets[0][1]][:2] == ["nomor_ikm", "nib"]
    notes = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True) if row}
    assert "tanpa tanah dan bangunan" in notes["investasi"]


def test_the_due_list_leaves_out_those_that_reported_or_started_later(
    client, verified, officer, by_officer, last_year
):
    from simpul.reporting import services

    from .conftest import figures

    client.force_login(officer)
    Enterprise.objects.filter(pk=verified.pk).update(year_started=last_year + 1)
    assert "Semua IKM terverifikasi sudah melapor" in page_text(client.get(DUE))
    Enterprise.objects.filter(pk=verified.pk).update(year_started=last_year - 3)
    assert verified.name in page_text(client.get(f"{DUE}?tahun={last_year - 1}"))
    services.yearly_figure_submit(
        provenance=by_officer, enterprise=verified, year=last_year - 1, data=figures()
    )
    assert "Semua IKM" in page_text(client.get(f"{DUE}?tahun={last_year - 1}"))
    # A year that cannot be due is refused on the form, and last year is listed instead.
    for bad in ("abc", str(last_year + 1), "1999"):
        response = client.get(f"{DUE}?tahun={bad}")
        assert response.status_code == 400
        assert verified.name in page_text(response)
    assert f"Laporan tahun {last_year + 1} belum ditagih" in page_text(
        client.get(f"{DUE}?tahun={last_year + 1}")
    )
    download = client.get(f"/kelola/laporan-tahunan/belum-melapor.xlsx?tahun={last_year + 1}")
    assert download.status_code == 400 and "belum ditagih" in page_text(download)


def test_the_command_checks_without_saving(tmp_path, verified, officer, last_year):
    path = tmp_path / "laporan.csv"
    path.write_text(f"nomor_ikm,tahun,penjualan\n{verified.pk},{last_year},5 jt\n")
    out = io.StringIO()
    call_command("import_yearly_figures", str(path), "--user", officer.email, "--check", stdout=out)
    assert "belum ada yang disimpan: 1 baru" in out.getvalue()
    assert not YearlyFigure.objects.exists()


def test_the_due_list_pages_by_name_and_keeps_the_year(client, regions, officer, last_year):
    village = regions["18.71.01.1001"]
    names = [f"IKM Uji {n:02d}" for n in range(30)]
    for name in names:
        verified_in(village, name)
    client.force_login(officer)
    first = page_text(client.get(f"{DUE}?tahun={last_year - 1}"))
    assert "30 IKM terverifikasi" in first
    assert names[0] in first and names[24] in first and names[25] not in first
    next_link = re.search(r'href="\?(tahun=\d+&amp;wilayah=&amp;c=[^"]+)"', first)
    assert next_link and next_link.group(1).startswith(f"tahun={last_year - 1}&amp;")
    second = page_text(client.get(f"{DUE}?{next_link.group(1).replace('&amp;', '&')}"))
    assert all(name in second for name in names[25:]) and names[24] not in second
    assert "Sebelumnya" in second and "Berikutnya" not in second


def test_the_due_workbook_carries_names_as_text_not_formulas(client, regions, officer, last_year):
    """Owners type their business names; a name that looks like a formula or holds a
    pasted control character still gives a clean workbook."""
    verified_in(regions["18.71.01.1001"], '=HYPERLINK("http://contoh.test","Klik")')
    verified_in(regions["18.71.01.1001"], "Keripik\x0b Pisang")
    client.force_login(officer)
    download = client.get(f"/kelola/laporan-tahunan/belum-melapor.xlsx?tahun={last_year}")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    names = sorted(row[2] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ['\'=HYPERLINK("http://contoh.test","Klik")', "Keripik Pisang"]
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row[2:3])


def tile(page: str, label: str) -> str:
    match = re.search(r"<strong>([^<]*)</strong>\s*<span class=\"muted\">" + label, page)
    assert match, label
    return match.group(1)


def test_the_office_home_counts_the_reports_to_review_and_those_missing(
    client, verified, elsewhere, officer, by_owner, last_year
):
    from simpul.reporting import services

    from .conftest import figures

    client.force_login(officer)
    home = page_text(client.get("/kelola/target/"))
    # Only the city's own IKM counts (the Lampung Barat one is outside its jurisdiction).
    assert tile(home, f"IKM belum mengirim laporan tahun {last_year}") == "1"
    assert tile(home, "laporan tahunan menunggu pemeriksaan") == "0"
    assert f'href="{DUE}?tahun={last_year}"' in home
    services.yearly_figure_submit(
        provenance=by_owner, enterprise=verified, year=last_year, data=figures()
    )
    home = page_text(client.get("/kelola/target/"))
    assert tile(home, f"IKM belum mengirim laporan tahun {last_year}") == "0"
    assert tile(home, "laporan tahunan menunggu pemeriksaan") == "1"


def test_a_due_list_filled_in_part_imports_the_rows_with_figures(
    client, regions, verified, officer, last_year
):
    """The office sends back what it has collected so far: rows that name an IKM and the
    year but carry no figure are left for later, and said so."""
    later = verified_in(regions["18.71.01.1001"], "Anyaman Pandan Gotong Royong")
    client.force_login(officer)
    download = client.get(f"/kelola/laporan-tahunan/belum-melapor.xlsx?tahun={last_year}")
    book = load_workbook(io.BytesIO(download.content))
    sheet = book.worksheets[0]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet.cell(row=rows[verified.pk], column=10, value="120 jt")  # penjualan
    out = io.BytesIO()
    book.save(out)

    saved = page_text(upload(client, "isian.xlsx", out.getvalue()))
    assert "Laporan tahunan: 1 baru, 0 diperbarui" in saved
    assert "1 baris tanpa angka dilewati." in saved
    assert YearlyFigure.objects.get().enterprise_id == verified.pk
    assert later.name in page_text(client.get(DUE))  # still due

    blank = page_text(upload(client, "kosong.xlsx", download.content))
    assert "Belum ada baris yang berisi angka" in blank


def test_a_province_takes_its_due_list_regency_by_regency(
    client, verified, elsewhere, province_officer, last_year, monkeypatch
):
    """The workbook holds at most what the upload page takes back (the limit is set to 1
    here so two IKM exceed it); choosing a regency narrows it. A region outside the
    office's children is refused on the form."""
    from simpul.reporting import views

    client.force_login(province_officer)
    both = page_text(client.get(f"{DUE}?tahun={last_year}"))
    assert verified.name in both and elsewhere.name in both
    assert '<option value="18.04">Kabupaten Lampung Barat</option>' in both
    west = page_text(client.get(f"{DUE}?tahun={last_year}&wilayah=18.04"))
    assert elsewhere.name in west and verified.name not in west
    assert client.get(f"{DUE}?tahun={last_year}&wilayah=32.73").status_code == 400

    monkeypatch.setattr(views, "MAX_WEB_ROWS", 1)
    xlsx = "/kelola/laporan-tahunan/belum-melapor.xlsx"
    too_many = client.get(f"{xlsx}?tahun={last_year}")
    assert too_many.status_code == 400
    assert "lebih dari 1 IKM" in page_text(too_many)
    assert "pilih wilayah yang lebih kecil" in page_text(too_many)
    one = client.get(f"{xlsx}?tahun={last_year}&wilayah=18.71")
    assert one.status_code == 200
    assert one["Content-Disposition"].endswith(f'-{last_year}-18.71-belum-melapor.xlsx"')
    names = [
        r[2]
        for r in load_workbook(io.BytesIO(one.content))
        .worksheets[0]
        .iter_rows(min_row=2, values_only=True)
    ]
    assert names == [verified.name]
