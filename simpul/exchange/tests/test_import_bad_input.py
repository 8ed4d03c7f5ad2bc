"""Issue 3 acceptance: bad input gets a clear Indonesian message and changes nothing.

Each case goes through the service an upload view calls (and the preview for the row
limit and for a list of another office's region) and checks the exact message and that
no batch, enterprise or owner appeared."""

from __future__ import annotations

import functools
import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from simpul.exchange import services
from simpul.exchange.choices import BatchStatus, RowAction
from simpul.exchange.models import ImportBatch, ImportRow
from simpul.exchange.reading import MAX_ROWS, ReadError, stream_table
from simpul.exchange.reading import rows as reading_rows
from simpul.exchange.tests import files
from simpul.registry.models import Enterprise, Owner

OFFICE_LIST = [
    ["Nama Usaha", "Desa", "Kecamatan", "Produk"],
    ["Kopi Gotong", "Gotong Royong", "Tanjung Karang Pusat", "kopi bubuk"],
]


def _counts() -> tuple[int, int, int, int]:
    return (
        ImportBatch.objects.count(),
        ImportRow.objects.count(),
        Enterprise.objects.count(),
        Owner.objects.count(),
    )


@pytest.fixture
def refused(officer, kbli):
    """Upload `data` as `name`; assert it is refused with `message` and changes nothing."""

    def check(name: str, data: bytes, message: str) -> str:
        before = _counts()
        with pytest.raises(ValidationError) as caught:
            services.batch_upload(actor=officer, file_name=name, data=data)
        text = " ".join(caught.value.messages)
        assert message in text
        assert _counts() == before
        return text

    return check


def test_empty_file(refused):
    refused("ikm.xlsx", b"", "Berkas kosong (0 bita); periksa lagi berkas yang diunggah.")
    refused("ikm.csv", b"", "Berkas kosong (0 bita)")


def test_a_picture_named_xlsx(refused):
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    refused(
        "ikm.xlsx",
        png,
        "Berkas ikm.xlsx bukan lembar kerja: isinya gambar PNG. Unggah berkas CSV, XLSX, "
        "XLS atau ODS.",
    )


def test_a_web_page_named_xls(refused):
    html = b"<html><body><table><tr><td>Nama Usaha</td></tr></table></body></html>"
    refused(
        "ikm.xls",
        html,
        "Berkas ikm.xls sebenarnya halaman web (HTML), bukan lembar kerja; buka di Excel, "
        "simpan sebagai .xlsx, lalu unggah lagi.",
    )


def test_content_that_does_not_match_the_extension(refused):
    refused("ikm.xlsx", b"Nama Usaha,Desa\nKopi,Gotong\n", "bernama .xlsx tetapi isinya teks")
    refused("ikm.pdf", files.csv_sheet(OFFICE_LIST), "Jenis berkas .pdf tidak didukung")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    refused("ikm.xlsx", docx.getvalue(), "bukan lembar kerja: isinya dokumen Word")
    truncated = files.xlsx_bytes(OFFICE_LIST)[:3000]
    refused("ikm.xlsx", truncated, "Berkas ikm.xlsx rusak atau terpotong")
    refused("ikm.csv", bytes(range(256)) * 10, "tidak dikenali sebagai CSV, XLSX, XLS atau ODS")


def test_a_password_protected_workbook(refused, tmp_path: Path):
    data = files.encrypted_xlsx(tmp_path / "ikm.xlsx").read_bytes()
    refused(
        "ikm.xlsx",
        data,
        "Berkas ini dilindungi kata sandi; buka di Excel, simpan tanpa kata sandi, lalu "
        "unggah lagi.",
    )


def test_a_zip_bomb(refused, tmp_path: Path):
    data = files.zip_bomb(tmp_path / "bom.xlsx").read_bytes()
    assert len(data) < 1024 * 1024
    refused(
        "bom.xlsx",
        data,
        "Berkas ini mengembang menjadi 300 MB saat dibuka (batas 200 MB, rasio pemadatan "
        "paling tinggi 100 kali); berkas ditolak demi keamanan.",
    )


def test_a_100_mb_file(refused):
    # 100 MB in memory only: the size is refused before a byte of it is parsed.
    data = bytes(100 * 1024 * 1024)
    started = time.monotonic()
    refused(
        "ikm.csv",
        data,
        "Berkas terlalu besar (100 MB); batasnya 25 MB. Bagi data menjadi beberapa berkas "
        "lalu unggah satu per satu.",
    )
    assert time.monotonic() - started < 2


def test_a_sheet_without_any_cells(refused):
    refused("kosong.xlsx", files.xlsx_bytes([]), "Sheet ini kosong")


# --- the row limit -----------------------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch):
    """The worker's preview with a limit of 5 rows instead of 200.000."""
    limited = functools.partial(services.batch_preview_now, max_rows=5)
    monkeypatch.setattr(services, "batch_preview_now", limited)


def _upload_and_preview(officer, capture, data: bytes) -> ImportBatch:
    batch = services.batch_upload(actor=officer, file_name="ikm.csv", data=data)
    services.batch_configure(batch=batch, actor=officer, mapping=batch.mapping)
    with capture(execute=True):
        services.batch_start_preview(batch=batch, actor=officer)
    batch.refresh_from_db()
    return batch


