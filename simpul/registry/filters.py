import django_filters
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

    def filter_kbli(self, queryset, name, value):
        value = value.strip()
        if len(value) == 5:
            return queryset.filter(kbli_id=value)
        return queryset.filter(kbli__code__startswith=value) if value else queryset
