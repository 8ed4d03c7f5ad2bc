"""Export of an officer's enterprise list to CSV and XLSX.

The columns are headed so that the import's header matching (`mapping.suggest_mapping`)
recognises each one again: an exported list can be corrected in a spreadsheet and read
back. Headers and value labels are therefore fixed Indonesian, whatever the interface
language. Personal data leaves masked: the NIK always, the owner's phone and e-mail unless
the user is an officer or office admin. Text that a spreadsheet would run as a formula is
prefixed with an apostrophe, which the importer strips again."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import IO, Any

from django.db.models import QuerySet, TextChoices
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from simpul.core.audit import Provenance, record_change
from simpul.core.models import ChangeRecord
from simpul.regions.models import Region
from simpul.registry.choices import EnterpriseStatus, LegalForm, SizeClassPermenperin, SizeClassPP7
from simpul.registry.models import Enterprise
from simpul.registry.services.permissions import STAFF_WRITERS

Cell = str | int | Decimal | dt.datetime | None

FORMATS = ("csv", "xlsx")
CHUNK_SIZE = 2000
XLSX_MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows less the header
CSV_DELIMITER = ";"  # Indonesian Excel reads a comma as the decimal separator
CSV_FLUSH_ROWS = 500  # rows per streamed piece
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE = "IKM"
_FILE_NAME_UNSAFE = re.compile(r"[^0-9A-Za-z]+")


class ExportTooLarge(Exception):
    """More rows than an XLSX sheet holds."""


@dataclass
class RowContext:
    reveal_contact: bool  # the owner's phone and e-mail unmasked
    region_names: dict[str, str]  # district and regency code → name, filled per chunk
    labels: dict[str, dict[str, str]]  # choice field → stored value → Indonesian label


Getter = Callable[[Enterprise, RowContext], Cell]


@dataclass(frozen=True)
class Column:
    header: str
    field: str | None  # the import field the header maps back to; None = information only
    value: Getter


# --- masking and the formula guard ---------------------------------------------------


def neutralise(value: str) -> str:
    """Text a spreadsheet would read as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def mask_phone(phone: str) -> str:
    """`+6281200000001` → `+62812****0001`."""
    if len(phone) > 10:
        return phone[:6] + "*" * (len(phone) - 10) + phone[-4:]
    if len(phone) > 4:
        return phone[:2] + "*" * (len(phone) - 4) + phone[-2:]
    return "*" * len(phone)


def mask_email(email: str) -> str:
    """`pemilik@demo.simpul.id` → `pe***@demo.simpul.id`."""
    local, at, domain = email.partition("@")
    if not at:
        return mask_phone(email)
    return f"{local[:2] if len(local) > 2 else local[:1]}***@{domain}"


# --- columns -------------------------------------------------------------------------


def _attr(name: str) -> Getter:
    return lambda enterprise, context: getattr(enterprise, name)


def _owner_attr(name: str) -> Getter:
    return lambda enterprise, context: getattr(enterprise.owner, name, None)


def _contact(name: str, mask: Callable[[str], str]) -> Getter:
    def value(enterprise: Enterprise, context: RowContext) -> Cell:
        text = getattr(enterprise.owner, name, "") or ""
        return text if context.reveal_contact or not text else mask(text)

    return value


def _label(name: str) -> Getter:
    return lambda enterprise, context: context.labels[name].get(getattr(enterprise, name), "")


def _region_name(code_field: str) -> Getter:
    return lambda enterprise, context: context.region_names.get(getattr(enterprise, code_field))


def _related_name(relation: str) -> Getter:
    return lambda enterprise, context: getattr(getattr(enterprise, relation), "name", None)


COLUMNS: tuple[Column, ...] = (
    Column("Kode IKM", "code", _attr("public_key")),
    Column("Nama Usaha", "name", _attr("name")),
    Column("Bentuk Usaha", "legal_form", _label("legal_form")),
    Column("Nama Pemilik", "owner_name", _owner_attr("full_name")),
    Column("NIK Pemilik", "nik", _owner_attr("nik_masked")),  # never decrypted here
    Column("Nomor HP", "phone", _contact("phone", mask_phone)),
    Column("Email", "email", _contact("email", mask_email)),
    Column("Alamat", "address", _attr("address")),
    Column("Desa/Kelurahan", "village", _related_name("village")),
    Column("Kecamatan", "district", _region_name("district_code")),
    Column("Kabupaten/Kota", "regency", _region_name("regency_code")),
    Column("Kode Desa/Kelurahan", "village_code", _attr("village_id")),
    Column("Kode KBLI", "kbli", _attr("kbli_id")),
    Column("Produk", "products", _attr("products")),
    Column("Tenaga Kerja Laki-laki", "workers_male", _attr("workers_male")),
    Column("Tenaga Kerja Perempuan", "workers_female", _attr("workers_female")),
    # Includes workers not yet split by sex, so a re-import keeps them.
    Column("Jumlah Tenaga Kerja", "workers_total", _attr("workers_total")),
    Column("Nilai Investasi (Rp)", "investment_value", _attr("investment_value")),
    Column("Kapasitas Produksi", "production_capacity", _attr("production_capacity")),
    Column("Nilai Produksi (Rp per Tahun)", "production_value", _attr("production_value")),
    Column("Omzet (Rp per Tahun)", "annual_sales", _attr("annual_sales")),
    Column("NIB", "nib", _attr("nib")),
    Column("Tahun Mulai Usaha", "year_started", _attr("year_started")),
    Column("Sentra", "sentra", _related_name("sentra")),
    Column("Latitude", "latitude", _attr("latitude")),
    Column("Longitude", "longitude", _attr("longitude")),
    Column("Status", None, _label("status")),
    Column("Kelas usaha (Permenperin 64/2016)", None, _label("size_class_permenperin")),
    Column("Kelas usaha (PP 7/2021)", None, _label("size_class_pp7")),
    Column("Terakhir diubah", None, _attr("updated_at")),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)

