"""Storage for files that must never be public (applicants' documents): outside
MEDIA_ROOT, with no URL, so neither `/media/` nor a front web server can hand them out.
Views that check permission stream them (FileResponse)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read the setting on every use (not once at import), so a changed
    # PRIVATE_MEDIA_ROOT — in tests, or per deployment — is honoured.
    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL; stream them through a checked view")


def private_storage() -> PrivateStorage:
    # A callable, so migrations record the function, not a settings path.
    return PrivateStorage()
