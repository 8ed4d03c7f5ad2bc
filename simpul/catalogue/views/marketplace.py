"""Marketplace files of an IKM (its owner and the Dinas) or of a whole sentra (the Dinas).

The page lists the products that may be listed, all ticked; each button posts the ticked
ids and returns one file. Ids are only ever looked up among the enterprise's or sentra's
own products, so a forged id selects nothing. Each download is written to the audit
trail of the enterprise or sentra.

Analysts may download too, inside their jurisdiction: the files hold only product data
that the owner has published, nothing personal, and downloading changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from simpul.core.scope import scoped_get_or_404
from simpul.core.views import StaffRequiredMixin, provenance_for, scope_for
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise, Sentra

from ..marketplace.files import FORMATS, build_file, record_download
from ..marketplace.listings import MAX_PRODUCTS, bounded, listable, parse_ids, selected
from ..models import Product
from ..services.permissions import can_manage_products

TEMPLATE = "catalogue/marketplace/files.html"


class _FilesView(View):
    kind = ""  # "ikm" or "sentra", for the page

    def target(self, request: HttpRequest, pk: int) -> tuple[Model, QuerySet[Product], str]:
        """The enterprise or sentra, its listable products, and its name."""
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        target, products, title = self.target(request, pk)
        return self.page(request, target, products, title)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target, products, title = self.target(request, pk)
        fmt = FORMATS.get(request.POST.get("format", ""))
        ids = parse_ids(request.POST.getlist("produk"))
        if fmt is None:
            messages.error(request, _("Pilih salah satu jenis berkas."))
            return self.page(request, target, products, title, ids, status=400)
        chosen = selected(products, ids)
        if not ids or not chosen.exists():
            messages.error(request, _("Pilih minimal satu produk."))
            return self.page(request, target, products, title, ids, status=400)
        built = build_file(fmt, chosen, absolute=request.build_absolute_uri, title=title)
        if built.count == 0:
            messages.error(
                request,
                _(
                    "Tidak ada produk terpilih yang bisa masuk umpan ini: produk harus tampil "
                    "publik (usaha sudah diverifikasi), punya harga, dan punya foto."
                ),
            )
            return self.page(request, target, products, title, ids, status=400)
        record_download(
            instance=target, provenance=provenance_for(request), fmt=fmt, count=built.count
        )
        response = HttpResponse(built.content, content_type=built.content_type)
        response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
        return response

    def page(
        self,
        request: HttpRequest,
        target: Model,
        products: QuerySet[Product],
        title: str,
        ids: set[int] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        rows = list(
            bounded(products.select_related("enterprise").annotate(photo_count=Count("photos")))
        )
        context = {
            "kind": self.kind,
            "target": target,
            "title": title,
            "products": rows,
            "checked": ids,  # None: everything ticked, as on the first visit
            "formats": FORMATS.values(),
            "limit": MAX_PRODUCTS,
            "more": len(rows) == MAX_PRODUCTS and products.count() > MAX_PRODUCTS,
        }
        return render(request, TEMPLATE, context, status=status)


class EnterpriseFilesView(LoginRequiredMixin, _FilesView):
    kind = "ikm"

    def target(self, request: HttpRequest, pk: int) -> tuple[Model, QuerySet[Product], str]:
        scope = scope_for(request)
        enterprise = scoped_get_or_404(scope, Enterprise.objects.select_related("owner"), pk=pk)
        user = request.user
        reader = user.role == "analyst" and scope.covers_region(enterprise.region_code)
        if not (can_manage_products(user, enterprise) or reader):
            raise Http404
        products = listable(Product.objects.filter(enterprise=enterprise))
        return enterprise, products, enterprise.name


class SentraFilesView(StaffRequiredMixin, _FilesView):
    kind = "sentra"

    def target(self, request: HttpRequest, pk: int) -> tuple[Model, QuerySet[Product], str]:
        scope = scope_for(request)
        sentra = scoped_get_or_404(scope, Sentra.objects, pk=pk)
        # The members' products, and of those only the ones inside the caller's
        # jurisdiction (a sentra on a regency border may have members on both sides).
        products = listable(scope.apply(Product.objects.filter(sentra=sentra)))
        return sentra, products, sentra.name


@require_GET
@cache_control(max_age=3600, public=True)
def google_feed(request: HttpRequest, key: str) -> HttpResponse:
    """The public products of a verified IKM as a Merchant Center feed Google can fetch on
    a schedule; addressed by public key like every public page, never audited (it shows
    only what the public catalogue shows)."""
    enterprise = get_object_or_404(Enterprise, public_key=key, status=EnterpriseStatus.VERIFIED)
    products = Product.objects.filter(enterprise=enterprise, is_public=True)
    built = build_file(
        FORMATS["google"], products, absolute=request.build_absolute_uri, title=enterprise.name
    )
    return HttpResponse(built.content, content_type=built.content_type)
