"""Partner companies: the list, registering one, its page with needs and contacts, and
inviting a contact person."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.pagination import paginate_keyset
from simpul.core.views import provenance_for
from simpul.registry.services.permissions import STAFF_WRITERS

from .. import selectors, services
from ..forms import InviteForm, PartnerForm
from ..models import Partner
from ..permissions import can_manage_partner, can_post_need
from .common import StaffOrPartnerMixin, WriterRequiredMixin, add_service_errors

PER_PAGE = 25


class PartnerListView(StaffOrPartnerMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        partners = selectors.partner_list(request.user)
        if request.user.is_partner:
            mine = list(partners[:2])
            if len(mine) == 1:  # a contact of one company lands on its page
                return redirect("partnerships:partner", mine[0].public_key)
        page = paginate_keyset(
            partners, ordering=["name", "id"], cursor=request.GET.get("c"), per_page=PER_PAGE
        )
        context = {"page": page, "can_create": _is_writer(request)}
        return render(request, "partnerships/partner_list.html", context)


def _is_writer(request: HttpRequest) -> bool:
    return request.user.is_office_staff and request.user.role in STAFF_WRITERS


class PartnerCreateView(WriterRequiredMixin, View):
    template_name = "partnerships/partner_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"region": request.user.office.region_id}
        return render(request, self.template_name, {"form": PartnerForm(initial=initial)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PartnerForm(request.POST)
        if form.is_valid():
            try:
                partner = services.partner_create(
                    provenance=provenance_for(request), **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Mitra “%(name)s” terdaftar.") % {"name": partner})
                return redirect("partnerships:partner", partner.public_key)
        return render(request, self.template_name, {"form": form}, status=400)


def render_partner(
    request: HttpRequest, partner: Partner, invite: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    manage = can_manage_partner(request.user, partner)
    context = {
        "partner": partner,
        "needs": selectors.partner_needs(request.user, partner)[:100],
        "members": partner.members.select_related("user").order_by("user__full_name")
        if manage or request.user.is_partner
        else [],
        "can_manage": manage,
        "can_post": can_post_need(request.user, partner),
        "invite": invite or InviteForm(),
    }
    return render(request, "partnerships/partner_detail.html", context, status=status)


class PartnerDetailView(StaffOrPartnerMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        return render_partner(request, selectors.partner_get(request.user, key))


class InviteView(StaffOrPartnerMixin, View):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        partner = selectors.partner_get(request.user, key)
        if not can_manage_partner(request.user, partner):
            raise PermissionDenied
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                services.partner_member_invite(
                    provenance=provenance_for(request), partner=partner, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Undangan dikirim ke %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("partnerships:partner", partner.public_key)
        return render_partner(request, partner, invite=form, status=400)
