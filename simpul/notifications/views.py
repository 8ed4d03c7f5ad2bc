from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from simpul.core.pagination import paginate_keyset

from . import selectors, services
from .models import Notification


class InboxView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = paginate_keyset(
            selectors.inbox(user=request.user),
            ordering=["-created_at", "-id"],
            cursor=request.GET.get("c"),
        )
        return render(request, "notifications/inbox.html", {"page": page})


class ReadView(LoginRequiredMixin, View):
    """Marks one message read and follows its link (only a link inside this site)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            note = services.notification_read(user=request.user, notification_id=pk)
        except Notification.DoesNotExist as exc:
            raise Http404 from exc
        safe = url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()})
        return redirect(note.url if note.url and safe else "notifications:inbox")


class ReadAllView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        services.notifications_read_all(user=request.user)
        return redirect("notifications:inbox")
