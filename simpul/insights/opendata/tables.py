"""The public aggregate tables, read from the rollups only (never from the registry), with
small-cell suppression applied. No personal data: only region codes and names, KBLI
golongan pokok, size classes, counts and sums.

- `indicators(year)`: per region (national, provinces, regencies) the main indicators.
- `kbli_size(year, regime)`: verified IKM per regency × golongan pokok × size class, with
  the subtotals per golongan pokok and per class and the regency total."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from simpul.insights.models import EnterpriseRollup, FigureRollup
from simpul.insights.selectors.base import MEASURES, VERIFIED, percent
from simpul.kbli.models import Kbli
from simpul.regions.models import Region
from simpul.registry.choices import SizeClassPermenperin, SizeClassPP7

from .suppression import suppress

ALL = "(semua)"
UNKNOWN_CLASS = "tidak_diketahui"
REGIMES = {
    "permenperin": ("gp_size_perm", SizeClassPermenperin, _("Permenperin 64/2016")),
    "pp7": ("gp_size_pp7", SizeClassPP7, _("PP 7/2021")),
}
LEVELS = {0: "nasional", 1: "provinsi", 2: "kabupaten_kota"}
INDICATOR_TITLE = _("Indikator utama IKM per wilayah")
KBLI_TITLE = _("IKM terverifikasi per kabupaten/kota × golongan pokok KBLI × kelas usaha")


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: str = "int"  # "text", "int", "decimal"
    description: str = ""


@dataclass
class Table:
    key: str
    title: str
    year: int
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)  # column name → value; None = hidden
    hidden: list[list[str]] = field(default_factory=list)  # per row: hidden column names

    def add(self, values: dict, hidden: set[str]) -> None:
        names = [c.name for c in self.columns if c.name in hidden]
        self.rows.append({k: (None if k in hidden else v) for k, v in values.items()})
        self.hidden.append(names)


# ------------------------------------------------------------------ regions


def _regions() -> tuple[dict[str, str], dict[str, list[str]]]:
    """code → name for provinces and regencies, and '' / province → child codes."""
    names: dict[str, str] = {"": str(_("Indonesia"))}
    children: dict[str, list[str]] = defaultdict(list)
    rows = Region.objects.filter(level__lte=Region.Level.REGENCY).order_by("code")
    for code, name, level in rows.values_list("code", "name", "level"):
        names[code] = name
        children["" if level == Region.Level.PROVINCE else code[:2]].append(code)
    return names, children


def _relations(children: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    return list(children.items())


# ------------------------------------------------------------------ indicators

COUNT_MEASURES = ("registered", "verified", "new_registered", "new_verified")
FIGURE_COLUMNS = {
    "tenaga_kerja": ("workforce_men", "workforce_women"),
    "nilai_investasi": ("investment_value",),
    "nilai_produksi": ("production_value",),
    "nilai_penjualan": ("sales_value",),
    "nilai_ekspor": ("export_value",),
}

INDICATOR_COLUMNS = [
    Column("kode_wilayah", _("Kode wilayah (Kemendagri)"), "text"),
    Column("nama_wilayah", _("Nama wilayah"), "text"),
    Column("tingkat", _("Tingkat"), "text", _("nasional, provinsi atau kabupaten_kota")),
    Column("ikm_terdaftar", _("IKM terdaftar"), "int", "registered"),
    Column("ikm_terverifikasi", _("IKM terverifikasi"), "int", "verified"),
    Column("ikm_baru_terdaftar", _("IKM baru terdaftar"), "int", "new_registered"),
    Column("ikm_baru_terverifikasi", _("IKM terverifikasi baru"), "int", "new_verified"),
    Column("pertumbuhan_persen", _("Pertumbuhan IKM terverifikasi (%)"), "decimal", "growth"),
    Column("milik_perempuan_persen", _("IKM milik perempuan (%)"), "decimal", "women_owned"),
    Column(
        "ikm_melapor",
        _("IKM terverifikasi yang menyampaikan laporan tahunan"),
        "int",
        "figures",
    ),
    Column("tenaga_kerja", _("Tenaga kerja (orang)"), "int", "figures"),
    Column("nilai_investasi", _("Nilai investasi (Rp)"), "int", "figures"),
    Column("nilai_produksi", _("Nilai produksi (Rp)"), "int", "figures"),
    Column("nilai_penjualan", _("Nilai penjualan (Rp)"), "int", "figures"),
    Column("nilai_ekspor", _("Nilai ekspor (Rp)"), "int", "figures"),
]


def _count_cube(year: int) -> dict[str, dict[str, int]]:
    """region (national, provinces, regencies) → measure → count, from the rollups."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        EnterpriseRollup.objects.annotate(code_len=Length("region_code"))
        .filter(code_len__lte=5, facet__in=("all", "owner_gender"), registered_year__lte=year)
        .values_list(
            "region_code", "facet", "value", "status", "registered_year", "verified_year", "count"
        )
        .order_by()
    )
    for region, facet, value, status, ry, vy, n in rows:
        if not n:
            continue
        if facet == "all":
            for measure in COUNT_MEASURES:
                if MEASURES[measure][0](status, ry, vy, year):
                    out[region][measure] += n
            if MEASURES["verified"][0](status, ry, vy, year - 1):
                out[region]["verified_prev"] += n
        elif value == "P" and MEASURES["verified"][0](status, ry, vy, year):
            out[region]["women"] += n
    return out


