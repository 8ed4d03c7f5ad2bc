"""A partner's needs: posting one, its page (with ranked candidates for officers),
closing it, and introducing an IKM to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.scope import RegionScope, scoped_get_or_404
from simpul.core.views import provenance_for
from simpul.registry.models import Enterprise
from simpul.registry.services.permissions import STAFF_WRITERS

from .. import selectors, services
from ..forms import IntroduceForm, NeedForm
from ..matching import rank_candidates
from ..permissions import can_post_need
from .common import StaffOrPartnerMixin, add_service_errors, attach_whatsapp

CANDIDATES_SHOWN = 50


class NeedCreateView(StaffOrPartnerMixin, View):
    template_name = "partnerships/need_form.html"

    def partner(self, request: HttpRequest, key: str):
        partner = selectors.partner_get(request.user, key)
        if not can_post_need(request.user, partner):
            raise PermissionDenied
        return partner

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        partner = self.partner(request, key)
        form = NeedForm(initial={"region": partner.region_id, "period": "month"})
        return render(request, self.template_name, {"partner": partner, "form": form})

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        partner = self.partner(request, key)
        form = NeedForm(request.POST)
        if form.is_valid():
            try:
                need = services.need_post(
                    provenance=provenance_for(request), partner=partner, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Kebutuhan “%(title)s” dipasang.") % {"title": need})
                return redirect("partnerships:need", need.public_key)
        context = {"partner": partner, "form": form}
        return render(request, self.template_name, context, status=400)


class NeedDetailView(StaffOrPartnerMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        user = request.user
        need = selectors.need_get(user, key)
        candidates = []
        if user.is_office_staff and need.is_open:
            candidates = rank_candidates(need=need, user=user, limit=CANDIDATES_SHOWN)
        context = {
            "need": need,
            "partner": need.partner,
            "candidates": candidates,
            "matches": attach_whatsapp(request, list(selectors.need_matches(user, need)[:200])),
            "can_introduce": user.is_office_staff and user.role in STAFF_WRITERS,
            "can_close": need.is_open and can_post_need(user, need.partner),
        }
        return render(request, "partnerships/need_detail.html", context)


class NeedCloseView(StaffOrPartnerMixin, View):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        need = selectors.need_get(request.user, key)
        try:
            services.need_close(provenance=provenance_for(request), need=need)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kebutuhan ditutup."))
        return redirect("partnerships:need", need.public_key)


class IntroduceView(StaffOrPartnerMixin, View):
    """Introduce one IKM to the need. The IKM is looked up inside the officer's
    jurisdiction, so a key from another region is a 404 and changes nothing."""

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        need = selectors.need_get(request.user, key)
        form = IntroduceForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilih IKM yang akan diperkenalkan."))
            return redirect("partnerships:need", need.public_key)
        enterprise = scoped_get_or_404(
            RegionScope.for_user(request.user),
            Enterprise.objects.select_related("owner__user"),
            public_key=form.cleaned_data["enterprise"],
        )
        try:
            match = services.match_introduce(
                provenance=provenance_for(request),
                need=need,
                enterprise=enterprise,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("partnerships:need", need.public_key)
        messages.success(
            request,
            _("%(enterprise)s diperkenalkan kepada %(partner)s.")
            % {"enterprise": enterprise.name, "partner": need.partner.name},
        )
        return redirect("partnerships:match", match.public_key)
