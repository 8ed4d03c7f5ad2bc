"""The regional dashboard (issue 6, item 3) at /kelola/wawasan/?wilayah=<code>&tahun=<year>:
headline numbers, the spread over the child regions, mixes, five-year charts, IKM whose
sales fell twice, and definitions. Every number links to the enterprises behind it
(`insights:drill`). Everything is read through the insights selectors, i.e. from the
rollup tables; the page's query count is bounded (a test holds it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from simpul.core.money import format_rupiah_short
from simpul.core.scope import RegionScope
from simpul.core.views import StaffRequiredMixin, scope_for
from simpul.insights import selectors as s
from simpul.insights.charts import Series, column_chart, sales_workforce_chart
from simpul.insights.definitions import DEFINITIONS
from simpul.insights.models import FigureRollup
from simpul.insights.selectors.base import percent
from simpul.insights.selectors.counts import Cube
from simpul.insights.selectors.figures import figure_sums
from simpul.programmes.choices import TargetIndicator
from simpul.regions.models import Region

from .dashboard_params import BadParams, dashboard_url, drill_url, read_region, read_year

SERIES_YEARS = 5
GP_TOP = 10
SALES_FALL_SHOWN = 5
LEVEL_NAMES = {
    0: gettext_lazy("Nasional"),
    2: gettext_lazy("Provinsi"),
    5: gettext_lazy("Kabupaten/Kota"),
    8: gettext_lazy("Kecamatan"),
    13: gettext_lazy("Desa/Kelurahan"),
}


def num(value: int | Decimal | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return number_format(value, decimal_pos=decimals or None, force_grouping=True)


def pct(value: Decimal | None) -> str:
    return "–" if value is None else f"{num(value, 1)} %"


@dataclass
class Tile:
    key: str
    label: str
    value: str
    url: str | None = None
    notes: list[tuple[str, str | None]] = field(default_factory=list)  # (text, link)
    progress: object | None = None  # programmes' TargetProgress


@dataclass
class Bar:
    code: str
    label: str
    count: int
    percent: Decimal | None
    width: float  # 0–100, relative to the largest bar
    url: str | None  # the enterprises behind the count
    dashboard: str | None = None  # the child's own dashboard


def bars(parts: list[s.Part], *, dashboards: bool = False, year: int = 0) -> list[Bar]:
    top = max((p.count for p in parts), default=0)
    return [
        Bar(
            code=p.value,
            label=p.label,
            count=p.count,
            percent=p.percent,
            width=round(p.count * 100 / top, 1) if top else 0,
            url=drill_url(p.drill) if p.count else None,
            dashboard=dashboard_url(p.value, year) if dashboards else None,
        )
        for p in parts
    ]


def gp_bars(mix: s.Mix) -> list[Bar]:
    """The ten largest golongan pokok, then one bar for all the others (no single list
    stands behind it, so it has no link)."""
    shown = bars(mix.parts[:GP_TOP])
    rest = mix.parts[GP_TOP:]
    if rest:
        count = sum(p.count for p in rest)
        top = max(b.count for b in shown)
        label = _("Lainnya (%(n)s golongan pokok)") % {"n": len(rest)}
        width = round(count * 100 / top, 1) if top else 0
        shown.append(Bar("", label, count, percent(count, mix.total), width, None))
    return shown


def years_with_data(cube: Cube, region: str) -> list[int]:
    years = {ry for _v, _s, ry, _vy, n in cube.rows["all"] if n and ry}
    years |= {vy for _v, _s, _ry, vy, n in cube.rows["all"] if n and vy}
    rows = FigureRollup.objects.filter(region_code=region, reporting__gt=0)
    years |= set(rows.values_list("year", flat=True).distinct())
    this_year = timezone.localdate().year
    return sorted((y for y in years if y <= this_year), reverse=True)


def breadcrumb(scope: RegionScope, region: str, year: int) -> list[dict]:
    codes = [region[:n] for n in (2, 5, 8) if len(region) >= n]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    crumbs = [{"code": "", "name": _("Nasional"), "level": LEVEL_NAMES[0]}]
    crumbs += [{"code": c, "name": names.get(c, c), "level": LEVEL_NAMES[len(c)]} for c in codes]
    for crumb in crumbs:
        linked = scope.covers_region(crumb["code"]) and crumb["code"] != region
        crumb["url"] = dashboard_url(crumb["code"], year) if linked else None
    return crumbs


def hhi_words(hhi: Decimal | None) -> str:
    """The usual reading of an HHI (the competition-policy thresholds)."""
    if hhi is None:
        return ""
    if hhi < 1500:
        return _("Di sini: tersebar.")
    if hhi <= 2500:
        return _("Di sini: agak terpusat.")
    return _("Di sini: terpusat.")


def headline(c, f, reach, targets, region: str, year: int) -> list[Tile]:
    reporting = s.Drill(region, "reporting", year)
    reporting_note = (
        _("dari %(n)s IKM yang melapor") % {"n": num(f.reporting)},
        drill_url(reporting),
    )
    growth_target = next(
        (p for p in targets if p.target.indicator == TargetIndicator.GROWTH_PCT), None
    )
    growth_notes = [
        (
            _("akhir %(y)s: %(n)s IKM terverifikasi")
            % {"y": year - 1, "n": num(c.verified_previous)},
            drill_url(s.Drill(region, "verified", year - 1)),
        )
    ]
    if growth_target is not None:
        growth_notes.append(
            (_("target %(v)s %%") % {"v": num(growth_target.target.value, 1)}, None)
        )
    women = f.workforce_women
    online = f.online_share.value
    return [
        Tile(
            "registered", _("IKM terdaftar"), num(c.registered.value), drill_url(c.registered.drill)
        ),
        Tile(
            "verified",
            _("IKM terverifikasi"),
            num(c.verified.value),
            drill_url(c.verified.drill),
            [
                (
                    _("terdaftar, belum/tidak terverifikasi: %(n)s")
                    % {"n": num(c.registered.value - c.verified.value)},
                    None,
                )
            ],
        ),
        Tile(
            "active",
            _("IKM aktif"),
            num(f.active.value),
            drill_url(f.active.drill),
            [
                (
                    _("%(n)s melapor untuk %(y)s") % {"n": num(f.reporting), "y": year},
                    drill_url(reporting),
                )
            ],
        ),
        Tile(
            "new",
            _("IKM baru terdaftar %(y)s") % {"y": year},
            num(c.new_registered.value),
            drill_url(c.new_registered.drill),
            [
                (
                    _("terverifikasi baru: %(n)s") % {"n": num(c.new_verified.value)},
                    drill_url(c.new_verified.drill),
                )
            ],
        ),
        Tile(
            "growth",
            _("Pertumbuhan IKM terverifikasi"),
            pct(c.growth.value),
            None,
            growth_notes,
            growth_target,
        ),
        Tile(
            "workforce",
            _("Tenaga kerja (orang)"),
            num(f.workforce),
            drill_url(reporting),
            [
                (
                    _("perempuan %(n)s (%(p)s)")
                    % {"n": num(women), "p": pct(percent(women, f.workforce))},
                    None,
                ),
                reporting_note,
            ],
        ),
        Tile(
            "investment",
            _("Investasi"),
            format_rupiah_short(f.investment_value),
            drill_url(reporting),
            [reporting_note],
        ),
        Tile(
            "production",
            _("Nilai produksi per tahun"),
            format_rupiah_short(f.production_value),
            drill_url(reporting),
            [reporting_note],
        ),
        Tile(
            "sales",
            _("Penjualan per tahun"),
            format_rupiah_short(f.sales_value),
            drill_url(reporting),
            [(_("online %(p)s") % {"p": pct(online)}, None), reporting_note],
        ),
        Tile(
            "exports",
            _("Ekspor per tahun"),
            format_rupiah_short(f.export_value),
            drill_url(reporting),
            [reporting_note],
        ),
        Tile(
            "women_owned",
            _("IKM milik perempuan"),
            pct(c.women_owned.value),
            drill_url(c.women_owned.drill),
            [
                (
                    _("dari %(n)s IKM terverifikasi") % {"n": num(c.verified.value)},
                    drill_url(c.verified.drill),
                )
            ],
        ),
        Tile(
            "reach",
            _("IKM terjangkau program %(y)s") % {"y": year},
            num(reach.reached.value),
            drill_url(reach.reached.drill),
            [
                (
                    _("selesai: %(n)s") % {"n": num(reach.completed.value)},
                    drill_url(reach.completed.drill),
                )
            ],
        ),
    ]


def series(cube: Cube, region: str, year: int) -> dict:
    years = list(range(year - SERIES_YEARS + 1, year + 1))
    labels = [str(y) for y in years]
    stock = column_chart(
        labels,
        [
            Series(_("terdaftar"), [cube.total("registered", y) for y in years]),
            Series(_("terverifikasi"), [cube.total("verified", y) for y in years]),
        ],
        description=_(
            "Jumlah IKM terdaftar dan terverifikasi pada akhir tahun %(a)s–%(b)s; %(b)s: "
            "%(r)s terdaftar, %(v)s terverifikasi."
        )
        % {
            "a": years[0],
            "b": year,
            "r": num(cube.total("registered", year)),
            "v": num(cube.total("verified", year)),
        },
    )
    new = column_chart(
        labels,
        [
            Series(_("baru terdaftar"), [cube.total("new_registered", y) for y in years]),
            Series(_("terverifikasi baru"), [cube.total("new_verified", y) for y in years]),
        ],
        description=_(
            "IKM baru per tahun %(a)s–%(b)s; %(b)s: %(r)s baru terdaftar, %(v)s terverifikasi baru."
        )
        % {
            "a": years[0],
            "b": year,
            "r": num(cube.total("new_registered", year)),
            "v": num(cube.total("new_verified", year)),
        },
    )
    sums = figure_sums(region, years)

    def total(y: int, measure: str) -> int | None:
        cells = sums[y].values()
        if not any(c["reporting"] for c in cells):
            return None
        return sum(c[measure] for c in cells)

    sales = [total(y, "sales_value") for y in years]
    # A workforce of 0 from reporting IKM means nobody filled it in: drawn as "–", not 0.
    workforce = [
        None
        if not total(y, "workforce_men") and not total(y, "workforce_women")
        else total(y, "workforce_men") + total(y, "workforce_women")
        for y in years
    ]
    return {"stock": stock, "new": new, "sales": sales_workforce_chart(years, sales, workforce)}


class DashboardView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        scope = scope_for(request)
        try:
            region = read_region(request)
            if request.GET.get("tahun", "").strip():
                read_year(request)  # a malformed year is a 400 before anything is read
        except BadParams as exc:
            return bad_request(request, exc)
        region = s.region_in_scope(scope, region)
        cube = Cube(region)
        years = years_with_data(cube, region)
        year = read_year(request, default=years[0] if years else None)
        if year not in years:
            years = sorted({*years, year}, reverse=True)
        counts = s.count_indicators(scope=scope, region=region, year=year)
        figures = s.figure_indicators(scope=scope, region=region, year=year)
        reach = s.programme_reach(scope=scope, region=region, year=year)
        targets = s.target_progress(scope=scope, region=region, year=year)
        spread = s.distribution(scope=scope, region=region, year=year)
        crumbs = breadcrumb(scope, region, year)
        children_are_dashboards = len(region) < 8
        mixes = counts.mixes
        context = {
            "region": region,
            "region_name": crumbs[-1]["name"],
            "level_name": crumbs[-1]["level"],
            "year": year,
            "years": years,
            "crumbs": crumbs,
            "tiles": headline(counts, figures, reach, targets, region, year),
            "targets": targets,
            "spread": spread,
            "children": bars(spread.children, dashboards=children_are_dashboards, year=year),
            "children_are_dashboards": children_are_dashboards,
            "hhi_even": Decimal(10000) / len(spread.children) if spread.children else None,
            "hhi_words": hhi_words(spread.hhi),
            "child_level": LEVEL_NAMES[{0: 2, 2: 5, 5: 8, 8: 13}[len(region)]],
            "area": bars(mixes["area"].parts),
            "size_perm": bars(mixes["size_perm"].parts),
            "size_pp7": bars(mixes["size_pp7"].parts),
            "gp": gp_bars(mixes["gp"]),
            "mixes": mixes,
            "charts": series(cube, region, year),
            "sales_fall_count": s.sales_fall_count(scope=scope, region=region, year=year),
            "sales_fall_url": drill_url(s.Drill(region, "sales_fall", year)),
            "sales_fall_years": [str(y) for y in (year - 2, year - 1, year)],
            "sales_fall": [
                {
                    "id": r.enterprise_id,
                    "name": r.name,
                    "cells": [
                        (str(y), format_rupiah_short(v))
                        for y, v in zip((year - 2, year - 1, year), r.sales, strict=True)
                    ],
                }
                for r in sales_fall_sample(scope, region, year)
            ],
            "definitions": [str(text) for text in DEFINITIONS.values()],
            "query": f"wilayah={region}&tahun={year}",
        }
        return render(request, "insights/dashboard/page.html", context)


def bad_request(request: HttpRequest, exc: BadParams) -> HttpResponse:
    return render(request, "insights/dashboard/bad_request.html", {"message": str(exc)}, status=400)


def sales_fall_sample(scope, region: str, year: int) -> list:
    """The first names under the count, for a regency or a district only: the list is
    read from the yearly figures themselves, which is cheap for a regency and not for a
    province or the nation (their count, from the rollups, links to the full list)."""
    if len(region) < 5:
        return []
    return s.sales_fell_twice(scope=scope, region=region, year=year, limit=SALES_FALL_SHOWN)
