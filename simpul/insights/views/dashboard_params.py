"""Query parameters of the dashboard and the drill-down list, read strictly: a malformed
value is a 400 with an Indonesian message (never silently another region or year); a
well-formed region outside the user's jurisdiction is left to the selectors' 404."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.insights.selectors import Drill
from simpul.registry.choices import Gender, SizeClassPermenperin, SizeClassPP7

DASHBOARD_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2})?)?$")  # province, regency, district
DRILL_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")  # … or a village
FIRST_YEAR = 2000

# The numbers drill_list knows how to list.
MEASURES = (
    "registered",
    "verified",
    "new_registered",
    "new_verified",
    "active",
    "reporting",
    "reached",
    "completed",
    "sales_fall",
)
_GP = r"(\d{2})?"
_PERM = "|".join(SizeClassPermenperin.values)
_PP7 = "|".join(SizeClassPP7.values)
FACET_VALUES = {
    "gp": re.compile(rf"^{_GP}$"),
    "size_perm": re.compile(rf"^({_PERM})?$"),
    "size_pp7": re.compile(rf"^({_PP7})?$"),
    "owner_gender": re.compile(rf"^({'|'.join(Gender.values)})?$"),
    "area": re.compile(r"^[12]?$"),
    "gp_size_perm": re.compile(rf"^{_GP}\|({_PERM})?$"),
    "gp_size_pp7": re.compile(rf"^{_GP}\|({_PP7})?$"),
}


class BadParams(ValueError):
    """A malformed query parameter; the message is shown to the user."""


def read_region(request: HttpRequest, *, pattern: re.Pattern = DASHBOARD_CODE) -> str:
    """The `wilayah` code, or the user's own jurisdiction when it is empty."""
    region = request.GET.get("wilayah", "").strip()
    if not region:
        return request.user.office.jurisdiction_code
    if not pattern.match(region):
        raise BadParams(
            _(
                "Kode wilayah “%(code)s” tidak dikenali: tulis kode provinsi (18), "
                "kabupaten/kota (18.71) atau kecamatan (18.71.01)."
            )
            % {"code": region[:20]}
        )
    return region


def read_year(request: HttpRequest, default: int | None = None) -> int:
    this_year = timezone.localdate().year
    raw = request.GET.get("tahun", "").strip()
    if not raw:
        return default or this_year
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= this_year:
        raise BadParams(
            _("Tahun “%(year)s” tidak valid: tulis tahun antara %(first)s dan %(last)s.")
            % {"year": raw[:10], "first": FIRST_YEAR, "last": this_year}
        )
    return int(raw)


def read_drill(request: HttpRequest) -> Drill:
    """The Drill encoded by `drill_query`: wilayah, tahun, angka (measure), and optionally
    faset + nilai (one category of a mix)."""
    region = read_region(request, pattern=DRILL_CODE)
    year = read_year(request)
    measure = request.GET.get("angka", "").strip()
    if measure not in MEASURES:
        raise BadParams(
            _("Angka “%(measure)s” tidak dikenali; buka daftar ini dari angka di dasbor.")
            % {"measure": measure[:30]}
        )
    facet = request.GET.get("faset", "").strip()
    value = request.GET.get("nilai", "").strip()
    if facet and facet not in FACET_VALUES:
        raise BadParams(_("Rincian “%(facet)s” tidak dikenali.") % {"facet": facet[:30]})
    if not facet and "nilai" in request.GET:
        raise BadParams(_("Nilai rincian diberikan tanpa jenis rinciannya (faset)."))
    if facet and not FACET_VALUES[facet].match(value):
        raise BadParams(
            _("Nilai “%(value)s” tidak cocok dengan rincian “%(facet)s”.")
            % {"value": value[:30], "facet": facet}
        )
    return Drill(region=region, measure=measure, year=year, facet=facet, value=value)


def drill_query(drill: Drill) -> str:
    params = {"wilayah": drill.region, "tahun": drill.year, "angka": drill.measure}
    if drill.facet:
        params |= {"faset": drill.facet, "nilai": drill.value}
    return urlencode(params)


def drill_url(drill: Drill | None) -> str | None:
    if drill is None:
        return None
    return f"{reverse('insights:drill')}?{drill_query(drill)}"


def dashboard_url(region: str, year: int) -> str:
    return f"{reverse('insights:dashboard')}?{urlencode({'wilayah': region, 'tahun': year})}"
