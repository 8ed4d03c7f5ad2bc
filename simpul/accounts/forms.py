from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import OFFICE_ROLES, User
from simpul.core.forms import PhoneField


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("E-mail atau nomor HP"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("E-mail/nomor HP atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
    }


class SignupForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PhoneField(
        label=_("Nomor HP/WA"),
        required=False,
        help_text=_("Isi e-mail atau nomor HP (atau keduanya)."),
    )
    password = forms.CharField(
        label=_("Kata sandi"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("E-mail ini sudah terdaftar. Silakan masuk."))
        return email or None

    def clean_phone(self):
        phone = self.cleaned_data.get("phone") or None
        if phone and User.objects.filter(phone=phone).exists():
            raise ValidationError(_("Nomor HP ini sudah terdaftar. Silakan masuk."))
        return phone

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("email") and not data.get("phone"):
            raise ValidationError(_("Isi e-mail atau nomor HP."))
        password = data.get("password")
        if password:
            candidate = User(full_name=data.get("full_name", ""), email=data.get("email"))
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class StaffForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Peran"), choices=[c for c in User.Role.choices if c[0] in OFFICE_ROLES]
    )
    password = forms.CharField(label=_("Kata sandi awal"), widget=forms.PasswordInput)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("E-mail ini sudah dipakai akun lain."))
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password
