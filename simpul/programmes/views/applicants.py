"""The officers' curation pages, mounted at /kelola/kurasi/: a programme's applicants
(filters, counts per status, quota, eligibility, scores, a WhatsApp message each) with the
actions that move them (start curation, advance a stage, finalise the selection, decide
one, nominate an IKM), and one application with its reviews and history.

Reading needs `can_see_applicants` (analysts read too); every action is a POST to one
service, which checks `can_run` itself (an analyst's forged POST is a 403). A programme or
application outside the user's jurisdiction is a 404 either way. Bad input re-renders the
page with the message and the typed values; nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from simpul.catalogue.forms import add_service_errors
from simpul.core.pagination import paginate_keyset
from simpul.core.scope import RegionScope
from simpul.core.views import StaffRequiredMixin, provenance_for
from simpul.registry.models import Enterprise

from .. import eligibility
from ..choices import ApplicationStatus
from ..forms_curation import (
    AdvanceForm,
    ApplicantFilterForm,
    DecisionForm,
    FinaliseForm,
    NominateForm,
)
from ..models import Application, Programme, Stage
from ..permissions import can_run
from ..selectors import applicants as selectors
from ..services import curation as services
from ..services.transitions import ALLOWED
from ..whatsapp import wa_link

try:  # the nomination service belongs to the applications module
    from ..services.applications import application_nominate
except ImportError:  # pragma: no cover - without it the page simply offers no nomination
    application_nominate = None

S = ApplicationStatus
PER_PAGE = 50


@dataclass
class Row:
    application: Application
    met: int
    rules: int
    score: selectors.Score | None
    wa_url: str | None
    decisions: list[tuple[str, str]]


@dataclass
class StagePanel:
    stage: Stage
    applications: int
    missing: int
    unfinished: int
    is_last: bool
    form: forms.Form | None


def decisions_for(application: Application) -> list[tuple[str, str]]:
    """The single decisions the status machine allows from the application's status."""
    return [
        (to.value, to.label)
        for to in map(S, services.DECISIONS)
        if to in ALLOWED[application.status]
    ]


def _rows(applications: list[Application], writer: bool) -> list[Row]:
    scores = selectors.latest_scores(applications)
    rows = []
    for a in applications:
        results = eligibility.results_from_json(a.eligibility)
        rows.append(
            Row(
                a,
                sum(1 for r in results if r.ok),
                len(results),
                scores.get(a.pk),
                wa_link(a),
                decisions_for(a) if writer else [],
            )
        )
    return rows


def _stage_panels(programme: Programme, bound: dict[str, forms.Form]) -> list[StagePanel]:
    stages = list(programme.stages.all())
    panels = []
    for index, stage in enumerate(stages):
        ranking = services.stage_ranking(stage=stage)
        missing, unfinished = services.missing_reviews(stage, ranking)
        is_last = index == len(stages) - 1
        form = (
            None
            if is_last
            else bound.get(f"advance-{stage.number}")
            or AdvanceForm(auto_id=f"id_adv{stage.number}_%s")
        )
        panels.append(StagePanel(stage, len(ranking), missing, unfinished, is_last, form))
    return panels


