"""`simpul import_yearly_figures FILE --user EMAIL`: an office's list of yearly figures.

One row per enterprise and year under a header row (simpul/reporting/reading.py reads it,
the same reader as the upload page, without the page's row limit). Every row is checked
before anything is written, and one bad row refuses the whole list (the service's rule)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.exchange.reading import MAX_ROWS, ReadError
from simpul.reporting.reading import import_summary, read_figure_sheet
from simpul.reporting.services import yearly_figures_import


class Command(BaseCommand):
    help = (
        "Impor laporan tahunan IKM dari berkas .csv atau .xlsx "
        "(semua baris atau tidak sama sekali)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("berkas .csv atau .xlsx"))
        parser.add_argument("--user", required=True, help=_("e-mail petugas yang mengimpor"))
        parser.add_argument(
            "--check", action="store_true", help=_("periksa saja, tanpa menyimpan apa pun")
        )

    def handle(self, *args, file: Path, user: str, check: bool, **options):
        if not file.is_file():
            raise CommandError(_("Berkas tidak ditemukan: %(path)s") % {"path": file})
        actor = User.objects.filter(email__iexact=user.strip(), is_active=True).first()
        if actor is None:
            raise CommandError(_("Pengguna aktif %(email)s tidak ada.") % {"email": user})
        provenance = Provenance(actor=actor, source=Source.IMPORT, ref=f"berkas:{file.name}"[:60])
        try:
            sheet = read_figure_sheet(file.read_bytes(), file.name, max_rows=MAX_ROWS)
            counts = yearly_figures_import(
                provenance=provenance,
                rows=sheet.rows,
                row_numbers=sheet.row_numbers,
                dry_run=check,
            )
        except ReadError as exc:
            raise CommandError(exc.message) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(import_summary(counts, checked_only=check, skipped=sheet.skipped))
