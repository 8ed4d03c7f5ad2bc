from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simpul.regions.loaders import RegionLoadReport, load_regions
from simpul.regions.models import Region
from simpul.regions.regionfile import REGION_FILE


class Command(BaseCommand):
    help = "Muat wilayah administrasi (Kemendagri) dari berkas yang dikirim bersama produk."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=REGION_FILE, help="regions.csv.gz")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(_("Berkas %(path)s tidak ada.") % {"path": file})
        try:
            report = load_regions(file)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self._write_report(report)

    def _write_report(self, report: RegionLoadReport) -> None:
        for level, counts in report.levels.items():
            self.stdout.write(
                _("%(level)s: %(total)s (baru %(created)s, ganti nama %(renamed)s)")
                % {
                    "level": Region.Level(level).label,
                    "total": f"{counts.total:,}",
                    "created": f"{counts.created:,}",
                    "renamed": f"{counts.renamed:,}",
                }
            )
        if not report.changed:
            self.stdout.write(_("Tidak ada perubahan: data wilayah sudah mutakhir."))
        self.stdout.write(_("Selesai dalam %(seconds).1f detik.") % {"seconds": report.seconds})
