from django.contrib.auth.backends import ModelBackend

from simpul.accounts.models import User


class EmailOrPhoneBackend(ModelBackend):
    """Accepts an e-mail address or a phone number (any common Indonesian spelling) in the
    username box."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        user = find_login_user(username)
        if user is None:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def find_login_user(username: str) -> User | None:
    """The account behind an e-mail address or a phone number in any common spelling."""
    from simpul.core.validation import normalize_phone_or_none

    username = username.strip()
    if "@" in username:
        return User.objects.filter(email__iexact=username).first()
    phone = normalize_phone_or_none(username)
    return User.objects.filter(phone=phone).first() if phone else None


def login_identifier(request, credentials: dict | None = None) -> str:
    """What login throttling counts: the account itself when one matches, so its e-mail and
    every spelling of its phone number share one counter; else the text as typed."""
    raw = ((credentials or {}).get("username") or request.POST.get("username", "")).strip()
    user = find_login_user(raw) if raw else None
    return f"akun-{user.pk}" if user is not None else raw.lower()
