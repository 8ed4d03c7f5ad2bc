"""Forms of product management and curation. They check shapes only (a number is a
number, a date a date); what is allowed is decided by the services, whose
ValidationErrors the views put back on these forms (see `add_service_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from simpul.core.forms import DateBox, RupiahField
from simpul.kbli.models import Kbli

from .choices import CertificationKind, Marketplace
from .models import MAX_PHOTOS

_NUMERIC = {"inputmode": "numeric", "autocomplete": "off"}


class OptionalRupiahField(RupiahField):
    """A Rupiah box whose empty value means "no price given" (None), not Rp0."""

    def clean(self, value: Any) -> int | None:
        return forms.CharField.clean(self, value)


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Nama produk"), max_length=150)
    description = forms.CharField(
        label=_("Deskripsi"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bahan, rasa, ukuran, kemasan: apa yang ingin diketahui pembeli."),
    )
    kbli = forms.CharField(label=_("KBLI/kategori"), required=False)
    price_min = OptionalRupiahField(
        label=_("Harga (Rp)"),
        required=False,
        help_text=_("Contoh: 15.000 atau Rp 15 rb."),
    )
    price_max = OptionalRupiahField(
        label=_("Sampai harga (Rp)"),
        required=False,
        help_text=_("Hanya untuk rentang harga."),
    )
    unit = forms.CharField(
        label=_("Satuan"), max_length=30, initial="pcs", help_text=_("pcs, bungkus, kg, lembar…")
    )
    min_order = forms.IntegerField(
        label=_("Pesanan minimum"),
        min_value=1,
        max_value=1_000_000,
        initial=1,
        widget=forms.TextInput(attrs=_NUMERIC),
    )
    production_capacity = forms.CharField(
        label=_("Kapasitas produksi"),
        max_length=120,
        required=False,
        help_text=_("Contoh: 500 bungkus per bulan."),
    )
    weight_grams = forms.IntegerField(
        label=_("Berat (gram)"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        widget=forms.TextInput(attrs=_NUMERIC),
        help_text=_("Berat kirim per satuan; diperlukan marketplace."),
    )
    sku = forms.CharField(label=_("SKU"), max_length=40, required=False)
    stock = forms.IntegerField(
        label=_("Stok"),
        min_value=0,
        max_value=10_000_000,
        required=False,
        widget=forms.TextInput(attrs=_NUMERIC),
    )

    def clean_kbli(self) -> Kbli | None:
        code = self.cleaned_data["kbli"].strip()
        if not code:
            return None
        kbli = Kbli.objects.filter(code=code, level=Kbli.Level.KELOMPOK).first()
        if kbli is None:
            raise ValidationError(_("Pilih KBLI 5 digit dari hasil pencarian."))
        return kbli


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A FileField for `<input multiple>`: cleans to a list of uploads."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class PhotoForm(forms.Form):
    """Several photos at once, straight from the phone's camera or gallery. Each file is
    checked by `services.photo_add`; this form only counts them."""

    photos = MultipleFileField(
        label=_("Tambah foto"),
        widget=MultipleFileInput(attrs={"accept": "image/*", "multiple": True}),
        help_text=_("JPEG, PNG atau WebP, paling besar 10 MB per foto, paling banyak 8 foto."),
    )

    def clean_photos(self) -> list[Any]:
        files = self.cleaned_data["photos"]
        if not files:
            raise ValidationError(_("Pilih sedikitnya satu foto."))
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Paling banyak %(n)d foto sekaligus.") % {"n": MAX_PHOTOS})
        return files


class CertificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=CertificationKind.choices)
    number = forms.CharField(label=_("Nomor sertifikat"), max_length=60)
    issued_on = forms.DateField(label=_("Tanggal terbit"), required=False, widget=DateBox())
    valid_until = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=DateBox(),
    )


class MarketplaceLinkForm(forms.Form):
    url = forms.CharField(
        label=_("Tautan toko atau produk"),
        max_length=500,
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
        help_text=_("Salin dari aplikasi marketplace: Bagikan → Salin tautan."),
    )
    marketplace = forms.ChoiceField(
        label=_("Marketplace"),
        required=False,
        choices=[("", _("Kenali otomatis dari tautan")), *Marketplace.choices],
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan (dibaca pemilik)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CurationFilterForm(forms.Form):
    SHOW_CHOICES = [
        ("publik", _("Tampil publik")),
        ("unggulan", _("Unggulan")),
        ("tersembunyi", _("Disembunyikan")),
    ]
    q = forms.CharField(label=_("Nama produk"), required=False, max_length=100)
    tampil = forms.ChoiceField(label=_("Tampilkan"), choices=SHOW_CHOICES, required=False)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field when the form has
    it, otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
