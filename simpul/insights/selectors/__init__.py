"""Regional indicators (issue 6, item 2): every function takes the user's RegionScope and
a region code ('' national, '18', '18.71', '18.71.01') and raises Http404 for a region
outside the scope. Numbers come from the rollup tables; each carries its definition and a
Drill that drill_list turns into the enterprises behind it."""

from .base import Drill, Indicator, Mix, Part, region_in_scope
from .counts import CountIndicators, count_indicators
from .distribution import Distribution, dispersion, distribution
from .drill import drill_list
from .figures import FigureIndicators, figure_indicators
from .programmes import Reach, office_target_progress, programme_reach, target_progress
from .sales_fall import SalesFall, sales_fall_count, sales_fell_twice

__all__ = [
    "CountIndicators",
    "Distribution",
    "Drill",
    "FigureIndicators",
    "Indicator",
    "Mix",
    "Part",
    "Reach",
    "SalesFall",
    "count_indicators",
    "dispersion",
    "distribution",
    "drill_list",
    "figure_indicators",
    "office_target_progress",
    "programme_reach",
    "region_in_scope",
    "sales_fall_count",
    "sales_fell_twice",
    "target_progress",
]
