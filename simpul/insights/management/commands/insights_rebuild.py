import time

from django.core.management.base import BaseCommand

from simpul.insights.models import EnterpriseKey, EnterpriseRollup, FigureRollup
from simpul.insights.services import rollups_rebuild


class Command(BaseCommand):
    help = "Hitung ulang semua tabel ringkasan (rollup) indikator wilayah dari awal."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        rollups_rebuild()
        self.stdout.write(
            f"{EnterpriseKey.objects.count()} IKM, "
            f"{EnterpriseRollup.objects.count()} baris ringkasan IKM, "
            f"{FigureRollup.objects.count()} baris ringkasan angka tahunan "
            f"({time.monotonic() - started:.1f} s)"
        )
