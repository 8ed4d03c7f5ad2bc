"""Product management by the enterprise's owner, or by an officer inside the
jurisdiction (analysts read only). Views are thin: forms check shapes, the services
decide and write; a service's ValidationError goes back on the form in Indonesian, its
PermissionDenied becomes a 403. Every object is fetched through the caller's scope, so a
product of another owner or region is a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from simpul.core.pagination import paginate_keyset
from simpul.core.views import provenance_for, scope_for
from simpul.registry import selectors as registry_selectors

from .. import services
from ..forms import (
    CertificationForm,
    MarketplaceLinkForm,
    PhotoForm,
    ProductForm,
    add_service_errors,
)
from ..models import MAX_PHOTOS, Product
from ..selectors import manage as selectors
from ..services.photos import MAX_UPLOAD_BYTES

PER_PAGE = 24
EDIT_FIELDS = list(ProductForm.base_fields)
# A whole upload request: eight photos at the limit plus the form around them.
MAX_REQUEST_BYTES = MAX_PHOTOS * MAX_UPLOAD_BYTES + 1024 * 1024


class PhotoSizeLimit(FileUploadHandler):
    """Stops reading a photo once it passes 10 MB, and remembers its name, so a huge file
    is neither kept on disk nor handed to Pillow. Django's DATA_UPLOAD_MAX_MEMORY_SIZE
    does not count files, so this is the limit that applies to them."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.too_large: list[str] = []

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self.too_large.append(self.file_name or "?")
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers keep the file


def _initial(product: Product) -> dict[str, Any]:
    data = {name: getattr(product, name) for name in EDIT_FIELDS}
    data["kbli"] = product.kbli_id or ""
    if product.price_max == product.price_min:
        data["price_max"] = None  # a single price is stored as a range of one
    return data


def edit_context(request: HttpRequest, product: Product, **forms: Any) -> dict[str, Any]:
    """Everything the edit page shows; bound forms passed in replace the empty ones."""
    user = request.user
    return {
        "product": product,
        "enterprise": product.enterprise,
        "can_manage": services.can_manage_products(user, product.enterprise),
        "can_curate": services.can_curate(user, product),
        "form": forms.get("form") or ProductForm(initial=_initial(product)),
        "current_kbli": product.kbli,
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "cert_form": forms.get("cert_form") or CertificationForm(),
        "link_form": forms.get("link_form") or MarketplaceLinkForm(),
        "photos": list(product.photos.all()),
        "max_photos": MAX_PHOTOS,
        "today": timezone.localdate(),
    }


def render_edit(request: HttpRequest, product: Product, status: int = 200, **forms: Any):
    context = edit_context(request, product, **forms)
    return render(request, "catalogue/manage/edit.html", context, status=status)


class ProductListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, enterprise_pk: int) -> HttpResponse:
        scope = scope_for(request)
        enterprise = registry_selectors.enterprise_get(scope=scope, pk=enterprise_pk)
        page = paginate_keyset(
            selectors.enterprise_products(scope=scope, enterprise=enterprise),
            ordering=selectors.PRODUCT_ORDERING,
            cursor=request.GET.get("c"),
            per_page=PER_PAGE,
        )
        context = {
            "enterprise": enterprise,
            "page": page,
            "can_manage": services.can_manage_products(request.user, enterprise),
        }
        return render(request, "catalogue/manage/list.html", context)


class ProductCreateView(LoginRequiredMixin, View):
    template_name = "catalogue/manage/create.html"

    def _enterprise(self, request: HttpRequest, pk: int):
        enterprise = registry_selectors.enterprise_get(scope=scope_for(request), pk=pk)
        if not services.can_manage_products(request.user, enterprise):
            raise PermissionDenied
        return enterprise

    def get(self, request: HttpRequest, enterprise_pk: int) -> HttpResponse:
        enterprise = self._enterprise(request, enterprise_pk)
        form = ProductForm(initial={"kbli": enterprise.kbli_id or ""})
        return self._render(request, enterprise, form)

    def post(self, request: HttpRequest, enterprise_pk: int) -> HttpResponse:
        enterprise = self._enterprise(request, enterprise_pk)
        form = ProductForm(request.POST)
        if form.is_valid():
            try:
                product = services.product_create(
                    enterprise=enterprise,
                    provenance=provenance_for(request),
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Produk tersimpan sebagai draf. Tambahkan foto, lalu terbitkan.")
                )
                return redirect("products:edit", pk=product.pk)
        return self._render(request, enterprise, form, status=400)

    def _render(self, request, enterprise, form, status: int = 200) -> HttpResponse:
        kbli = form.cleaned_data.get("kbli") if form.is_bound and form.is_valid() else None
        context = {"enterprise": enterprise, "form": form, "current_kbli": kbli or enterprise.kbli}
        return render(request, self.template_name, context, status=status)


class ProductView(LoginRequiredMixin, View):
    """Base of every view of one product: loads it through the caller's scope."""

    def product(self, request: HttpRequest, pk: int) -> Product:
        return selectors.product_get(scope=scope_for(request), pk=pk)

    def done(
        self, request: HttpRequest, product: Product, message: str, section: str = "top"
    ) -> HttpResponse:
        """Back to the edit page, at the section just changed: on a long phone page the
        list that now shows the new item is the confirmation ("top" is the page top)."""
        messages.success(request, message)
        return redirect(reverse("products:edit", args=[product.pk]) + f"#{section}")


