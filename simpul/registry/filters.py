import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.core.scope import RegionScope, filter_by_region
from simpul.registry.choices import EnterpriseStatus, SizeClassPermenperin, SizeClassPP7
from simpul.registry.models import Enterprise, Sentra


class EnterpriseFilter(django_filters.FilterSet):
    """One filter set for the officer list (and later the API and exports)."""

    q = django_filters.CharFilter(label=_("Cari nama atau NIB"), method="filter_q")
    wilayah = django_filters.CharFilter(label=_("Wilayah"), method="filter_region")
    kbli = django_filters.CharFilter(label=_("KBLI (awalan kode)"), method="filter_kbli")
    status = django_filters.ChoiceFilter(choices=EnterpriseStatus.choices, label=_("Status"))
    kelas = django_filters.ChoiceFilter(
        label=_("Kelas (Permenperin 64/2016)"),
        choices=SizeClassPermenperin.choices,
        field_name="size_class_permenperin",
    )
    kelas_pp7 = django_filters.ChoiceFilter(
        label=_("Kelas (PP 7/2021)"), choices=SizeClassPP7.choices, field_name="size_class_pp7"
    )
    sentra = django_filters.ModelChoiceFilter(
        field_name="sentra", label=_("Sentra"), queryset=Sentra.objects.none()
    )
    tahun_dari = django_filters.NumberFilter(
        field_name="year_started", lookup_expr="gte", label=_("Mulai usaha dari tahun")
    )
    tahun_sampai = django_filters.NumberFilter(
        field_name="year_started", lookup_expr="lte", label=_("sampai tahun")
    )
    # Set by the link "Lihat IKM dari batch ini" on an import batch; kept across the other
    # filters as a hidden field rather than offered as a box to type a key into.
    impor = django_filters.CharFilter(
        label=_("Batch impor"), method="filter_batch", widget=forms.HiddenInput
    )

    class Meta:
        model = Enterprise
        fields = []

    def __init__(self, *args, scope: RegionScope, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the sentra inside the caller's jurisdiction are offered (and accepted).
        self.filters["sentra"].queryset = scope.apply(Sentra.objects.order_by("name"))

    def filter_q(self, queryset, name, value):
        value = value.strip()
        digits = value.replace(" ", "")
        if digits.isdigit() and len(digits) == 13:
            return queryset.filter(nib=digits)
        return queryset.filter(Q(name__icontains=value)) if value else queryset

    def filter_region(self, queryset, name, value):
        return filter_by_region(queryset, value)

    def filter_batch(self, queryset, name, value):
        # Through the reverse relation by name, so the registry need not import the
        # exchange app that depends on it. A semi-join (pk IN …) rather than a join gives
        # each enterprise once without DISTINCT, which keyset paging and counting prefer.
        value = value.strip()
        if not value:
            return queryset
        imported = Enterprise.objects.filter(import_records__batch__key=value).values("pk")
        return queryset.filter(pk__in=imported)

    def import_batch_name(self) -> str:
        """The file name of the batch the list is filtered by, for the notice above the
        list; looked up only among the enterprises the caller may see."""
        key = (self.form.cleaned_data.get("impor") or "").strip() if self.is_valid() else ""
        if not key:
            return ""
        records = Enterprise._meta.get_field("import_records").related_model.objects
        names = records.filter(batch__key=key, enterprise__in=self.qs.values("pk"))
        return names.values_list("batch__file_name", flat=True).first() or ""

    def filter_kbli(self, queryset, name, value):
        value = value.strip()
        if len(value) == 5:
            return queryset.filter(kbli_id=value)
        return queryset.filter(kbli__code__startswith=value) if value else queryset
