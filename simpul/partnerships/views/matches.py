"""Matches: the board per status, one match with its next steps, the owner's page, and
where each role lands."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.catalogue.models import Product
from simpul.catalogue.seo import whatsapp_url
from simpul.core.views import OwnerRequiredMixin, provenance_for

from .. import selectors, services
from ..forms import AdvanceForm
from ..models import Match
from ..permissions import can_advance
from .common import StaffOrPartnerMixin, add_service_errors, attach_whatsapp, owner_whatsapp_url


class HomeView(LoginRequiredMixin, View):
    """Sends each role to its partnership page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_owner:
            return redirect("partnerships:mine")
        if request.user.is_office_staff or request.user.is_partner:
            return redirect("partnerships:partners")
        raise PermissionDenied


class BoardView(StaffOrPartnerMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        columns = selectors.board(request.user)
        for column in columns:
            attach_whatsapp(request, column["items"])
        return render(request, "partnerships/board.html", {"columns": columns})


def _next_statuses(match: Match) -> list[tuple[str, str]]:
    allowed = services.ALLOWED[match.status]
    return [(value, label) for value, label in match._meta.get_field("status").choices
            if value in allowed]  # fmt: skip


def render_match(
    request: HttpRequest, match: Match, form: AdvanceForm | None = None, status: int = 200
) -> HttpResponse:
    enterprise = match.enterprise
    staff = request.user.is_office_staff
    message = _("Halo %(business)s, kami dari %(partner)s tentang kebutuhan “%(need)s”.") % {
        "business": enterprise.name,
        "partner": match.need.partner.name,
        "need": match.need.title,
    }
    context = {
        "match": match,
        "enterprise": enterprise,
        "products": Product.objects.filter(enterprise=enterprise, is_public=True).order_by(
            "name", "id"
        )[:12],
        "staff": staff,
        "owner_wa_url": owner_whatsapp_url(request, match) if staff else "",
        # Partners reach the business only through a contact its owner published.
        "business_wa_url": whatsapp_url(enterprise, message),
        "next_statuses": _next_statuses(match),
        "can_advance": can_advance(request.user, match) and bool(services.ALLOWED[match.status]),
        "form": form or AdvanceForm(),
    }
    return render(request, "partnerships/match_detail.html", context, status=status)


class MatchDetailView(StaffOrPartnerMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        return render_match(request, selectors.match_get(request.user, key))


class MatchAdvanceView(StaffOrPartnerMixin, View):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        match = selectors.match_get(request.user, key)
        if not can_advance(request.user, match):
            raise PermissionDenied  # before the form: an analyst's POST is a 403
        form = AdvanceForm(request.POST)
        if form.is_valid():
            try:
                services.match_advance(
                    provenance=provenance_for(request), match=match, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Status pencocokan diperbarui."))
                return redirect("partnerships:match", match.public_key)
        match.refresh_from_db()
        return render_match(request, match, form=form, status=400)


class MineView(OwnerRequiredMixin, View):
    """The owner's matches, on a phone."""

    def get(self, request: HttpRequest) -> HttpResponse:
        matches = selectors.owner_matches(request.user)[:100]
        return render(request, "partnerships/mine.html", {"matches": matches})
