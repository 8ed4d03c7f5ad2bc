"""Export of the officer's list: scope, filters, masking, formula guard, header round trip
through the import's mapping, audit, the XLSX row cap and who may download at all."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import NIK_WOMAN
from simpul.core.audit import history_for
from simpul.core.scope import RegionScope
from simpul.exchange import export, selectors
from simpul.exchange.mapping import FIELDS, suggest_mapping
from simpul.registry.models import Enterprise, Owner, Sentra

pytestmark = pytest.mark.django_db

EXPORT_URL = "exchange:export"
# The import fields, in the order the export writes them.
EXPORTED_FIELDS = [
    "code",
    "name",
    "legal_form",
    "owner_name",
    "nik",
    "phone",
    "email",
    "address",
    "village",
    "district",
    "regency",
    "village_code",
    "kbli",
    "products",
    "workers_male",
    "workers_female",
    "workers_total",
    "investment_value",
    "production_capacity",
    "production_value",
    "annual_sales",
    "nib",
    "year_started",
    "sentra",
    "latitude",
    "longitude",
]
INFORMATIONAL = [
    "Status",
    "Kelas usaha (Permenperin 64/2016)",
    "Kelas usaha (PP 7/2021)",
    "Terakhir diubah",
]


def _login(client, user):
    client.force_login(user, backend="simpul.accounts.backends.EmailOrPhoneBackend")


def _enterprise(village, name: str, **fields) -> Enterprise:
    owner = Owner.objects.create(
        full_name=fields.pop("owner_name", "Budi"),
        phone=fields.pop("phone", "+6281300000002"),
        email=fields.pop("email", "budi@uji.id"),
        nik_masked=fields.pop("nik_masked", "1804**********02"),
    )
    enterprise = Enterprise(name=name, legal_form="cv", source="officer", owner=owner, **fields)
    enterprise.set_village(village)
    enterprise.save()
    return enterprise


@pytest.fixture
def lampung_barat(regions):
    return _enterprise(regions["18.04.01.2001"], "Keripik Pisang Liwa")


@pytest.fixture
def bandung(regions):
    return _enterprise(regions["32.73.01.1001"], "Kaos Sablon Sarijadi")


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.18@uji.id", "analyst", offices["18"])


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _csv(response) -> list[dict[str, str]]:
    text = _body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text[1:], newline=""), delimiter=";")
    header, *rows = list(reader)
    assert tuple(header) == export.HEADERS
    return [dict(zip(header, row, strict=True)) for row in rows]


def _xlsx(response) -> list[dict[str, object]]:
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)), read_only=True)
    header, *rows = list(workbook[export.SHEET_TITLE].iter_rows(values_only=True))
    assert header == export.HEADERS
    return [dict(zip(header, row, strict=True)) for row in rows]


def _download(client, kind: str, **params):
    response = client.get(reverse(EXPORT_URL), {"berkas": kind, **params})
    assert response.status_code == 200, response.status_code
    return response


# --- columns -------------------------------------------------------------------------


def test_every_column_maps_back_to_its_import_field():
    mapping = suggest_mapping(list(export.HEADERS))
    assert [column.field for column in export.COLUMNS if column.field] == EXPORTED_FIELDS
    for column in export.COLUMNS:
        assert column.field is None or column.field in FIELDS
        assert mapping[column.header] == column.field, column.header


def test_informational_columns_map_to_no_field():
    assert export.HEADERS[-len(INFORMATIONAL) :] == tuple(INFORMATIONAL)
    in_context = suggest_mapping(list(export.HEADERS))
    for header in INFORMATIONAL:
        assert in_context[header] is None
        assert suggest_mapping([header]) == {header: None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+6281234567890", "'+6281234567890"),
        ("-5.42", "'-5.42"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kopi = enak", "Kopi = enak"),
        ("", ""),
    ],
)
def test_neutralise(text, expected):
    assert export.neutralise(text) == expected


def test_masks():
    assert export.mask_phone("+6281200000001") == "+62812****0001"
    assert export.mask_phone("0812345") == "08***45"
    assert export.mask_phone("123") == "***"
    assert export.mask_email("pemilik@demo.simpul.id") == "pe***@demo.simpul.id"
    assert export.mask_email("ab@uji.id") == "a***@uji.id"


def test_file_name():
    today = timezone.localdate().strftime("%Y%m%d")
    assert export.file_name(region="18.71", kind="xlsx") == f"ikm-18-71-{today}.xlsx"
    assert export.file_name(region="", kind="csv") == f"ikm-nasional-{today}.csv"
    assert export.file_name(region='../"x', kind="csv") == f"ikm-x-{today}.csv"


# --- content, scope and masking ------------------------------------------------------


def test_officer_csv_has_own_region_only_with_contacts(
    client, officer, complete_enterprise, lampung_barat, bandung
):
    _login(client, officer)
    response = _download(client, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().strftime("%Y%m%d")
    assert f'filename="ikm-18-71-{today}.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert [row["Nama Usaha"] for row in rows] == ["Kopi Robusta Tapis Berseri"]
    row, e = rows[0], complete_enterprise
    assert row["Kode IKM"] == e.public_key
    assert row["Bentuk Usaha"] == "UD"
    assert row["Nama Pemilik"] == "Siti Aminah"
    assert row["NIK Pemilik"] == "1871**********01"
    assert row["Nomor HP"] == "'+6281234567890"  # an officer sees it; guarded as text
    assert row["Email"] == "pemilik@uji.id"
    assert (row["Desa/Kelurahan"], row["Kecamatan"], row["Kabupaten/Kota"]) == (
        "Gotong Royong",
        "Tanjung Karang Pusat",
        "Kota Bandar Lampung",
    )
    assert row["Kode Desa/Kelurahan"] == "18.71.01.1001"
    assert row["Kode KBLI"] == "10761"
    assert (row["Tenaga Kerja Laki-laki"], row["Tenaga Kerja Perempuan"]) == ("2", "3")
    assert row["Nilai Investasi (Rp)"] == "150000000"
    assert row["Status"] == "Draf"
    assert row["Kelas usaha (Permenperin 64/2016)"] == "Industri kecil"
    updated = timezone.localtime(e.updated_at).strftime("%Y-%m-%d %H:%M")
    assert row["Terakhir diubah"] == updated


def test_analyst_sees_province_with_masked_contacts(
    client, analyst, complete_enterprise, lampung_barat, bandung
):
    _login(client, analyst)
    rows = {row["Nama Usaha"]: row for row in _xlsx(_download(client, "xlsx"))}
    assert set(rows) == {"Kopi Robusta Tapis Berseri", "Keripik Pisang Liwa"}
    kopi = rows["Kopi Robusta Tapis Berseri"]
    assert kopi["Nomor HP"] == "'+62812****7890"
    assert kopi["Email"] == "pe***@uji.id"
    assert kopi["NIK Pemilik"] == "1871**********01"
    assert rows["Keripik Pisang Liwa"]["Kabupaten/Kota"] == "Kabupaten Lampung Barat"


def test_nik_is_never_decrypted_nor_even_read(client, officer, complete_enterprise):
    _login(client, officer)
    csv_bytes = _body(_download(client, "csv"))
    xlsx_cells = _xlsx(_download(client, "xlsx"))
    assert NIK_WOMAN.encode() not in csv_bytes
    assert xlsx_cells[0]["NIK Pemilik"] == "1871**********01"
    assert NIK_WOMAN not in {str(value) for value in xlsx_cells[0].values()}
    rows = selectors.enterprise_export(
        scope=RegionScope.for_user(officer), queryset=Enterprise.objects.all(), ordering=["id"]
    )
    assert "nik_encrypted" in rows.get().owner.get_deferred_fields()


def test_filters_are_respected(client, analyst, complete_enterprise, lampung_barat, bandung):
    _login(client, analyst)
    by_picker = _csv(_download(client, "csv", w1="18", w2="18.04"))
    assert [row["Nama Usaha"] for row in by_picker] == ["Keripik Pisang Liwa"]
    by_name = _csv(_download(client, "csv", q="kopi"))
    assert [row["Nama Usaha"] for row in by_name] == ["Kopi Robusta Tapis Berseri"]
    by_kbli = _xlsx(_download(client, "xlsx", kbli="107"))
    assert [row["Nama Usaha"] for row in by_kbli] == ["Kopi Robusta Tapis Berseri"]
    assert _csv(_download(client, "csv", status="verified")) == []


def test_filter_cannot_widen_the_scope(client, other_officer, complete_enterprise, bandung):
    _login(client, other_officer)
    assert _csv(_download(client, "csv", wilayah="18.71")) == []
    assert _csv(_download(client, "csv", wilayah="32.73")) == []


def test_sort_order_follows_the_list(client, officer, regions):
    village = regions["18.71.01.1001"]
    for name in ("Batik B", "Anyaman A", "Cuka C"):
        _enterprise(village, name)
    _login(client, officer)
    assert [r["Nama Usaha"] for r in _csv(_download(client, "csv", urut="nama"))] == [
        "Anyaman A",
        "Batik B",
        "Cuka C",
    ]
    newest_first = [r["Nama Usaha"] for r in _csv(_download(client, "csv"))]
    assert newest_first == ["Cuka C", "Anyaman A", "Batik B"]


def test_invalid_filter_is_refused_not_widened(client, officer, complete_enterprise, regions):
    foreign = Sentra.objects.create(name="Sentra Bandung", commodity="kaos")
    foreign.set_village(regions["32.73.01.1001"])
    foreign.save()
    _login(client, officer)
    response = client.get(reverse(EXPORT_URL), {"berkas": "csv", "sentra": foreign.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("registry:list") + "?")
    assert not history_for(officer).filter(action="export").exists()


# --- formula guard and number types --------------------------------------------------


@pytest.fixture
def risky(regions):
    sentra = Sentra.objects.create(name="Sentra Kopi", commodity="kopi")
    sentra.set_village(regions["18.71.01.1001"])
    sentra.save()
    return _enterprise(
        regions["18.71.01.1001"],
        '=HYPERLINK("x")',
        owner_name="-Budi",
        address="@jalan",
        latitude=Decimal("-5.420000"),
        longitude=Decimal("105.260000"),
        annual_sales=2_500_000_000,
        workers_male=7,
        year_started=2015,
        sentra=sentra,
    )


def test_formula_guard_in_csv(client, officer, risky):
    _login(client, officer)
    (row,) = _csv(_download(client, "csv"))
    assert row["Nama Usaha"] == '\'=HYPERLINK("x")'
    assert row["Nama Pemilik"] == "'-Budi"
    assert row["Alamat"] == "'@jalan"
    assert (row["Latitude"], row["Longitude"]) == ("'-5.42", "105.26")
    assert row["Omzet (Rp per Tahun)"] == "2500000000"
    assert row["Sentra"] == "Sentra Kopi"


def test_formula_guard_in_xlsx_and_numbers_stay_numbers(client, officer, risky):
    _login(client, officer)
    response = _download(client, "xlsx")
    assert response["Content-Type"] == export_view_content_type()
    assert "ikm-18-71-" in response["Content-Disposition"]
    (row,) = _xlsx(response)
    assert row["Nama Usaha"] == '\'=HYPERLINK("x")'
    assert row["Nama Pemilik"] == "'-Budi"
    assert row["Alamat"] == "'@jalan"
    assert row["Latitude"] == pytest.approx(-5.42) and isinstance(row["Latitude"], float)
    assert row["Longitude"] == pytest.approx(105.26)
    assert row["Omzet (Rp per Tahun)"] == 2_500_000_000
    assert row["Tenaga Kerja Laki-laki"] == 7 and row["Tahun Mulai Usaha"] == 2015
    local_time = timezone.localtime(risky.updated_at).replace(tzinfo=None)
    assert isinstance(row["Terakhir diubah"], dt.datetime)
    assert abs((row["Terakhir diubah"] - local_time).total_seconds()) < 1


def export_view_content_type() -> str:
    from simpul.exchange.views.export import XLSX_CONTENT_TYPE

    return XLSX_CONTENT_TYPE


def test_xlsx_drops_control_characters_before_guarding():
    assert export.xlsx_value("\x01=1+1") == "'=1+1"
    assert export.xlsx_value(Decimal("-5.42")) == Decimal("-5.42")


# --- audit, cap, access --------------------------------------------------------------


def test_each_export_is_recorded_on_the_user(client, officer, complete_enterprise):
    _login(client, officer)
    _body(_download(client, "csv", status="draft"))
    _body(_download(client, "xlsx"))
    records = list(history_for(officer).filter(action="export").order_by("id"))
    assert [r.note for r in records] == [
        "CSV, 1 baris, filter: status=draft",
        "XLSX, 1 baris, filter: (tanpa filter)",
    ]
    assert all(r.actor == officer and r.entity == "accounts.user" for r in records)


def test_xlsx_above_the_cap_is_refused_with_advice(
    client, officer, complete_enterprise, regions, monkeypatch
):
    _enterprise(regions["18.71.01.1001"], "Tenun Tapis")
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 1)
    _login(client, officer)
    response = client.get(reverse(EXPORT_URL), {"berkas": "xlsx", "status": "draft"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("registry:list") + "?status=draft"
    page = response.content.decode()
    assert "berisi 2 IKM" in page and "Unduh sebagai CSV" in page
    assert not history_for(officer).filter(action="export").exists()
    # CSV has no such limit.
    assert len(_csv(_download(client, "csv"))) == 2


def test_write_xlsx_stops_at_the_cap_and_leaves_no_temporary_file(monkeypatch):
    from openpyxl.worksheet import _writer

    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 2)
    before = set(_writer.ALL_TEMP_FILES)
    with pytest.raises(export.ExportTooLarge):
        export.write_xlsx([["a"]] * 3, io.BytesIO())
    assert set(_writer.ALL_TEMP_FILES) == before
    target = io.BytesIO()
    assert export.write_xlsx([["a"]] * 2, target) == 2
    assert set(_writer.ALL_TEMP_FILES) == before


def test_queries_do_not_grow_with_rows(client, officer, regions):
    _login(client, officer)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            _body(_download(client, "csv"))
        return len(queries)

    _enterprise(regions["18.71.01.1001"], "Satu")
    one = count_queries()
    for index in range(5):
        _enterprise(regions["18.71.01.1001"], f"Lagi {index}")
    assert count_queries() == one


def test_anonymous_owner_and_unknown_format_are_refused(client, owner_user, officer):
    response = client.get(reverse(EXPORT_URL), {"berkas": "csv"})
    assert response.status_code == 302 and "/akun/" in response["Location"]
    _login(client, owner_user)
    assert client.get(reverse(EXPORT_URL), {"berkas": "csv"}).status_code == 403
    client.logout()
    _login(client, officer)
    assert client.get(reverse(EXPORT_URL), {"berkas": "pdf"}).status_code == 404
    assert not history_for(officer).filter(action="export").exists()


def test_list_page_links_carry_the_filter(client, officer, complete_enterprise):
    _login(client, officer)
    page = client.get(reverse("registry:list"), {"status": "draft"}).content.decode()
    url = reverse(EXPORT_URL)
    assert f'href="{url}?berkas=xlsx&amp;status=draft"' in page
    assert f'href="{url}?berkas=csv&amp;status=draft"' in page
