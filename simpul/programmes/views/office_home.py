"""The office's home page: its targets for the year with progress, the work waiting
(registrations to verify, programmes with open calls) — where office staff land."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.scope import RegionScope
from simpul.core.views import StaffRequiredMixin, provenance_for
from simpul.insights.selectors import office_target_progress
from simpul.registry import selectors as registry_selectors
from simpul.reporting import selectors as reporting_selectors

from ..choices import ApplicationStatus, ProgrammeStatus
from ..forms_targets import TargetForm
from ..models import Programme, Target
from ..services.targets import can_set_targets, target_remove, target_set


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 5 else today.year


def _active_programmes(user):
    scope = RegionScope.for_user(user)
    today = timezone.localdate()
    rows = scope.apply(Programme.objects.all()).filter(status=ProgrammeStatus.PUBLISHED)
    return (
        rows.filter(apply_closes__gte=today - dt.timedelta(days=120))
        .select_related("office")
        .order_by("apply_closes")[:10]
    )


def _yearly_report_work(scope: RegionScope) -> dict[str, int]:
    """Yearly reports waiting for review, and verified IKM that have not reported last
    year (counted to 1,000 at most: past that the page says "1.000+")."""
    due_year = reporting_selectors.last_completed_year()
    return {
        "figures_waiting": reporting_selectors.review_queue(scope=scope).order_by().count(),
        "due_count": reporting_selectors.due_count(scope=scope, year=due_year),
        "due_limit": reporting_selectors.DUE_COUNT_LIMIT,
        "due_year": due_year,
    }


class OfficeHomeView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, TargetForm(initial={"year": _year(request)}))

    def _render(self, request: HttpRequest, form: TargetForm, status: int = 200) -> HttpResponse:
        year = _year(request)
        office = request.user.office
        scope = RegionScope.for_user(request.user)
        queue = registry_selectors.enterprise_queue(scope=scope)
        context = {
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
            # From the rollups: counting the registry per request grew with its size.
            "progress": office_target_progress(scope=scope, office=office, year=year),
            "can_set": can_set_targets(request.user, office),
            "form": form,
            "queue_count": queue.count(),
            **_yearly_report_work(scope),
            "programmes": _active_programmes(request.user),
            "applied_status": ApplicationStatus.APPLIED,
        }
        return render(request, "programmes/office_home.html", context, status=status)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TargetForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            target_set(
                provenance=provenance_for(request), office=request.user.office, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self._render(request, form, status=400)
        messages.success(request, _("Target disimpan."))
        return redirect(f"{reverse('targets:home')}?tahun={form.cleaned_data['year']}")


class TargetRemoveView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = Target.objects.filter(pk=pk, office=request.user.office).first()
        if target is None:
            raise Http404
        target_remove(provenance=provenance_for(request), target=target)
        messages.success(request, _("Target dihapus."))
        return redirect(f"{reverse('targets:home')}?tahun={target.year}")
