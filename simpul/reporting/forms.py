"""Thin forms: they read what people type (Rupiah the Indonesian way, whole numbers) and
hand it to the services, which decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.core.forms import RupiahField
from simpul.regions.selectors import region_children

from .choices import FigureStatus
from .selectors import last_completed_year
from .services import MIN_YEAR

RUPIAH_HELP = _("Tulis misalnya 1.500.000 atau 2,5 jt.")


class OptionalRupiahField(RupiahField):
    """An empty box means 'not reported' (None), not Rp0: a blank export value must not
    read as a claim of no exports, nor a blank production value trip a check."""

    def clean(self, value: Any) -> int | None:
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            return None
        return super().clean(value)


def _count_field(label: str, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def _percent_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class YearlyFigureForm(forms.Form):
    workforce_men = _count_field(_("Tenaga kerja laki-laki (orang)"))
    workforce_women = _count_field(_("Tenaga kerja perempuan (orang)"))
    sales_value = RupiahField(label=_("Nilai penjualan setahun (Rp)"), help_text=RUPIAH_HELP)
    online_sales_percent = _percent_field(_("Bagian penjualan online (%)"))
    production_value = OptionalRupiahField(
        label=_("Nilai produksi setahun (Rp)"), required=False, help_text=RUPIAH_HELP
    )
    investment_value = OptionalRupiahField(
        label=_("Nilai investasi, tanpa tanah dan bangunan (Rp)"),
        required=False,
        help_text=RUPIAH_HELP,
    )
    export_value = OptionalRupiahField(
        label=_("Nilai ekspor setahun (Rp)"),
        required=False,
        help_text=_("Kosongkan bila tidak mengekspor."),
    )
    raw_materials = forms.CharField(label=_("Bahan baku utama"), max_length=300, required=False)
    capacity_use_percent = _percent_field(_("Kapasitas produksi yang terpakai (%)"))

    @classmethod
    def initial_from(cls, figure: Any) -> dict[str, Any]:
        if figure is None:
            return {}
        return {name: getattr(figure, name) for name in cls.base_fields}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Terima")), ("question", _("Tanyakan"))])
    note = forms.CharField(
        label=_("Catatan untuk pemilik (wajib bila ditanyakan)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QueueFilterForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*FigureStatus.choices, ("semua", _("Semua status"))],
    )


class FigureImportForm(forms.Form):
    # An empty file passes the form on purpose: the reader's message for it is clearer.
    file = forms.FileField(
        label=_("Berkas laporan tahunan (.xlsx, .xls, .ods atau .csv)"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )
    action = forms.ChoiceField(
        choices=[("check", _("Periksa dulu")), ("save", _("Impor"))], initial="check"
    )


class DueFilterForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=MIN_YEAR)
    wilayah = forms.ChoiceField(label=_("Wilayah"), required=False)

    def __init__(self, *args, jurisdiction: str = "", **kwargs) -> None:
        """`jurisdiction`: the office's region code ('' national); its child regions are
        the choices, so a province's list can be taken regency by regency."""
        super().__init__(*args, **kwargs)
        children = region_children(parent_code=jurisdiction or None)
        self.fields["wilayah"].choices = [("", _("Seluruh wilayah kerja"))] + [
            (region.code, region.name) for region in children
        ]

    def clean_tahun(self) -> int | None:
        # A year still running is not due yet; its list could not be imported back either.
        year = self.cleaned_data["tahun"]
        last = last_completed_year()
        if year and year > last:
            raise forms.ValidationError(
                _("Laporan tahun %(y)d belum ditagih; tahun terakhir yang sudah selesai %(last)d.")
                % {"y": year, "last": last}
            )
        return year
