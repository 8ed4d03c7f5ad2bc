"""Forms of the delivery page (sessions, attendance, scores, outcomes, drop) and of the
follow-up report. They only shape the input; the services in services/delivery.py and
services/outcomes.py decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.core.forms import DateBox, RupiahField

from .choices import OutcomeKind
from .models import Application


class OptionalRupiahField(RupiahField):
    """An empty box stays None (= "not given"), not Rp 0."""

    def clean(self, value: Any) -> int | None:
        return forms.CharField.clean(self, value)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Nama sesi"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Tanggal dan jam"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)


class AttendanceForm(forms.Form):
    """Checkboxes of the programme's selected and participating applicants, by public key."""

    present = forms.MultipleChoiceField(
        label=_("Hadir"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, attending: list[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_key = {a.public_key: a.pk for a in attending}
        self.fields["present"].choices = [(a.public_key, a.enterprise.name) for a in attending]

    def present_ids(self) -> list[int]:
        return [self.by_key[key] for key in self.cleaned_data["present"]]


class ScoresForm(forms.Form):
    pre_test = forms.IntegerField(label=_("Pre-test"), min_value=0, max_value=100, required=False)
    post_test = forms.IntegerField(label=_("Post-test"), min_value=0, max_value=100, required=False)


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan gugur/mundur"),
        max_length=500,
        help_text=_("Dikirim kepada pemilik usaha."),
    )


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis hasil"), choices=OutcomeKind.choices)
    certificate_number = forms.CharField(label=_("Nomor sertifikat"), max_length=80, required=False)
    issued_on = forms.DateField(label=_("Tanggal terbit"), required=False, widget=DateBox())
    machine_value = OptionalRupiahField(label=_("Nilai mesin (Rp)"), required=False)
    reimbursement_value = OptionalRupiahField(
        label=_("Nilai penggantian (Rp)"),
        required=False,
        help_text=_("Kosongkan untuk menghitung menurut aturan program."),
    )
    shop_url = forms.CharField(
        label=_("Alamat toko marketplace"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    contract_value = OptionalRupiahField(label=_("Nilai kontrak (Rp)"), required=False)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpForm(forms.Form):
    monthly_sales = RupiahField(
        label=_("Omzet per bulan (Rp)"), help_text=_("Rata-rata sebulan terakhir, mis. 2,5 juta.")
    )
    workforce = forms.IntegerField(label=_("Jumlah tenaga kerja"), min_value=0, max_value=100000)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
