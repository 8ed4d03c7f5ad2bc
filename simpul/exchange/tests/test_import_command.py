"""`simpul import_enterprises`: the import engine driven from the command line, on real
CSV and XLSX files."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from simpul.core.models import ChangeRecord
from simpul.exchange import services
from simpul.exchange.choices import BatchStatus
from simpul.exchange.management.commands import import_enterprises
from simpul.exchange.models import ImportBatch, ImportedRecord, ImportMapping
from simpul.registry.models import Enterprise, Owner

HEADER = (
    "Nama Usaha;Nama Pemilik;NIK;No HP;Alamat;Desa;Kecamatan;Kab/Kota;Produk;KBLI;TK L;TK P;Omzet"
)
PLACE = "Gotong Royong;Tanjung Karang Pusat;Kota Bandar Lampung"
ROWS = [
    # new, complete
    f"UD Kopi Gotong;Siti Aminah;1871015203850001;081234567890;Jl. Kopi 1;{PLACE};"
    "kopi bubuk;10761;2;3;Rp 150 juta",
    # new: abbreviated district, typo in the village, no KBLI (suggested), lost leading 0
    "Kopi Tanjung;Andi;;81234567891;Jl. 3;Gotong Royog;Kec. Tanjung Karang Pusat;"
    "Kota Bandar Lampung;kopi bubuk robusta;;1;0;2,5 juta",
    # the same business as the first row → duplicate
    f"UD Kopi Gotong;Siti;;;Jl. Kopi 1;{PLACE};kopi;10761;1;1;1.000.000",
    # village outside the office's jurisdiction → error
    "Keripik Way;Budi;;;Jl. 2;Way Mengaku;Balik Bukit;Lampung Barat;keripik;;1;0;5 jt",
    # no name → error
    f";Tanpa Nama;;;Jl. 4;{PLACE};kopi;10761;1;1;",
]


def _csv(tmp_path, rows=ROWS, header=HEADER, name="ikm.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _xlsx(tmp_path):
    """An office workbook: title rows, a two-row header with "Tenaga Kerja" merged over
    L and P, numbers stored as numbers (the phone has lost its leading 0)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data IKM"
    sheet.append(["DATA IKM KOTA BANDAR LAMPUNG"])
    sheet.append(["Tahun 2025"])
    sheet.append([])
    top = ["No", "Nama Perusahaan", "Pemilik", "No. HP", "Tenaga Kerja", None, "Kelurahan"]
    sheet.append([*top, "Kec.", "Komoditi", "Nilai Investasi"])
    sheet.append([None, None, None, None, "L", "P", None, None, None, None])
    sheet.merge_cells("E4:F4")
    place = ["Gotong Royong", "Tanjung Karang Pusat"]
    sheet.append([1, "Roti Manis Gotong", "Rina", 81234567892, 2, 2, *place, "roti", 25_000_000])
    sheet.append(
        [2, "Kopi Karang", "Joko", None, 1, 0, "Gotong Royong", "Kec. Tanjung Karang Pusat", "kopi"]
    )
    path = tmp_path / "daftar.xlsx"
    book.save(path)
    return path


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import_enterprises", *map(str, args), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def setup(officer, kbli):
    return officer


def test_dry_run_previews_and_writes_nothing(setup, tmp_path):
    output = run(_csv(tmp_path), "--office", "dinas-18-71", "--dry-run")
    assert Enterprise.objects.count() == 0 and Owner.objects.count() == 0
    assert not ImportedRecord.objects.exists()
    assert not ChangeRecord.objects.filter(entity="registry.enterprise").exists()
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.PREVIEWED
    assert (batch.rows_new, batch.rows_duplicate, batch.rows_error) == (2, 1, 2)
    assert "pengimpor: petugas.1871@uji.id" in output
    assert "Nama Usaha → Nama usaha" in output and "Omzet → Omzet (Rp per tahun)" in output
    assert "saran otomatis" in output
    assert "5 baris — baru 2, diperbarui 0, tidak berubah 0, ganda 1, salah 2" in output
    assert "baris 5: Wilayah:" in output and "Lampung Barat" in output
    assert "baris 6: Nama Usaha: nama usaha kosong." in output
    assert f"Uji coba (--dry-run): registri tidak diubah. Kunci batch: {batch.key}" in output


