"""E-mail copies of inbox messages, sent by the task worker."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from .models import Notification


@task()
def email_notification(*, notification_id: int) -> bool:
    note = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if note is None or note.emailed or not note.user.email:
        return False
    body = note.body
    if note.url:
        body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{note.url}"
    subject = " ".join(f"Simpul IKM: {note.title}".split())  # a header must be one line
    send_mail(subject, body, None, [note.user.email])
    note.emailed = True
    note.save(update_fields=["emailed"])
    return True
