"""Small shared view helpers: provenance of the current request and role gates."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpRequest

from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.core.scope import RegionScope


def provenance_for(request: HttpRequest) -> Provenance:
    user = request.user
    if user.is_owner:
        source = Source.SELF_REGISTRATION
    elif user.is_panelist:
        source = Source.PANEL
    elif user.is_partner:
        source = Source.PARTNER
    else:
        source = Source.OFFICER
    return Provenance(actor=user, source=source)


def scope_for(request: HttpRequest) -> RegionScope:
    return RegionScope.for_user(request.user)


class StaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Office staff of any role (admin, officer, analyst)."""

    def test_func(self) -> bool:
        return self.request.user.is_office_staff


class OwnerRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return self.request.user.is_owner
