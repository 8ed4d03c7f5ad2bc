from django.utils.translation import gettext_lazy as _

from simpul.core.management.reminders import ReminderCommand
from simpul.programmes.tasks import followups_remind


class Command(ReminderCommand):
    help = (
        "Ingatkan pemilik IKM tentang laporan tindak lanjut program yang jatuh tempo hari ini "
        "atau 7 hari lagi (jalankan sekali sehari, mis. dari cron)."
    )
    task = followups_remind
    enqueued_message = _("Pengingat tindak lanjut diserahkan ke worker.")
    sent_message = _("%(n)d pengingat tindak lanjut dikirim.")
