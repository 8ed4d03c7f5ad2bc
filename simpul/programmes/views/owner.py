"""The owner's side of programmes, made for a 390 px phone: my applications (status,
stage, each rule's explanation, outcomes, follow-ups due), the application form, one
application, re-checking eligibility, withdrawing, and downloading a document. Every
object comes through the caller's scope; the services decide and audit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from simpul.catalogue.forms import add_service_errors
from simpul.core.views import OwnerRequiredMixin, provenance_for

from .. import eligibility
from ..choices import ApplicationStatus, RuleKind
from ..eligibility.answers import display as answer_display
from ..forms_apply import ApplyForm
from ..models import Application, Programme
from ..permissions import can_apply_for, can_run
from ..selectors import applications as selectors
from ..services import applications as services
from ..services.documents import MAX_DOCUMENT_BYTES
from ..services.transitions import ALLOWED

S = ApplicationStatus
FORM_BYTES = 1024 * 1024  # the answers and the rest of the form around the files


def calls_url() -> str:
    """The public list of open calls (built by the public pages; absent → no link)."""
    try:
        return reverse("calls:list")
    except NoReverseMatch:
        return ""


def rule_sentences(programme: Programme) -> list[str]:
    """What each rule asks, in plain words, for the apply page."""
    try:
        from ..rules_text import rule_sentence
    except ImportError:  # written by another module; until then the rule's name serves
        return [str(rule.get_kind_display()) for rule in programme.rules.all()]
    return [rule_sentence(rule) for rule in programme.rules.all()]


class MyApplicationsView(OwnerRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        applications = selectors.owner_applications(user=request.user)
        context = {
            "applications": applications,
            "calls_url": calls_url(),
            "today": timezone.localdate(),
        }
        return render(request, "programmes/owner/mine.html", context)


class DocumentSizeLimit(FileUploadHandler):
    """Stops reading a file past 5 MB, so a huge upload is neither kept on disk nor read
    into memory; the service then reports it as too large."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.too_large: list[str] = []

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.current_field = field_name

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > MAX_DOCUMENT_BYTES:
            self.too_large.append(self.current_field)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers keep the file


@method_decorator(csrf_exempt, name="dispatch")
class ApplyView(OwnerRequiredMixin, View):
    """Exempt from the CSRF middleware only so the size limit is in place before the body
    is read; the token is still checked, by csrf_protect, in post()."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.limit = DocumentSizeLimit(request)
        if request.method == "POST":
            programme = selectors.open_programme_get(key=kwargs["key"])
            if _content_length(request) > self._max_request(programme):
                # Refused unread; nothing changes, so the missing token check costs nothing.
                messages.error(request, _("Unggahan terlalu besar: tiap berkas paling besar 5 MB."))
                return redirect("programmes:apply", key=kwargs["key"])
            request.upload_handlers.insert(0, self.limit)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = selectors.open_programme_get(key=key)
        return self._render(request, programme, self._form(request, programme))

    @method_decorator(csrf_protect)
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = selectors.open_programme_get(key=key)
        form = self._form(request, programme, bound=True)
        for name in self.limit.too_large:
            if name in form.fields:
                form.add_error(name, _("Berkas terlalu besar: paling besar 5 MB."))
        if form.is_valid():
            try:
                application = services.application_submit(
                    provenance=provenance_for(request),
                    programme=programme,
                    enterprise=form.cleaned_data["enterprise"],
                    answers=form.answers(),
                    documents=form.documents(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                done = _("Pendaftaran terkirim. Berikut hasil pemeriksaan syarat.")
                messages.success(request, done)
                return redirect("programmes:application", key=application.public_key)
        return self._render(request, programme, form, status=400)

    def _form(self, request: HttpRequest, programme: Programme, bound: bool = False) -> ApplyForm:
        self.candidates = selectors.apply_candidates(
            user=request.user, programme=programme, today=timezone.localdate()
        )
        data = (request.POST, request.FILES) if bound else ()
        return ApplyForm(*data, programme=programme, candidates=self.candidates)

    def _max_request(self, programme: Programme) -> int:
        return len(services.required_documents(programme)) * MAX_DOCUMENT_BYTES + FORM_BYTES

    def _render(self, request, programme, form, status: int = 200) -> HttpResponse:
        try:
            services.check_window(programme, timezone.localdate())
            closed = ""
        except ValidationError as exc:
            closed = " ".join(exc.messages)
        context = {
            "programme": programme,
            "form": form,
            "candidates": self.candidates,
            "rules": rule_sentences(programme),
            "has_verified_rule": any(r.kind == RuleKind.VERIFIED for r in programme.rules.all()),
            "closed": closed,
        }
        return render(request, "programmes/owner/apply.html", context, status=status)


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ApplicationDetailView(LoginRequiredMixin, View):
    """The owner's page of one application (staff of the programme's region may read it)."""

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        application = selectors.application_get(user=request.user, key=key)
        user = request.user
        is_owner = can_apply_for(user, application.enterprise)
        context = {
            "application": application,
            "programme": application.programme,
            "results": eligibility.results_from_json(application.eligibility),
            "answers": _answers(application),
            "is_owner": is_owner,
            "can_recheck": application.status in services.RECHECKABLE
            and (is_owner or can_run(user, application.programme)),
            "can_withdraw": is_owner and S.DROPPED in ALLOWED[application.status],
            "calls_url": calls_url(),
            "today": timezone.localdate(),
        }
        return render(request, "programmes/owner/detail.html", context)


def _answers(application: Application) -> list[tuple[str, str]]:
    stored = application.answers if isinstance(application.answers, dict) else {}
    return [
        (question.text, answer_display(question, stored.get(str(question.pk), "")))
        for question in application.programme.questions.all()
    ]


class _ApplicationAction(LoginRequiredMixin, View):
    """POST on one application: the service decides, a refusal comes back as a message."""

    done_message = ""

    def act(self, request: HttpRequest, application: Application) -> Application:
        raise NotImplementedError

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        application = selectors.application_get(user=request.user, key=key)
        try:
            application = self.act(request, application)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.message(application))
        return redirect("programmes:application", key=key)

    def message(self, application: Application) -> str:
        return str(self.done_message)


class RecheckView(_ApplicationAction):
    def act(self, request: HttpRequest, application: Application) -> Application:
        return services.application_recheck(
            provenance=provenance_for(request), application=application
        )

    def message(self, application: Application) -> str:
        return _("Syarat diperiksa ulang: %(status)s.") % {
            "status": application.get_status_display()
        }


class WithdrawView(_ApplicationAction):
    def act(self, request: HttpRequest, application: Application) -> Application:
        return services.application_withdraw(
            provenance=provenance_for(request),
            application=application,
            note=request.POST.get("note", "")[:500],
        )

    def message(self, application: Application) -> str:
        return _("Anda telah mengundurkan diri dari program ini.")


class DocumentView(LoginRequiredMixin, View):
    """A document as a download (never shown inline, never from a public media listing)."""

    def get(self, request: HttpRequest, pk: int, key: str) -> HttpResponse:
        document = selectors.document_get(user=request.user, pk=pk, key=key)
        extension = document.file.name.rsplit(".", 1)[-1]
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:  # the row outlived its file (restored backup, …)
            raise Http404 from exc
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"{slugify(document.name) or 'dokumen'}.{extension}",
            content_type=document.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["X-Content-Type-Options"] = "nosniff"
        return response
