"""The officer's import screens through the test client: upload (CSV and XLSX), mapping,
preview with counts and filters, error report, commit, the list filtered by batch, the
detail page's source link, rollback; bad files; who may see and who may act."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import NIK_WOMAN
from simpul.exchange import services
from simpul.exchange.choices import BatchStatus
from simpul.exchange.engine import progress
from simpul.exchange.models import ImportBatch, ImportMapping
from simpul.exchange.views import imports as import_views
from simpul.registry.models import Enterprise

pytestmark = pytest.mark.django_db

HEADER = "Nama Usaha;Nama Pemilik;NIK;Desa;Kecamatan;Kab/Kota;Produk;KBLI;TK L;TK P;Investasi"
PLACE = "Gotong Royong;Tanjung Karang Pusat;Kota Bandar Lampung"
ROWS = [
    # row 2: new
    f"UD Kopi Gotong;Siti Aminah;{NIK_WOMAN};{PLACE};kopi bubuk;10761;2;3;Rp 150 juta",
    # row 3: a village of another regency → error
    "Keripik Way;Budi;;Way Mengaku;Balik Bukit;Lampung Barat;keripik;;1;0;5 jt",
    # row 4: new, its KBLI only suggested from the products → a warning
    f"Kopi Tanjung;Andi;;{PLACE};kopi bubuk robusta;;1;1;2,5 juta",
    # row 5: the same business again → duplicate of row 2
    f"UD Kopi Gotong;Siti Aminah;;{PLACE};kopi bubuk;10761;2;3;Rp 150 juta",
]
IMPORTED = ["Kopi Tanjung", "UD Kopi Gotong"]


def csv_file(rows: list[str] = ROWS, name: str = "daftar ikm.csv") -> SimpleUploadedFile:
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_bytes() -> bytes:
    """A Dinas workbook: two title rows, "Tenaga Kerja" merged over "L" and "P", and a
    second sheet of notes."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data IKM"
    sheet.append(["DATA IKM KOTA BANDAR LAMPUNG"])
    sheet.append(["Tahun 2025"])
    sheet.append(["Nama Usaha", "Desa", "Kecamatan", "Tenaga Kerja", None, "Produk"])
    sheet.append([None, None, None, "L", "P", None])
    sheet.merge_cells("D3:E3")
    sheet.append(["Tapis Indah", "Gotong Royong", "Tanjung Karang Pusat", 2, 4, "kain tapis"])
    sheet.append(["Kopi Luwak Jaya", "Gotong Royong", "Tanjung Karang Pusat", 1, 1, "kopi"])
    book.create_sheet("Catatan").append(["Sumber", "Survei lapangan"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def url(name: str, batch: ImportBatch | None = None) -> str:
    return reverse(f"imports:{name}", args=[batch.key] if batch else [])


def mapping_data(batch: ImportBatch, **changes: str) -> dict[str, str]:
    """The mapping form as the page posts it: one select per column, by position."""
    data = {
        f"col_{i}": changes.get(column, batch.mapping.get(column) or "")
        for i, column in enumerate(batch.columns)
    }
    return {**data, "new_status": "draft", "save_as": ""}


@pytest.fixture
def officer_client(client, officer, kbli):
    client.force_login(officer)
    return client


@pytest.fixture
def upload(officer_client):
    def run(file: SimpleUploadedFile | None = None) -> ImportBatch:
        response = officer_client.post(url("list"), {"file": file or csv_file()})
        assert response.status_code == 302, response.content.decode()
        return ImportBatch.objects.latest("id")

    return run


@pytest.fixture
def previewed_batch(officer_client, upload, django_capture_on_commit_callbacks):
    batch = upload()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url("mapping", batch), mapping_data(batch))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED, batch.message
    return batch


def commit(client, batch, capture, policy="skip"):
    with capture(execute=True):
        response = client.post(url("commit", batch), {"error_policy": policy})
    batch.refresh_from_db()
    return response


# --- the whole way through ---------------------------------------------------------------


def test_csv_upload_map_preview_commit_filter_and_rollback(
    officer_client, upload, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page = officer_client.get(url("list")).content.decode()
    assert "25 MB" in page and "200.000 baris" in page and 'accept=".csv,.xlsx,.xls,.ods"' in page

    batch = upload()
    assert batch.status == BatchStatus.UPLOADED and batch.file_name == "daftar ikm.csv"
    page = officer_client.get(url("detail", batch)).content.decode()
    assert "Judul kolom di baris 1" in page
    assert "Pemetaan disarankan otomatis" in page
    assert "UD Kopi Gotong" in page and "Keripik Way" in page  # sample values
    assert 'value="name" selected' in page

    with capture(execute=True):
        response = officer_client.post(url("mapping", batch), mapping_data(batch))
    assert response.status_code == 302 and response.url == url("detail", batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED, batch.message
    assert (batch.rows_new, batch.rows_error, batch.rows_duplicate) == (2, 1, 1)

    page = officer_client.get(url("detail", batch)).content.decode()
    assert 'href="?hasil=error#baris"' in page
    assert "Unduh laporan kesalahan (XLSX)" in page and "Impor sekarang" in page
    assert "Lampung Barat" in page  # the error, next to its row
    errors = officer_client.get(url("detail", batch), {"hasil": "error"})
    rows = errors.context["rows"]
    assert [r["row"].row_number for r in rows] == [3]
    duplicates = officer_client.get(url("detail", batch), {"hasil": "duplicate"}).context["rows"]
    assert [r["row"].duplicate_of for r in duplicates] == [2]

    report = officer_client.get(url("report", batch))
    assert report.status_code == 200
    assert 'filename="laporan-kesalahan-daftar ikm.xlsx"' in report["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:5] == (
        "Baris di berkas asal",
        "Hasil",
        "Kesalahan",
        "Peringatan",
        "Nama Usaha",
    )
    assert [row[0] for row in values[1:]] == [3]
    assert values[1][4] == "Keripik Way" and "Lampung Barat" in values[1][2]

    response = commit(officer_client, batch, capture)
    assert response.status_code == 302
    assert batch.status == BatchStatus.COMMITTED, batch.message
    page = officer_client.get(url("detail", batch)).content.decode()
    assert "Impor selesai" in page and "Batalkan impor (rollback)" in page
    link = f"{reverse('registry:list')}?impor={batch.key}"
    assert link in page

    Enterprise.objects.create(name="Sudah Ada Sebelumnya", status="draft")
    listing = officer_client.get(reverse("registry:list"), {"impor": batch.key})
    assert sorted(e.name for e in listing.context["page"].items) == IMPORTED
    assert "Menampilkan IKM dari batch impor «daftar ikm.csv»" in listing.content.decode()

    export = officer_client.get(reverse("exchange:export"), {"berkas": "csv", "impor": batch.key})
    exported = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "UD Kopi Gotong" in exported and "Sudah Ada Sebelumnya" not in exported

    gotong = Enterprise.objects.get(name="UD Kopi Gotong")
    detail = officer_client.get(reverse("registry:detail", args=[gotong.pk])).content.decode()
    assert f'href="{url("detail", batch)}"' in detail and "baris 2" in detail

    response = officer_client.post(url("rollback", batch))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ROLLED_BACK
    assert not Enterprise.objects.filter(name__in=IMPORTED).exists()
    page = officer_client.get(url("detail", batch), follow=True).content.decode()
    assert "Impor dibatalkan" in page


def test_xlsx_upload_finds_the_header_under_titles_and_offers_the_sheets(
    officer_client, upload, django_capture_on_commit_callbacks
):
    batch = upload(SimpleUploadedFile("dinas.xlsx", xlsx_bytes()))
    assert batch.file_format == "xlsx" and batch.sheets == ["Data IKM", "Catatan"]
    assert batch.columns[3:5] == ["Tenaga Kerja L", "Tenaga Kerja P"]
    page = officer_client.get(url("detail", batch)).content.decode()
    assert "Judul kolom di baris 3" in page
    assert 'name="sheet"' in page and "Catatan" in page
    assert "Tapis Indah" in page and "Kopi Luwak Jaya" in page

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(url("mapping", batch), mapping_data(batch))
    batch.refresh_from_db()
    assert (batch.status, batch.rows_new) == (BatchStatus.PREVIEWED, 2), batch.message

    response = officer_client.post(url("sheet", batch), {"sheet": "Catatan"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.sheet, batch.status) == ("Catatan", BatchStatus.UPLOADED)


def test_nik_is_masked_on_the_mapping_and_preview_pages(officer_client, previewed_batch):
    for query in ({"pemetaan": "1"}, {}):
        page = officer_client.get(url("detail", previewed_batch), query).content.decode()
        assert NIK_WOMAN not in page
        assert "1871**********01" in page


def test_mapping_errors_keep_the_batch_and_show_why(officer_client, upload):
    batch = upload()
    response = officer_client.post(url("mapping", batch), mapping_data(batch, **{"Nama Usaha": ""}))
    assert response.status_code == 400
    assert "Kolom untuk Nama usaha wajib dipilih." in response.content.decode()
    doubled = mapping_data(batch, **{"Nama Pemilik": "name"})
    response = officer_client.post(url("mapping", batch), doubled)
    assert "dipilih lebih dari sekali: Nama usaha" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UPLOADED


def test_a_saved_mapping_is_announced_for_the_next_file(
    officer_client, upload, django_capture_on_commit_callbacks
):
    batch = upload()
    data = {**mapping_data(batch, **{"Investasi": ""}), "save_as": "Daftar Dinas 2025"}
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(url("mapping", batch), data)
    assert ImportMapping.objects.get().name == "Daftar Dinas 2025"
    again = upload(csv_file(ROWS[:1], name="berikutnya.csv"))
    assert again.mapping["Investasi"] is None
    page = officer_client.get(url("detail", again)).content.decode()
    assert "Pemetaan tersimpan «Daftar Dinas 2025» dipakai." in page


def test_change_mapping_from_the_preview(officer_client, previewed_batch):
    page = officer_client.get(url("detail", previewed_batch), {"pemetaan": "1"}).content.decode()
    assert "Periksa (pratinjau)" in page and "Kembali ke pratinjau" in page
    assert "Pemetaan disarankan otomatis" in page


def test_stop_policy_with_errors_is_refused_on_the_page(
    officer_client, previewed_batch, django_capture_on_commit_callbacks
):
    response = commit(officer_client, previewed_batch, django_capture_on_commit_callbacks, "stop")
    assert response.status_code == 400
    assert "Ada 1 baris salah" in response.content.decode()
    assert previewed_batch.status == BatchStatus.PREVIEWED
    assert not Enterprise.objects.exists()


def test_a_second_click_on_commit_says_why_nothing_happens(
    officer_client, previewed_batch, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    commit(officer_client, previewed_batch, capture)
    with capture(execute=True):
        again = officer_client.post(
            url("commit", previewed_batch), {"error_policy": "skip"}, follow=True
        )
    assert "sedang berstatus “Selesai diimpor”" in again.content.decode()
    assert Enterprise.objects.filter(name__in=IMPORTED).count() == 2
    remap = officer_client.post(
        url("mapping", previewed_batch), mapping_data(previewed_batch), follow=True
    )
    assert "Impor selesai" in remap.content.decode()
    assert "sedang berstatus “Selesai diimpor”" in remap.content.decode()


def test_an_unknown_error_policy_is_asked_again(officer_client, previewed_batch):
    response = officer_client.post(url("commit", previewed_batch), {"error_policy": "semua"})
    assert response.status_code == 400
    assert "Impor sekarang" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_refused_rollback_shows_its_message(
    officer_client, previewed_batch, django_capture_on_commit_callbacks
):
    commit(officer_client, previewed_batch, django_capture_on_commit_callbacks)
    Enterprise.objects.filter(name="Kopi Tanjung").update(updated_at=timezone.now())
    response = officer_client.post(url("rollback", previewed_batch), follow=True)
    assert "Batch tidak dapat dibatalkan: data dari baris 4" in response.content.decode()
    previewed_batch.refresh_from_db()
    assert previewed_batch.status == BatchStatus.COMMITTED
    assert Enterprise.objects.filter(name__in=IMPORTED).count() == 2


def test_discard_forgets_the_batch(officer_client, previewed_batch):
    response = officer_client.post(url("discard", previewed_batch))
    assert response.status_code == 302 and response.url == url("list")
    assert not ImportBatch.objects.exists()


# --- progress ----------------------------------------------------------------------------


def test_progress_partial_reads_the_shared_counter_and_reloads_when_done(officer_client, upload):
    batch = upload()
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.COMMITTING, progress_done=0, progress_total=40
    )
    page = officer_client.get(url("detail", batch)).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    progress.report(batch.key, 25, 40)
    try:
        partial = officer_client.get(url("progress", batch), headers={"HX-Request": "true"})
        assert partial.status_code == 200 and "25 dari 40 baris" in partial.content.decode()
    finally:
        progress.clear(batch.key)
    partial = officer_client.get(url("progress", batch), headers={"HX-Request": "true"})
    assert "0 dari 40 baris" in partial.content.decode()  # the database's value

    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.COMMITTED)
    done = officer_client.get(url("progress", batch), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


# --- bad files ---------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kosong.csv", b"", "Berkas kosong (0 bita)"),
        ("foto.xlsx", PNG, "gambar PNG"),
        ("daftar.pdf", b"%PDF-1.4", "Jenis berkas .pdf tidak didukung"),
    ],
)
def test_bad_uploads_are_refused_in_indonesian(officer_client, name, data, message):
    response = officer_client.post(url("list"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_oversized_upload_is_refused_before_reading(officer_client, monkeypatch):
    monkeypatch.setattr(import_views, "MAX_UPLOAD_BYTES", 100)

    def never(*args, **kwargs):
        raise AssertionError("an oversized file must not reach the service")

    monkeypatch.setattr(services, "batch_upload", never)
    response = officer_client.post(url("list"), {"file": csv_file()})
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_upload_without_a_file(officer_client):
    response = officer_client.post(url("list"), {})
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()


# --- who may see, who may act ------------------------------------------------------------


def _posts(batch: ImportBatch) -> list[tuple[str, dict[str, str]]]:
    return [
        (url("mapping", batch), mapping_data(batch)),
        (url("sheet", batch), {"sheet": "CSV"}),
        (url("commit", batch), {"error_policy": "skip"}),
        (url("rollback", batch), {}),
        (url("discard", batch), {}),
    ]


def test_another_office_gets_404_and_changes_nothing(
    client, other_officer, previewed_batch, django_capture_on_commit_callbacks
):
    client.force_login(other_officer)
    for name in ("detail", "progress", "report"):
        assert client.get(url(name, previewed_batch)).status_code == 404
    for target, data in _posts(previewed_batch):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(target, data).status_code == 404, target
    page = client.get(url("list")).content.decode()
    assert previewed_batch.file_name not in page
    previewed_batch.refresh_from_db()
    assert previewed_batch.status == BatchStatus.PREVIEWED
    assert not Enterprise.objects.exists()


def test_a_province_officer_sees_the_batch_but_may_not_act_on_it(
    client, make_user, offices, previewed_batch, django_capture_on_commit_callbacks
):
    client.force_login(make_user("petugas.18@uji.id", "officer", offices["18"]))
    page = client.get(url("detail", previewed_batch)).content.decode()
    assert "Hasil pratinjau" in page and "Impor sekarang" not in page
    assert client.get(url("report", previewed_batch)).status_code == 403
    for target, data in _posts(previewed_batch):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(target, data).status_code == 403, target
    previewed_batch.refresh_from_db()
    assert previewed_batch.status == BatchStatus.PREVIEWED


def test_an_analyst_may_look_but_not_upload(client, make_user, offices, previewed_batch):
    client.force_login(make_user("analis.1871@uji.id", "analyst", offices["18.71"]))
    page = client.get(url("list")).content.decode()
    assert previewed_batch.file_name in page and 'type="file"' not in page
    assert client.post(url("list"), {"file": csv_file()}).status_code == 403
    assert ImportBatch.objects.count() == 1
    page = client.get(url("detail", previewed_batch)).content.decode()
    assert "Hasil pratinjau" in page and "Impor sekarang" not in page
    assert ">Impor data<" not in page  # no menu link for analysts


def test_the_menu_offers_import_to_officers(officer_client):
    page = officer_client.get(reverse("registry:list")).content.decode()
    assert f'href="{url("list")}"' in page


def test_anonymous_is_sent_to_login(client, previewed_batch):
    client.logout()  # the fixture's officer used this client
    for target in (url("list"), url("detail", previewed_batch), url("report", previewed_batch)):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response.url
    response = client.post(url("list"), {"file": csv_file()})
    assert response.status_code == 302
    assert ImportBatch.objects.count() == 1


def test_owners_are_refused(client, owner_user, previewed_batch):
    client.force_login(owner_user)
    assert client.get(url("list")).status_code == 403
    assert client.get(url("detail", previewed_batch)).status_code == 403


# --- the enterprise list filter ----------------------------------------------------------


def test_batch_filter_of_another_office_shows_nothing(
    officer_client, other_officer, previewed_batch, django_capture_on_commit_callbacks
):
    commit(officer_client, previewed_batch, django_capture_on_commit_callbacks)
    assert Enterprise.objects.count() == 2
    client = officer_client
    client.force_login(other_officer)
    listing = client.get(reverse("registry:list"), {"impor": previewed_batch.key})
    assert listing.status_code == 200
    assert list(listing.context["page"].items) == []
    assert previewed_batch.file_name not in listing.content.decode()
