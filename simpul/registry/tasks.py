"""Background work of the registry, run by the task worker (`simpul db_worker`)."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from simpul.registry.models import Enterprise


@task()
def notify_status_change(*, enterprise_id: int) -> bool:
    """E-mail the owner that the registration changed status, with the officer's reason."""
    enterprise = Enterprise.objects.select_related("owner__user").filter(pk=enterprise_id).first()
    user = enterprise.owner.user if enterprise and enterprise.owner else None
    if user is None or not user.email:
        return False
    with translation.override("id"):
        body = render_to_string("registry/email/status_changed.txt", {"enterprise": enterprise})
        name = " ".join(enterprise.name.split())  # a header must be one line
        subject = f"Simpul IKM: {name} — {enterprise.get_status_display()}"
    send_mail(subject, body, None, [user.email])
    return True
