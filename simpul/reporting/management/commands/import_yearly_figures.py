"""`simpul import_yearly_figures FILE --user EMAIL`: an office's list of yearly figures.

One row per enterprise and year; the first row names the columns. Every row is checked
before anything is written, and one bad row refuses the whole list (the service's rule)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from simpul.accounts.models import User
from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.reporting.services import VALUE_FIELDS, yearly_figures_import

# Column headings as offices write them → the service's field names.
ALIASES = {
    "tahun": "year",
    "nomor_ikm": "enterprise_id",
    "tk_laki_laki": "workforce_men",
    "tk_perempuan": "workforce_women",
    "investasi": "investment_value",
    "nilai_produksi": "production_value",
    "penjualan": "sales_value",
    "penjualan_online_persen": "online_sales_percent",
    "ekspor": "export_value",
    "bahan_baku": "raw_materials",
    "utilisasi_kapasitas_persen": "capacity_use_percent",
}
KNOWN = {"nib", "enterprise_id", "year", *VALUE_FIELDS}


def _key(heading: Any) -> str:
    key = "_".join(str(heading or "").strip().lower().replace("-", " ").split())
    return ALIASES.get(key, key)


def _records(header: list[Any], rows: list[list[Any]]) -> list[dict[str, Any]]:
    keys = [_key(h) for h in header]
    unknown = sorted({k for k in keys if k and k not in KNOWN})
    if unknown:
        raise CommandError(_("Kolom tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)})
    records = []
    for row in rows:
        if not any(str(v or "").strip() for v in row):
            continue  # blank lines at the end of a sheet
        records.append({k: v for k, v in zip(keys, row, strict=False) if k and v not in ("", None)})
    return records


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a .csv (UTF-8, comma or semicolon) or an .xlsx (first sheet)."""
    if path.suffix.lower() == ".xlsx":
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
    elif path.suffix.lower() == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
        values = list(csv.reader(text.splitlines(), dialect))
    else:
        raise CommandError(_("Berkas harus .csv atau .xlsx."))
    if not values:
        raise CommandError(_("Berkas kosong."))
    return _records(values[0], values[1:])


class Command(BaseCommand):
    help = (
        "Impor laporan tahunan IKM dari berkas .csv atau .xlsx "
        "(semua baris atau tidak sama sekali)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("berkas .csv atau .xlsx"))
        parser.add_argument("--user", required=True, help=_("e-mail petugas yang mengimpor"))

    def handle(self, *args, file: Path, user: str, **options):
        if not file.is_file():
            raise CommandError(_("Berkas tidak ditemukan: %(path)s") % {"path": file})
        actor = User.objects.filter(email__iexact=user.strip(), is_active=True).first()
        if actor is None:
            raise CommandError(_("Pengguna aktif %(email)s tidak ada.") % {"email": user})
        provenance = Provenance(actor=actor, source=Source.IMPORT, ref=f"berkas:{file.name}"[:60])
        try:
            counts = yearly_figures_import(provenance=provenance, rows=read_rows(file))
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            _("Laporan tahunan: %(c)d baru, %(u)d diperbarui, %(s)d tidak berubah.")
            % {"c": counts["created"], "u": counts["updated"], "s": counts["unchanged"]}
        )
