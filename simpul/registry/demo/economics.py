"""Workforce and Rupiah figures of a demo enterprise, drawn per size tier so that every
size class of both regimes (Permenperin 64/2016 and PP 7/2021) shows up, with the long
micro-heavy tail a real Dinas list has."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from simpul.core.money import group_thousands

from .lampung import Industry

JUTA = 10**6
MILIAR = 10**9

# Share of each tier among IKM: almost all are micro.
TIERS = ("mikro", "kecil", "menengah", "besar")
TIER_WEIGHTS = (86, 10, 3, 1)

# Legal forms per tier: micro units are mostly unregistered persons or a UD.
LEGAL_FORMS = {
    "mikro": (("perorangan", 70), ("ud", 20), ("pt_perorangan", 2), ("cv", 4), ("koperasi", 4)),
    "kecil": (("perorangan", 22), ("ud", 35), ("cv", 30), ("pt", 6), ("koperasi", 7)),
    "menengah": (("ud", 15), ("cv", 40), ("pt", 40), ("koperasi", 5)),
    "besar": (("cv", 15), ("pt", 85)),
}
MICRO_WORKERS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15)
MICRO_WORKER_WEIGHTS = (10, 20, 19, 15, 10, 8, 5, 4, 3, 3, 2, 1)


@dataclass(frozen=True)
class Figures:
    legal_form: str
    workers_male: int
    workers_female: int
    investment_value: int
    business_capital: int
    production_value: int
    annual_sales: int
    production_capacity: str


def _log_uniform(rng: random.Random, low: float, high: float, skew: float = 1.0) -> float:
    """Between low and high on a log scale; skew > 1 crowds values towards low."""
    return math.exp(math.log(low) + (math.log(high) - math.log(low)) * rng.random() ** skew)


def round_rupiah(value: float) -> int:
    """Round as people state amounts: to 100 ribu, 1 juta or 10 juta depending on size."""
    step = 100_000 if value < 100 * JUTA else JUTA if value < MILIAR else 10 * JUTA
    return max(step, int(round(value / step)) * step)


def _workers(rng: random.Random, tier: str) -> int:
    if tier == "mikro":
        return rng.choices(MICRO_WORKERS, weights=MICRO_WORKER_WEIGHTS)[0]
    low, high = {"kecil": (5, 19), "menengah": (20, 60), "besar": (30, 150)}[tier]
    return int(_log_uniform(rng, low, high + 0.99, 1.4))


def _money(rng: random.Random, tier: str) -> tuple[int, int, int]:
    """(capital, investment, sales) in whole Rupiah, all excluding land and buildings."""
    if tier == "mikro":
        capital = _log_uniform(rng, 3 * JUTA, 900 * JUTA, 1.8)
        investment = capital * rng.uniform(0.3, 0.9)
        sales = min(capital * rng.uniform(1.2, 4.0), 1.9 * MILIAR)
    elif tier == "kecil":
        capital = _log_uniform(rng, 1.05 * MILIAR, 5 * MILIAR, 1.5)
        investment = _log_uniform(rng, 0.4 * MILIAR, 2.5 * MILIAR)
        sales = min(capital * rng.uniform(1.5, 3.0), 14.9 * MILIAR)
    elif tier == "menengah":
        capital = rng.uniform(5.1 * MILIAR, 10 * MILIAR)
        investment = rng.uniform(2 * MILIAR, 12 * MILIAR)
        sales = rng.uniform(15.5 * MILIAR, 50 * MILIAR)
    else:
        capital = rng.uniform(10.5 * MILIAR, 40 * MILIAR)
        investment = rng.uniform(15.5 * MILIAR, 35 * MILIAR)
        sales = rng.uniform(51 * MILIAR, 150 * MILIAR)
    return round_rupiah(capital), round_rupiah(investment), round_rupiah(sales)


def _capacity(rng: random.Random, industry: Industry, tier: str) -> str:
    low, high = industry.capacity
    scale = {"mikro": 1, "kecil": 4, "menengah": 15, "besar": 40}[tier]
    amount = int(_log_uniform(rng, low * scale, high * scale, 1.3))
    amount = round(amount, -2) if amount >= 1000 else round(amount, -1) or amount
    return group_thousands(amount) + f" {industry.unit}/bulan"


def draw_figures(rng: random.Random, industry: Industry, tier: str) -> Figures:
    forms, weights = zip(*LEGAL_FORMS[tier], strict=True)
    legal_form = rng.choices(forms, weights=weights)[0]
    total = _workers(rng, tier)
    female = sum(rng.random() < industry.female_share for _ in range(total))
    capital, investment, sales = _money(rng, tier)
    if tier == "mikro" and rng.random() < 0.06:
        # Older units often never stated their capital; PP 7/2021 then goes by sales.
        capital = 0
    return Figures(
        legal_form=legal_form,
        workers_male=total - female,
        workers_female=female,
        investment_value=investment,
        business_capital=capital,
        production_value=round_rupiah(sales * rng.uniform(0.8, 1.0)),
        annual_sales=sales,
        production_capacity=_capacity(rng, industry, tier),
    )
