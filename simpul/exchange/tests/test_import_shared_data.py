"""Issue 3 acceptance: the real business lists in ../shared/data go through upload,
mapping suggestion and preview for an office whose jurisdiction matches the list, with
the real Kemendagri regions of the province and the full KBLI 2020 table loaded.

Lists used (see each PROVENANCE.md): `ikm-probolinggo-olahan-ikan` (68 fish processors
of Kota Probolinggo, with kelurahan and kecamatan) and `umkm-surakarta` (11.158 micro
businesses of Kota Surakarta, whose three region columns all hold the placeholder
"Surakarta"). The other two folders are KBLI tables, not business lists."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import pytest

from simpul.accounts.models import Office
from simpul.core.scope import RegionScope
from simpul.exchange import services
from simpul.exchange.choices import BatchStatus, RowAction
from simpul.exchange.models import ImportBatch, ImportRow
from simpul.kbli.loaders import load_kbli
from simpul.regions.loaders import load_regions
from simpul.regions.models import Region
from simpul.regions.regionfile import read_region_file, write_region_file
from simpul.registry.models import Enterprise, Owner


def _shared_data() -> Path:
    default = Path(__file__).resolve().parents[3].parent / "shared" / "data"
    return Path(os.environ.get("SIMPUL_SHARED_DATA", default))


DATA = _shared_data()
PROBOLINGGO = DATA / "ikm-probolinggo-olahan-ikan" / "ikm.csv"
SURAKARTA = DATA / "umkm-surakarta" / "umkm.csv"
KBLI = DATA / "kbli2020" / "kbli2020_flat.csv"

pytestmark = pytest.mark.skipif(
    not (PROBOLINGGO.exists() and SURAKARTA.exists() and KBLI.exists()),
    reason=f"../shared/data is not available at {DATA}",
)


@pytest.fixture(scope="session")
def region_file(tmp_path_factory) -> Path:
    """The shipped regions of Jawa Tengah (33) and Jawa Timur (35)."""
    path = tmp_path_factory.mktemp("regions") / "jateng-jatim.csv.gz"
    write_region_file((r for r in read_region_file() if r[0][:2] in {"33", "35"}), path)
    return path


@pytest.fixture
def tables(region_file, db) -> None:
    load_regions(region_file)
    report = load_kbli(KBLI)
    assert report.loaded["kelompok"] == 1790


@pytest.fixture
def officer_of(tables, make_user):
    def make(code: str, name: str):
        office = Office.objects.create(
            code=f"dinas-{code.replace('.', '-')}",
            name=name,
            kind="kabkota",
            region=Region.objects.get(code=code),
        )
        return make_user(f"petugas.{code}@uji.id", "officer", office)

    return make


def _preview(officer, capture, path: Path) -> ImportBatch:
    batch = services.batch_upload(actor=officer, file_name=path.name, data=path.read_bytes())
    services.batch_configure(batch=batch, actor=officer, mapping=batch.mapping)
    with capture(execute=True):
        services.batch_start_preview(batch=batch, actor=officer)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED, batch.message
    return batch


def _rows(batch) -> dict[int, ImportRow]:
    return {row.row_number: row for row in ImportRow.objects.filter(batch=batch)}


# --- Kota Probolinggo ---------------------------------------------------------------------

# (KELURAHAN, KECAMATAN) as written → kelurahan code; 14 pairs, 68 rows.
PROBOLINGGO_VILLAGES = {
    "35.74.03.1001": 40,  # MAYANGAN / MAYANGAN
    "35.74.04.1003": 9,  # KANIGARAN / KANIGARAN
    "35.74.03.1002": 3,  # MANGUNHARJO / MAYANGAN
    "35.74.01.1009": 3,  # PILANG / KADEMANGAN
    "35.74.04.1006": 3,  # KEBONSARI KULON / KANIGARAN
    "35.74.03.1004": 2,  # JATI / MAYANGAN
    "35.74.02.1007": 1,  # WONOASIH / WONOASIH
    "35.74.01.1001": 1,  # KETAPANG / KADEMANGAN
    "35.74.01.1002": 1,  # TRIWUNG LOR / KADEMANGAN
    "35.74.04.1002": 1,  # SUKOHARJO / KANIGARAN
    "35.74.05.1004": 1,  # JREBENG LOR / KEDOPOK
    "35.74.04.1004": 1,  # KEBONSARI WETAN / KANIGARAN
    "35.74.04.1001": 1,  # TISNONEGARAN / KANIGARAN
    "35.74.03.1010": 1,  # WIROBORANG / MAYANGAN
}
# Phones Excel turned into scientific notation: digits lost, the number is dropped.
WRECKED_PHONES = {2: "8.52348e+010", 25: "8.23302e+010", 26: "8.23319e+010"}
WRECKED_PHONES |= {27: "8.78519e+010", 28: "8.52349e+010", 29: "8.52591e+010"}
NO_NAME = {47: "M. IMAM SHOLIHIN", 53: "KWA SWIE BI", 58: "SOELASTINI"}


def test_kota_probolinggo_fish_processors(officer_of, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    probolinggo = officer_of("35.74", "Dinas Kota Probolinggo")
    started = time.monotonic()
    batch = _preview(probolinggo, capture, PROBOLINGGO)
    assert batch.mapping == {
        "lat": "latitude",
        "lng": "longitude",
        "icon": None,
        "PERUSAHAAN": "name",
        "KONTAK": "owner_name",
        "JALAN": "address",
        "KELURAHAN": "village",
        "KECAMATAN": "district",
        "TELP": "phone",
        "KATEGORI": None,  # PRODUK is the better column for the products
        "PRODUK": "products",
    }
    assert (batch.rows_total, batch.rows_new, batch.rows_duplicate, batch.rows_error) == (
        68,
        65,
        0,
        3,
    )
    assert batch.rows_update == batch.rows_unchanged == 0
    rows = _rows(batch)

    # Every row names its kelurahan, and every one resolves exactly (no guess, no warning).
    regions = Counter(row.data.get("region") for row in rows.values())
    assert regions == PROBOLINGGO_VILLAGES
    assert not any(w.startswith("Wilayah") for row in rows.values() for w in row.warnings)

    # The three errors: PERUSAHAAN is "-"; the contact person is known, the business name
    # is not, and a registry entry needs one.
    errors = {n: r.errors for n, r in rows.items() if r.action == RowAction.ERROR}
    assert errors == {n: ["PERUSAHAAN: nama usaha kosong."] for n in NO_NAME}
    assert {n: rows[n].data["owner_name"] for n in NO_NAME} == NO_NAME

    # Two "TERASI" and two "KERUPUK IKAN JENGGELEK" in Kelurahan Mayangan are four
    # businesses: different owners at different addresses, not duplicates.
    assert [(rows[n].data["owner_name"], rows[n].action) for n in (37, 38, 23, 39)] == [
        ("SITI RODIYAH", RowAction.NEW),
        ("JURIYEH", RowAction.NEW),
        ("MISNATI", RowAction.NEW),
        ("SUMI", RowAction.NEW),
    ]

    for number, text in WRECKED_PHONES.items():
        assert rows[number].action == RowAction.NEW
        assert rows[number].data["phone"] == ""
        assert rows[number].warnings[0] == (
            f"TELP: “{text}”: nomor rusak oleh Excel (notasi ilmiah) dan tidak dapat "
            "dipulihkan; minta nomor yang benar kepada pemiliknya. Kolom ini dikosongkan; "
            "baris tetap diimpor."
        )
    phones = {n: rows[n].data["phone"] for n in (3, 7, 13, 21, 24, 64, 65)}
    assert phones == {
        3: "+62335428738",  # 0335-428738
        7: "",  # "-"
        13: "+62335436067",  # 0335 - 436067
        21: "+62335422546",  # 0335 - 422546 / 085204883992: the first is kept
        24: "+62335425943",  # (0335) 425943, 081230971022
        64: "+6281252774189",  # 81252774189: the leading 0 was lost
        65: "+6285232848164",
    }
    assert "Sel berisi 2 nomor; yang dipakai 0335 - 422546" in rows[21].warnings[0]
    assert rows[64].warnings[0] == "TELP: Angka 0 di depan hilang; dipulihkan."

    first = rows[2].data
    assert (first["name"], first["owner_name"], first["address"]) == (
        "MINA KARTINI",
        "DAHWIYAH",
        "JL. IKAN TONGKOL RT 7 RW. 1",
    )
    assert (first["latitude"], first["longitude"]) == ("-7.739060", "113.213000")
    assert first["products"] == "IKAN KERING, RAMBAK IKAN PUNTI"
    # No KBLI column: every product text gets a suggestion to confirm, never a final code.
    assert (first["kbli"], first["kbli_suggested"]) == ("10211", True)
    assert (rows[67].data["kbli"], rows[67].data["kbli_suggested"]) == ("10794", True)
    assert all(r.data["kbli_suggested"] for r in rows.values() if r.data["kbli"])
    assert rows[24].data["name"] == "UD. AGUNG SENTOSA"
    assert rows[24].data["region"] == "35.74.01.1001"  # Ketapang, Kademangan

    assert time.monotonic() - started < 30

    # Committed, the 65 businesses are all inside Kota Probolinggo's jurisdiction.
    with capture(execute=True):
        services.batch_start_commit(batch=batch, actor=probolinggo, error_policy="skip")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED, batch.message
    assert Enterprise.objects.count() == 65
    assert RegionScope(prefix="35.74").apply(Enterprise.objects.all()).count() == 65
    assert Enterprise.objects.filter(village__isnull=True).count() == 0
    assert Owner.objects.count() == 65


# --- Kota Surakarta -----------------------------------------------------------------------


def test_kota_surakarta_micro_businesses(officer_of, django_capture_on_commit_callbacks):
    """11.158 rows whose Kecamatan, Wilayah and Kategori all say "Surakarta". The
    suggested mapping takes Kecamatan as the kecamatan; "Surakarta" is no kecamatan but
    the city itself, so each row reaches Kota Surakarta with a warning rather than
    failing. No row names a kelurahan, so none reaches one, and the name + village rule
    finds no duplicates (49 rows repeat an earlier row's name at the same coordinates;
    matching by place needs a kelurahan)."""
    solo = officer_of("33.72", "Dinas Kota Surakarta")
    started = time.monotonic()
    batch = _preview(solo, django_capture_on_commit_callbacks, SURAKARTA)
    elapsed = time.monotonic() - started
    assert batch.mapping == {
        "Nama": "name",
        "Kegiatan": "products",
        "Kecamatan": "district",
        "Wilayah": None,
        "Kategori": None,
        "lat": "latitude",
        "lng": "longitude",
    }
    assert (batch.rows_total, batch.rows_new, batch.rows_duplicate, batch.rows_error) == (
        11_158,
        11_157,
        0,
        1,
    )
    assert batch.rows_warning == 11_158
    assert elapsed < 60, elapsed

    error = ImportRow.objects.get(batch=batch, action=RowAction.ERROR)
    assert (error.row_number, error.errors) == (796, ["Nama: nama usaha kosong."])

    # Read in Python: SQLite's JSON extraction would turn "33.72" into a number.
    all_rows = ImportRow.objects.filter(batch=batch).only("data").iterator(chunk_size=2000)
    regions = Counter(row.data.get("region") for row in all_rows)
    assert regions == {"33.72": 11_158}
    expected_warning = (
        "Wilayah: Kecamatan “Surakarta” adalah nama Kota Surakarta, bukan nama kecamatan. "
        "Desa/kelurahan tidak diisi; wilayah hanya sampai kabupaten/kota Kota Surakarta."
    )
    rows = {
        row.row_number: row
        for row in ImportRow.objects.filter(batch=batch, row_number__in=[2, 4, 7, 96, 4852])
    }
    for row in rows.values():
        assert row.warnings[0] == expected_warning
    # Four latitudes carry a spreadsheet's leading apostrophe ("'-7.5853608").
    assert (rows[96].data["latitude"], rows[96].data["longitude"]) == ("-7.585361", "110.832381")
    assert rows[4852].data["latitude"] == "-7.552010"
    assert rows[2].data["name"] == "Jasa Online Shopee"
    assert rows[4].data["products"] == "cari bahan"
    assert (rows[4].data["kbli"], rows[4].data["kbli_suggested"]) == (None, False)
    # "terima konsomen kain textil ulur potong jahit …": a tailor.
    assert (rows[7].data["kbli"], rows[7].data["kbli_suggested"]) == ("14111", True)
    assert Enterprise.objects.count() == 0