def _figure_cube(year: int) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    measures = ["reporting", *{m for ms in FIGURE_COLUMNS.values() for m in ms}]
    rows = (
        FigureRollup.objects.annotate(code_len=Length("region_code"))
        .filter(code_len__lte=5, year=year)
        .values_list("region_code", *measures)
        .order_by()
    )
    for region, *values in rows:
        for measure, value in zip(measures, values, strict=True):
            out[region][measure] += value or 0
    return out


def count_suppression(year: int) -> dict[str, set[str]]:
    """measure → hidden region codes, for the counts published in `indicators` (and the
    regency totals of `kbli_size`, which must hide exactly the same)."""
    names, children = _regions()
    counts = _count_cube(year)
    relations = _relations(children)

    def hide(measure: str, seeded: set[str] = frozenset()) -> set[str]:
        values = {code: counts[code][measure] for code in names if code in counts}
        return suppress(values, relations, hidden=seeded)

    out = {measure: hide(measure) for measure in COUNT_MEASURES}
    # Growth gives last year's count and the women's share the women-owned count wherever
    # this year's count is shown; where it is hidden they go too, and their secondary
    # suppression must know it (a sibling's and the parent's would give them back).
    out["verified_prev"] = hide("verified_prev", out["verified"])
    # The share also hides its complement when that is small (2 of 3 not women-owned).
    few_others = {
        code for code in names if 0 < counts[code]["verified"] - counts[code]["women"] < 5
    }
    out["women"] = hide("women", out["verified"] | few_others)
    figures = _figure_cube(year)
    out["reporting"] = suppress(
        {code: figures[code]["reporting"] for code in names if code in figures}, relations
    )
    return out


