"""Pages of the yearly figures, thin: forms read, services write, selectors read through
the caller's scope. The owner's pages are made for a 390 px phone.

- /usaha/laporan-tahunan/                 the owner's enterprises and their years
- /ikm/<pk>/laporan-tahunan/              one enterprise's years and chart (owner, staff)
- /ikm/<pk>/laporan-tahunan/<year>/       report or correct one year (owner, officer)
- /kelola/laporan-tahunan/                the officers' review queue
- /kelola/laporan-tahunan/<figure>/       one figure beside the year before: accept/ask
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.catalogue.forms import add_service_errors
from simpul.core.pagination import paginate_keyset
from simpul.core.views import OwnerRequiredMixin, StaffRequiredMixin, provenance_for, scope_for
from simpul.registry import selectors as registry_selectors

from . import selectors, services
from .choices import FigureStatus
from .forms import QueueFilterForm, ReviewForm, YearlyFigureForm
from .models import YearlyFigure

PER_PAGE = 25


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
                "due_count": selectors.due_enterprises(scope=scope, year=due_year)
                .order_by()[:1001]
                .count(),
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
