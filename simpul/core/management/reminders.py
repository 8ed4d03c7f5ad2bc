"""The daily reminder commands (run from cron) share one shape: send now, or hand the
task to the background worker with --enqueue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class ReminderCommand(BaseCommand):
    """Subclasses set `task` (a django_tasks task returning how many were sent) and the
    two messages, the sent one with %(n)d."""

    task: Any = None
    enqueued_message = ""
    sent_message = ""

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="serahkan ke worker latar belakang alih-alih menjalankannya sekarang",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            self.task.enqueue()
            self.stdout.write(str(self.enqueued_message))
            return
        sent = self.task.call()
        self.stdout.write(str(self.sent_message) % {"n": sent})