_LABELLED: dict[str, type[TextChoices]] = {
    "legal_form": LegalForm,
    "status": EnterpriseStatus,
    "size_class_permenperin": SizeClassPermenperin,
    "size_class_pp7": SizeClassPP7,
}


def choice_labels() -> dict[str, dict[str, str]]:
    """Indonesian labels of the exported choice fields (the importer reads Indonesian)."""
    with translation.override("id"):
        return {
            name: {value: str(label) for value, label in choices.choices}
            for name, choices in _LABELLED.items()
        }


# --- rows ----------------------------------------------------------------------------


def _load_region_names(chunk: Sequence[Enterprise], names: dict[str, str]) -> None:
    """One query per chunk for the district and regency names not known yet."""
    codes = {code for e in chunk for code in (e.district_code, e.regency_code) if code}
    missing = codes - names.keys()
    if missing:
        names.update(Region.objects.filter(code__in=missing).values_list("code", "name"))
        names.update((code, "") for code in missing - names.keys())


def export_rows(queryset: QuerySet[Enterprise], *, user: Any) -> Iterator[list[Cell]]:
    """One list of cell values per enterprise, in COLUMNS order, read in chunks."""
    context = RowContext(
        reveal_contact=getattr(user, "role", "") in STAFF_WRITERS,
        region_names={},
        labels=choice_labels(),
    )
    enterprises = queryset.iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(enterprises, CHUNK_SIZE)):
        _load_region_names(chunk, context.region_names)
        for enterprise in chunk:
            yield [column.value(enterprise, context) for column in COLUMNS]


# --- writers -------------------------------------------------------------------------


def _local(moment: dt.datetime) -> dt.datetime:
    """Local wall-clock time without a zone (spreadsheets have no time zones)."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        text = _local(value).strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, Decimal):
        text = format(value.normalize(), "f")  # -5.420000 → -5.42
    else:
        text = str(value)
    return neutralise(text)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def write_csv(rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """UTF-8 text with a byte-order mark (so Excel reads it as UTF-8), `;`-separated,
    streamed a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    buffer.write("\ufeff")
    writer.writerow(HEADERS)
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_text(value) for value in row])
        if count % CSV_FLUSH_ROWS == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def xlsx_value(value: Cell) -> Cell:
    if isinstance(value, str):
        # Control characters are not allowed in XLSX; drop them before the guard looks.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if isinstance(value, dt.datetime):
        return _local(value)
    return value  # numbers stay numbers


def write_xlsx(rows: Iterable[Sequence[Cell]], target: IO[bytes]) -> int:
    """A write-only workbook (rows go to disk, not memory) saved into `target`; returns
    the number of rows. More than XLSX_MAX_ROWS raises ExportTooLarge."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    try:
        count = _append_rows(sheet, rows)
    except BaseException:
        _discard(sheet)
        raise
    workbook.save(target)
    return count


def _append_rows(sheet: WriteOnlyWorksheet, rows: Iterable[Sequence[Cell]]) -> int:
    sheet.append(list(HEADERS))
    count = 0
    for row in rows:
        count += 1
        if count > XLSX_MAX_ROWS:
            raise ExportTooLarge(count)
        sheet.append([xlsx_value(value) for value in row])
    return count


def _discard(sheet: WriteOnlyWorksheet) -> None:
    """openpyxl keeps a write-only sheet in a named temporary file until the workbook is
    saved; an aborted export must not leave that personal data behind on disk."""
    sheet.close()
    sheet._writer.cleanup()  # no public API for this


# --- file name and audit -------------------------------------------------------------


def file_name(*, region: str, kind: str) -> str:
    """`ikm-18-71-20260105.xlsx`; the whole country is `nasional`."""
    slug = _FILE_NAME_UNSAFE.sub("-", region).strip("-")[:20] or "nasional"
    return f"ikm-{slug}-{timezone.localdate():%Y%m%d}.{kind}"


def record_export(*, user: Any, kind: str, rows: int, query: str) -> ChangeRecord:
    """Exporting personal data is an access event: who, when, which filter, how much."""
    return record_change(
        instance=user,
        action="export",
        provenance=Provenance(actor=user),
        note=f"{kind.upper()}, {rows} baris, filter: {query or '(tanpa filter)'}",
    )
