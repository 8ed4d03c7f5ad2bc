"""Officers' programme pages: the list with filters, create/edit, and the detail page where
questions, eligibility rules, stages and panels are set up. Views are thin: forms read the
input, services decide and write; a service's ValidationError goes back on the form, its
PermissionDenied becomes a 403. Programmes are fetched through the caller's scope, so one
of another jurisdiction is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from simpul.core.pagination import paginate_keyset
from simpul.core.views import StaffRequiredMixin, provenance_for
from simpul.registry.services.permissions import STAFF_WRITERS

from ..forms_setup import (
    CriterionForm,
    PanelistAddForm,
    PanelistInviteForm,
    ProgrammeForm,
    QuestionForm,
    RuleForm,
    StaffFilterForm,
)
from ..models import Programme
from ..permissions import can_run
from ..rules_text import rule_sentence
from ..selectors import programmes as selectors
from ..services import programmes as services

PER_PAGE = 25


def add_service_errors(form: Any, error: ValidationError) -> None:
    """A service's ValidationError on the named field when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def optional_url(name: str, *args: Any) -> str | None:
    """A link to a page another part of the app provides, or None while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def detail_url(programme: Programme, section: str = "") -> str:
    url = reverse("programme_admin:detail", args=[programme.public_key])
    return f"{url}#{section}" if section else url


def _stage_forms(stages: list[Any], programme: Programme, forms: dict[str, Any]) -> None:
    """Each stage gets its own criterion and panel forms (ids unique per stage); the one
    just posted with an error comes back bound."""
    for stage in stages:
        auto_id = f"id_s{stage.pk}_%s"
        bound = forms.get("stage_pk") == stage.pk
        stage.criterion_form = (bound and forms.get("criterion_form")) or CriterionForm(
            auto_id=auto_id
        )
        stage.panelist_form = (bound and forms.get("panelist_form")) or PanelistAddForm(
            programme=programme, auto_id=auto_id
        )
        stage.invite_form = (bound and forms.get("invite_form")) or PanelistInviteForm(
            auto_id=auto_id
        )


def detail_context(request: HttpRequest, programme: Programme, **forms: Any) -> dict[str, Any]:
    """Everything the detail page shows; bound forms passed in replace the empty ones."""
    stages = list(programme.stages.prefetch_related("criteria", "panelists"))
    _stage_forms(stages, programme, forms)
    return {
        "p": programme,
        "can_run": can_run(request.user, programme),
        "editable": programme.status in ("draft", "published"),
        "has_applications": services.has_applications(programme),
        "questions": list(programme.questions.all()),
        "rules": [(rule, rule_sentence(rule)) for rule in programme.rules.all()],
        "stages": stages,
        "today": timezone.localdate(),
        "applicants_url": optional_url("curation:applicants", programme.public_key),
        "public_url": optional_url("calls:detail", programme.public_key),
        "question_form": forms.get("question_form") or QuestionForm(auto_id="id_q_%s"),
        "rule_form": forms.get("rule_form") or RuleForm(programme=programme, auto_id="id_r_%s"),
        "stage_form": forms.get("stage_form"),
        "status_error": forms.get("status_error"),
    }


def render_detail(
    request: HttpRequest, programme: Programme, status: int = 200, **forms: Any
) -> HttpResponse:
    context = detail_context(request, programme, **forms)
    return render(request, "programmes/manage/detail.html", context, status=status)


class ProgrammeView(StaffRequiredMixin, View):
    """Base of every view of one programme: loads it through the caller's scope."""

    def programme(self, request: HttpRequest, key: str) -> Programme:
        return selectors.programme_for_staff_get(request.user, key)

    def done(self, request: HttpRequest, programme: Programme, message: str, section: str = ""):
        messages.success(request, message)
        return redirect(detail_url(programme, section))


class ProgrammeListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = StaffFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        rows = selectors.programmes_for_staff(
            user=request.user,
            kind=filters.get("jenis") or None,
            status=filters.get("status") or None,
            year=filters.get("tahun"),
        )
        page = paginate_keyset(
            rows, ordering=selectors.STAFF_ORDERING, cursor=request.GET.get("c"), per_page=PER_PAGE
        )
        query = request.GET.copy()
        query.pop("c", None)
        context = {
            "filter_form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": request.user.role in STAFF_WRITERS,
            "today": timezone.localdate(),
        }
        return render(request, "programmes/manage/list.html", context)


class ProgrammeCreateView(StaffRequiredMixin, View):
    template_name = "programmes/manage/form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.role not in STAFF_WRITERS:
            raise PermissionDenied
        return self._render(request, ProgrammeForm(office=request.user.office))

    def post(self, request: HttpRequest) -> HttpResponse:
        office = request.user.office
        form = ProgrammeForm(request.POST, office=office)
        if form.is_valid():
            try:
                programme = services.programme_create(
                    provenance=provenance_for(request), office=office, data=form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Program tersimpan sebagai draf. Tambahkan syarat dan tahap, lalu umumkan."),
                )
                return redirect(detail_url(programme))
        return self._render(request, form, status=400)

    def _render(self, request: HttpRequest, form: ProgrammeForm, status: int = 200):
        return render(request, self.template_name, {"form": form, "p": None}, status=status)


class ProgrammeEditView(ProgrammeView):
    template_name = "programmes/manage/form.html"

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = self.programme(request, key)
        if not can_run(request.user, programme):
            raise PermissionDenied
        form = ProgrammeForm(
            initial=ProgrammeForm.initial_for(programme),
            office=programme.office,
            current=programme.region,
        )
        return render(request, self.template_name, {"form": form, "p": programme})

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = self.programme(request, key)
        form = ProgrammeForm(request.POST, office=programme.office, current=programme.region)
        if form.is_valid():
            try:
                services.programme_update(
                    provenance=provenance_for(request), programme=programme, data=form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, programme, _("Perubahan program tersimpan."))
        context = {"form": form, "p": programme}
        return render(request, self.template_name, context, status=400)


class ProgrammeDetailView(ProgrammeView):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        return render_detail(request, self.programme(request, key))


STATUS_ACTIONS = {
    "publish": (services.programme_publish, gettext_lazy("Program diumumkan.")),
    "finish": (services.programme_finish, gettext_lazy("Program ditandai selesai.")),
    "cancel": (services.programme_cancel, gettext_lazy("Program dibatalkan.")),
}


class ProgrammeStatusView(ProgrammeView):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = self.programme(request, key)
        action = STATUS_ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            return render_detail(
                request, programme, status=400, status_error=[_("Tindakan tidak dikenal.")]
            )
        service, message = action
        try:
            service(provenance=provenance_for(request), programme=programme)
        except ValidationError as exc:
            return render_detail(request, programme, status=400, status_error=exc.messages)
        return self.done(request, programme, str(message))
