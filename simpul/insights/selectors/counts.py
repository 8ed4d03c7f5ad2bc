"""Indicators counted from EnterpriseRollup: registered, verified, new, growth, and the
mixes (women-owned, size classes, golongan pokok, desa/kelurahan). A region reads only its
own rows (facet × status × years: a few thousand at national level)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from simpul.core.scope import RegionScope
from simpul.insights.definitions import DEFINITIONS
from simpul.insights.models import EnterpriseRollup

from .base import MEASURES, Drill, Indicator, Mix, Part, percent, region_in_scope
from .labels import labels

MIX_FACETS = ("size_perm", "size_pp7", "gp", "area", "owner_gender")


class Cube:
    """The rollup rows of one region, summed in Python by measure and facet."""

    def __init__(self, region: str) -> None:
        self.region = region
        self.rows: dict[str, list[tuple]] = defaultdict(list)
        columns = ("facet", "value", "status", "registered_year", "verified_year", "count")
        for facet, *rest in EnterpriseRollup.objects.filter(region_code=region).values_list(
            *columns
        ):
            self.rows[facet].append(tuple(rest))

    def by_value(self, measure: str, year: int, facet: str = "all") -> dict[str, int]:
        test = MEASURES[measure][0]
        counts: dict[str, int] = defaultdict(int)
        for value, status, ry, vy, n in self.rows[facet]:
            if n and test(status, ry, vy, year):
                counts[value] += n
        return dict(counts)

    def total(self, measure: str, year: int) -> int:
        return sum(self.by_value(measure, year).values())


@dataclass(frozen=True)
class CountIndicators:
    region: str
    year: int
    registered: Indicator
    verified: Indicator
    new_registered: Indicator
    new_verified: Indicator
    verified_previous: int
    growth: Indicator
    women_owned: Indicator
    mixes: dict[str, Mix]


def _count(cube: Cube, measure: str, year: int) -> Indicator:
    drill = Drill(cube.region, measure, year)
    return Indicator(measure, cube.total(measure, year), "IKM", DEFINITIONS[measure], drill)


def mix(cube: Cube, facet: str, year: int, measure: str = "verified") -> Mix:
    counts = cube.by_value(measure, year, facet)
    total = sum(counts.values())
    names = labels(facet, counts)
    parts = [
        Part(v, names[v], n, percent(n, total), Drill(cube.region, measure, year, facet, v))
        for v, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Mix(
        facet, total, parts, DEFINITIONS[facet if facet != "owner_gender" else "women_owned"]
    )


def growth(cube: Cube, year: int) -> tuple[int, Indicator]:
    now, before = cube.total("verified", year), cube.total("verified", year - 1)
    value = percent(now - before, before)
    return before, Indicator("growth", value, "%", DEFINITIONS["growth"])


def count_indicators(*, scope: RegionScope, region: str, year: int) -> CountIndicators:
    cube = Cube(region_in_scope(scope, region))
    mixes = {facet: mix(cube, facet, year) for facet in MIX_FACETS}
    gender = mixes["owner_gender"]
    women = next((p for p in gender.parts if p.value == "P"), None)
    previous, grown = growth(cube, year)
    return CountIndicators(
        region=cube.region,
        year=year,
        registered=_count(cube, "registered", year),
        verified=_count(cube, "verified", year),
        new_registered=_count(cube, "new_registered", year),
        new_verified=_count(cube, "new_verified", year),
        verified_previous=previous,
        growth=grown,
        women_owned=Indicator(
            "women_owned",
            percent(women.count if women else 0, gender.total),
            "%",
            DEFINITIONS["women_owned"],
            Drill(cube.region, "verified", year, "owner_gender", "P"),
        ),
        mixes=mixes,
    )
