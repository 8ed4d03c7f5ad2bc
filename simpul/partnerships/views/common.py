"""Shared bits of the partnerships views: role gates, service errors on forms, and the
officer's WhatsApp link to an owner."""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from simpul.catalogue.forms import add_service_errors
from simpul.core.whatsapp import owner_or_business_phone, wa_me
from simpul.registry.services.permissions import STAFF_WRITERS

from ..models import Match

__all__ = [
    "StaffOrPartnerMixin",
    "WriterRequiredMixin",
    "add_service_errors",
    "attach_whatsapp",
    "flash_errors",
    "owner_whatsapp_url",
]


class StaffOrPartnerMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Office staff of any role, and partners' contact people."""

    def test_func(self) -> bool:
        user = self.request.user
        return user.is_office_staff or user.is_partner


class WriterRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        user = self.request.user
        return user.is_office_staff and user.role in STAFF_WRITERS


def flash_errors(form: forms.Form) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


def owner_whatsapp_url(request: HttpRequest, match: Match) -> str:
    """A wa.me link with a ready message from the officer to the owner (the owner's own
    phone, which officers of the owner's region may see), or "" without a valid one."""
    enterprise = match.enterprise
    owner = enterprise.owner
    phone = owner_or_business_phone(enterprise)
    if not phone:
        return ""
    message = _(
        "Halo %(owner)s, Dinas memperkenalkan %(enterprise)s kepada %(partner)s untuk "
        "kebutuhan “%(need)s”. Status: %(status)s. Rinciannya: %(url)s"
    ) % {
        "owner": owner.full_name if owner else enterprise.name,
        "enterprise": enterprise.name,
        "partner": match.need.partner.name,
        "need": match.need.title,
        "status": match.get_status_display(),
        "url": request.build_absolute_uri(reverse("partnerships:mine")),
    }
    return wa_me(phone, message)


def attach_whatsapp(request: HttpRequest, matches: list[Match]) -> list[Match]:
    """Give each match its `wa_url` (for office staff only; others get none)."""
    staff = request.user.is_office_staff
    for match in matches:
        match.wa_url = owner_whatsapp_url(request, match) if staff else ""
    return matches
