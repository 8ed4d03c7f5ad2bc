from django.utils.translation import gettext_lazy as _

from simpul.core.management.reminders import ReminderCommand
from simpul.reporting.tasks import yearly_figures_remind


class Command(ReminderCommand):
    help = (
        "Ingatkan pemilik IKM terverifikasi yang belum mengirim laporan tahunan tahun lalu "
        "(1 Januari–31 Maret; jalankan sekali sehari, mis. dari cron)."
    )
    task = yearly_figures_remind
    enqueued_message = _("Pengingat laporan tahunan diserahkan ke worker.")
    sent_message = _("%(n)d pengingat laporan tahunan dikirim.")
