"""Everything the report prints, read once from the indicator selectors (rollups, plus the
two direct queries the selectors themselves make: programme reach and sales falls) and
handed to both writers, so the workbook and the PDF cannot disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from simpul.accounts.models import Office
from simpul.core.scope import RegionScope
from simpul.insights import selectors as s
from simpul.insights.definitions import DEFINITIONS
from simpul.insights.selectors.counts import Cube, growth
from simpul.programmes.selectors.targets import TargetProgress
from simpul.regions.models import Region

SERIES_YEARS = 5
SALES_FALL_LIMIT = 500
NAMES_ELSEWHERE = _l(
    "Nama-nama IKM tercantum di laporan kabupaten/kota atau kecamatan, dan di dasbor."
)

# Order and headings of the definitions section.
DEFINITION_TITLES = [
    ("registered", _l("IKM terdaftar")),
    ("verified", _l("IKM terverifikasi")),
    ("new_registered", _l("IKM baru terdaftar")),
    ("new_verified", _l("IKM terverifikasi baru")),
    ("growth", _l("Pertumbuhan")),
    ("women_owned", _l("IKM milik perempuan")),
    ("active", _l("IKM aktif")),
    ("distribution", _l("Sebaran dan indeks")),
    ("area", _l("Desa/kelurahan")),
    ("size_perm", _l("Kelas usaha (Permenperin)")),
    ("size_pp7", _l("Kelas usaha (PP 7/2021)")),
    ("gp", _l("Golongan pokok KBLI")),
    ("figures", _l("Angka tahunan")),
    ("online_share", _l("Bagian penjualan online")),
    ("reach", _l("Jangkauan program")),
    ("sales_fall", _l("Penjualan turun dua periode")),
]


@dataclass(frozen=True)
class Headline:
    label: str
    value: int | Decimal | None
    unit: str
    target: Decimal | None = None  # the office's target for the year, if any
    target_percent: Decimal | None = None  # actual as a share of the target
    expected_percent: Decimal | None = None


@dataclass(frozen=True)
class YearRow:
    year: int
    registered: int
    verified: int
    new_registered: int
    new_verified: int
    growth: Decimal | None
    workforce: int
    investment_value: int
    production_value: int
    sales_value: int
    export_value: int


@dataclass(frozen=True)
class FallRow:
    name: str
    public_key: str
    village: str
    sales: tuple[int, int, int]  # Y−2, Y−1, Y


@dataclass(frozen=True)
class ReportData:
    region: str
    region_name: str
    year: int
    office_name: str
    generated_at: dt.datetime
    counts: s.CountIndicators
    figures: s.FigureIndicators
    distribution: s.Distribution
    child_level: str  # "Kabupaten/Kota", "Kecamatan", …
    reach: s.Reach
    targets: list[TargetProgress]
    headlines: list[Headline]
    series: list[YearRow]
    sales_falls: list[FallRow] | None  # None: a province or the nation lists no names
    sales_fall_count: int
    definitions: list[tuple[str, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Laporan Perkembangan IKM %(wilayah)s %(tahun)s") % {
            "wilayah": self.region_name,
            "tahun": self.year,
        }

    @property
    def source(self) -> str:
        return _(
            "Registri IKM Simpul IKM: data IKM, laporan angka tahunan dan program; "
            "dihitung dari tabel ringkasan per wilayah pada %(waktu)s WIB."
        ) % {"waktu": self.generated_at.strftime("%d/%m/%Y %H:%M")}

    def mix(self, facet: str) -> s.Mix:
        return self.counts.mixes[facet]


def region_name(code: str) -> str:
    if not code:
        return "Indonesia"
    return Region.objects.only("name").get(code=code).name


CHILD_LEVEL = {0: "Provinsi", 2: "Kabupaten/Kota", 5: "Kecamatan", 8: "Desa/Kelurahan"}


def _headlines(
    counts: s.CountIndicators, figures: s.FigureIndicators, reach: s.Reach, targets
) -> list[Headline]:
    by_indicator = {t.target.indicator: t for t in targets if not t.target.programme_kind}

    def line(label, value, unit, target_key=""):
        t = by_indicator.get(target_key)
        if t is None:
            return Headline(label, value, unit)
        return Headline(label, value, unit, t.target.value, t.percent, t.expected_percent)

    return [
        line(_("IKM terdaftar"), counts.registered.value, "IKM"),
        line(_("IKM terverifikasi"), counts.verified.value, "IKM"),
        line(_("IKM baru terdaftar"), counts.new_registered.value, "IKM", "new_registered"),
        line(_("IKM terverifikasi baru"), counts.new_verified.value, "IKM", "verified"),
        line(_("Pertumbuhan IKM terverifikasi"), counts.growth.value, "%", "growth_pct"),
        line(_("IKM milik perempuan"), counts.women_owned.value, "%"),
        line(_("IKM aktif"), figures.active.value, "IKM"),
        line(_("IKM difasilitasi program"), reach.reached.value, "IKM", "facilitated"),
    ]


def _series(scope: RegionScope, region: str, year: int) -> list[YearRow]:
    cube = Cube(region)
    rows = []
    for y in range(year - SERIES_YEARS + 1, year + 1):
        f = s.figure_indicators(scope=scope, region=region, year=y)
        rows.append(
            YearRow(
                year=y,
                registered=cube.total("registered", y),
                verified=cube.total("verified", y),
                new_registered=cube.total("new_registered", y),
                new_verified=cube.total("new_verified", y),
                growth=growth(cube, y)[1].value,
                workforce=f.workforce,
                investment_value=f.investment_value,
                production_value=f.production_value,
                sales_value=f.sales_value,
                export_value=f.export_value,
            )
        )
    return rows


def _falls(scope: RegionScope, region: str, year: int) -> tuple[list[FallRow] | None, int]:
    """The count from the rollups; the names (a query on the yearly figures themselves)
    only for a regency or a district, as on the dashboard. None = not listed here."""
    count = s.sales_fall_count(scope=scope, region=region, year=year)
    if len(region) < len("18.71") or not count:
        return (None if count else []), count
    rows = s.sales_fell_twice(scope=scope, region=region, year=year, limit=SALES_FALL_LIMIT)
    codes = {r.village_id for r in rows if r.village_id}
    villages = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    falls = [FallRow(r.name, r.public_key, villages.get(r.village_id, ""), r.sales) for r in rows]
    return falls, count


def assemble(
    *, scope: RegionScope, region: str, year: int, office: Office | None = None
) -> ReportData:
    """The report of `region` ('' national) for `year`, in Indonesian whatever the
    interface language; Http404 outside the scope."""
    with translation.override("id"):
        return _assemble(scope, region, year, office)


def _assemble(scope: RegionScope, region: str, year: int, office: Office | None) -> ReportData:
    region = s.region_in_scope(scope, region)
    counts = s.count_indicators(scope=scope, region=region, year=year)
    figures = s.figure_indicators(scope=scope, region=region, year=year)
    dist = s.distribution(scope=scope, region=region, year=year)
    reach = s.programme_reach(scope=scope, region=region, year=year)
    targets = s.target_progress(scope=scope, region=region, year=year)
    falls, fall_count = _falls(scope, region, year)
    return ReportData(
        region=region,
        region_name=region_name(region),
        year=year,
        office_name=office.name if office else "",
        generated_at=timezone.localtime(),
        counts=counts,
        figures=figures,
        distribution=dist,
        child_level=CHILD_LEVEL.get(len(region), ""),
        reach=reach,
        targets=targets,
        headlines=_headlines(counts, figures, reach, targets),
        series=_series(scope, region, year),
        sales_falls=falls,
        sales_fall_count=fall_count,
        definitions=[(str(title), str(DEFINITIONS[key])) for key, title in DEFINITION_TITLES],
    )