class ProductEditView(ProductView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render_edit(request, self.product(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        form = ProductForm(request.POST)
        if form.is_valid():
            try:
                services.product_update(
                    product=product, provenance=provenance_for(request), data=form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, product, _("Perubahan produk tersimpan."))
        return render_edit(request, product, status=400, form=form)


class PublishView(ProductView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        published = request.POST.get("published") == "1"
        services.product_publish(
            product=product, provenance=provenance_for(request), published=published
        )
        if not published:
            return self.done(request, product, _("Produk ditarik dari katalog (kembali draf)."))
        product.refresh_from_db()
        if product.is_public:
            return self.done(request, product, _("Produk diterbitkan dan tampil di katalog."))
        return self.done(
            request, product, _("Produk diterbitkan; tampil di katalog setelah usaha diverifikasi.")
        )


class DeleteView(ProductView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        if not services.can_manage_products(request.user, product.enterprise):
            raise PermissionDenied
        return render(request, "catalogue/manage/delete.html", {"product": product})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        enterprise_pk, name = product.enterprise_id, product.name
        services.product_delete(product=product, provenance=provenance_for(request))
        messages.success(request, _("Produk “%(name)s” dihapus.") % {"name": name})
        return redirect("products:list", enterprise_pk=enterprise_pk)


@method_decorator(csrf_exempt, name="dispatch")
class PhotoAddView(ProductView):
    """Exempt from the CSRF middleware only so that the size limit is in place before the
    body is read; the token is still checked, by csrf_protect, right after."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            if _content_length(request) > MAX_REQUEST_BYTES:
                # Refused unread; nothing changes, so the missing token check costs nothing.
                messages.error(request, _("Unggahan terlalu besar; kirim paling banyak 8 foto."))
                return redirect("products:edit", pk=kwargs["pk"])
            self.limit = PhotoSizeLimit(request)
            request.upload_handlers.insert(0, self.limit)
        return super().dispatch(request, *args, **kwargs)

    @method_decorator(csrf_protect)
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        limit = self.limit
        form = PhotoForm(request.POST, request.FILES)
        refused = [(name, _("Foto terlalu besar: paling besar 10 MB.")) for name in limit.too_large]
        if not form.is_valid() and not refused:
            return render_edit(request, product, status=400, photo_form=form)
        added = 0
        for upload in form.cleaned_data.get("photos", []) if form.is_valid() else []:
            try:
                services.photo_add(
                    product=product, provenance=provenance_for(request), upload=upload
                )
                added += 1
            except ValidationError as exc:
                refused.append((upload.name, " ".join(exc.messages)))
        return self._report(request, product, added, refused)

    def _report(self, request, product, added: int, refused: list) -> HttpResponse:
        if added:
            message = ngettext("%(n)d foto ditambahkan.", "%(n)d foto ditambahkan.", added)
            messages.success(request, message % {"n": added})
        for name, reason in refused:
            messages.error(request, f"{name}: {reason}")
        return redirect("products:edit", pk=product.pk)


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class PhotoRemoveView(ProductView):
    def post(self, request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
        product = self.product(request, pk)
        photo = get_object_or_404(product.photos.all(), pk=photo_pk)
        services.photo_remove(photo=photo, provenance=provenance_for(request))
        return self.done(request, product, _("Foto dihapus."), "foto")


class _DetailAddView(ProductView):
    """Adds a certificate or a marketplace link: the form checks the shape, the service
    decides, and a refusal comes back on the form in its section of the edit page."""

    form_class: type[forms.Form]
    service: Callable[..., object]  # a catalogue service, set with staticmethod()
    message: str  # lazily translated
    anchor: str  # the edit page's section
    context_name: str  # the form's name in the edit page's context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product = self.product(request, pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.service(
                    product=product, provenance=provenance_for(request), **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, product, str(self.message), self.anchor)
        return render_edit(request, product, status=400, **{self.context_name: form})


class CertificationAddView(_DetailAddView):
    form_class = CertificationForm
    service = staticmethod(services.certification_add)
    message = gettext_lazy("Sertifikasi ditambahkan.")
    anchor = "sertifikasi"
    context_name = "cert_form"


class CertificationRemoveView(ProductView):
    def post(self, request: HttpRequest, pk: int, cert_pk: int) -> HttpResponse:
        product = self.product(request, pk)
        certification = get_object_or_404(product.certifications.all(), pk=cert_pk)
        services.certification_remove(
            certification=certification, provenance=provenance_for(request)
        )
        return self.done(request, product, _("Sertifikasi dihapus."), "sertifikasi")


class LinkAddView(_DetailAddView):
    form_class = MarketplaceLinkForm
    service = staticmethod(services.marketplace_link_add)
    message = gettext_lazy("Tautan marketplace ditambahkan.")
    anchor = "marketplace"
    context_name = "link_form"


class LinkRemoveView(ProductView):
    def post(self, request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
        product = self.product(request, pk)
        link = get_object_or_404(product.marketplace_links.all(), pk=link_pk)
        services.marketplace_link_remove(link=link, provenance=provenance_for(request))
        return self.done(request, product, _("Tautan marketplace dihapus."), "marketplace")
