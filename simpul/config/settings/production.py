"""Production: secure cookies, HSTS, a real secret key and PostgreSQL expected."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
# The front web server serves /media/ in production; set SERVE_MEDIA=1 to let Django do it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)  # noqa: F405
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("simpul-demo-key"):
    raise ImproperlyConfigured("SECRET_KEY harus diisi (minimal 50 karakter acak) di produksi.")
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
if len(FIELD_ENCRYPTION_KEY) < 32:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEY harus diisi (minimal 32 karakter) di produksi."
    )

SITE_URL = os.environ.get("SITE_URL", "")
if not SITE_URL.startswith("https://"):
    # Invitations, notification e-mails and WhatsApp texts carry links built on it.
    raise ImproperlyConfigured(
        "SITE_URL harus diisi alamat publik HTTPS, mis. https://simpul.dinas.go.id."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
