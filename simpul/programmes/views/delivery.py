"""The delivery page of a programme (sessions and attendance, scores, completion, drops,
outcomes, follow-ups) and its actions. Reading needs `can_see_applicants`, every action
`can_run`; a programme outside the user's jurisdiction is a 404 either way. Each action
is a POST that calls one service; bad input re-renders the page with the message and
the typed values, and nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from simpul.core.views import StaffRequiredMixin, provenance_for

from ..choices import ApplicationStatus
from ..forms_delivery import (
    AttendanceForm,
    DropForm,
    FollowUpForm,
    OutcomeForm,
    ScoresForm,
    SessionForm,
)
from ..models import Application, FollowUp, Outcome, Programme
from ..permissions import can_run
from ..selectors.delivery import (
    DeliveryBoard,
    application_on_board,
    delivery_board,
    programme_for_delivery,
    session_of,
)
from ..services import delivery as services
from ..services.outcomes import followup_record, outcome_record, outcome_remove

S = ApplicationStatus


@dataclass
class ParticipantRow:
    application: Application
    scores: ScoresForm
    outcome: OutcomeForm
    drop: DropForm
    follow_ups: list[tuple[FollowUp, FollowUpForm]]


def _ids(key: str) -> str:
    return f"id_{key}_%s"


def _participant_row(application: Application, bound: dict[str, forms.Form]) -> ParticipantRow:
    key = application.public_key
    scores = ScoresForm(
        initial={"pre_test": application.pre_test, "post_test": application.post_test},
        auto_id=_ids(f"s{key}"),
    )
    follow_ups = [
        (f, bound.get(f"f{f.pk}") or FollowUpForm(auto_id=_ids(f"f{f.pk}")))
        for f in application.follow_ups.all()
    ]
    return ParticipantRow(
        application,
        bound.get(f"s{key}") or scores,
        bound.get(f"o{key}") or OutcomeForm(auto_id=_ids(f"o{key}")),
        bound.get(f"d{key}") or DropForm(auto_id=_ids(f"d{key}")),
        follow_ups,
    )


def _session_rows(board: DeliveryBoard, bound: dict[str, forms.Form]) -> list[dict[str, Any]]:
    attending = [a for a in board.participants if a.pk in board.attending_ids]
    keys = {a.pk: a.public_key for a in attending}
    rows = []
    for row in board.sessions:
        s = row.session
        attendance = bound.get(f"a{s.pk}") or AttendanceForm(
            initial={"present": [keys[i] for i in row.present_ids if i in keys]},
            attending=attending,
            auto_id=_ids(f"a{s.pk}"),
        )
        edit = bound.get(f"e{s.pk}") or SessionForm(
            initial={"title": s.title, "starts_at": s.starts_at, "place": s.place},
            auto_id=_ids(f"e{s.pk}"),
        )
        rows.append({"row": row, "attendance": attendance, "edit": edit})
    return rows


def render_board(
    request: HttpRequest,
    programme: Programme,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    board = delivery_board(programme=programme)
    context = {
        "programme": programme,
        "board": board,
        "can_write": can_run(request.user, programme),
        "sessions": _session_rows(board, bound),
        "participants": [_participant_row(a, bound) for a in board.participants],
        "session_form": bound.get("new") or SessionForm(auto_id=_ids("new")),
        "S": S,
    }
    return render(request, "programmes/delivery/programme.html", context, status=status)


class DeliveryView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        return render_board(request, programme_for_delivery(user=request.user, key=key))


class _Action(StaffRequiredMixin, View):
    """POST → form → one service call. Subclasses say which form (and its slot on the
    page, to show errors in place), what to call, and what to say on success."""

    form_class: type[forms.Form] | None = None
    done_message = ""

    def post(self, request: HttpRequest, key: str, **kwargs: Any) -> HttpResponse:
        programme = programme_for_delivery(user=request.user, key=key, write=True)
        target = self.target(programme, **kwargs)
        form = self.make_form(request, programme, target)
        if form is None or form.is_valid():
            try:
                self.act(request, target, form, programme)
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return redirect(self.back(programme, target))
                add_service_errors(form, exc)
        if form is not None and form.errors:
            # Also at the top of the page: the form may sit in a closed or hidden part.
            messages.error(request, " ".join(form.non_field_errors()) or _("Periksa isian."))
            return render_board(request, programme, {self.slot(target): form}, status=400)
        messages.success(request, self.done_message)
        return redirect(self.back(programme, target))

    def target(self, programme: Programme, **kwargs: Any) -> Any:
        return programme

    def make_form(self, request: HttpRequest, programme: Programme, target: Any) -> Any:
        if self.form_class is None:
            return None
        return self.form_class(request.POST, auto_id=_ids(self.slot(target)))

    def slot(self, target: Any) -> str:
        return "new"

    def back(self, programme: Programme, target: Any) -> str:
        url = reverse("delivery:programme", args=[programme.public_key])
        if isinstance(target, Application):
            return f"{url}#p-{target.public_key}"
        return url

    def act(self, request: HttpRequest, target: Any, form: Any, programme: Programme) -> None:
        raise NotImplementedError


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class _ParticipantAction(_Action):
    def target(self, programme: Programme, **kwargs: Any) -> Application:
        return application_on_board(programme=programme, key=kwargs["app"])


class _SessionAction(_Action):
    def target(self, programme: Programme, **kwargs: Any) -> Any:
        return session_of(programme=programme, pk=kwargs["pk"])

    def back(self, programme: Programme, target: Any) -> str:
        url = reverse("delivery:programme", args=[programme.public_key])
        return f"{url}#sesi-{target.pk}"


class SessionAddView(_Action):
    form_class = SessionForm
    done_message = gettext_lazy("Sesi ditambahkan.")

    def act(self, request, target, form, programme):
        services.session_add(
            provenance=provenance_for(request), programme=programme, **form.cleaned_data
        )


class SessionUpdateView(_SessionAction):
    form_class = SessionForm
    done_message = gettext_lazy("Sesi diperbarui.")

    def slot(self, target):
        return f"e{target.pk}"

    def act(self, request, target, form, programme):
        services.session_update(
            provenance=provenance_for(request), session=target, **form.cleaned_data
        )


class SessionRemoveView(_SessionAction):
    done_message = gettext_lazy("Sesi dihapus.")

    def back(self, programme, target):
        return reverse("delivery:programme", args=[programme.public_key])

    def act(self, request, target, form, programme):
        services.session_remove(provenance=provenance_for(request), session=target)


class AttendanceView(_SessionAction):
    done_message = gettext_lazy("Kehadiran disimpan.")

    def slot(self, target):
        return f"a{target.pk}"

    def make_form(self, request, programme, target):
        attending = programme.applications.filter(status__in=services.ATTENDING_STATUSES)
        return AttendanceForm(
            request.POST,
            attending=list(attending.select_related("enterprise")),
            auto_id=_ids(self.slot(target)),
        )

    def act(self, request, target, form, programme):
        services.attendance_set(
            provenance=provenance_for(request), session=target, present_ids=form.present_ids()
        )


class StartView(_Action):
    done_message = gettext_lazy("Peserta terpilih kini berstatus peserta.")

    def act(self, request, target, form, programme):
        services.participants_start(provenance=provenance_for(request), programme=programme)


class ScoresView(_ParticipantAction):
    form_class = ScoresForm
    done_message = gettext_lazy("Nilai tes disimpan.")

    def slot(self, target):
        return f"s{target.public_key}"

    def act(self, request, target, form, programme):
        services.test_scores_set(
            provenance=provenance_for(request), application=target, **form.cleaned_data
        )


class CompleteView(_ParticipantAction):
    done_message = gettext_lazy("Peserta selesai; tindak lanjut 3, 6 dan 12 bulan dijadwalkan.")

    def act(self, request, target, form, programme):
        services.participant_complete(provenance=provenance_for(request), application=target)


class DropView(_ParticipantAction):
    form_class = DropForm
    done_message = gettext_lazy("Peserta dinyatakan gugur/mundur.")

    def slot(self, target):
        return f"d{target.public_key}"

    def act(self, request, target, form, programme):
        services.participant_drop(
            provenance=provenance_for(request), application=target, **form.cleaned_data
        )


class OutcomeAddView(_ParticipantAction):
    form_class = OutcomeForm
    done_message = gettext_lazy("Hasil dicatat dan pemilik usaha diberi tahu.")

    def slot(self, target):
        return f"o{target.public_key}"

    def act(self, request, target, form, programme):
        data = dict(form.cleaned_data)
        outcome_record(
            provenance=provenance_for(request), application=target, kind=data.pop("kind"), data=data
        )


class OutcomeRemoveView(_Action):
    done_message = gettext_lazy("Hasil dihapus.")

    def target(self, programme, **kwargs):
        outcome = Outcome.objects.filter(pk=kwargs["pk"], application__programme=programme).first()
        if outcome is None:
            raise Http404
        return outcome

    def back(self, programme, target):
        url = reverse("delivery:programme", args=[programme.public_key])
        return f"{url}#p-{target.application.public_key}"

    def act(self, request, target, form, programme):
        outcome_remove(provenance=provenance_for(request), outcome=target)


class FollowUpOfficerView(_Action):
    form_class = FollowUpForm
    done_message = gettext_lazy("Laporan tindak lanjut disimpan.")

    def target(self, programme, **kwargs):
        follow_up = FollowUp.objects.filter(pk=kwargs["pk"], application__programme=programme)
        if (found := follow_up.select_related("application").first()) is None:
            raise Http404
        return found

    def slot(self, target):
        return f"f{target.pk}"

    def back(self, programme, target):
        url = reverse("delivery:programme", args=[programme.public_key])
        return f"{url}#p-{target.application.public_key}"

    def act(self, request, target, form, programme):
        followup_record(provenance=provenance_for(request), follow_up=target, **form.cleaned_data)
