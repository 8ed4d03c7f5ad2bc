"""Links mailed to people invited by an office (outside panelists, partner contacts)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from simpul.accounts.models import User


def set_password_url(user: User) -> str:
    """The absolute, signed link where an invited user chooses a password. It is
    Django's password-reset token, so it stops working once the password is set
    or after PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "accounts:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path
