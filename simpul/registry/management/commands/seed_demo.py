from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from simpul.catalogue.demo import seed_catalogue_demo
from simpul.core.money import group_thousands
from simpul.exchange.demo import seed_import_demo
from simpul.insights.services import rollups_deferred
from simpul.partnerships.demo import seed_partnerships_demo
from simpul.programmes.demo import seed_programmes_demo
from simpul.registry.demo.seed import (
    DEFAULT_ENTERPRISES,
    DEFAULT_SEED,
    DemoNotReady,
    seed_demo,
)
from simpul.registry.models import Enterprise
from simpul.reporting.demo import seed_reporting_demo

MIN_ENTERPRISES = 100  # enough for every regency, every sentra (≥ 5 members) and status


class Command(BaseCommand):
    help = "Isi basis data dengan data demo IKM Provinsi Lampung (hanya untuk uji coba)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="benih acak; benih sama → data sama"
        )
        parser.add_argument(
            "--enterprises", type=int, default=DEFAULT_ENTERPRISES, help="jumlah IKM demo"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="lewati bila registri sudah berisi IKM"
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="izinkan walau DEBUG mati (akun demo memakai kata sandi yang dipublikasikan)",
        )

    def handle(self, *args, seed: int, enterprises: int, if_empty: bool, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                _(
                    "DEBUG mati: ini tampaknya server produksi. Data demo membuat akun "
                    "dengan kata sandi yang dipublikasikan; tambahkan --allow-production "
                    "bila memang dikehendaki."
                )
            )
        if Enterprise.objects.exists():
            if if_empty:
                self.stdout.write(_("Registri sudah berisi IKM; data demo tidak dibuat."))
                return
            raise CommandError(
                _(
                    "Registri sudah berisi IKM. Data demo hanya untuk basis data "
                    "kosong (pakai --if-empty untuk melewatinya)."
                )
            )
        if enterprises < MIN_ENTERPRISES:
            raise CommandError(_("--enterprises minimal %(n)d.") % {"n": MIN_ENTERPRISES})
        # Thousands of saves: the dashboards' rollups are built once at the end instead
        # of refreshed on every save (and the bulk-written figures are counted too).
        with rollups_deferred():
            try:
                result = seed_demo(seed=seed, enterprises=enterprises)
            except DemoNotReady as exc:
                raise CommandError(str(exc)) from exc
            imported = seed_import_demo(seed=seed)
            products = seed_catalogue_demo(seed=seed)
            programmes = seed_programmes_demo(seed=seed)
            partnerships = seed_partnerships_demo(seed=seed)
            figures = seed_reporting_demo(seed=seed)
        self.stdout.write(
            _("Data demo dibuat: %(n)s IKM dalam %(s).1f detik (benih %(seed)d).")
            % {"n": group_thousands(result.enterprises), "s": result.seconds, "seed": seed}
        )
        self.stdout.write(
            _("Contoh impor: %(n)s IKM dari berkas Dinas Kota Bandar Lampung.") % {"n": imported}
        )
        self.stdout.write(
            _("Katalog: %(n)s produk IKM Lampung.") % {"n": group_thousands(products)}
        )
        self.stdout.write(
            _(
                "Program: %(n)d program, %(a)d pendaftar, %(c)d peserta selesai, "
                "%(o)d hasil, %(t)d target kantor."
            )
            % {
                "n": programmes.programmes,
                "a": programmes.applications,
                "c": programmes.completed,
                "o": programmes.outcomes,
                "t": programmes.targets,
            }
        )
        self.stdout.write(
            _("Kemitraan: %(p)d mitra, %(n)d kebutuhan, %(m)d perkenalan, %(k)d kontrak.")
            % {
                "p": partnerships.partners,
                "n": partnerships.needs,
                "m": partnerships.matches,
                "k": partnerships.contracts,
            }
        )
        self.stdout.write(
            _("Laporan tahunan: %(n)s laporan, %(f)d perlu diperiksa, %(q)d dipertanyakan.")
            % {"n": group_thousands(figures.figures), "f": figures.flagged, "q": figures.questioned}
        )
