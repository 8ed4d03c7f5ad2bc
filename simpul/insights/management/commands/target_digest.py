from django.utils.translation import gettext_lazy as _

from simpul.core.management.reminders import ReminderCommand
from simpul.insights.tasks import target_digest


class Command(ReminderCommand):
    help = (
        "Kirim ringkasan mingguan kemajuan target ke staf setiap kantor yang punya target "
        "tahun ini (sekali per minggu; jalankan mis. Senin pagi dari cron)."
    )
    task = target_digest
    enqueued_message = _("Ringkasan target mingguan diserahkan ke worker.")
    sent_message = _("%(n)d ringkasan target mingguan dikirim.")
