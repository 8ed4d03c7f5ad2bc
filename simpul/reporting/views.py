"""Pages of the yearly figures, thin: forms read, services write, selectors read through
the caller's scope. The owner's pages are made for a 390 px phone.

- /usaha/laporan-tahunan/                 the owner's enterprises and their years
- /ikm/<pk>/laporan-tahunan/              one enterprise's years and chart (owner, staff)
- /ikm/<pk>/laporan-tahunan/<year>/       report or correct one year (owner, officer)
- /kelola/laporan-tahunan/                the officers' review queue
- /kelola/laporan-tahunan/<figure>/       one figure beside the year before: accept/ask
- /kelola/laporan-tahunan/impor/          an office's list: check it, then import it
- /kelola/laporan-tahunan/contoh.xlsx     the blank workbook to fill in
- /kelola/laporan-tahunan/belum-melapor/  verified IKM without last year's figures
  (…/belum-melapor.xlsx: the same list as the workbook to fill in)
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.catalogue.forms import add_service_errors
from simpul.core.models import Source
from simpul.core.money import group_thousands
from simpul.core.pagination import paginate_keyset
from simpul.core.views import OwnerRequiredMixin, StaffRequiredMixin, provenance_for, scope_for
from simpul.exchange.reading import ReadError, check_size
from simpul.registry import selectors as registry_selectors

from . import selectors, services
from .choices import FigureStatus
from .forms import DueFilterForm, FigureImportForm, QueueFilterForm, ReviewForm, YearlyFigureForm
from .models import YearlyFigure
from .reading import MAX_WEB_ROWS, import_summary, read_figure_sheet
from .template import figures_workbook

PER_PAGE = 25
SHOWN_ERRORS = 50  # a list with hundreds of bad rows shows the first ones and a count
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OwnerReportsView(OwnerRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "reporting/owner_list.html",
            {"rows": selectors.owner_reports(user=request.user)},
        )


class EnterpriseFiguresView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        scope = scope_for(request)
        enterprise = registry_selectors.enterprise_get(scope=scope, pk=pk)
        figures = list(selectors.enterprise_figures(scope=scope, enterprise=enterprise))
        figures.reverse()
        can_submit = services.can_submit(request.user, enterprise)
        due = selectors.last_completed_year()
        reported = {f.year for f in figures}
        return render(
            request,
            "reporting/enterprise.html",
            {
                "enterprise": enterprise,
                "figures": figures,
                "can_submit": can_submit,
                "can_review": services.can_review(request.user, enterprise),
                "due_year": due if due not in reported else None,
            },
        )


class SubmitView(LoginRequiredMixin, View):
    def _setup(self, request: HttpRequest, pk: int, year: int):
        scope = scope_for(request)
        enterprise = registry_selectors.enterprise_get(scope=scope, pk=pk)
        if not services.can_submit(request.user, enterprise):
            raise PermissionDenied
        try:
            services.clean_year(year, enterprise)
        except ValidationError as exc:
            raise Http404 from exc
        figure = selectors.figure_of_year(scope=scope, enterprise=enterprise, year=year)
        previous = selectors.figure_of_year(scope=scope, enterprise=enterprise, year=year - 1)
        return enterprise, figure, previous

    def _render(self, request, enterprise, year, figure, previous, form) -> HttpResponse:
        return render(
            request,
            "reporting/submit.html",
            {
                "enterprise": enterprise,
                "year": year,
                "figure": figure,
                "previous": previous,
                "form": form,
            },
        )

    def get(self, request: HttpRequest, pk: int, year: int) -> HttpResponse:
        enterprise, figure, previous = self._setup(request, pk, year)
        form = YearlyFigureForm(initial=YearlyFigureForm.initial_from(figure))
        return self._render(request, enterprise, year, figure, previous, form)

    def post(self, request: HttpRequest, pk: int, year: int) -> HttpResponse:
        enterprise, figure, previous = self._setup(request, pk, year)
        form = YearlyFigureForm(request.POST)
        if form.is_valid():
            try:
                saved = services.yearly_figure_submit(
                    provenance=provenance_for(request),
                    enterprise=enterprise,
                    year=year,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if saved.flags:
                    messages.warning(
                        request,
                        _("Laporan %(y)d tersimpan. Ada angka yang akan diperiksa petugas.")
                        % {"y": year},
                    )
                else:
                    messages.success(request, _("Laporan %(y)d tersimpan.") % {"y": year})
                return redirect("reporting:enterprise", pk=enterprise.pk)
        return self._render(request, enterprise, year, figure, previous, form)


class QueueView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        scope = scope_for(request)
        params = request.GET.copy()
        params.pop("c", None)
        params.setdefault("status", FigureStatus.SUBMITTED)
        filters = QueueFilterForm(params)
        year, status = None, FigureStatus.SUBMITTED
        if filters.is_valid():
            year = filters.cleaned_data["tahun"]
            status = filters.cleaned_data["status"] or FigureStatus.SUBMITTED
        rows = selectors.review_queue(
            scope=scope, year=year, status=None if status == "semua" else status
        )
        page = paginate_keyset(
            rows, ordering=selectors.QUEUE_ORDERING, cursor=request.GET.get("c"), per_page=PER_PAGE
        )
        due_year = selectors.last_completed_year()
        return render(
            request,
            "reporting/queue.html",
            {
                "page": page,
                "filters": filters,
                "query": params.urlencode(),
                "due_year": due_year,
                "due_count": selectors.due_count(scope=scope, year=due_year),
                "can_import": services.can_import(request.user),
            },
        )


class ReviewView(StaffRequiredMixin, View):
    def _context(self, request: HttpRequest, figure: YearlyFigure, form: ReviewForm) -> dict:
        scope = scope_for(request)
        previous = selectors.figure_of_year(
            scope=scope, enterprise=figure.enterprise, year=figure.year - 1
        )
        return {
            "figure": figure,
            "previous": previous,
            "enterprise": figure.enterprise,
            "form": form,
            "can_review": services.can_review(request.user, figure.enterprise)
            and figure.status == FigureStatus.SUBMITTED,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        figure = selectors.figure_get(scope=scope_for(request), pk=pk)
        context = self._context(request, figure, ReviewForm())
        return render(request, "reporting/review.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        figure = selectors.figure_get(scope=scope_for(request), pk=pk)
        if not services.can_review(request.user, figure.enterprise):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            try:
                services.yearly_figure_review(
                    provenance=provenance_for(request),
                    figure=figure,
                    accept=accept,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Laporan diterima.")
                    if accept
                    else _("Pertanyaan terkirim ke pemilik usaha."),
                )
                return redirect("reporting:queue")
        context = self._context(request, figure, form)
        return render(request, "reporting/review.html", context, status=400)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportView(StaffRequiredMixin, View):
    """Upload an office's list; "Periksa dulu" runs every check and writes nothing,
    "Impor" writes all rows or none. Analysts cannot import (403)."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated and not services.can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request: HttpRequest, form: FigureImportForm, **extra) -> HttpResponse:
        status = 400 if form.errors or extra.get("errors") else 200
        context = {"form": form, "max_rows": MAX_WEB_ROWS, **extra}
        return render(request, "reporting/import.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, FigureImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FigureImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form)
        upload = form.cleaned_data["file"]
        check_only = form.cleaned_data["action"] == "check"
        provenance = dataclasses.replace(
            provenance_for(request), source=Source.IMPORT, ref=f"berkas:{upload.name}"[:60]
        )
        try:
            check_size(upload.size)  # before the bytes are read into memory
            sheet = read_figure_sheet(upload.read(), upload.name)
            counts = services.yearly_figures_import(
                provenance=provenance,
                rows=sheet.rows,
                row_numbers=sheet.row_numbers,
                dry_run=check_only,
            )
        except ReadError as exc:
            form.add_error("file", exc.message)
            return self._render(request, form)
        except ValidationError as exc:
            errors = exc.messages
            return self._render(
                request, form, errors=errors[:SHOWN_ERRORS], more=len(errors) - SHOWN_ERRORS
            )
        summary = import_summary(counts, checked_only=check_only, skipped=sheet.skipped)
        if check_only:
            return self._render(request, FigureImportForm(), checked=summary, file=upload.name)
        messages.success(request, summary)
        return redirect("reporting:import")


class TemplateDownloadView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _xlsx(figures_workbook(), "laporan-tahunan-contoh.xlsx")


def _due_filters(request: HttpRequest) -> tuple[DueFilterForm, int, str]:
    """The filter form (its errors shown on the page), the year to list (the one asked
    for when valid, otherwise the last completed year) and the chosen child region."""
    form = DueFilterForm(request.GET, jurisdiction=scope_for(request).prefix or "")
    valid = form.is_valid()
    year = (form.cleaned_data.get("tahun") if valid else None) or selectors.last_completed_year()
    region = form.cleaned_data.get("wilayah", "") if valid else ""
    return form, year, region


class DueListView(StaffRequiredMixin, View):
    """Verified IKM of the jurisdiction that have not reported the year, to follow up."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return _due_page(request, *_due_filters(request))


def _due_page(
    request: HttpRequest, form: DueFilterForm, year: int, region: str, error: str = ""
) -> HttpResponse:
    """The due list; a bad filter is shown on its form (400) above last year's list."""
    page = paginate_keyset(
        selectors.due_enterprises(
            scope=scope_for(request), year=year, region=region
        ).select_related("village__parent"),
        ordering=["name", "id"],
        cursor=request.GET.get("c"),
        per_page=PER_PAGE,
    )
    context = {
        "page": page,
        "year": year,
        "filters": form
        if form.errors
        else DueFilterForm(
            initial={"tahun": year, "wilayah": region},
            jurisdiction=scope_for(request).prefix or "",
        ),
        "query": urlencode({"tahun": year, "wilayah": region}),
        "can_import": services.can_import(request.user),
        "download_error": error,
    }
    status = 400 if form.errors or error else 200
    return render(request, "reporting/due.html", context, status=status)


class DueDownloadView(StaffRequiredMixin, View):
    """The due list as the workbook to fill in, at most as many rows as the upload page
    takes back (a province narrows it to one regency at a time)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form, year, region = _due_filters(request)
        if form.errors:
            return _due_page(request, form, year, region)
        rows = selectors.due_enterprises(scope=scope_for(request), year=year, region=region)
        if rows.order_by()[: MAX_WEB_ROWS + 1].count() > MAX_WEB_ROWS:
            error = _(
                "Daftar ini berisi lebih dari %(max)s IKM, lebih banyak daripada yang dapat "
                "diunggah kembali; pilih wilayah yang lebih kecil lalu unduh lagi."
            ) % {"max": group_thousands(MAX_WEB_ROWS)}
            return _due_page(request, form, year, region, error)
        rows = rows.select_related("village__parent").order_by("name", "id")
        content = figures_workbook(enterprises=rows.iterator(chunk_size=1000), year=year)
        suffix = f"-{region}" if region else ""
        return _xlsx(content, f"laporan-tahunan-{year}{suffix}-belum-melapor.xlsx")
