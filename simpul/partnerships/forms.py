"""Forms of the partnerships pages. They read and tidy what was typed; the services
decide (permissions, allowed moves) and their ValidationErrors land on the same fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.catalogue.choices import CertificationKind
from simpul.core.forms import DateBox, RupiahField
from simpul.regions.models import Region

from .choices import MatchStatus, NeedPeriod, PartnerKind


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        indent = "— " if obj.level == Region.Level.REGENCY else ""
        return f"{indent}{obj.name}"


def _regions() -> RegionChoiceField:
    regions = Region.objects.filter(
        Q(level=Region.Level.PROVINCE) | Q(level=Region.Level.REGENCY)
    ).order_by("code")
    return RegionChoiceField(queryset=regions, required=False)


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Nama mitra"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis mitra"), choices=PartnerKind.choices)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    region = _regions()
    website = forms.URLField(
        label=_("Situs web"), max_length=200, required=False, assume_scheme="https"
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].label = _("Lokasi (provinsi atau kabupaten/kota)")


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Nama kontak"), max_length=150)
    email = forms.EmailField(label=_("E-mail kontak"))


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Judul kebutuhan"), max_length=200)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    keywords = forms.CharField(
        label=_("Kata kunci produk"),
        max_length=200,
        required=False,
        help_text=_("Mis. kopi robusta bubuk"),
    )
    kbli_prefixes = forms.CharField(
        label=_("Awalan KBLI"),
        max_length=60,
        required=False,
        help_text=_("Mis. 10 (industri makanan) atau 10761, 11; kosongkan bila bebas."),
    )
    volume = forms.IntegerField(label=_("Volume"), min_value=1, max_value=2_000_000_000)
    unit = forms.CharField(label=_("Satuan"), max_length=30, help_text=_("Mis. kg, pcs, liter"))
    period = forms.ChoiceField(label=_("Periode"), choices=NeedPeriod.choices)
    region = _regions()
    certifications = forms.MultipleChoiceField(
        label=_("Sertifikat wajib"),
        choices=CertificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needed_by = forms.DateField(
        label=_("Dibutuhkan paling lambat"),
        required=False,
        widget=DateBox(),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].label = _("Wilayah pemasok")
        self.fields["region"].help_text = _("Kosongkan bila pemasok boleh dari mana saja.")


class IntroduceForm(forms.Form):
    enterprise = forms.CharField(max_length=8, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("Status baru"), choices=MatchStatus.choices)
    contract_value = RupiahField(
        label=_("Nilai kontrak"),
        required=False,
        help_text=_("Wajib untuk status Kontrak, mis. 25 juta"),
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_contract_value(self) -> int | None:
        value = self.cleaned_data.get("contract_value")
        if value is not None and value < 0:
            raise ValidationError(_("Nilai kontrak tidak boleh negatif."))
        return value or None
