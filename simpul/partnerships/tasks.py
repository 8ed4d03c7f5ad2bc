"""Background work of the partnerships app, run by the task worker."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from simpul.accounts.links import set_password_url
from simpul.accounts.models import User

from .models import Partner


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
