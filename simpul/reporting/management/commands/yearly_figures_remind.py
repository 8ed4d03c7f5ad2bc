from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from simpul.reporting.tasks import yearly_figures_remind


class Command(BaseCommand):
    help = (
        "Ingatkan pemilik IKM terverifikasi yang belum mengirim laporan tahunan tahun lalu "
        "(1 Januari–31 Maret; jalankan sekali sehari, mis. dari cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="serahkan ke worker latar belakang alih-alih menjalankannya sekarang",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            yearly_figures_remind.enqueue()
            self.stdout.write(_("Pengingat laporan tahunan diserahkan ke worker."))
            return
        sent = yearly_figures_remind.call()
        self.stdout.write(_("%(n)d pengingat laporan tahunan dikirim.") % {"n": sent})
