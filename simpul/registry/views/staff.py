"""Officer workspace: the verification queue, the enterprise list, the detail page with
history, and the decisions. Every object comes through the caller's scope."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.pagination import paginate_keyset
from simpul.core.scope import RegionScope
from simpul.core.views import StaffRequiredMixin, provenance_for, scope_for
from simpul.regions.pickers import deepest_choice, picker_levels
from simpul.registry import selectors, services
from simpul.registry.filters import EnterpriseFilter
from simpul.registry.forms import DecisionForm
from simpul.registry.models import Enterprise
from simpul.registry.services.owner import may_reveal_nik
from simpul.registry.services.permissions import can_decide, can_edit

from .wizard import review_context

PER_PAGE = 25
HISTORY_LIMIT = 200  # the newest changes; older ones stay in the database
IMPORT_SOURCES = 5  # the newest import rows behind a record; the batch pages have the rest
REGION_PICKERS = ("w1", "w2", "w3", "w4")


class QueueView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = paginate_keyset(
            selectors.enterprise_queue(scope=scope_for(request)),
            ordering=selectors.QUEUE_ORDERING,
            cursor=request.GET.get("c"),
            per_page=PER_PAGE,
        )
        return render(request, "registry/queue.html", {"page": page})


def filtered_enterprises(
    request: HttpRequest,
) -> tuple[EnterpriseFilter, QuerySet[Enterprise], RegionScope, QueryDict]:
    """The officer's list as the query string filters it, inside the caller's scope; the
    list page and the export both start here. The cursor is not part of the filter, and
    the cascading region pickers collapse into `wilayah`. An invalid filter (e.g. a sentra
    outside the jurisdiction) selects no rows rather than silently everything."""
    scope = scope_for(request)
    qs = selectors.enterprise_list(scope=scope)
    params = request.GET.copy()
    params.pop("c", None)
    region = params.get("wilayah") or deepest_choice(params, REGION_PICKERS)
    if region:
        params["wilayah"] = region
    filterset = EnterpriseFilter(params, queryset=qs, scope=scope)
    rows = filterset.qs if filterset.is_valid() else qs.none()
    return filterset, rows, scope, params


class EnterpriseListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        filterset, rows, scope, params = filtered_enterprises(request)
        sort = request.GET.get("urut", "terbaru")
        ordering = selectors.SORTS.get(sort, selectors.SORTS["terbaru"])
        page = paginate_keyset(
            rows, ordering=ordering, cursor=request.GET.get("c"), per_page=PER_PAGE
        )
        return render(
            request,
            "registry/list.html",
            {
                "page": page,
                "filter": filterset,
                "sort": sort,
                "sorts": selectors.SORT_LABELS,
                "query": params.urlencode(),
                "region_pickers": picker_levels(
                    selected=params.get("wilayah", ""),
                    names=REGION_PICKERS,
                    root=scope.prefix or "",
                ),
            },
        )


def import_sources(enterprise: Enterprise, scope: RegionScope) -> list[dict[str, Any]]:
    """The import batches and rows that created or changed the enterprise, newest first.
    A batch of an office outside the viewer's jurisdiction is named but not linked."""
    records = enterprise.import_records.select_related("batch").order_by(
        "-batch__created_at", "-pk"
    )[:IMPORT_SOURCES]
    return [
        {"record": r, "batch": r.batch, "linked": scope.covers_region(r.batch.region_code)}
        for r in records
    ]


class EnterpriseDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        scope = scope_for(request)
        enterprise = selectors.enterprise_get(scope=scope, pk=pk)
        user = request.user
        context = {
            "enterprise": enterprise,
            "import_sources": import_sources(enterprise, scope) if scope.is_staff_scope else [],
            "can_edit": can_edit(user, enterprise),
            "can_decide": can_decide(user, enterprise) and enterprise.status == "submitted",
            "can_reveal": enterprise.owner is not None and may_reveal_nik(user, enterprise.owner),
            "history": selectors.enterprise_history(enterprise=enterprise)[:10],
            "decision_form": DecisionForm(),
            **review_context(enterprise),
        }
        return render(request, "registry/detail.html", context)


class EnterpriseHistoryView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        enterprise = selectors.enterprise_get(scope=scope_for(request), pk=pk)
        history = selectors.enterprise_history(enterprise=enterprise)[:HISTORY_LIMIT]
        owner_history = selectors.owner_history(enterprise=enterprise)[:HISTORY_LIMIT]
        return render(
            request,
            "registry/history.html",
            {
                "enterprise": enterprise,
                "history": history,
                "owner_history": owner_history,
            },
        )


class DecisionView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        enterprise = selectors.enterprise_get(scope=scope_for(request), pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilih keputusan yang sah."))
            return redirect("registry:detail", pk=pk)
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        provenance = provenance_for(request)
        try:
            if decision == "verify":
                services.enterprise_verify(enterprise=enterprise, provenance=provenance)
            elif decision == "revise":
                services.enterprise_request_revision(
                    enterprise=enterprise, provenance=provenance, reason=reason
                )
            else:
                services.enterprise_reject(
                    enterprise=enterprise, provenance=provenance, reason=reason
                )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("registry:detail", pk=pk)
        messages.success(request, _("Keputusan tersimpan dan pemilik diberi tahu."))
        return redirect("registry:queue")


class NikRevealView(LoginRequiredMixin, View):
    """Shows the full NIK on an explicit request with a reason; both are logged."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        enterprise = selectors.enterprise_get(scope=scope_for(request), pk=pk)
        if enterprise.owner is None:
            raise PermissionDenied
        # htmx sends the answer to its prompt in a header; a plain form sends a field.
        reason = request.headers.get("HX-Prompt") or request.POST.get("reason", "")
        try:
            nik = services.nik_reveal(owner=enterprise.owner, actor=request.user, reason=reason)
        except ValidationError as exc:
            context = {"nik": enterprise.owner.nik_masked, "error": exc.messages[0]}
            return render(request, "registry/_nik.html", context, status=400)
        return render(request, "registry/_nik.html", {"nik": nik})
