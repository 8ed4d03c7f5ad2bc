from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from simpul.accounts import services
from simpul.accounts.forms import LoginForm, SignupForm, StaffForm
from simpul.accounts.models import User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Where an invited panelist or partner contact chooses a password (the link
    comes from simpul.accounts.links.set_password_url)."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        messages.success(self.request, _("Kata sandi tersimpan. Silakan masuk."))
        return super().form_valid(form)


class SignupView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "accounts/signup.html", {"form": SignupForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SignupForm(request.POST)
        if not form.is_valid():
            return render(request, "accounts/signup.html", {"form": form}, status=400)
        user = services.owner_sign_up(**form.cleaned_data)
        login(request, user, backend="simpul.accounts.backends.EmailOrPhoneBackend")
        messages.success(request, _("Akun dibuat. Sekarang daftarkan usaha Anda."))
        return redirect("registry:start")


class HomeView(LoginRequiredMixin, View):
    """Sends each role to where its work is."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_owner:
            return redirect("registry:mine")
        if request.user.is_office_staff:
            return redirect("targets:home")
        if request.user.is_panelist:
            return redirect("curation:panel")
        if request.user.is_partner:
            return redirect("partnerships:home")
        return redirect("catalogue:search")


class OfficeAdminMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return self.request.user.role == User.Role.OFFICE_ADMIN


class StaffListView(OfficeAdminMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, StaffForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StaffForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        services.staff_create(actor=request.user, office=request.user.office, **form.cleaned_data)
        messages.success(request, _("Staf ditambahkan."))
        return redirect("accounts:staff")

    def _render(self, request, form, status=200):
        staff = User.objects.filter(office=request.user.office).order_by("full_name")
        return render(request, "accounts/staff.html", {"form": form, "staff": staff}, status=status)


class StaffToggleView(OfficeAdminMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        staff = User.objects.filter(pk=pk, office=request.user.office).first()
        if staff is None:
            raise Http404
        services.staff_set_active(actor=request.user, staff=staff, active=not staff.is_active)
        messages.success(request, _("Status akun staf diubah."))
        return redirect("accounts:staff")
