"""Tests: the database comes from DATABASE_URL (SQLite in memory when unset)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 tested apart
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
AXES_FAILURE_LIMIT = 5
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PRIVATE_FILES_ROOT = Path(tempfile.gettempdir()) / "simpul-test-private"
MEDIA_ROOT = Path(tempfile.gettempdir()) / "simpul-test-media"
PRIVATE_MEDIA_ROOT = Path(tempfile.gettempdir()) / "simpul-test-private"
