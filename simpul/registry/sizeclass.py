"""Size class of an enterprise under both regimes, with a sentence that explains the verdict.

Pure functions: the officer must be able to see *why* an IKM is "kecil", so every verdict
names the regulation, the figure used and the threshold it was compared with."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from simpul.core.money import format_rupiah, format_rupiah_short
from simpul.registry.choices import SizeClassPermenperin, SizeClassPP7

MILIAR = 10**9

# Permenperin 64/2016: workers and investment value excluding land and buildings.
PERMENPERIN_MAX_SMALL_WORKERS = 19
PERMENPERIN_SMALL_INVESTMENT = 1 * MILIAR  # kecil: below this
PERMENPERIN_MEDIUM_INVESTMENT = 15 * MILIAR  # menengah (≥ 20 workers): up to this

# PP 7/2021: upper bounds (inclusive) of mikro, kecil, menengah.
PP7_CAPITAL_BOUNDS = (1 * MILIAR, 5 * MILIAR, 10 * MILIAR)
PP7_SALES_BOUNDS = (2 * MILIAR, 15 * MILIAR, 50 * MILIAR)
PP7_CLASSES = (SizeClassPP7.MIKRO, SizeClassPP7.KECIL, SizeClassPP7.MENENGAH)


@dataclass(frozen=True)
class SizeVerdict:
    code: str
    label: str
    explanation: str


def _require_non_negative(**figures: int) -> None:
    for name, figure in figures.items():
        if figure < 0:
            raise ValueError(f"{name} must not be negative, got {figure}")


def classify_permenperin(*, workers: int, investment: int) -> SizeVerdict:
    """Permenperin 64/2016 from the number of workers and investment (excl. land/buildings)."""
    _require_non_negative(workers=workers, investment=investment)
    facts = {
        "workers": workers,
        "investment": format_rupiah(investment),
        "one": format_rupiah_short(PERMENPERIN_SMALL_INVESTMENT),
        "fifteen": format_rupiah_short(PERMENPERIN_MEDIUM_INVESTMENT),
    }
    if workers <= PERMENPERIN_MAX_SMALL_WORKERS:
        # As the rule is written, up to 19 workers is never "besar", whatever the investment.
        if investment < PERMENPERIN_SMALL_INVESTMENT:
            code, template = (
                SizeClassPermenperin.KECIL,
                _(
                    "Tenaga kerja %(workers)d orang (≤ 19) dan nilai investasi %(investment)s "
                    "(di luar tanah dan bangunan) < %(one)s → industri kecil menurut "
                    "Permenperin 64/2016."
                ),
            )
        else:
            code, template = (
                SizeClassPermenperin.MENENGAH,
                _(
                    "Tenaga kerja %(workers)d orang (≤ 19) dan nilai investasi %(investment)s "
                    "(di luar tanah dan bangunan) ≥ %(one)s → industri menengah menurut "
                    "Permenperin 64/2016."
                ),
            )
    elif investment <= PERMENPERIN_MEDIUM_INVESTMENT:
        code, template = (
            SizeClassPermenperin.MENENGAH,
            _(
                "Tenaga kerja %(workers)d orang (≥ 20) dan nilai investasi %(investment)s "
                "(di luar tanah dan bangunan) ≤ %(fifteen)s → industri menengah menurut "
                "Permenperin 64/2016."
            ),
        )
    else:
        code, template = (
            SizeClassPermenperin.BESAR,
            _(
                "Tenaga kerja %(workers)d orang (≥ 20) dan nilai investasi %(investment)s "
                "(di luar tanah dan bangunan) > %(fifteen)s → industri besar menurut "
                "Permenperin 64/2016."
            ),
        )
    return SizeVerdict(code=code.value, label=str(code.label), explanation=template % facts)


def _pp7_class(value: int, bounds: tuple[int, int, int]) -> tuple[SizeClassPP7, str]:
    """The class and the comparison that decided it (e.g. "≤ Rp1 miliar")."""
    lower: int | None = None
    for upper, size in zip(bounds, PP7_CLASSES, strict=True):
        if value <= upper:
            if lower is None:
                return size, f"≤ {format_rupiah_short(upper)}"
            return size, _("> %(lower)s s.d. %(upper)s") % {
                "lower": format_rupiah_short(lower),
                "upper": format_rupiah_short(upper),
            }
        lower = upper
    return SizeClassPP7.BESAR, f"> {format_rupiah_short(bounds[-1])}"


def classify_pp7(*, capital: int, sales: int) -> SizeVerdict:
    """PP 7/2021 by modal usaha (excl. land/buildings); yearly sales only when capital is
    unknown (0), as the regulation allows for businesses founded before it."""
    _require_non_negative(capital=capital, sales=sales)
    if capital > 0:
        size, comparison = _pp7_class(capital, PP7_CAPITAL_BOUNDS)
        template = _(
            "Modal usaha %(value)s (di luar tanah dan bangunan) %(comparison)s → "
            "%(label)s menurut PP 7/2021."
        )
        value = capital
    else:
        size, comparison = _pp7_class(sales, PP7_SALES_BOUNDS)
        template = _(
            "Modal usaha tidak diisi, jadi dipakai hasil penjualan tahunan %(value)s "
            "%(comparison)s → %(label)s menurut PP 7/2021."
        )
        value = sales
    label = str(size.label)
    explanation = template % {
        "value": format_rupiah(value),
        "comparison": comparison,
        "label": label.lower(),
    }
    return SizeVerdict(code=size.value, label=label, explanation=explanation)
