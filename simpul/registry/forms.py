from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.core.forms import (
    DateBox,
    NibField,
    NikField,
    NpwpField,
    PhoneField,
    PostalCodeField,
    RupiahField,
)
from simpul.core.validation import validate_nik
from simpul.kbli.models import Kbli
from simpul.regions.models import Region
from simpul.registry.choices import Gender, LegalForm


def _year_choices_validator(value: int | None) -> None:
    if value is not None and not 1900 <= value <= timezone.localdate().year:
        raise ValidationError(_("Tahun mulai usaha harus antara 1900 dan tahun ini."))


class BusinessForm(forms.Form):
    name = forms.CharField(label=_("Nama usaha"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Bentuk usaha"), choices=LegalForm.choices)
    nib = NibField(
        label=_("NIB (Nomor Induk Berusaha)"),
        required=False,
        help_text=_("13 digit, dari OSS. Kosongkan bila belum punya."),
    )
    npwp = NpwpField(label=_("NPWP usaha"), required=False)
    year_started = forms.IntegerField(
        label=_("Tahun mulai usaha"), required=False, validators=[_year_choices_validator]
    )
    products = forms.CharField(
        label=_("Produk utama"),
        max_length=300,
        help_text=_("Contoh: kopi bubuk robusta, keripik pisang"),
    )
    business_phone = PhoneField(label=_("Telepon/WA usaha"), required=False)
    business_email = forms.EmailField(label=_("E-mail usaha"), required=False)
    publish_contact = forms.BooleanField(
        label=_("Tampilkan telepon usaha di profil publik agar pembeli dapat menghubungi"),
        help_text=_(
            "Jika dicentang, titik lokasi usaha juga tampil tepat di halaman publik; "
            "jika tidak, hanya perkiraan sekitar 1 km."
        ),
        required=False,
    )


class OwnerForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap sesuai KTP"), max_length=150)
    nik = NikField(label=_("NIK (16 digit di KTP)"))
    gender = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=Gender.choices, widget=forms.RadioSelect
    )
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=DateBox())
    phone = PhoneField(label=_("Nomor HP/WA"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, stored_nik: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if stored_nik:
            # The NIK is never sent back to the browser; leaving it empty keeps it.
            self.fields["nik"].required = False
            self.fields["nik"].help_text = _(
                "Tersimpan: %(masked)s. Kosongkan bila tidak berubah."
            ) % {"masked": stored_nik}

    def clean(self):
        data = super().clean()
        nik, gender, birth = data.get("nik"), data.get("gender"), data.get("birth_date")
        if nik and gender and birth:
            try:
                validate_nik(nik, gender=gender, birth_date=birth)
            except ValidationError as exc:
                self.add_error("nik", exc)
        return data


class LocationForm(forms.Form):
    province = forms.CharField(label=_("Provinsi"), required=False)
    regency = forms.CharField(label=_("Kabupaten/Kota"), required=False)
    district = forms.CharField(label=_("Kecamatan"), required=False)
    village = forms.CharField(label=_("Desa/Kelurahan"))
    address = forms.CharField(label=_("Alamat (jalan, RT/RW, dusun)"), max_length=300)
    postal_code = PostalCodeField(label=_("Kode pos"), required=False)
    latitude = forms.DecimalField(
        label=_("Lintang"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-11,
        max_value=6,
    )
    longitude = forms.DecimalField(
        label=_("Bujur"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=94,
        max_value=142,
    )

    def clean_village(self):
        code = self.cleaned_data["village"].strip()
        village = Region.objects.filter(code=code, level=Region.Level.VILLAGE).first()
        if village is None:
            raise ValidationError(_("Pilih desa/kelurahan dari daftar."))
        return village


class ActivityForm(forms.Form):
    kbli = forms.CharField(label=_("KBLI kegiatan utama"))

    def clean_kbli(self):
        code = self.cleaned_data["kbli"].strip()
        kbli = Kbli.objects.filter(code=code, level=Kbli.Level.KELOMPOK).first()
        if kbli is None:
            raise ValidationError(_("Pilih KBLI 5 digit dari hasil pencarian."))
        return kbli


class FiguresForm(forms.Form):
    workers_male = forms.IntegerField(
        label=_("Tenaga kerja laki-laki (orang)"), min_value=0, max_value=100_000, initial=0
    )
    workers_female = forms.IntegerField(
        label=_("Tenaga kerja perempuan (orang)"), min_value=0, max_value=100_000, initial=0
    )
    investment_value = RupiahField(
        label=_("Nilai investasi mesin & peralatan (Rp)"),
        required=False,
        help_text=_("Di luar tanah dan bangunan. Boleh ditulis 25.000.000 atau 25 juta."),
    )
    business_capital = RupiahField(
        label=_("Modal usaha (Rp)"), required=False, help_text=_("Di luar tanah dan bangunan.")
    )
    production_capacity = forms.CharField(
        label=_("Kapasitas produksi"),
        required=False,
        max_length=120,
        help_text=_("Contoh: 500 kg per bulan"),
    )
    production_value = RupiahField(label=_("Nilai produksi per tahun (Rp)"), required=False)
    annual_sales = RupiahField(label=_("Omzet per tahun (Rp)"), required=False)

    def clean(self):
        data = super().clean()
        if (data.get("workers_male") or 0) + (data.get("workers_female") or 0) == 0:
            raise ValidationError(_("Isi jumlah tenaga kerja, termasuk pemilik yang bekerja."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("verify", _("Verifikasi")),
            ("revise", _("Minta perbaikan")),
            ("reject", _("Tolak")),
        ]
    )
    reason = forms.CharField(
        label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
