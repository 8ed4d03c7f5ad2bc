"""Copy the front-end files we use from node_modules (installed from package-lock.json)
into var/vendor, which is a static-files directory. Nothing is fetched from a CDN at run
time, and nothing is hand-copied into the repository."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# target name under /static/vendor/ → file (or directory) inside node_modules
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    # leaflet.css refers to these as images/…, relative to itself.
    "leaflet/images": "leaflet/dist/images",
}


class Command(BaseCommand):
    help = "Salin berkas front-end dari node_modules ke var/vendor (berkas statis)."
    # Skipped: the staticfiles check would warn that var/vendor, which we create, is missing.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--node-modules", default=str(settings.BASE_DIR / "node_modules"))

    def handle(self, *args, node_modules: str, **options):
        source_dir = Path(node_modules)
        target_dir = Path(settings.VENDOR_STATIC_DIR)
        target_dir.mkdir(parents=True, exist_ok=True)
        for target, relative in VENDOR_FILES.items():
            source, destination = source_dir / relative, target_dir / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, destination, dirs_exist_ok=True)
            elif source.is_file():
                shutil.copyfile(source, destination)
            else:
                raise CommandError(f"{source} tidak ada; jalankan `npm ci` lebih dulu.")
        self.stdout.write(f"{len(VENDOR_FILES)} berkas front-end disalin ke {target_dir}.")
