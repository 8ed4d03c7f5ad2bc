from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simpul.kbli.loaders import KbliLoadReport, load_builtin_kbli, load_kbli
from simpul.kbli.models import Kbli
from simpul.kbli.sources import SourceError


class Command(BaseCommand):
    help = "Muat tabel KBLI 2020 dari CSV, XLSX atau JSON, atau set bawaan (kategori C)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="berkas .csv, .xlsx atau .json")
        parser.add_argument("--builtin", action="store_true", help="muat set bawaan kategori C")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="lewati bila tabel KBLI sudah berisi (agar set bawaan tidak menimpa tabel resmi)",
        )

    def handle(self, *args, file: Path | None, builtin: bool, if_empty: bool, **options):
        if builtin == (file is not None):
            raise CommandError(_("Sebutkan satu BERKAS atau --builtin."))
        if if_empty and Kbli.objects.exists():
            self.stdout.write(_("KBLI sudah dimuat; dilewati."))
            return
        if file is not None and not file.is_file():
            raise CommandError(_("Berkas %(path)s tidak ada.") % {"path": file})
        try:
            report = load_builtin_kbli() if builtin else load_kbli(file)
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        self._write_report(report)

    def _write_report(self, report: KbliLoadReport) -> None:
        for level in Kbli.Level:
            if report.loaded[level]:
                self.stdout.write(
                    _("%(level)s: %(loaded)s dibaca (baru %(created)s, diperbarui %(updated)s)")
                    % {
                        "level": level.label,
                        "loaded": f"{report.loaded[level]:,}",
                        "created": f"{report.created[level]:,}",
                        "updated": f"{report.updated[level]:,}",
                    }
                )
        for skipped in report.skipped:
            self.stdout.write(
                _("Baris %(row)s dilewati (kode “%(code)s”): %(reason)s")
                % {"row": skipped.row, "code": skipped.code, "reason": skipped.reason}
            )
        if not report.changed:
            self.stdout.write(_("Tidak ada perubahan: data KBLI sudah sama dengan berkas."))
