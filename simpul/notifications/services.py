"""Sending notifications: an inbox row now, an e-mail after the transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(
    *, user: Any, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification | None:
    """Put a message in `user`'s inbox and queue its e-mail (unless `email` is False, for
    a caller that mails its own fuller message). Inactive users get nothing."""
    if user is None or not user.is_active:
        return None
    note = Notification.objects.create(user=user, title=title[:200], body=body, url=url[:300])
    if email and user.email:
        from .tasks import email_notification

        # Queued after commit, so a rolled-back change never sends mail.
        transaction.on_commit(lambda: email_notification.enqueue(notification_id=note.pk))
    return note


def notification_read(*, user: Any, notification_id: int) -> Notification:
    note = Notification.objects.get(pk=notification_id, user=user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    return note


def notifications_read_all(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