def test_more_rows_than_the_limit(small_limit, officer, kbli, django_capture_on_commit_callbacks):
    rows = [OFFICE_LIST[0]] + [[f"IKM {i}", "Gotong Royong", "", "kopi"] for i in range(6)]
    before = _counts()
    batch = _upload_and_preview(officer, django_capture_on_commit_callbacks, files.csv_sheet(rows))
    assert batch.status == BatchStatus.FAILED
    assert batch.message == (
        "Berkas berisi lebih dari 5 baris; batasnya 5 baris per unggahan. Bagi data menjadi "
        "beberapa berkas lalu unggah satu per satu."
    )
    assert not ImportRow.objects.filter(batch=batch).exists()
    assert _counts()[1:] == before[1:]
    with pytest.raises(ValidationError, match="sedang berstatus “Gagal”"):
        services.batch_start_commit(batch=batch, actor=officer, error_policy="skip")
    # Exactly at the limit is fine.
    batch = _upload_and_preview(
        officer, django_capture_on_commit_callbacks, files.csv_sheet(rows[:6])
    )
    assert (batch.status, batch.rows_new) == (BatchStatus.PREVIEWED, 5)


def _million_lines() -> bytes:
    return b"".join(files.csv_lines("Nama Usaha,Kecamatan", "IKM {},Mayangan", 1_000_001))


def test_a_million_rows_stop_at_the_real_limit_without_reading_the_rest(monkeypatch):
    """The preview reads the file through stream_table with the real limit: a file of
    1.000.001 lines is refused at row 200.001, and the lines after it are never parsed."""
    parsed = []
    original = reading_rows._csv_rows

    def counting(data: bytes):
        for row in original(data):
            parsed.append(1)
            yield row

    monkeypatch.setattr(reading_rows, "_csv_rows", counting)
    data = _million_lines()
    assert len(data) > 19_000_000
    started = time.monotonic()
    table = stream_table(data, "sejuta.csv")
    seen = 0
    with pytest.raises(ReadError, match="lebih dari 200.000 baris; batasnya 200.000 baris"):
        for _record in table.records():
            seen += 1
    assert seen == MAX_ROWS == 200_000
    # The header and 200.001 lines were parsed; the other 799.999 never were.
    assert len(parsed) == 1 + MAX_ROWS + 1
    assert time.monotonic() - started < 10


def test_a_million_rows_are_refused_at_upload(refused):
    refused("sejuta.csv", _million_lines(), "lebih dari 200.000 baris")


def test_rows_over_the_limit_leave_no_import_rows(
    monkeypatch, officer, kbli, django_capture_on_commit_callbacks
):
    limited = functools.partial(services.batch_preview_now, max_rows=2001)
    monkeypatch.setattr(services, "batch_preview_now", limited)
    data = b"".join(files.csv_lines("Nama Usaha,Kecamatan", "IKM {},Tanjung Karang Pusat", 2002))
    batch = _upload_and_preview(officer, django_capture_on_commit_callbacks, data)
    assert batch.status == BatchStatus.FAILED
    assert "lebih dari 2.001 baris" in batch.message
    assert ImportRow.objects.filter(batch=batch).count() == 0


# --- a list of another office's region ----------------------------------------------------


def test_a_list_of_another_offices_region_changes_nothing(
    officer, kbli, django_capture_on_commit_callbacks
):
    rows = [
        ["Nama Usaha", "Desa", "Kecamatan", "Kabupaten", "Produk"],
        ["Keripik Way", "Way Mengaku", "Balik Bukit", "Lampung Barat", "keripik"],
        ["Kopi Liwa", "Ds. Way Mengaku", "Kec. Balik Bukit", "", "kopi"],
        ["Bandung Jaya", "Sarijadi", "Sukasari", "Kota Bandung", "kerupuk"],
    ]
    before = _counts()
    capture = django_capture_on_commit_callbacks
    batch = _upload_and_preview(officer, capture, files.csv_sheet(rows))
    assert batch.status == BatchStatus.PREVIEWED
    assert (batch.rows_total, batch.rows_error, batch.rows_new) == (3, 3, 0)
    errors = {r.row_number: r.errors for r in ImportRow.objects.filter(batch=batch)}
    assert errors == {
        2: [
            "Wilayah: Kabupaten/kota “Lampung Barat” di luar wilayah kerja kantor Anda: "
            "Kabupaten Lampung Barat (Lampung) — 18.04."
        ],
        3: [
            "Wilayah: Kecamatan “Kec. Balik Bukit” di luar wilayah kerja kantor Anda: "
            "Balik Bukit (Kabupaten Lampung Barat, Lampung) — 18.04.01."
        ],
        4: [
            "Wilayah: Kabupaten/kota “Kota Bandung” di luar wilayah kerja kantor Anda: "
            "Kota Bandung (Jawa Barat) — 32.73."
        ],
    }
    assert all(r.action == RowAction.ERROR for r in ImportRow.objects.filter(batch=batch))
    with pytest.raises(ValidationError, match="Ada 3 baris salah"):
        services.batch_start_commit(batch=batch, actor=officer, error_policy="stop")
    with pytest.raises(ValidationError, match="Tidak ada baris baru atau perubahan"):
        services.batch_start_commit(batch=batch, actor=officer, error_policy="skip")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED
    assert _counts()[2:] == before[2:]
