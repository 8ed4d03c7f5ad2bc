"""Region resolution for imports: names typed in office lists (and, failing those,
coordinates) → Kemendagri region codes inside the office's jurisdiction."""

from .names import fold, name_keys
from .resolver import COORDINATES, EXACT, FUZZY, RegionMatch, RegionResolver

__all__ = ["COORDINATES", "EXACT", "FUZZY", "RegionMatch", "RegionResolver", "fold", "name_keys"]
