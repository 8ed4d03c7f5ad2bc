from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Notification


def inbox(*, user: Any) -> QuerySet[Notification]:
    """A user's own messages only: the inbox has no other scope."""
    return Notification.objects.filter(user=user)


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
