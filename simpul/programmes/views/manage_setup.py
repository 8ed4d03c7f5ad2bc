"""Setup actions on the programme detail page: questions, eligibility rules, curation
stages, criteria and panels. Each is a POST that goes back to its section of the detail
page; a refused one re-renders the page with the form and its Indonesian error. Parts of
a programme are looked up inside the (scoped) programme, so another one's id is a 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core.views import provenance_for

from ..forms_setup import (
    RULE_FIELDS,
    CriterionForm,
    PanelistAddForm,
    PanelistInviteForm,
    QuestionForm,
    RuleForm,
    StageForm,
)
from ..models import Programme, Stage
from ..services import setup_rules, setup_stages
from .manage import ProgrammeView, add_service_errors, render_detail


def _stage(programme: Programme, pk: int) -> Stage:
    return get_object_or_404(programme.stages, pk=pk)


def _ids(stage: Stage) -> str:
    """The same element ids as the stage's forms on the detail page."""
    return f"id_s{stage.pk}_%s"


class QuestionAddView(ProgrammeView):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = self.programme(request, key)
        form = QuestionForm(request.POST, auto_id="id_q_%s")
        if form.is_valid():
            try:
                setup_rules.question_add(
                    provenance=provenance_for(request), programme=programme, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, programme, _("Pertanyaan ditambahkan."), "pertanyaan")
        return render_detail(request, programme, status=400, question_form=form)


class QuestionEditView(ProgrammeView):
    template_name = "programmes/manage/question_edit.html"

    def get(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        question = get_object_or_404(programme.questions, pk=pk)
        initial = {
            "text": question.text,
            "kind": question.kind,
            "options": "\n".join(question.options or []),
            "required": question.required,
        }
        context = {"p": programme, "question": question, "form": QuestionForm(initial=initial)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        question = get_object_or_404(programme.questions, pk=pk)
        form = QuestionForm(request.POST, auto_id="id_q_%s")
        if form.is_valid():
            try:
                setup_rules.question_update(
                    provenance=provenance_for(request), question=question, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, programme, _("Pertanyaan diubah."), "pertanyaan")
        context = {"p": programme, "question": question, "form": form}
        return render(request, self.template_name, context, status=400)


class QuestionRemoveView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        question = get_object_or_404(programme.questions, pk=pk)
        try:
            setup_rules.question_remove(provenance=provenance_for(request), question=question)
        except ValidationError as exc:
            form = QuestionForm(auto_id="id_q_%s")
            add_service_errors(form, exc)
            return render_detail(request, programme, status=400, question_form=form)
        return self.done(request, programme, _("Pertanyaan dihapus."), "pertanyaan")


class RuleAddView(ProgrammeView):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = self.programme(request, key)
        form = RuleForm(request.POST, programme=programme, auto_id="id_r_%s")
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            try:
                setup_rules.rule_add(
                    provenance=provenance_for(request),
                    programme=programme,
                    kind=kind,
                    params=form.params(),
                )
            except ValidationError as exc:
                form.add_error(RULE_FIELDS.get(kind), exc.messages)
            else:
                return self.done(request, programme, _("Syarat ditambahkan."), "syarat")
        return render_detail(request, programme, status=400, rule_form=form)


class RuleRemoveView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        rule = get_object_or_404(programme.rules, pk=pk)
        try:
            setup_rules.rule_remove(provenance=provenance_for(request), rule=rule)
        except ValidationError as exc:
            form = RuleForm(programme=programme, auto_id="id_r_%s")
            form.add_error(None, exc.messages)
            return render_detail(request, programme, status=400, rule_form=form)
        return self.done(request, programme, _("Syarat dihapus."), "syarat")


class StageAddView(ProgrammeView):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = self.programme(request, key)
        form = StageForm(request.POST)
        if form.is_valid():
            try:
                setup_stages.stage_add(
                    provenance=provenance_for(request),
                    programme=programme,
                    name=form.cleaned_data["name"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, programme, _("Tahap kurasi ditambahkan."), "tahap")
        return render_detail(request, programme, status=400, stage_form=form)


class StageRemoveView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        stage = _stage(programme, pk)
        try:
            setup_stages.stage_remove(provenance=provenance_for(request), stage=stage)
        except ValidationError as exc:
            form = StageForm()
            form.add_error(None, exc.messages)
            return render_detail(request, programme, status=400, stage_form=form)
        return self.done(request, programme, _("Tahap kurasi dihapus."), "tahap")


class CriterionAddView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        stage = _stage(programme, pk)
        form = CriterionForm(request.POST, auto_id=_ids(stage))
        if form.is_valid():
            try:
                setup_stages.criterion_add(
                    provenance=provenance_for(request), stage=stage, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, programme, _("Kriteria ditambahkan."), f"tahap-{pk}")
        return render_detail(request, programme, status=400, criterion_form=form, stage_pk=stage.pk)


class CriterionRemoveView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int, criterion_pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        stage = _stage(programme, pk)
        criterion = get_object_or_404(stage.criteria, pk=criterion_pk)
        try:
            setup_stages.criterion_remove(provenance=provenance_for(request), criterion=criterion)
        except ValidationError as exc:
            form = CriterionForm(auto_id=_ids(stage))
            form.add_error(None, exc.messages)
            return render_detail(
                request, programme, status=400, criterion_form=form, stage_pk=stage.pk
            )
        return self.done(request, programme, _("Kriteria dihapus."), f"tahap-{pk}")


class PanelistAddView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        stage = _stage(programme, pk)
        form = PanelistAddForm(request.POST, programme=programme, auto_id=_ids(stage))
        if form.is_valid():
            try:
                setup_stages.panelist_add(
                    provenance=provenance_for(request), stage=stage, user=form.cleaned_data["user"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return self.done(request, programme, _("Panelis ditambahkan."), f"tahap-{pk}")
        return render_detail(request, programme, status=400, panelist_form=form, stage_pk=stage.pk)


class PanelistInviteView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        stage = _stage(programme, pk)
        form = PanelistInviteForm(request.POST, auto_id=_ids(stage))
        if form.is_valid():
            try:
                user = setup_stages.panelist_invite(
                    provenance=provenance_for(request), stage=stage, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                message = _(
                    "%(name)s (%(email)s) ditambahkan sebagai panelis. Akun baru menerima "
                    "tautan untuk membuat kata sandi lewat e-mail."
                )
                values = {"name": user.full_name, "email": user.email}
                return self.done(request, programme, message % values, f"tahap-{pk}")
        return render_detail(request, programme, status=400, invite_form=form, stage_pk=stage.pk)


class PanelistRemoveView(ProgrammeView):
    def post(self, request: HttpRequest, key: str, pk: int, user_pk: int) -> HttpResponse:
        programme = self.programme(request, key)
        stage = _stage(programme, pk)
        user = get_object_or_404(User, pk=user_pk, panel_stages=stage)
        try:
            setup_stages.panelist_remove(provenance=provenance_for(request), stage=stage, user=user)
        except ValidationError as exc:
            form = PanelistAddForm(programme=programme, auto_id=_ids(stage))
            form.add_error(None, exc.messages)
            return render_detail(
                request, programme, status=400, panelist_form=form, stage_pk=stage.pk
            )
        return self.done(request, programme, _("Panelis dikeluarkan dari tahap."), f"tahap-{pk}")
