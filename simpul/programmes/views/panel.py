"""The curation panel's pages, mounted at /kelola/kurasi/panel/: the queue of applications
in the stages the user sits on, and the scoring form of one of them.

Panel members are outside panelists (role "panelist", no office) or office staff put on a
panel. An application is reachable only while it sits in one of the user's stages; any
other (another stage, another programme, one that moved on) is a 404. The page shows the
business, never the owner's NIK, phone or e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.catalogue.forms import add_service_errors
from simpul.core.views import provenance_for

from ..forms_curation import ReviewForm
from ..models import Application
from ..selectors import applicants as selectors
from ..services.curation import review_submit


class PanelMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Outside panelists, and office staff who sit on at least one panel."""

    def test_func(self) -> bool:
        user = self.request.user
        if user.is_panelist:
            return True
        return user.is_office_staff and user.panel_stages.exists()


class PanelView(PanelMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        queue = selectors.panel_queue(user=request.user)
        context = {"queue": queue, "left": sum(1 for item in queue if not item.reviewed)}
        return render(request, "programmes/curation/panel.html", context)


class ReviewView(PanelMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        application = selectors.panel_application_get(user=request.user, key=key)
        return self.render(request, application, self.form(request, application))

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        application = selectors.panel_application_get(user=request.user, key=key)
        form = self.form(request, application, data=request.POST)
        if form.is_valid():
            try:
                review_submit(
                    provenance=provenance_for(request),
                    application=application,
                    stage=application.stage,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except PermissionDenied as exc:  # moved on between the page and the click
                raise Http404 from exc
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Penilaian untuk %(name)s disimpan.") % {"name": application.enterprise.name},
                )
                return redirect("curation:panel")
        return self.render(request, application, form, status=400)

    def form(self, request: HttpRequest, application: Application, data=None) -> ReviewForm:
        review = selectors.own_review(user=request.user, application=application)
        criteria = list(application.stage.criteria.all())
        return ReviewForm(data, criteria=criteria, review=review)

    def render(
        self, request: HttpRequest, application: Application, form: ReviewForm, status: int = 200
    ) -> HttpResponse:
        context = {
            "panel": selectors.panel_view(application, user=request.user),
            "form": form,
            "reviewed": form.review is not None,
        }
        return render(request, "programmes/curation/review.html", context, status=status)
