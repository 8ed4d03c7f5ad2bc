"""Forms of the officers' programme setup. They check shapes and read Indonesian input
(Rupiah, one item per line); what is allowed is decided by the services, whose
ValidationErrors the views put back on these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import Office, User
from simpul.core.forms import DateBox, RupiahField
from simpul.regions.models import Region
from simpul.registry.choices import SizeClassPermenperin, SizeClassPP7

from .choices import ProgrammeKind, ProgrammeStatus, QuestionKind, RuleKind
from .models import Programme

_NUMERIC = {"inputmode": "numeric", "autocomplete": "off"}


class OptionalRupiahField(RupiahField):
    """A Rupiah box whose empty value means "not set" (None), not Rp0."""

    def clean(self, value: Any) -> int | None:
        return forms.CharField.clean(self, value)


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def regions_within(code: str, *, deepest: int) -> QuerySet[Region]:
    """Regions inside `code` ('' = the whole country) down to level `deepest`."""
    rows = Region.objects.filter(level__lte=deepest)
    if code:
        rows = rows.filter(Q(code=code) | Q(code__startswith=code + "."))
    return rows.order_by("code")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        indent = "\u2003" * (obj.level - 1)  # em spaces show the tree in a plain select
        return f"{indent}{obj.name} ({obj.code})"


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("Nama program"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=ProgrammeKind.choices)
    region = RegionChoiceField(
        label=_("Wilayah program"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("— Seluruh wilayah kerja kantor —"),
        help_text=_("Hanya IKM di wilayah ini yang dapat mendaftar."),
    )
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    required_documents = forms.CharField(
        label=_("Dokumen wajib"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu dokumen per baris, misalnya: Foto KTP pemilik."),
    )
    apply_opens = forms.DateField(label=_("Pendaftaran dibuka"), widget=DateBox())
    apply_closes = forms.DateField(label=_("Pendaftaran ditutup"), widget=DateBox())
    period_start = forms.DateField(label=_("Pelaksanaan mulai"), required=False, widget=DateBox())
    period_end = forms.DateField(label=_("Pelaksanaan selesai"), required=False, widget=DateBox())
    quota = forms.IntegerField(
        label=_("Kuota peserta"), min_value=1, widget=forms.TextInput(attrs=_NUMERIC)
    )
    budget = RupiahField(
        label=_("Anggaran (Rp)"), required=False, help_text=_("Contoh: 150.000.000 atau 150 jt.")
    )
    reimbursement_percent = forms.IntegerField(
        label=_("Penggantian (% harga mesin)"),
        required=False,
        min_value=1,
        max_value=100,
        widget=forms.TextInput(attrs=_NUMERIC),
        help_text=_("Hanya untuk restrukturisasi mesin/peralatan."),
    )
    reimbursement_min = OptionalRupiahField(label=_("Penggantian minimum (Rp)"), required=False)
    reimbursement_max = OptionalRupiahField(label=_("Penggantian maksimum (Rp)"), required=False)

    def __init__(self, *args: Any, office: Office, current: Region | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.office = office
        code = office.jurisdiction_code
        # A regency office may also run a programme for one of its kecamatan.
        deepest = Region.Level.DISTRICT if len(code) == 5 else Region.Level.REGENCY
        queryset = regions_within(code, deepest=deepest)
        if current is not None:
            queryset = queryset | Region.objects.filter(code=current.code)
        self.fields["region"].queryset = queryset.distinct()
        if not code:
            self.fields["region"].empty_label = _("— Nasional (seluruh Indonesia) —")

    def clean_required_documents(self) -> list[str]:
        return lines(self.cleaned_data.get("required_documents", ""))

    def clean_region(self) -> Region | None:
        # Empty means the office's whole jurisdiction (national for Kemenperin).
        return self.cleaned_data.get("region") or self.office.region

    @staticmethod
    def initial_for(programme: Programme) -> dict[str, Any]:
        data = {name: getattr(programme, name) for name in ProgrammeForm.base_fields}
        data["required_documents"] = "\n".join(programme.required_documents or [])
        data["region"] = programme.region_id
        return data


class StaffFilterForm(forms.Form):
    jenis = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua")), *ProgrammeKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua")), *ProgrammeStatus.choices]
    )
    tahun = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs=_NUMERIC),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Pertanyaan"), max_length=300)
    kind = forms.ChoiceField(label=_("Jenis jawaban"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Pilihan jawaban"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hanya untuk jenis pilihan: satu pilihan per baris."),
    )
    required = forms.BooleanField(label=_("Wajib dijawab"), required=False, initial=True)

    def clean_options(self) -> list[str]:
        return lines(self.cleaned_data.get("options", ""))


# Which field of RuleForm holds each kind's values (service errors go there).
RULE_FIELDS: dict[str, str] = {
    RuleKind.SIZE_CLASS_PERMENPERIN: "classes_permenperin",
    RuleKind.SIZE_CLASS_PP7: "classes_pp7",
    RuleKind.KBLI_PREFIX: "prefixes",
    RuleKind.REGION: "region",
    RuleKind.CAPITAL_MAX: "capital_max",
    RuleKind.NO_DOUBLE_AID: "years",
    RuleKind.ANSWER: "accepted",
}


class RuleForm(forms.Form):
    """One form for every rule kind: the kind picks which of the other boxes count."""

    kind = forms.ChoiceField(label=_("Syarat"), choices=RuleKind.choices)
    classes_permenperin = forms.MultipleChoiceField(
        label=_("Kelas usaha (Permenperin 64/2016)"),
        required=False,
        choices=SizeClassPermenperin.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    classes_pp7 = forms.MultipleChoiceField(
        label=_("Kelas usaha (PP 7/2021)"),
        required=False,
        choices=SizeClassPP7.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    prefixes = forms.CharField(
        label=_("Awalan KBLI"), required=False, help_text=_("Pisahkan dengan koma: 10, 11")
    )
    region = RegionChoiceField(label=_("Wilayah"), queryset=Region.objects.none(), required=False)
    capital_max = OptionalRupiahField(label=_("Modal usaha paling banyak (Rp)"), required=False)
    years = forms.IntegerField(
        label=_("Dalam berapa tahun terakhir"),
        required=False,
        widget=forms.TextInput(attrs=_NUMERIC),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Jenis fasilitas yang dihitung"),
        required=False,
        choices=ProgrammeKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan untuk jenis program ini."),
    )
    question = forms.ModelChoiceField(
        label=_("Pertanyaan"), queryset=Programme.objects.none(), required=False
    )
    accepted = forms.CharField(
        label=_("Jawaban yang diterima"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu jawaban per baris; untuk pertanyaan ya/tidak tulis ya atau tidak."),
    )

    def __init__(self, *args: Any, programme: Programme, **kw: Any) -> None:
        super().__init__(*args, **kw)
        code = programme.region_code
        deepest = Region.Level.DISTRICT if code else Region.Level.REGENCY
        self.fields["region"].queryset = regions_within(code, deepest=deepest)
        self.fields["question"].queryset = programme.questions.all()

    def params(self) -> dict[str, Any]:
        """The params of the chosen kind, as the service expects them."""
        data, kind = self.cleaned_data, self.cleaned_data["kind"]
        question = data.get("question")
        builders = {
            RuleKind.SIZE_CLASS_PERMENPERIN: lambda: {"classes": data["classes_permenperin"]},
            RuleKind.SIZE_CLASS_PP7: lambda: {"classes": data["classes_pp7"]},
            RuleKind.KBLI_PREFIX: lambda: {
                "prefixes": [p.strip() for p in data["prefixes"].split(",") if p.strip()]
            },
            RuleKind.REGION: lambda: {"region": data["region"].code if data["region"] else ""},
            RuleKind.CAPITAL_MAX: lambda: {"max": data["capital_max"]},
            RuleKind.NO_DOUBLE_AID: lambda: {"years": data["years"], "kinds": data["kinds"]},
            RuleKind.ANSWER: lambda: {
                "question": question.pk if question else None,
                "accepted": lines(data["accepted"]),
            },
        }
        build = builders.get(kind)
        return build() if build else {}


class StageForm(forms.Form):
    name = forms.CharField(
        label=_("Nama tahap"), max_length=120, help_text=_("Misalnya: Seleksi administrasi.")
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Kriteria"), max_length=160)
    weight = forms.IntegerField(
        label=_("Bobot"),
        min_value=1,
        max_value=100,
        initial=1,
        widget=forms.TextInput(attrs=_NUMERIC),
    )
    max_score = forms.IntegerField(
        label=_("Nilai maksimum"),
        min_value=1,
        max_value=1000,
        initial=10,
        widget=forms.TextInput(attrs=_NUMERIC),
    )


class PanelistAddForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Staf kantor"), queryset=User.objects.none(), empty_label=_("— Pilih staf —")
    )

    def __init__(self, *args: Any, programme: Programme, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["user"].queryset = User.objects.filter(
            office=programme.office, is_active=True
        ).order_by("full_name")


class PanelistInviteForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
