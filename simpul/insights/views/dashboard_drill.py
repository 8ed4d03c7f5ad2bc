"""The enterprises behind one number of the dashboard, at /kelola/wawasan/daftar/
?wilayah=&tahun=&angka=[&faset=&nilai=] (the Drill the number carries). Malformed
parameters are a 400 with an Indonesian message; a region outside the user's jurisdiction,
or one that does not exist, is a 404 (like every other record outside the scope)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from simpul.core.pagination import paginate_keyset
from simpul.core.views import StaffRequiredMixin, scope_for
from simpul.insights import selectors as s
from simpul.insights.definitions import DEFINITIONS
from simpul.insights.selectors.labels import labels
from simpul.regions.models import Region

from .dashboard import bad_request
from .dashboard_params import BadParams, dashboard_url, drill_query, read_drill

PER_PAGE = 50
MEASURE_LABELS = {
    "registered": gettext_lazy("IKM terdaftar sampai akhir %(y)s"),
    "verified": gettext_lazy("IKM terverifikasi pada akhir %(y)s"),
    "new_registered": gettext_lazy("IKM baru terdaftar pada %(y)s"),
    "new_verified": gettext_lazy("IKM terverifikasi baru pada %(y)s"),
    "active": gettext_lazy("IKM aktif %(y)s (melapor untuk %(y)s atau tahun sebelumnya)"),
    "reporting": gettext_lazy("IKM terverifikasi yang melapor angka tahunan %(y)s"),
    "reached": gettext_lazy("IKM terjangkau program %(y)s"),
    "completed": gettext_lazy("IKM yang menyelesaikan program %(y)s"),
    "sales_fall": gettext_lazy("IKM dengan penjualan turun dua tahun berturut-turut sampai %(y)s"),
}
MEASURE_DEFINITIONS = {
    "reporting": "figures",
    "reached": "reach",
    "completed": "reach",
}
FACET_NAMES = {
    "gp": gettext_lazy("Golongan pokok KBLI"),
    "size_perm": gettext_lazy("Kelas usaha (Permenperin 64/2016)"),
    "size_pp7": gettext_lazy("Kelas usaha (PP 7/2021)"),
    "owner_gender": gettext_lazy("Jenis kelamin pemilik"),
    "area": gettext_lazy("Desa/kelurahan"),
    "gp_size_perm": gettext_lazy("Golongan pokok × kelas usaha (Permenperin 64/2016)"),
    "gp_size_pp7": gettext_lazy("Golongan pokok × kelas usaha (PP 7/2021)"),
}


def facet_label(facet: str, value: str) -> str:
    if facet in ("gp_size_perm", "gp_size_pp7"):
        gp, _sep, size = value.partition("|")
        return f"{labels('gp', [gp])[gp]} · {labels(facet[3:], [size])[size]}"
    return labels(facet, [value])[value]


class DrillView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        scope = scope_for(request)
        try:
            drill = read_drill(request)
        except BadParams as exc:
            return bad_request(request, exc)
        region = Region.objects.filter(code=drill.region).first() if drill.region else None
        if not scope.covers_region(drill.region) or (drill.region and region is None):
            raise Http404
        rows = s.drill_list(scope=scope, drill=drill).select_related("village", "kbli")
        page = paginate_keyset(
            rows, ordering=["name", "pk"], cursor=request.GET.get("c"), per_page=PER_PAGE
        )
        # Back to the dashboard of the region (a village's list goes back to its district).
        back = drill.region[:8] if len(drill.region) > 8 else drill.region
        definition = DEFINITIONS.get(MEASURE_DEFINITIONS.get(drill.measure, drill.measure))
        context = {
            "drill": drill,
            "title": MEASURE_LABELS[drill.measure] % {"y": drill.year},
            "region_name": region.name if region else _("Nasional"),
            "facet_name": FACET_NAMES.get(drill.facet, ""),
            "facet_label": facet_label(drill.facet, drill.value) if drill.facet else "",
            "definition": definition,
            "page": page,
            "query": drill_query(drill),
            "back": dashboard_url(back, drill.year),
        }
        return render(request, "insights/dashboard/drill.html", context)
