"""The history chart of one enterprise, drawn on the server as inline SVG: sales per year
as bars, workforce as a line on its own scale. Plain geometry here, markup in
templates/reporting/_history.html; no script and nothing fetched at run time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from simpul.core.money import format_rupiah_short

WIDTH = 360
HEIGHT = 210
LEFT, RIGHT, TOP, BOTTOM = 10, 10, 26, 30  # room for value labels above, years below


@dataclass(frozen=True)
class Point:
    year: int
    sales: int | None
    workforce: int | None
    sales_label: str
    bar_x: float
    bar_y: float
    bar_width: float
    bar_height: float
    label_x: float
    sales_label_y: float
    line_y: float | None
    workforce_label_y: float | None
    workforce_label_dx: float = 6.0


@dataclass(frozen=True)
class HistoryChart:
    points: list[Point] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    year_label_y: float = HEIGHT - 10
    line_path: str = ""
    description: str = ""

    @property
    def empty(self) -> bool:
        return not self.points


def _scale(value: int | None, top: int, span: float) -> float:
    if not value or top <= 0:
        return 0.0
    return span * value / top


def history_chart(rows: list[Any]) -> HistoryChart:
    """`rows`: YearlyFigure rows of one enterprise, oldest year first."""
    if not rows:
        return HistoryChart()
    span = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(rows)
    bar_width = min(48.0, slot * 0.6)
    top_sales = max((r.sales_value or 0) for r in rows)
    top_workers = max((r.workforce or 0) for r in rows)
    baseline = HEIGHT - BOTTOM
    points = []
    for index, row in enumerate(rows):
        centre = LEFT + slot * index + slot / 2
        height = _scale(row.sales_value, top_sales, span)
        workforce = row.workforce
        line_y = None
        if workforce is not None:
            # The line keeps to the upper 85 % so it does not sit on the year labels.
            line_y = round(baseline - _scale(workforce, top_workers, span * 0.85), 1)
        sales_label = format_rupiah_short(row.sales_value)
        sales_label_y = round(max(baseline - height - 4, 12), 1)
        label_y = None if line_y is None else round(max(line_y - 7, 10), 1)
        label_dx = 6.0
        if label_y is not None and abs(label_y - sales_label_y) < 11:
            # Level with the sales figure: start past its right end (about 3 px a character
            # at this size) so the two numbers do not print over each other.
            label_dx = round(max(bar_width / 2, len(sales_label) * 3) + 3, 1)
        points.append(
            Point(
                year=row.year,
                sales=row.sales_value,
                workforce=workforce,
                sales_label=sales_label,
                bar_x=round(centre - bar_width / 2, 1),
                bar_y=round(baseline - height, 1),
                bar_width=round(bar_width, 1),
                bar_height=round(height, 1),
                label_x=round(centre, 1),
                sales_label_y=sales_label_y,
                line_y=line_y,
                workforce_label_y=label_y,
                workforce_label_dx=label_dx,
            )
        )
    drawn = [p for p in points if p.line_y is not None]
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.label_x} {p.line_y}" for i, p in enumerate(drawn))
    first, last = points[0], points[-1]
    description = _(
        "Grafik penjualan (batang) dan tenaga kerja (garis) tahun %(first)d–%(last)d. "
        "%(last)d: penjualan %(sales)s, tenaga kerja %(workers)s orang."
    ) % {
        "first": first.year,
        "last": last.year,
        "sales": last.sales_label,
        "workers": "–" if last.workforce is None else last.workforce,
    }
    return HistoryChart(points=points, baseline=baseline, line_path=path, description=description)
