from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ProgrammeKind, TargetIndicator


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    indicator = forms.ChoiceField(label=_("Indikator"), choices=TargetIndicator.choices)
    programme_kind = forms.ChoiceField(
        label=_("Jenis program (untuk IKM difasilitasi)"),
        choices=[("", _("Semua jenis")), *ProgrammeKind.choices],
        required=False,
    )
    value = forms.DecimalField(
        label=_("Target"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Jumlah IKM, atau persen untuk pertumbuhan (mis. 14)."),
    )