def indicators(year: int, province: str = "") -> Table:
    """National, provinces and regencies (only those of `province` when given)."""
    names, children = _regions()
    counts = _count_cube(year)
    figures = _figure_cube(year)
    hidden_by = count_suppression(year)
    table = Table("indikator", str(INDICATOR_TITLE), year, INDICATOR_COLUMNS)
    codes = [province, *children[province]] if province else ["", *children[""]]
    for code in codes:
        c, f = counts[code], figures[code]
        hidden = {
            column: code in hidden_by[measure]
            for column, measure in (
                ("ikm_terdaftar", "registered"),
                ("ikm_terverifikasi", "verified"),
                ("ikm_baru_terdaftar", "new_registered"),
                ("ikm_baru_terverifikasi", "new_verified"),
            )
        }
        growth_hidden = hidden["ikm_terverifikasi"] or code in hidden_by["verified_prev"]
        women_hidden = hidden["ikm_terverifikasi"] or code in hidden_by["women"]
        figures_hidden = code in hidden_by["reporting"]
        hidden_set = {k for k, v in hidden.items() if v}
        if growth_hidden:
            hidden_set.add("pertumbuhan_persen")
        if women_hidden:
            hidden_set.add("milik_perempuan_persen")
        if figures_hidden:
            hidden_set |= {"ikm_melapor", *FIGURE_COLUMNS}
        values = {
            "kode_wilayah": code,
            "nama_wilayah": names.get(code, code),
            "tingkat": LEVELS[len(code.replace(".", "")) // 2 if code else 0],
            "ikm_terdaftar": c["registered"],
            "ikm_terverifikasi": c["verified"],
            "ikm_baru_terdaftar": c["new_registered"],
            "ikm_baru_terverifikasi": c["new_verified"],
            "pertumbuhan_persen": percent(c["verified"] - c["verified_prev"], c["verified_prev"]),
            "milik_perempuan_persen": percent(c["women"], c["verified"]),
            "ikm_melapor": f["reporting"],
            **{col: sum(f[m] for m in ms) for col, ms in FIGURE_COLUMNS.items()},
        }
        table.add(values, hidden_set)
    return table


# ------------------------------------------------------------------ regency × gp × class

KBLI_COLUMNS = [
    Column("kode_provinsi", _("Kode provinsi"), "text"),
    Column("nama_provinsi", _("Provinsi"), "text"),
    Column("kode_kabupaten_kota", _("Kode kabupaten/kota"), "text"),
    Column("nama_kabupaten_kota", _("Kabupaten/kota"), "text"),
    Column("kbli_golongan_pokok", _("KBLI golongan pokok"), "text", "gp"),
    Column("judul_golongan_pokok", _("Judul golongan pokok"), "text"),
    Column(
        "kelas_usaha",
        _("Kelas usaha"),
        "text",
        _("kode kelas (mikro, kecil, menengah, besar; tidak_diketahui); (semua) = jumlah"),
    ),
    Column("jumlah_ikm", _("Jumlah IKM terverifikasi"), "int", "verified"),
]


def kbli_size(year: int, regime: str = "permenperin", province: str = "") -> Table:
    facet, _classes, regime_label = REGIMES[regime]
    names, children = _regions()
    cells: dict[tuple, int] = defaultdict(int)
    rows = (
        EnterpriseRollup.objects.annotate(code_len=Length("region_code"))
        .filter(
            code_len=5,
            facet=facet,
            status=VERIFIED,
            verified_year__gt=0,
            verified_year__lte=year,
        )
        .values_list("region_code", "value", "count")
        .order_by()
    )
    if province:
        rows = rows.filter(region_code__startswith=province + ".")
    for regency, value, n in rows:
        if n:
            gp, _sep, size = value.partition("|")
            cells[("c", regency, gp, size)] += n
    # Subtotals and totals, and the additive relations between them.
    values: dict[tuple, int] = dict(cells)
    relations: list[tuple[tuple, list[tuple]]] = []
    by_regency: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _c, regency, gp, size in cells:
        by_regency[regency].append((gp, size))
    for regency, pairs in by_regency.items():
        gps = sorted({gp for gp, _s in pairs})
        sizes = sorted({s for _g, s in pairs})
        for gp in gps:
            parts = [("c", regency, gp, s) for s in sizes if ("c", regency, gp, s) in cells]
            values[("g", regency, gp)] = sum(cells[p] for p in parts)
            relations.append((("g", regency, gp), parts))
        for size in sizes:
            parts = [("c", regency, g, size) for g in gps if ("c", regency, g, size) in cells]
            values[("s", regency, size)] = sum(cells[p] for p in parts)
            relations.append((("s", regency, size), parts))
        values[("t", regency)] = sum(values[("g", regency, g)] for g in gps)
        relations.append((("t", regency), [("g", regency, g) for g in gps]))
        relations.append((("t", regency), [("s", regency, s) for s in sizes]))
    # The regency totals are the regencies' verified counts in `indicators`: hide them
    # exactly where that table does (it also relates them to their province's total).
    verified_hidden = count_suppression(year)["verified"]
    seeded = [("t", r) for r in by_regency if r in verified_hidden]
    hidden = suppress(values, relations, hidden=seeded)

    gp_titles = dict(
        Kbli.objects.filter(level=Kbli.Level.GOLONGAN_POKOK).values_list("code", "title")
    )
    table = Table("kbli_kelas", f"{KBLI_TITLE} ({regime_label})", year, KBLI_COLUMNS)

    def row(regency, gp, size, key):
        return (
            {
                "kode_provinsi": regency[:2],
                "nama_provinsi": names.get(regency[:2], ""),
                "kode_kabupaten_kota": regency,
                "nama_kabupaten_kota": names.get(regency, regency),
                "kbli_golongan_pokok": gp,
                "judul_golongan_pokok": (
                    ALL if gp == ALL else gp_titles.get(gp, str(_("Tidak diketahui")))
                ),
                "kelas_usaha": size or UNKNOWN_CLASS,
                "jumlah_ikm": values[key],
            },
            {"jumlah_ikm"} if key in hidden else set(),
        )

    for regency in sorted(by_regency):
        pairs = sorted(set(by_regency[regency]))
        for gp in sorted({g for g, _s in pairs}):
            for size in sorted({s for g, s in pairs if g == gp}):
                table.add(*row(regency, gp, size, ("c", regency, gp, size)))
            table.add(*row(regency, gp, ALL, ("g", regency, gp)))
        for size in sorted({s for _g, s in pairs}):
            table.add(*row(regency, ALL, size, ("s", regency, size)))
        table.add(*row(regency, ALL, ALL, ("t", regency)))
    return table
