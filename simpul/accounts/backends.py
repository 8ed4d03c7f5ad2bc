from django.contrib.auth.backends import ModelBackend

from simpul.accounts.models import User


class EmailOrPhoneBackend(ModelBackend):
    """Accepts an e-mail address or a phone number (any common Indonesian spelling) in the
    username box."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from simpul.core.validation import normalize_phone_or_none

        if not username or not password:
            return None
        username = username.strip()
        if "@" in username:
            user = User.objects.filter(email__iexact=username).first()
        else:
            phone = normalize_phone_or_none(username)
            user = User.objects.filter(phone=phone).first() if phone else None
        if user is None:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
