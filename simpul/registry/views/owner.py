from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from simpul.core.views import OwnerRequiredMixin
from simpul.registry import selectors


class MyEnterprisesView(OwnerRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        enterprises = selectors.owner_enterprises(user=request.user).order_by("-id")[:50]
        return render(request, "registry/mine.html", {"enterprises": enterprises})