def test_commit_creates_the_enterprises_and_a_rerun_adds_nothing(setup, tmp_path):
    path = _csv(tmp_path)
    output = run(path, "--office", "dinas-18-71")
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.COMMITTED
    assert f"Selesai: 2 IKM baru, 0 IKM diperbarui, 3 baris dilewati. Kunci batch: {batch.key}" in (
        output
    )
    gotong = Enterprise.objects.get(name="UD Kopi Gotong")
    assert gotong.village_id == "18.71.01.1001" and gotong.annual_sales == 150_000_000
    assert gotong.owner.full_name == "Siti Aminah" and gotong.owner.gender == "P"
    assert gotong.status == "draft" and gotong.source == "import"
    tanjung = Enterprise.objects.get(name="Kopi Tanjung")
    assert tanjung.kbli_id == "10761" and tanjung.kbli_suggested is True
    assert tanjung.owner.phone == "+6281234567891" and tanjung.annual_sales == 2_500_000
    assert ImportedRecord.objects.filter(batch=batch).count() == 2

    again = run(path, "--office", "dinas-18-71")
    assert Enterprise.objects.count() == 2 and Owner.objects.count() == 2
    assert "tidak berubah 2" in again
    assert "Tidak ada baris baru atau perubahan untuk diimpor; registri tidak diubah." in again


def test_xlsx_with_title_rows_and_two_row_header_as_verified(setup, tmp_path):
    output = run(_xlsx(tmp_path), "--office", "dinas-18-71", "--new-status", "verified")
    assert "sheet “Data IKM”, judul kolom di baris 4" in output
    assert "Tenaga Kerja L → Tenaga kerja laki-laki" in output
    roti = Enterprise.objects.get(name="Roti Manis Gotong")
    assert (roti.workers_male, roti.workers_female) == (2, 2)
    assert roti.investment_value == 25_000_000 and roti.owner.phone == "+6281234567892"
    # Incomplete rows (no NIK, no address, …) come in as drafts even when verified is asked.
    assert roti.status == "draft"
    assert Enterprise.objects.get(name="Kopi Karang").village_id == "18.71.01.1001"


def test_saved_mapping_by_name(setup, tmp_path):
    header = HEADER.replace("Nama Usaha", "Merek Dagang")
    path = _csv(tmp_path, ROWS[:2], header)
    columns = header.split(";")
    suggested = services.batch_upload(
        actor=setup, file_name="x.csv", data=path.read_bytes()
    ).mapping
    assert suggested["Merek Dagang"] is None
    ImportMapping.objects.create(
        office=setup.office,
        name="Daftar Dinas 2024",
        shape="another-shape",
        columns=columns,
        mapping={**suggested, "Merek Dagang": "name"},
    )
    output = run(path, "--office", "dinas-18-71", "--mapping", "daftar dinas 2024")
    assert "Pemetaan kolom (pemetaan tersimpan “Daftar Dinas 2024”)" in output
    assert "Merek Dagang → Nama usaha" in output
    assert "dibuat untuk berkas dengan kolom lain" in output
    assert set(Enterprise.objects.values_list("name", flat=True)) == {
        "UD Kopi Gotong",
        "Kopi Tanjung",
    }


