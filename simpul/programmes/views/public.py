"""The public list of calls (/program/) and one call's page, for owners on their phones:
what the programme offers, who may apply (the rules as sentences), until when, and the
button to apply."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from simpul.core.pagination import paginate_keyset
from simpul.regions.models import Region

from ..choices import ProgrammeKind
from ..models import Programme
from ..rules_text import rule_sentence
from ..selectors import programmes as selectors
from .manage import optional_url

PER_PAGE = 20


class CallFilterForm(forms.Form):
    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis program"),
        required=False,
        choices=[("", gettext_lazy("Semua jenis")), *ProgrammeKind.choices],
    )
    provinsi = forms.ModelChoiceField(
        label=gettext_lazy("Provinsi"),
        required=False,
        queryset=Region.objects.filter(level=Region.Level.PROVINCE).order_by("name"),
        empty_label=gettext_lazy("Semua provinsi"),
    )


def window_text(programme: Programme, today: dt.date) -> str:
    """ "ditutup 5 hari lagi", "ditutup hari ini", "dibuka 3 hari lagi", "sudah ditutup"."""
    if programme.apply_opens > today:
        days = (programme.apply_opens - today).days
        if days == 1:
            return _("dibuka besok")
        return ngettext("dibuka %(n)d hari lagi", "dibuka %(n)d hari lagi", days) % {"n": days}
    if programme.apply_closes < today:
        return _("pendaftaran sudah ditutup")
    days = (programme.apply_closes - today).days
    if days == 0:
        return _("ditutup hari ini")
    if days == 1:
        return _("ditutup besok")
    return ngettext("ditutup %(n)d hari lagi", "ditutup %(n)d hari lagi", days) % {"n": days}


class CallListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        form = CallFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        province = filters.get("provinsi")
        rows = selectors.open_calls(
            today=today,
            kind=filters.get("jenis") or None,
            region=province.code if province else None,
        )
        page = paginate_keyset(
            rows, ordering=selectors.CALL_ORDERING, cursor=request.GET.get("c"), per_page=PER_PAGE
        )
        for programme in page.items:
            programme.window_text = window_text(programme, today)
        query = request.GET.copy()
        query.pop("c", None)
        context = {"form": form, "page": page, "query": query.urlencode(), "today": today}
        return render(request, "programmes/public/list.html", context)


class CallDetailView(View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        today = timezone.localdate()
        programme = selectors.call_get(key)
        is_open = selectors.call_is_open(programme, today)
        context = {
            "p": programme,
            "today": today,
            "window_text": window_text(programme, today),
            "is_open": is_open,
            "rules": [rule_sentence(rule) for rule in programme.rules.all()],
            "apply_url": optional_url("programmes:apply", programme.public_key)
            if is_open
            else None,
        }
        return render(request, "programmes/public/detail.html", context)
