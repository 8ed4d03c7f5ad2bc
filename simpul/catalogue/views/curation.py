"""Curation by the Dinas: feature public products on the home page, hide a product with a
reason its owner reads, show it again. Officers and office admins act inside their
jurisdiction; analysts see the list without buttons, and their POSTs are refused (403)
by the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.pagination import paginate_keyset
from simpul.core.views import StaffRequiredMixin, provenance_for, scope_for
from simpul.registry.services.permissions import STAFF_WRITERS

from .. import services
from ..forms import CurationFilterForm, HideForm, add_service_errors
from ..models import Product
from ..selectors import manage as selectors

PER_PAGE = 20


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the list the action came from (same site only), else the curation list."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("products:curation")


class CurationListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        filters = CurationFilterForm(request.GET)
        data = filters.cleaned_data if filters.is_valid() else {}
        show = data.get("tampil") or "publik"
        page = paginate_keyset(
            selectors.curation_products(
                scope=scope_for(request), show=show, name=data.get("q", "")
            ),
            ordering=selectors.PRODUCT_ORDERING,
            cursor=request.GET.get("c"),
            per_page=PER_PAGE,
        )
        query = request.GET.copy()
        query.pop("c", None)
        context = {
            "page": page,
            "filters": filters,
            "show": show,
            "query": query.urlencode(),
            "can_act": request.user.role in STAFF_WRITERS,
        }
        return render(request, "catalogue/manage/curation.html", context)


class CurationActionView(StaffRequiredMixin, View):
    def product(self, request: HttpRequest, pk: int) -> Product:
        return selectors.product_get(scope=scope_for(request), pk=pk)


class FeatureView(CurationActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        featured = request.POST.get("featured") == "1"
        try:
            services.product_feature(
                product=product, provenance=provenance_for(request), featured=featured
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return _back(request)
        if featured:
            messages.success(request, _("“%(name)s” diunggulkan di beranda.") % {"name": product})
        else:
            messages.success(request, _("Unggulan “%(name)s” dibatalkan.") % {"name": product})
        return _back(request)


class HideView(CurationActionView):
    """A page of its own as well as a form in the list, so a refused reason is shown next
    to the box it was typed in."""

    template_name = "catalogue/manage/hide.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        if not services.can_curate(request.user, product):
            return redirect("products:curation")
        return render(request, self.template_name, {"product": product, "form": HideForm()})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        if not services.can_curate(request.user, product):
            raise PermissionDenied  # before the form, so an empty reason is no 400
        form = HideForm(request.POST)
        if form.is_valid():
            try:
                services.product_hide(
                    product=product,
                    provenance=provenance_for(request),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("“%(name)s” disembunyikan; pemilik melihat alasannya.") % {"name": product},
                )
                return _back(request)
        context = {"product": product, "form": form, "next": request.POST.get("next", "")}
        return render(request, self.template_name, context, status=400)


class UnhideView(CurationActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        services.product_unhide(product=product, provenance=provenance_for(request))
        messages.success(request, _("“%(name)s” ditampilkan kembali.") % {"name": product})
        return _back(request)
