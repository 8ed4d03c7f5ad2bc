from django.core.management.base import BaseCommand

from simpul.registry.demo.logins import demo_logins, format_table


class Command(BaseCommand):
    help = "Tampilkan akun demo (peran, kantor, e-mail, kata sandi) bila data demo ada."

    def handle(self, *args, **options):
        rows = demo_logins()
        if rows:
            self.stdout.write(format_table(rows))
