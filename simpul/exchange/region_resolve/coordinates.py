"""Village locations learned from the rows of one import.

We ship no village boundaries or centroids, so a coordinate alone cannot be placed by
geometry. But an import usually has many rows that name their village *and* carry
coordinates; their mean position is a fair centre for that village. A row with only
coordinates is then placed in the nearest learned village, if one lies within
`MAX_DISTANCE_KM` — enterprises of a village cluster within a few kilometres of each
other, and villages in Java are typically 1–3 km across."""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal

from simpul.exchange.values import parse_lat_lng

MAX_DISTANCE_KM = 3.0
# Grid cells of 0.05° (≈ 5.5 km) are wider than MAX_DISTANCE_KM, so the nearest village
# within reach always lies in the point's cell or one of its eight neighbours.
_CELL_DEGREES = 0.05
_EARTH_RADIUS_KM = 6371.0


def read_point(lat: object, lng: object) -> tuple[float, float] | None:
    """A usable (lat, lng), or None: bad coordinates are reported by their own column's
    parser, here they only mean "no location"."""
    parsed = parse_lat_lng(lat, lng)
    if not parsed.ok or parsed.value is None:
        return None
    lat_value, lng_value = parsed.value
    return float(Decimal(lat_value)), float(Decimal(lng_value))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _cell(lat: float, lng: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEGREES), math.floor(lng / _CELL_DEGREES)


class LearnedVillages:
    def __init__(self) -> None:
        self._sums: dict[str, list[float]] = {}  # code → [sum lat, sum lng, count]
        self._grid: dict[tuple[int, int], set[str]] = defaultdict(set)
        self._cell_of: dict[str, tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self._sums)

    def add(self, code: str, lat: float, lng: float) -> None:
        sums = self._sums.setdefault(code, [0.0, 0.0, 0])
        sums[0] += lat
        sums[1] += lng
        sums[2] += 1
        # The mean moves as rows arrive; keep the village in the cell of its mean.
        cell = _cell(*self.centre(code))
        old = self._cell_of.get(code)
        if old != cell:
            if old is not None:
                self._grid[old].discard(code)
            self._grid[cell].add(code)
            self._cell_of[code] = cell

    def centre(self, code: str) -> tuple[float, float]:
        lat_sum, lng_sum, count = self._sums[code]
        return lat_sum / count, lng_sum / count

    def nearest(self, lat: float, lng: float, within: str = "") -> tuple[str, float, int] | None:
        """(village code, distance in km, rows learned) of the nearest learned village
        within reach, optionally only villages under the region code `within`."""
        row, col = _cell(lat, lng)
        best: tuple[float, str] | None = None
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for code in self._grid.get((row + dr, col + dc), ()):
                    if within and not code.startswith(within + "."):
                        continue
                    km = distance_km((lat, lng), self.centre(code))
                    if km <= MAX_DISTANCE_KM and (best is None or (km, code) < best):
                        best = (km, code)
        if best is None:
            return None
        km, code = best
        return code, km, int(self._sums[code][2])
