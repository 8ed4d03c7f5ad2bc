"""Cascading region pickers (province → regency → district → village), shared by the
registration form and the officer's list filter. Each picker lists the children of the
choice above it, so a saved or filtered region re-opens with every picker filled in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from simpul.regions.regionfile import ancestor_codes
from simpul.regions.selectors import region_children

LEVEL_LABELS = [_("Provinsi"), _("Kabupaten/Kota"), _("Kecamatan"), _("Desa/Kelurahan")]
FORM_NAMES = ("province", "regency", "district", "village")


def picker_levels(
    *,
    selected: str,
    names: Sequence[str] = FORM_NAMES,
    root: str = "",
    errors: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Pickers below `root` (a jurisdiction code; '' for the whole nation). `selected` is
    the deepest chosen region; choices outside `root` are ignored."""
    chain = ancestor_codes(root)
    chosen = ancestor_codes(selected)
    if chosen[: len(chain)] != chain:
        chosen = chain
    levels = []
    for depth in range(len(chain), 4):
        parent = chosen[depth - 1] if depth > 0 and len(chosen) >= depth else None
        has_parent = depth == 0 or parent is not None
        levels.append(
            {
                "name": names[depth],
                "label": LEVEL_LABELS[depth],
                "number": depth + 1,
                "options": region_children(parent_code=parent).only("code", "name")
                if has_parent
                else [],
                "selected": chosen[depth] if len(chosen) > depth else "",
                "next": names[depth + 1] if depth < 3 else None,
                "errors": (errors or {}).get(names[depth]),
            }
        )
    return levels


def deepest_choice(values: dict[str, str], names: Sequence[str]) -> str:
    """The code of the deepest non-empty picker in a submitted form."""
    picked = [values.get(n, "").strip() for n in names]
    picked = [p for p in picked if p]
    return picked[-1] if picked else ""
