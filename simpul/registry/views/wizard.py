"""The mobile-first registration form: business → owner → location → activity → figures →
review. Each step saves the draft through the services, so an owner on a patchy
connection loses at most the step on screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from simpul.core.views import provenance_for, scope_for
from simpul.kbli.selectors import kbli_get
from simpul.regions.pickers import picker_levels
from simpul.regions.selectors import region_path
from simpul.registry import forms as f
from simpul.registry import selectors, services
from simpul.registry.models import Enterprise
from simpul.registry.services.permissions import can_edit
from simpul.registry.sizeclass import classify_permenperin, classify_pp7


@dataclass(frozen=True)
class Step:
    number: int
    title: Any
    form_class: type[forms.Form] | None


STEPS = [
    Step(1, gettext_lazy("Usaha"), f.BusinessForm),
    Step(2, gettext_lazy("Pemilik"), f.OwnerForm),
    Step(3, gettext_lazy("Lokasi"), f.LocationForm),
    Step(4, gettext_lazy("Kegiatan"), f.ActivityForm),
    Step(5, gettext_lazy("Angka usaha"), f.FiguresForm),
    Step(6, gettext_lazy("Periksa & ajukan"), None),
]
BUSINESS_FIELDS = list(f.BusinessForm.base_fields)
LOCATION_FIELDS = ["village", "address", "postal_code", "latitude", "longitude"]
FIGURE_FIELDS = list(f.FiguresForm.base_fields)


def _initial(enterprise: Enterprise | None, step: int) -> dict[str, Any]:
    if enterprise is None:
        return {}
    if step == 1:
        return {k: getattr(enterprise, k) for k in BUSINESS_FIELDS}
    if step == 2:
        o = enterprise.owner
        return {
            "full_name": o.full_name,
            "gender": o.gender,
            "birth_date": o.birth_date,
            "phone": o.phone,
            "email": o.email,
        }
    if step == 3:
        data = {k: getattr(enterprise, k) for k in LOCATION_FIELDS[1:]}
        data["village"] = enterprise.village_id or ""
        return data
    if step == 4:
        return {"kbli": enterprise.kbli_id or ""}
    return {k: getattr(enterprise, k) for k in FIGURE_FIELDS}


def _form_kwargs(enterprise: Enterprise | None, step: int) -> dict[str, Any]:
    if step == 2 and enterprise is not None and enterprise.owner is not None:
        return {"stored_nik": enterprise.owner.nik_masked}
    return {}


def _save(request: HttpRequest, enterprise: Enterprise | None, step: int, data: dict) -> Enterprise:
    provenance = provenance_for(request)
    if enterprise is None:
        return services.enterprise_create_draft(provenance=provenance, registration_step=2, **data)
    if step == 2:
        services.enterprise_owner_save(enterprise=enterprise, provenance=provenance, **data)
        data = {}
    data["registration_step"] = max(enterprise.registration_step, step + 1)
    return services.enterprise_update(enterprise=enterprise, provenance=provenance, data=data)


class RegistrationStepView(LoginRequiredMixin, View):
    template_name = "registry/wizard.html"

    def _load(self, request: HttpRequest, pk: int | None) -> Enterprise | None:
        if pk is None:
            return None
        enterprise = selectors.enterprise_get(scope=scope_for(request), pk=pk)
        if not can_edit(request.user, enterprise):
            raise Http404
        return enterprise

    def _step(self, number: int) -> Step:
        if not 1 <= number <= len(STEPS):
            raise Http404
        return STEPS[number - 1]

    def get(self, request: HttpRequest, pk: int | None = None, step: int = 1) -> HttpResponse:
        enterprise = self._load(request, pk)
        current = self._step(step)
        form = (
            current.form_class(initial=_initial(enterprise, step), **_form_kwargs(enterprise, step))
            if current.form_class
            else None
        )
        return self._render(request, enterprise, current, form)

    def post(self, request: HttpRequest, pk: int | None = None, step: int = 1) -> HttpResponse:
        enterprise = self._load(request, pk)
        current = self._step(step)
        if current.form_class is None:
            return self._submit(request, enterprise, current)
        form = current.form_class(request.POST, **_form_kwargs(enterprise, step))
        if form.is_valid():
            try:
                enterprise = _save(request, enterprise, step, dict(form.cleaned_data))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Tersimpan."))
                return redirect("registry:wizard", pk=enterprise.pk, step=step + 1)
        return self._render(request, enterprise, current, form, status=400)

    def _submit(self, request, enterprise, current) -> HttpResponse:
        try:
            services.enterprise_submit(enterprise=enterprise, provenance=provenance_for(request))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self._render(request, enterprise, current, None, status=400)
        messages.success(request, _("Pendaftaran diajukan. Petugas Dinas akan memeriksanya."))
        return redirect("registry:detail", pk=enterprise.pk)

    def _render(self, request, enterprise, current, form, status=200) -> HttpResponse:
        context = {"enterprise": enterprise, "step": current, "steps": STEPS, "form": form}
        if current.number == 3:
            selected = (form.data.get("village") if form.is_bound else None) or (
                enterprise.village_id if enterprise else ""
            )
            errors = form.errors if form is not None and form.is_bound else None
            context["location_levels"] = picker_levels(selected=selected or "", errors=errors)
        if current.number == 4 and form is not None:
            code = form.data.get("kbli") if form.is_bound else form.initial.get("kbli")
            context["current_kbli"] = kbli_get(code) if code else None
        if enterprise is not None and current.number == 6:
            context.update(review_context(enterprise))
        return render(request, self.template_name, context, status=status)


def profile_context(enterprise: Enterprise) -> dict[str, Any]:
    """What every page showing an enterprise needs: where it is and its size class."""
    return {
        "region_path": region_path(enterprise.village_id or ""),
        "size_permenperin": classify_permenperin(
            workers=enterprise.workers_total, investment=enterprise.investment_value
        ),
        "size_pp7": classify_pp7(
            capital=enterprise.business_capital, sales=enterprise.annual_sales
        ),
    }


def review_context(enterprise: Enterprise) -> dict[str, Any]:
    """The profile plus what is still missing before submission (not for public pages)."""
    return {**profile_context(enterprise), "missing": services.missing_for_submission(enterprise)}
