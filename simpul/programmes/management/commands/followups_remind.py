from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from simpul.programmes.tasks import followups_remind


class Command(BaseCommand):
    help = (
        "Ingatkan pemilik IKM tentang laporan tindak lanjut program yang jatuh tempo hari ini "
        "atau 7 hari lagi (jalankan sekali sehari, mis. dari cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="serahkan ke worker latar belakang alih-alih menjalankannya sekarang",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            followups_remind.enqueue()
            self.stdout.write(_("Pengingat tindak lanjut diserahkan ke worker."))
            return
        sent = followups_remind.call()
        self.stdout.write(_("%(n)d pengingat tindak lanjut dikirim.") % {"n": sent})
