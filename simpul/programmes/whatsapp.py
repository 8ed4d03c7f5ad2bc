"""A ready WhatsApp message from an officer to an applicant: a wa.me link with the text
filled in (programme, enterprise and status), to the owner's phone or, without one, the
business phone.

The catalogue's `simpul.catalogue.seo.whatsapp_url` is the public pages' helper and uses
only a business contact the owner chose to publish; officers of the programme's region
may reach the owner's own phone, so the number is chosen here and the link is built the
same way (E.164 digits without "+", the text URL-encoded)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from simpul.core.whatsapp import owner_or_business_phone, wa_me

from .choices import ApplicationStatus
from .models import Application

S = ApplicationStatus


def _next_step(application: Application) -> str:
    """What the owner should know or do next (the status itself is always named)."""
    steps = {
        S.APPLIED: _("Pendaftaran sedang kami periksa."),
        S.ELIGIBLE: _("Usaha Anda memenuhi syarat dan akan masuk tahap kurasi/seleksi."),
        S.INELIGIBLE: _("Silakan lihat syarat yang belum terpenuhi di Simpul IKM."),
        S.CURATION: _("Pendaftaran sedang dinilai oleh panel kurasi."),
        S.SELECTED: _("Selamat! Informasi jadwal pelaksanaan akan kami sampaikan."),
        S.WAITLISTED: _("Kami kabari bila ada tempat kosong."),
        S.REJECTED: _("Terima kasih atas partisipasinya; nantikan program berikutnya."),
        S.PARTICIPATING: _("Mohon ikuti seluruh sesi program."),
        S.COMPLETED: _("Terima kasih telah menyelesaikan program."),
        S.DROPPED: _("Hubungi kami bila ada pertanyaan."),
    }
    return str(steps.get(application.status, ""))


def applicant_phone(application: Application) -> str | None:
    """The owner's phone in E.164, else the business phone, else None."""
    return owner_or_business_phone(application.enterprise)


def wa_message(application: Application) -> str:
    enterprise = application.enterprise
    owner = enterprise.owner
    status = application.get_status_display()
    if application.status == S.WAITLISTED and application.waitlist_rank:
        status = _("%(status)s nomor %(n)d") % {"status": status, "n": application.waitlist_rank}
    message = _(
        "Halo Bapak/Ibu %(owner)s, pendaftaran %(enterprise)s pada program %(programme)s "
        "berstatus: %(status)s. %(next)s Rincian: %(url)s"
    ) % {
        "owner": owner.full_name if owner and owner.full_name else enterprise.name,
        "enterprise": enterprise.name,
        "programme": application.programme.title,
        "status": status,
        "next": _next_step(application),
        "url": settings.SITE_URL.rstrip("/") + application.owner_url,
    }
    return " ".join(message.split())


def wa_link(application: Application) -> str | None:
    """https://wa.me/<digits>?text=<message>, or None when there is no valid phone."""
    phone = applicant_phone(application)
    if phone is None:
        return None
    return wa_me(phone, wa_message(application))