def test_unknown_mapping_lists_the_saved_names(setup, other_officer, tmp_path):
    for name in ("Survei 2023", "Daftar Dinas 2024"):
        ImportMapping.objects.create(office=setup.office, name=name, shape="s" + name)
    with pytest.raises(CommandError, match="Pemetaan tersimpan: Daftar Dinas 2024, Survei 2023"):
        run(_csv(tmp_path), "--office", "dinas-18-71", "--mapping", "Lain")
    with pytest.raises(CommandError, match="belum menyimpan pemetaan"):
        run(_csv(tmp_path), "--office", "dinas-18-04", "--mapping", "Lain")
    assert not ImportBatch.objects.exists()


def test_mapping_without_a_name_column_is_refused_and_the_batch_dropped(setup, tmp_path):
    path = _csv(tmp_path, ROWS[:1], HEADER.replace("Nama Usaha", "Merek Dagang"))
    with pytest.raises(CommandError, match="Kolom untuk Nama usaha wajib dipilih"):
        run(path, "--office", "dinas-18-71")
    assert not ImportBatch.objects.exists()


def test_unknown_office_and_unusable_users(setup, make_user, offices, tmp_path):
    path = _csv(tmp_path)
    with pytest.raises(CommandError, match="Kantor dengan kode “dinas-99” tidak ada"):
        run(path, "--office", "dinas-99")
    with pytest.raises(CommandError, match="belum punya petugas atau admin kantor yang aktif"):
        run(path, "--office", "dinas-18-04")
    with pytest.raises(CommandError, match="tidak dapat mengimpor untuk Dinas Lampung Barat"):
        run(path, "--office", "dinas-18-04", "--user", setup.email)
    make_user("analis@uji.id", "analyst", offices["18.71"])
    with pytest.raises(CommandError, match="analis@uji.id tidak dapat mengimpor"):
        run(path, "--office", "dinas-18-71", "--user", "analis@uji.id")
    with pytest.raises(CommandError, match="Berkas .*tidak-ada.csv tidak ada"):
        run(tmp_path / "tidak-ada.csv", "--office", "dinas-18-71")
    assert not ImportBatch.objects.exists()


def test_stop_on_error_refuses_and_writes_nothing(setup, tmp_path):
    with pytest.raises(CommandError, match="Ada 2 baris salah") as raised:
        run(_csv(tmp_path), "--office", "dinas-18-71", "--on-error", "stop")
    batch = ImportBatch.objects.get()
    assert batch.key in str(raised.value) and "Registri tidak diubah" in str(raised.value)
    assert batch.status == BatchStatus.PREVIEWED
    assert Enterprise.objects.count() == 0 and Owner.objects.count() == 0
    # Without error rows the same policy imports.
    run(
        _csv(tmp_path, ROWS[:2], name="bersih.csv"), "--office", "dinas-18-71", "--on-error", "stop"
    )
    assert Enterprise.objects.count() == 2


def test_size_and_row_limits_can_be_raised(setup, tmp_path):
    path = _csv(tmp_path)
    with pytest.raises(CommandError, match="lebih dari 2 baris"):
        run(path, "--office", "dinas-18-71", "--max-rows", "2")
    assert not ImportBatch.objects.exists()  # refused at upload: nothing stored
    with pytest.raises(CommandError, match="Berkas terlalu besar"):
        run(path, "--office", "dinas-18-71", "--max-mb", "0")
    run(path, "--office", "dinas-18-71", "--max-rows", "5", "--dry-run")
    assert ImportBatch.objects.filter(status=BatchStatus.PREVIEWED).count() == 1


def test_progress_bars_follow_the_engine(setup, tmp_path, monkeypatch):
    bars = []

    class Recorder:
        def __init__(self, total=None, desc="", **kwargs):
            self.total, self.desc, self.n, self.updates = total, desc, 0, 0
            bars.append(self)

        def update(self, step):
            self.n += step
            self.updates += 1

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(import_enterprises, "tqdm", Recorder)
    run(_csv(tmp_path), "--office", "dinas-18-71")
    assert [(b.desc, b.total, b.n) for b in bars] == [("Memeriksa", None, 5), ("Mengimpor", 2, 2)]
    assert all(b.updates >= 1 for b in bars)