def render_applicants(
    request: HttpRequest,
    programme: Programme,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    user = request.user
    stages = list(programme.stages.all())
    regencies = selectors.applicant_regencies(user=user, programme=programme)
    filters = ApplicantFilterForm(request.GET or None, stages=stages, regencies=regencies)
    chosen: dict[str, Any] = {}
    if filters.is_valid():
        chosen = {
            "status": filters.cleaned_data["status"] or None,
            "stage": filters.stage(),
            "region": filters.cleaned_data["wilayah"] or None,
        }
    queryset = selectors.applicants_for_staff(user=user, programme=programme, **chosen)
    page = paginate_keyset(
        queryset, ordering=["id"], cursor=request.GET.get("c"), per_page=PER_PAGE
    )
    writer = can_run(user, programme)
    query = request.GET.copy()
    query.pop("c", None)
    context = {
        "programme": programme,
        "filters": filters,
        "query": query.urlencode(),
        "page": page,
        "rows": _rows(page.items, writer),
        "counts": selectors.applicant_counts(user=user, programme=programme),
        "stages": _stage_panels(programme, bound),
        "can_write": writer,
        "finalise_form": bound.get("finalise") or FinaliseForm(auto_id="id_fin_%s"),
        "nominate_form": (bound.get("nominate") or NominateForm(auto_id="id_nom_%s"))
        if application_nominate
        else None,
        "eligible_waiting": programme.applications.filter(status=S.ELIGIBLE).count(),
    }
    return render(request, "programmes/curation/applicants.html", context, status=status)


def applicants_url(programme: Programme, anchor: str = "") -> str:
    url = reverse("curation:applicants", args=[programme.public_key])
    return f"{url}#{anchor}" if anchor else url


class ApplicantsView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = selectors.programme_for_staff(user=request.user, key=key)
        return render_applicants(request, programme)


class _ProgrammeAction(StaffRequiredMixin, View):
    """POST → form → one service call; a refusal comes back on the page (400)."""

    form_class: type[forms.Form] | None = None
    slot = ""
    anchor = "tahap"

    def post(self, request: HttpRequest, key: str, **kwargs: Any) -> HttpResponse:
        programme = selectors.programme_for_staff(user=request.user, key=key)
        form = self.form_class(request.POST, auto_id=self.auto_id()) if self.form_class else None
        if form is None or form.is_valid():
            try:
                done = self.act(request, programme, form, **kwargs)
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return redirect(applicants_url(programme, self.anchor))
                add_service_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect(applicants_url(programme, self.anchor))
        messages.error(request, " ".join(form.non_field_errors()) or _("Periksa isian."))
        return render_applicants(request, programme, {self.slot_name(**kwargs): form}, status=400)

    def auto_id(self) -> str:
        return "id_%s"

    def slot_name(self, **kwargs: Any) -> str:
        return self.slot

    def act(self, request: HttpRequest, programme: Programme, form: Any, **kwargs: Any) -> str:
        raise NotImplementedError


class StartView(_ProgrammeAction):
    def act(self, request, programme, form, **kwargs):
        moved = services.curation_start(provenance=provenance_for(request), programme=programme)
        return _("%(n)d pendaftar masuk kurasi tahap 1.") % {"n": len(moved)}


class AdvanceView(_ProgrammeAction):
    form_class = AdvanceForm

    def slot_name(self, **kwargs: Any) -> str:
        return f"advance-{kwargs['number']}"

    def act(self, request, programme, form, **kwargs):
        stage = programme.stages.filter(number=kwargs["number"]).first()
        if stage is None:
            raise ValidationError(_("Tahap ini tidak ada."))
        result = services.stage_advance(
            provenance=provenance_for(request), stage=stage, **form.cleaned_data
        )
        return _("%(passed)d pendaftar lolos ke tahap berikutnya, %(rejected)d tidak lolos.") % {
            "passed": len(result.passed),
            "rejected": len(result.rejected),
        }


class FinaliseView(_ProgrammeAction):
    form_class = FinaliseForm
    slot = "finalise"

    def auto_id(self) -> str:
        return "id_fin_%s"

    def act(self, request, programme, form, **kwargs):
        summary = services.selection_finalise(
            provenance=provenance_for(request), programme=programme, **form.cleaned_data
        )
        return _("Seleksi selesai: %(s)d terpilih, %(w)d daftar tunggu, %(r)d tidak terpilih.") % {
            "s": len(summary.selected),
            "w": len(summary.waitlisted),
            "r": len(summary.rejected),
        }


class NominateView(_ProgrammeAction):
    form_class = NominateForm
    slot = "nominate"
    anchor = "usulkan"

    def auto_id(self) -> str:
        return "id_nom_%s"

    def act(self, request, programme, form, **kwargs):
        if application_nominate is None:  # pragma: no cover
            raise ValidationError(_("Pengusulan belum tersedia."))
        enterprise = _enterprise_for(request, form.cleaned_data["enterprise"])
        application = application_nominate(
            provenance=provenance_for(request),
            programme=programme,
            enterprise=enterprise,
            note=form.cleaned_data["note"],
        )
        return _("%(name)s diusulkan: %(status)s.") % {
            "name": enterprise.name,
            "status": application.get_status_display(),
        }


def _enterprise_for(request: HttpRequest, code: str) -> Enterprise:
    """The IKM by its code or NIB, inside the officer's jurisdiction only."""
    queryset = RegionScope.for_user(request.user).apply(Enterprise.objects.select_related("owner"))
    field = "nib" if code.isdigit() else "public_key"
    found = list(queryset.filter(**{field: code})[:2])
    if len(found) != 1:
        raise ValidationError(
            {"enterprise": _("IKM dengan kode atau NIB ini tidak ditemukan di wilayah kerja Anda.")}
        )
    return found[0]


class ApplicationView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        application = selectors.application_for_staff(user=request.user, key=key)
        return render_application(request, application)


def render_application(
    request: HttpRequest,
    application: Application,
    form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    writer = can_run(request.user, application.programme)
    context = {
        "a": application,
        "programme": application.programme,
        "results": eligibility.results_from_json(application.eligibility),
        "answers": selectors.answers_of(application),
        "stage_reviews": selectors.reviews_by_stage(application),
        "records": selectors.application_history(application),
        "wa_url": wa_link(application),
        "can_write": writer,
        "decisions": decisions_for(application) if writer else [],
        "decision_form": form or DecisionForm(),
    }
    return render(request, "programmes/curation/application.html", context, status=status)


class DecideView(StaffRequiredMixin, View):
    """One decision on one application (from the list or the application's page)."""

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        application = selectors.application_for_staff(user=request.user, key=key)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                application = services.application_decide(
                    provenance=provenance_for(request), application=application, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s: %(status)s.")
                    % {
                        "name": application.enterprise.name,
                        "status": application.get_status_display(),
                    },
                )
                return redirect(_back(request, application))
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return render_application(request, application, form, status=400)


def _back(request: HttpRequest, application: Application) -> str:
    """Back to the list row when the decision came from the list, else to the page."""
    if request.POST.get("from") == "list":
        return applicants_url(application.programme, f"a-{application.public_key}")
    return reverse("curation:application", args=[application.public_key])
