"""Every indicator on the hand-checked dataset of conftest.py, for Lampung (18) in 2025
unless said otherwise. Verified in Lampung at the end of 2025 (11):
E1 E2 E3 E4 E6 E8 E9 E10 E13 E15 E16; at the end of 2024 (7): E1 E2 E3 E8 E9 E13 E16."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from simpul.core.scope import RegionScope
from simpul.insights import selectors as s

from .conftest import M

LAMPUNG = RegionScope(prefix="18")
NATIONAL = RegionScope(prefix="")
pytestmark = pytest.mark.django_db


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


def parts(mix) -> dict[str, tuple[int, D | None]]:
    return {p.value: (p.count, p.percent) for p in mix.parts}


def test_counts_growth_and_new(dataset):
    c = s.count_indicators(scope=LAMPUNG, region="18", year=2025)
    assert c.verified.value == 11
    # Registered: the 11 verified + E5 (submitted) + E11 (needs revision); E7 is a draft
    # and E12 rejected.
    assert c.registered.value == 13
    # Created in 2025 and not draft/rejected: E5 E6 E10 E11 E15.
    assert c.new_registered.value == 5
    # Verified in 2025: E4 E6 E10 E15.
    assert c.new_verified.value == 4
    # (11 − 7) ÷ 7 × 100 = 57.14… → 57.1
    assert c.verified_previous == 7
    assert c.growth.value == D("57.1")
    assert "Pertumbuhan" in str(c.growth.definition)
    # National adds E14 (Bandung, verified 2023).
    n = s.count_indicators(scope=NATIONAL, region="", year=2025)
    assert (n.verified.value, n.registered.value, n.verified_previous) == (12, 14, 8)
    # Regencies: 18.71 has E1 E2 E3 E4 E6 (2024: E1 E2 E3) → 2 ÷ 3 = 66.7 %;
    # 18.04 has E8 E9 E10 E13 (2024: E8 E9 E13) → 1 ÷ 3 = 33.3 %.
    r71 = s.count_indicators(scope=LAMPUNG, region="18.71", year=2025)
    r04 = s.count_indicators(scope=LAMPUNG, region="18.04", year=2025)
    assert (r71.verified.value, r71.growth.value) == (5, D("66.7"))
    assert (r04.verified.value, r04.growth.value) == (4, D("33.3"))
    # District 18.71.02: E4 (2025) and E6 (2025); E5 only submitted; none in 2024.
    d = s.count_indicators(scope=LAMPUNG, region="18.71.02", year=2025)
    assert (d.verified.value, d.registered.value, d.growth.value) == (2, 3, None)


def test_mixes_women_and_area(dataset):
    c = s.count_indicators(scope=LAMPUNG, region="18", year=2025)
    # Women owners among the 11: E1 E3 E6 E8 E10 E15 = 6 → 54.5 %; E13 has no owner.
    assert c.women_owned.value == D("54.5")
    assert parts(c.mixes["owner_gender"]) == {
        "P": (6, D("54.5")),
        "L": (4, D("36.4")),  # E2 E4 E9 E16
        "": (1, D("9.1")),
    }
    # Permenperin: menengah E3 E9 (2 ÷ 11 = 18.2 %), kecil the other 9 (81.8 %).
    assert parts(c.mixes["size_perm"]) == {"kecil": (9, D("81.8")), "menengah": (2, D("18.2"))}
    # PP 7/2021: kecil E3 E6 E9 (27.3 %), mikro 8 (72.7 %).
    assert parts(c.mixes["size_pp7"]) == {"mikro": (8, D("72.7")), "kecil": (3, D("27.3"))}
    # Golongan pokok: 13 = E3 E10 E16 (27.3 %), 10 = the other 8 (72.7 %).
    gp = c.mixes["gp"]
    assert parts(gp) == {"10": (8, D("72.7")), "13": (3, D("27.3"))}
    assert gp.parts[0].label == "10 INDUSTRI MAKANAN"
    # Kelurahan (1xxx): E1 E2 E3 E4 E10 E15 = 6 (54.5 %); desa (2xxx): E6 E8 E9 E13 E16
    # = 5 (45.5 %).
    assert parts(c.mixes["area"]) == {"1": (6, D("54.5")), "2": (5, D("45.5"))}
    # In 2024 (end of year) the split was kelurahan E1 E2 E3 = 3, desa E8 E9 E13 E16 = 4.
    c24 = s.count_indicators(scope=LAMPUNG, region="18", year=2024)
    assert parts(c24.mixes["area"]) == {"1": (3, D("42.9")), "2": (4, D("57.1"))}


def test_distribution_over_regencies(dataset):
    d = s.distribution(scope=LAMPUNG, region="18", year=2025)
    # 18.71: 5, 18.04: 4, 18.01: 1 (E16), 18.72: 1 (E15); total 11.
    assert [(p.value, p.count, p.percent) for p in d.children] == [
        ("18.71", 5, D("45.5")),
        ("18.04", 4, D("36.4")),
        ("18.01", 1, D("9.1")),
        ("18.72", 1, D("9.1")),
    ]
    # Top 3: (5 + 4 + 1) ÷ 11 = 90.9 %.
    assert d.top3_percent == D("90.9")
    # μ = 11 ÷ 4 = 2.75; deviations 2.25 1.25 −1.75 −1.75; Σ squares = 5.0625 + 1.5625 +
    # 3.0625 + 3.0625 = 12.75; σ = √(12.75 ÷ 4) = √3.1875 = 1.78536; CV = 1.78536 ÷ 2.75
    # = 0.6492 → 0.649.
    assert d.cv == D("0.649")
    # HHI = (25 + 16 + 1 + 1) ÷ 121 × 10 000 = 3553.72 → 3553.7.
    assert d.hhi == D("3553.7")


def test_distribution_of_a_district_over_villages(dataset):
    d = s.distribution(scope=LAMPUNG, region="18.04.01", year=2025)
    # Village 2001: E8 E9; village 1002: E10. μ = 1.5, σ = 0.5, CV = 0.333;
    # HHI = (4 + 1) ÷ 9 × 10 000 = 5555.6.
    assert [(p.value, p.count) for p in d.children] == [
        ("18.04.01.2001", 2),
        ("18.04.01.1002", 1),
    ]
    assert (d.top3_percent, d.cv, d.hhi) == (D("100.0"), D("0.333"), D("5555.6"))
    assert names(s.drill_list(scope=LAMPUNG, drill=d.children[0].drill)) == {"E8", "E9"}


def test_figures(dataset):
    f = s.figure_indicators(scope=LAMPUNG, region="18", year=2025)
    # Verified reporters in 2025: E1 E2 E3 E8 E9 E16 (E5 is not verified, E14 is in Bandung).
    assert f.reporting == 6
    assert (f.workforce_men, f.workforce_women) == (2 + 1 + 4 + 3 + 5 + 1, 3 + 1 + 6 + 2 + 5)
    assert f.workforce == 33
    assert f.investment_value == (50 + 20 + 300 + 100 + 400 + 10) * M
    assert f.production_value == (70 + 45 + 40 + 160 + 80 + 25) * M
    assert f.sales_value == 370 * M
    # Online: 60×10 % + 30×50 % + 150×20 % + 20×0 % = 6 + 15 + 30 + 0 = 51; over the
    # sales that gave a share: 60 + 30 + 150 + 20 = 260 → 19.6 %.
    assert f.online_sales_value == 51 * M
    assert f.online_share.value == D("19.6")
    assert f.export_value == 15 * M
    assert f.by_gp["13"]["sales_value"] == (30 + 20) * M  # E3, E16
    # Active = reported for 2025 or 2024: 2025 {E1 E2 E3 E8 E9 E16} ∪ 2024
    # {E1 E2 E8 E9 E16} = 6 (= 6 + 5 − 5 reported both years).
    assert f.active.value == 6
    # 2024: 2024 {E1 E2 E8 E9 E16} ∪ 2023 {E1 E2 E8 E13 E16} = 6 (= 5 + 5 − 4).
    assert s.figure_indicators(scope=LAMPUNG, region="18", year=2024).active.value == 6
    assert names(s.drill_list(scope=LAMPUNG, drill=f.active.drill)) == {
        "E1",
        "E2",
        "E3",
        "E8",
        "E9",
        "E16",
    }
    # Regency 18.71: E1 E2 E3 → sales 60 + 40 + 30.
    assert s.figure_indicators(scope=LAMPUNG, region="18.71", year=2025).sales_value == 130 * M


def test_sales_fell_two_periods(dataset):
    # E1 60 < 80 < 100 and E16 20 < 30 < 40; E2 rose in 2024, E8 stayed at 150, E9 has
    # no 2023 report; E14 (32.73) is outside Lampung.
    rows = s.sales_fell_twice(scope=LAMPUNG, region="18", year=2025)
    assert [(r.name, r.sales) for r in rows] == [
        ("E1", (100 * M, 80 * M, 60 * M)),
        ("E16", (40 * M, 30 * M, 20 * M)),
    ]
    national = s.sales_fell_twice(scope=NATIONAL, region="", year=2025)
    assert {r.name for r in national} == {"E1", "E14", "E16"}
    drill = s.Drill("18.71", "sales_fall", 2025)
    assert names(s.drill_list(scope=LAMPUNG, drill=drill)) == {"E1"}
    # The counts the dashboard shows come from the rollups and agree with the lists.
    assert s.sales_fall_count(scope=LAMPUNG, region="18", year=2025) == 2
    assert s.sales_fall_count(scope=NATIONAL, region="", year=2025) == 3
    assert s.sales_fall_count(scope=LAMPUNG, region="18.71", year=2025) == 1
    assert s.sales_fall_count(scope=LAMPUNG, region="18", year=2024) == 0


def test_programme_reach(programmes):
    r = s.programme_reach(scope=LAMPUNG, region="18", year=2025)
    # Held in 2025: E1 (participating), E8 (completed), E3 (completed, no period, closed in
    # 2025); E9 was rejected and E2 completed a 2024 programme.
    assert (r.reached.value, r.completed.value) == (3, 2)
    assert names(s.drill_list(scope=LAMPUNG, drill=r.reached.drill)) == {"E1", "E3", "E8"}
    assert names(s.drill_list(scope=LAMPUNG, drill=r.completed.drill)) == {"E3", "E8"}
    r71 = s.programme_reach(scope=LAMPUNG, region="18.71", year=2025)
    assert (r71.reached.value, r71.completed.value) == (2, 1)  # E1 E3; E3


def test_target_progress(programmes, offices):
    from simpul.programmes.models import Target

    office = offices["18"]
    for indicator, value in [
        ("new_registered", 10),
        ("verified", 8),
        ("growth_pct", 14),
        ("facilitated", 6),
    ]:
        Target.objects.create(office=office, year=2025, indicator=indicator, value=value)
    # After every date of the dataset (the programmes app counts the current year up to
    # today; nothing in a real registry is dated after today).
    today = dt.date(2025, 10, 1)
    progress = {
        p.target.indicator: p
        for p in s.target_progress(scope=LAMPUNG, region="18", year=2025, today=today)
    }
    # New registered 5 of 10 = 50 %; newly verified 4 of 8 = 50 %; growth 57.1 of 14 %
    # = 407.857… → 407.9 %; facilitated E1 E3 E8 = 3 of 6 = 50 %.
    assert (progress["new_registered"].actual, progress["new_registered"].percent) == (
        D(5),
        D("50.0"),
    )
    assert (progress["verified"].actual, progress["verified"].percent) == (D(4), D("50.0"))
    assert (progress["growth_pct"].actual, progress["growth_pct"].percent) == (
        D("57.1"),
        D("407.9"),
    )
    assert (progress["facilitated"].actual, progress["facilitated"].percent) == (D(3), D("50.0"))
    # 1 October is day 274 of 365: 75.07 → 75.1 % of the year has passed.
    assert progress["verified"].expected_percent == D("75.1")
    assert progress["verified"].on_track is False
    # The programmes app's own computation gives the same actual figures.
    from simpul.programmes.selectors.targets import target_progress as theirs

    for p in theirs(office=office, year=2025, today=today):
        assert progress[p.target.indicator].actual == p.actual


@pytest.mark.parametrize("measure", ["registered", "verified", "new_registered", "new_verified"])
def test_every_count_drills_down_to_its_enterprises(dataset, measure):
    c = s.count_indicators(scope=LAMPUNG, region="18", year=2025)
    number = getattr(c, measure)
    assert s.drill_list(scope=LAMPUNG, drill=number.drill).count() == number.value
    for mix in c.mixes.values():
        for part in mix.parts:
            assert s.drill_list(scope=LAMPUNG, drill=part.drill).count() == part.count, part


def test_dispersion_formula_edges():
    # All in one child: CV = √((k−1)) for k children (here √3 = 1.732), HHI = 10 000.
    assert s.dispersion([0, 0, 0, 8]) == (D("100.0"), D("1.732"), D("10000.0"))
    # Perfectly even: CV 0, HHI = 10 000 ÷ 4 = 2500.
    assert s.dispersion([2, 2, 2, 2]) == (D("75.0"), D("0.000"), D("2500.0"))
    assert s.dispersion([0, 0]) == (None, None, None)
