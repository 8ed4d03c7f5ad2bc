"""Background work of the partnerships app, run by the task worker."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from simpul.accounts.models import User

from .models import Partner


def set_password_url(user: User) -> str:
    """A signed single-use link to set the password, as Django's PasswordResetForm
    builds it (the token stops working once the password is set or after
    PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "partnerships:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


@task()
def send_partner_invite(*, user_id: int, partner_id: int, new: bool) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    partner = Partner.objects.filter(pk=partner_id).first()
    if user is None or partner is None or not user.email:
        return False
    context = {
        "user": user,
        "partner": partner,
        "link": set_password_url(user) if new else "",
        "login": settings.SITE_URL.rstrip("/") + reverse("accounts:login"),
    }
    with translation.override("id"):
        body = render_to_string("partnerships/email/invite.txt", context)
        subject = _("Simpul IKM: undangan kontak mitra %(name)s") % {"name": partner.name}
        subject = " ".join(subject.split())  # a header must be one line
    send_mail(subject, body, None, [user.email])
    return True
