import csv

import pytest
from openpyxl import Workbook

from simpul.kbli.loaders import BUILTIN_FILE, load_builtin_kbli, load_kbli
from simpul.kbli.models import Kbli
from simpul.kbli.sources import SourceError

L = Kbli.Level
OFFICIAL = {
    L.KATEGORI: 21,
    L.GOLONGAN_POKOK: 88,
    L.GOLONGAN: 238,  # the source lacks 7 golongan rows, see PROVENANCE.md
    L.SUBGOLONGAN: 567,
    L.KELOMPOK: 1_790,
}


def level_counts() -> dict[str, int]:
    return {level: Kbli.objects.filter(level=level).count() for level in OFFICIAL}


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["kbli2020_flat.csv", "kbli.json"])
def test_reference_table_loads_completely(shared_kbli_dir, filename):
    report = load_kbli(shared_kbli_dir / filename)

    assert dict(report.loaded) == OFFICIAL
    assert level_counts() == OFFICIAL
    assert Kbli.objects.filter(level=L.KELOMPOK, kategori="C").count() == 476
    assert [(s.code, "8421" in s.reason) for s in report.skipped] == [("8421", True)]
    # golongan 151 is missing from the source: 1511 hangs under golongan pokok 15
    assert Kbli.objects.get(code="1511").parent_id == "15"
    assert Kbli.objects.get(code="10761").parent_id == "1076"
    assert Kbli.objects.get(code="01").parent_id == "A"
    assert Kbli.objects.get(code="C").parent_id is None
    assert Kbli.objects.get(code="10761").description

    again = load_kbli(shared_kbli_dir / filename)
    assert not again.changed


def test_builtin_set_matches_the_reference_table(reference_titles):
    with BUILTIN_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert reference_titles.get(row["code"]) == " ".join(row["title"].split()).casefold(), row
    codes = {row["code"] for row in rows}
    assert {str(n) for n in range(10, 34)} <= codes
    assert sum(len(code) == 5 for code in codes) >= 40


@pytest.mark.django_db
def test_builtin_set_forms_a_complete_tree():
    report = load_builtin_kbli()

    assert not report.skipped
    assert report.loaded[L.GOLONGAN_POKOK] == 24
    for kelompok in Kbli.objects.filter(level=L.KELOMPOK):
        chain = [kelompok.code]
        node = kelompok
        while node.parent is not None:
            node = node.parent
            chain.append(node.code)
        assert chain == [kelompok.code[:n] for n in (5, 4, 3, 2)] + ["C"], chain
    assert Kbli.objects.get(code="10761").title == "Industri pengolahan kopi"


@pytest.mark.django_db
def test_xlsx_with_title_rows_above_the_header(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["KLASIFIKASI BAKU LAPANGAN USAHA INDONESIA (KBLI) 2020"])
    sheet.append([])
    sheet.append(["No.", "Kode KBLI", "Judul KBLI", "Uraian"])
    sheet.append([1, "C", "Industri Pengolahan", "Kategori ini mencakup ..."])
    sheet.append([2, 10, "Industri  makanan", None])
    sheet.append([3, 10761, "  Industri pengolahan\nkopi ", "Mencakup usaha pengolahan kopi."])
    sheet.append([4, 1, "Pertanian tanaman, peternakan, perburuan dan kegiatan YBDI", ""])
    path = tmp_path / "kbli.xlsx"
    book.save(path)

    report = load_kbli(path)

    assert not report.skipped
    assert sum(report.loaded.values()) == 4
    kopi = Kbli.objects.get(code="10761")
    assert (kopi.title, kopi.level, kopi.kategori, kopi.parent_id) == (
        "Industri pengolahan kopi", L.KELOMPOK, "C", "10",
    )  # fmt: skip
    assert kopi.description == "Mencakup usaha pengolahan kopi."
    assert Kbli.objects.get(code="01").kategori == "A"


@pytest.mark.django_db
def test_bad_rows_are_reported_with_row_and_reason(tmp_path):
    path = tmp_path / "kbli.csv"
    lines = [
        "Daftar KBLI dinas;;",
        "kode;judul;keterangan",
        "10761;Industri pengolahan kopi;",
        ";Judul tanpa kode;",
        "10A61;Kode rusak;",
        "04761;Golongan pokok tidak ada;",
        "10762;;",
        "10761;Industri lain;",
        "10761;INDUSTRI PENGOLAHAN KOPI;",
        ";;",
        "13134;Industri batik dan tenun ;",
    ]
    path.write_bytes("\r\n".join(lines).encode("cp1252"))

    report = load_kbli(path)

    reasons = {(s.row, s.code): s.reason for s in report.skipped}
    assert reasons == {
        (4, ""): "kode kosong",
        (5, "10A61"): "“10A61” bukan bentuk kode KBLI (satu huruf A–U atau 2–5 angka)",
        (6, "04761"): "golongan pokok 04 tidak ada dalam KBLI 2020",
        (7, "10762"): "judul kosong",
        (8, "10761"): (
            "kode 10761 sudah ada di baris 3 dengan judul lain; baris pertama yang dipakai"
        ),
    }
    assert sorted(Kbli.objects.values_list("code", flat=True)) == ["10761", "13134"]
    assert Kbli.objects.get(code="13134").title == "Industri batik dan tenun"


@pytest.mark.django_db
def test_csv_with_bom_and_comma_and_english_headers(tmp_path):
    path = tmp_path / "kbli.csv"
    text = 'Code,Title,Description\n31001,"Industri furnitur dari kayu","Kayu, jati"\n'
    path.write_bytes(text.encode("utf-8-sig"))

    report = load_kbli(path)

    assert report.loaded[L.KELOMPOK] == 1
    assert Kbli.objects.get(code="31001").description == "Kayu, jati"


@pytest.mark.django_db
def test_description_is_kept_when_the_file_has_none(tmp_path):
    with_text = tmp_path / "a.json"
    with_text.write_text('[{"code": "10761", "title": "KOPI", "detail": "Uraian kopi."}]')
    load_kbli(with_text)
    load_builtin_kbli()
    assert Kbli.objects.get(code="10761").description == "Uraian kopi."
    assert Kbli.objects.get(code="10761").title == "Industri pengolahan kopi"


def test_file_without_header_is_refused(tmp_path):
    path = tmp_path / "kbli.csv"
    path.write_text("10761;Industri pengolahan kopi\n")
    with pytest.raises(SourceError, match="judul kolom"):
        load_kbli(path)


@pytest.mark.django_db
def test_load_kbli_command(tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("load_kbli", builtin=True)
    call_command("load_kbli", builtin=True)
    out = capsys.readouterr().out
    assert "Kelompok: 42 dibaca (baru 42, diperbarui 0)" in out
    assert "Tidak ada perubahan" in out
    with pytest.raises(CommandError):
        call_command("load_kbli")
    with pytest.raises(CommandError):
        call_command("load_kbli", str(tmp_path / "tidak-ada.csv"))
