"""Server-drawn SVG charts for the dashboards: plain geometry here, markup in
templates/insights/dashboard/_columns.html; no script, nothing fetched at run time.

Sales and workforce over the years reuse the yearly-figure history chart
(`simpul.reporting.chart.history_chart`: sales as bars, workforce as a line on its own
scale) by handing it one row per year of the region's sums; the counts (stocks and new
IKM per year) are grouped columns drawn here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace

from simpul.core.money import group_thousands
from simpul.reporting.chart import HistoryChart, history_chart

WIDTH = 360
HEIGHT = 200
LEFT, RIGHT, TOP, BOTTOM = 6, 6, 22, 28  # room for value labels above, years below
COLOURS = ("#0b6e4f", "#7fb8a4", "#c0582b", "#1c4f9c")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | None]
    colour: str = ""


@dataclass(frozen=True)
class Column:
    series: str
    colour: str
    value: int | None
    text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Group:
    label: str
    label_x: float
    columns: list[Column]


@dataclass(frozen=True)
class ColumnChart:
    groups: list[Group] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (name, colour)
    description: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    label_y: float = HEIGHT - 9

    @property
    def empty(self) -> bool:
        return not self.groups or all(not c.value for g in self.groups for c in g.columns)

    @property
    def rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The table fallback: one row per category, one (series, value) cell per series."""
        return [(g.label, [(c.series, c.text) for c in g.columns]) for g in self.groups]


def column_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    description: str,
    text: Callable[[int | None], str] | None = None,
) -> ColumnChart:
    """Grouped columns: one group per category (a year), one column per series, every
    series on the same scale starting at zero, the value written above each column."""
    text = text or (lambda v: "–" if v is None else group_thousands(v))
    if not categories or not series:
        return ColumnChart(description=description)
    span = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(categories)
    inner = slot * 0.8
    width = min(34.0, inner / len(series))
    top = max((v or 0 for s in series for v in s.values), default=0)
    colours = [s.colour or COLOURS[i % len(COLOURS)] for i, s in enumerate(series)]
    groups = []
    for index, category in enumerate(categories):
        centre = LEFT + slot * index + slot / 2
        left = centre - width * len(series) / 2
        columns = []
        for k, (one, colour) in enumerate(zip(series, colours, strict=True)):
            value = one.values[index]
            height = span * (value or 0) / top if top > 0 else 0.0
            x = left + width * k
            columns.append(
                Column(
                    series=one.name,
                    colour=colour,
                    value=value,
                    text=text(value),
                    x=round(x + 1, 1),
                    y=round(baseline - height, 1),
                    width=round(width - 2, 1),
                    height=round(height, 1),
                    label_x=round(x + width / 2, 1),
                    label_y=round(max(baseline - height - 4, 10), 1),
                )
            )
        groups.append(Group(str(category), round(centre, 1), columns))
    return ColumnChart(
        groups=groups,
        legend=[(s.name, c) for s, c in zip(series, colours, strict=True)],
        description=description,
        baseline=baseline,
    )


def sales_workforce_chart(
    years: Sequence[int], sales: Sequence[int | None], workforce: Sequence[int | None]
) -> HistoryChart:
    """The region's yearly sales (bars) and workforce (line), drawn by the same code as an
    enterprise's history chart (templates/reporting/_chart.html renders it)."""
    rows = [
        SimpleNamespace(year=y, sales_value=s, workforce=w)
        for y, s, w in zip(years, sales, workforce, strict=True)
        if s is not None or w is not None
    ]
    return history_chart(rows)
