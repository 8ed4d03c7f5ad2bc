"""A small hand-checked dataset: 16 enterprises in Lampung (four regencies, desa and
kelurahan, both genders, two golongan pokok, several size classes, every status) plus one
in Bandung, with yearly figures for 2023–2025, programmes and targets. The expected
numbers are worked out next to each assertion in the tests."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from simpul.regions.models import Region

M = 1_000_000  # figures in millions of Rupiah, stored as whole Rupiah

# Extra regions on top of the root conftest's tree (18 / 18.71 / 18.04 / 32).
EXTRA_REGIONS = [
    ("18.71.02", "Kedaton", 3, "18.71"),
    ("18.71.02.1001", "Kedaton", 4, "18.71.02"),
    ("18.71.02.2002", "Desa Uji Kedaton", 4, "18.71.02"),
    ("18.04.01.1002", "Pasar Liwa", 4, "18.04.01"),
    ("18.04.02", "Sukau", 3, "18.04"),
    ("18.04.02.2001", "Buay Nyerupa", 4, "18.04.02"),
    ("18.72", "Kota Metro", 2, "18"),
    ("18.72.01", "Metro Pusat", 3, "18.72"),
    ("18.72.01.1001", "Metro", 4, "18.72.01"),
    ("18.01", "Kabupaten Lampung Selatan", 2, "18"),
    ("18.01.01", "Natar", 3, "18.01"),
    ("18.01.01.2001", "Natar", 4, "18.01.01"),
]

# name: (village, KBLI, Permenperin class, PP 7 class, owner gender, status, created,
#        verified) — dates as (year, month).
ENTERPRISES = {
    "E1": ("18.71.01.1001", "10761", "kecil", "mikro", "P", "verified", (2023, 3), (2023, 4)),
    "E2": ("18.71.01.1001", "10761", "kecil", "mikro", "L", "verified", (2023, 5), (2023, 6)),
    "E3": ("18.71.01.1001", "13134", "menengah", "kecil", "P", "verified", (2024, 2), (2024, 3)),
    "E4": ("18.71.02.1001", "10761", "kecil", "mikro", "L", "verified", (2024, 7), (2025, 1)),
    "E5": ("18.71.02.1001", "13134", "kecil", "mikro", "P", "submitted", (2025, 2), None),
    "E6": ("18.71.02.2002", "10761", "kecil", "kecil", "P", "verified", (2025, 3), (2025, 4)),
    "E7": ("18.71.01.1001", None, "", "", "L", "draft", (2025, 5), None),
    "E8": ("18.04.01.2001", "10761", "kecil", "mikro", "P", "verified", (2023, 1), (2023, 2)),
    "E9": ("18.04.01.2001", "10761", "menengah", "kecil", "L", "verified", (2024, 4), (2024, 5)),
    "E10": ("18.04.01.1002", "13134", "kecil", "mikro", "P", "verified", (2025, 6), (2025, 7)),
    "E11": ("18.04.02.2001", "13134", "kecil", "mikro", "L", "needs_revision", (2025, 1), None),
    "E12": ("18.04.02.2001", "10761", "kecil", "mikro", "P", "rejected", (2024, 1), None),
    "E13": ("18.04.02.2001", "10761", "kecil", "mikro", None, "verified", (2024, 9), (2024, 10)),
    "E14": ("32.73.01.1001", "10761", "kecil", "mikro", "L", "verified", (2023, 1), (2023, 2)),
    "E15": ("18.72.01.1001", "10761", "kecil", "mikro", "P", "verified", (2025, 8), (2025, 9)),
    "E16": ("18.01.01.2001", "13134", "kecil", "mikro", "L", "verified", (2023, 6), (2023, 7)),
}

# (enterprise, year): (men, women, investment, production, sales, online %, export), in M.
FIGURES = {
    ("E1", 2025): (2, 3, 50, 70, 60, 10, 0),
    ("E2", 2025): (1, 1, 20, 45, 40, None, 5),
    ("E3", 2025): (4, 6, 300, 40, 30, 50, 0),
    ("E8", 2025): (3, 2, 100, 160, 150, 20, 10),
    ("E9", 2025): (5, 5, 400, 80, 70, None, 0),
    ("E16", 2025): (1, 0, 10, 25, 20, 0, 0),
    ("E5", 2025): (10, 10, 1000, 1000, 1000, 100, 0),  # submitted, not verified: not counted
    ("E14", 2025): (1, 1, 5, 8, 7, None, 0),
    ("E1", 2024): (2, 2, 50, 90, 80, None, 0),
    ("E2", 2024): (1, 1, 20, 70, 60, None, 0),
    ("E8", 2024): (3, 2, 100, 160, 150, None, 0),
    ("E9", 2024): (5, 4, 400, 100, 90, None, 0),
    ("E16", 2024): (1, 0, 10, 35, 30, None, 0),
    ("E14", 2024): (1, 1, 5, 9, 8, None, 0),
    ("E1", 2023): (None, None, None, None, 100, None, None),
    ("E2", 2023): (None, None, None, None, 50, None, None),
    ("E8", 2023): (None, None, None, None, 200, None, None),
    ("E16", 2023): (None, None, None, None, 40, None, None),
    ("E13", 2023): (None, None, None, None, 5, None, None),
    ("E14", 2023): (None, None, None, None, 9, None, None),
}


def moment(year: int, month: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, 15, 10, 0))


def at(year: int, month: int):
    """Run saves as if on that day: created_at (auto_now_add) takes the patched clock."""
    return mock.patch.object(timezone, "now", lambda: moment(year, month))


def money(value):
    return None if value is None else value * M


def make_figure(enterprise, year: int, values: tuple):
    from simpul.reporting.models import YearlyFigure

    men, women, inv, prod, sales, online, export = values
    return YearlyFigure.objects.create(
        enterprise=enterprise,
        year=year,
        workforce_men=men,
        workforce_women=women,
        investment_value=money(inv),
        production_value=money(prod),
        sales_value=money(sales),
        online_sales_percent=online,
        export_value=money(export),
    )


def make_enterprise(name: str, spec: tuple, villages: dict):
    from simpul.registry.models import Enterprise, Owner

    village, kbli, perm, pp7, gender, status, created, verified = spec
    with at(*created):
        owner = Owner.objects.create(full_name=f"Pemilik {name}", gender=gender) if gender else None
        enterprise = Enterprise(
            name=name,
            owner=owner,
            kbli_id=kbli,
            size_class_permenperin=perm,
            size_class_pp7=pp7,
            status=status,
            source="officer",
            submitted_at=moment(*created) if status == "submitted" else None,
            verified_at=moment(*verified) if verified else None,
        )
        enterprise.set_village(villages[village])
        enterprise.save()
    return enterprise


@pytest.fixture
def kbli_two(kbli):
    from simpul.kbli.models import Kbli

    K = Kbli.Level
    rows = [
        ("13", K.GOLONGAN_POKOK, "INDUSTRI TEKSTIL", "C"),
        ("131", K.GOLONGAN, "PEMINTALAN, PENENUNAN DAN PENYELESAIAN AKHIR TEKSTIL", "13"),
        ("1313", K.SUBGOLONGAN, "PENYELESAIAN AKHIR TEKSTIL", "131"),
        ("13134", K.KELOMPOK, "INDUSTRI PENCETAKAN KAIN", "1313"),
    ]
    for code, level, title, parent in rows:
        Kbli.objects.create(code=code, level=level, kategori="C", title=title, parent_id=parent)


@pytest.fixture
def dataset(regions, kbli_two, offices):
    for code, name, level, parent in EXTRA_REGIONS:
        Region.objects.create(code=code, name=name, level=level, parent_id=parent)
    villages = {r.code: r for r in Region.objects.filter(level=4)}
    ents = {name: make_enterprise(name, spec, villages) for name, spec in ENTERPRISES.items()}
    for (name, year), values in FIGURES.items():
        make_figure(ents[name], year, values)
    return ents


@pytest.fixture
def programmes(dataset, offices):
    """2025: E1 participating and E8 completed (E9 rejected) in a training held in 2025;
    E3 completed a call without a period that closed in 2025; E2 completed one of 2024."""
    from simpul.programmes.models import Application, Programme

    office = offices["18"]

    def programme(title, start, closes):
        return Programme.objects.create(
            title=title,
            kind="training",
            office=office,
            region_id="18",
            province_code="18",
            period_start=start,
            apply_opens=closes - dt.timedelta(days=30),
            apply_closes=closes,
            quota=10,
            status="published",
        )

    p1 = programme("Bimtek 2025", dt.date(2025, 3, 1), dt.date(2025, 2, 1))
    p2 = programme("Bimtek 2024", dt.date(2024, 3, 1), dt.date(2024, 2, 1))
    p3 = programme("Halal 2025", None, dt.date(2025, 5, 1))
    for prog, name, status in [
        (p1, "E1", "participating"),
        (p1, "E8", "completed"),
        (p1, "E9", "rejected"),
        (p2, "E2", "completed"),
        (p3, "E3", "completed"),
    ]:
        Application.objects.create(programme=prog, enterprise=dataset[name], status=status)
    return [p1, p2, p3]
