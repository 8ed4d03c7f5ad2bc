from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simpul.regions.regionfile import REGION_FILE, read_source, write_region_file


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # file work only; needs no database or URLs
    help = "Bangun data/regions.csv.gz dari berkas CSV paket npm idn-area-data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            default=Path(settings.BASE_DIR) / "node_modules" / "idn-area-data" / "data",
            help="folder berisi provinces.csv, regencies.csv, districts.csv, villages.csv",
        )
        parser.add_argument("--output", type=Path, default=REGION_FILE)

    def handle(self, *args, source: Path, output: Path, **options):
        if not source.is_dir():
            raise CommandError(
                _("Folder sumber %(path)s tidak ada. Jalankan `npm install` dahulu.")
                % {"path": source}
            )
        try:
            rows = read_source(source)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        write_region_file(rows, output)
        self.stdout.write(
            _("%(count)s wilayah ditulis ke %(path)s") % {"count": f"{len(rows):,}", "path": output}
        )
