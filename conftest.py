"""Shared fixtures: a small region tree (two Lampung regencies), a few KBLI codes, offices
and users of every role. Domain tests build on these rather than on the full tables."""

from __future__ import annotations

import datetime as dt

import pytest

from simpul.core.audit import Provenance
from simpul.core.models import Source

PASSWORD = "sandi-uji-123"  # noqa: S105


@pytest.fixture
def regions(db):
    from simpul.regions.models import Region

    L = Region.Level
    rows = [
        ("18", "Lampung", L.PROVINCE, None),
        ("18.71", "Kota Bandar Lampung", L.REGENCY, "18"),
        ("18.71.01", "Tanjung Karang Pusat", L.DISTRICT, "18.71"),
        ("18.71.01.1001", "Gotong Royong", L.VILLAGE, "18.71.01"),
        ("18.04", "Kabupaten Lampung Barat", L.REGENCY, "18"),
        ("18.04.01", "Balik Bukit", L.DISTRICT, "18.04"),
        ("18.04.01.2001", "Way Mengaku", L.VILLAGE, "18.04.01"),
        ("32", "Jawa Barat", L.PROVINCE, None),
        ("32.73", "Kota Bandung", L.REGENCY, "32"),
        ("32.73.01", "Sukasari", L.DISTRICT, "32.73"),
        ("32.73.01.1001", "Sarijadi", L.VILLAGE, "32.73.01"),
    ]
    for code, name, level, parent in rows:
        Region.objects.create(code=code, name=name, level=level, parent_id=parent)
    return {code: Region.objects.get(code=code) for code, *_ in rows}


@pytest.fixture
def kbli(db):
    from simpul.kbli.models import Kbli

    K = Kbli.Level
    rows = [
        ("C", K.KATEGORI, "INDUSTRI PENGOLAHAN", None),
        ("10", K.GOLONGAN_POKOK, "INDUSTRI MAKANAN", "C"),
        ("107", K.GOLONGAN, "INDUSTRI MAKANAN LAINNYA", "10"),
        ("1076", K.SUBGOLONGAN, "INDUSTRI PENGOLAHAN KOPI, TEH DAN HERBAL (HERB INFUSION)", "107"),
        ("10761", K.KELOMPOK, "INDUSTRI PENGOLAHAN KOPI", "1076"),
    ]
    for code, level, title, parent in rows:
        Kbli.objects.create(code=code, level=level, kategori="C", title=title, parent_id=parent)
    return Kbli.objects.get(code="10761")


@pytest.fixture
def offices(regions):
    from simpul.accounts.models import Office

    return {
        "national": Office.objects.create(code="kemenperin", name="Kemenperin", kind="kemenperin"),
        "18": Office.objects.create(
            code="dinas-18", name="Dinas Provinsi Lampung", kind="provinsi", region=regions["18"]
        ),
        "18.71": Office.objects.create(
            code="dinas-18-71",
            name="Dinas Kota Bandar Lampung",
            kind="kabkota",
            region=regions["18.71"],
        ),
        "18.04": Office.objects.create(
            code="dinas-18-04", name="Dinas Lampung Barat", kind="kabkota", region=regions["18.04"]
        ),
    }


@pytest.fixture
def make_user(db):
    from simpul.accounts.models import User

    def make(email: str, role: str = "owner", office=None, **extra) -> User:
        return User.objects.create_user(
            email=email, password=PASSWORD, full_name=email, role=role, office=office, **extra
        )

    return make


@pytest.fixture
def officer(make_user, offices):
    return make_user("petugas.1871@uji.id", "officer", offices["18.71"])


@pytest.fixture
def other_officer(make_user, offices):
    return make_user("petugas.1804@uji.id", "officer", offices["18.04"])


@pytest.fixture
def owner_user(make_user):
    return make_user("pemilik@uji.id", phone="+6281234567890")


# A valid NIK for Kota Bandar Lampung (18.71), a woman born 12 March 1985 (day 12 + 40).
NIK_WOMAN = "1871015203850001"


@pytest.fixture
def complete_enterprise(regions, kbli, owner_user):
    """A self-registered enterprise with every required field, still in draft."""
    from simpul.registry import services

    prov = Provenance(actor=owner_user, source=Source.SELF_REGISTRATION)
    enterprise = services.enterprise_create_draft(
        provenance=prov,
        name="Kopi Robusta Tapis Berseri",
        legal_form="ud",
        products="kopi bubuk robusta",
        village=regions["18.71.01.1001"],
        address="Jl. Kopi 1",
        kbli=kbli,
        workers_male=2,
        workers_female=3,
        investment_value=150_000_000,
    )
    services.owner_save(
        owner=enterprise.owner,
        provenance=prov,
        full_name="Siti Aminah",
        nik=NIK_WOMAN,
        gender="P",
        birth_date=dt.date(1985, 3, 12),
        phone="+6281234567890",
        email="pemilik@uji.id",
    )
    enterprise.refresh_from_db()
    return enterprise


def pytest_collection_modifyitems(config, items):
    import os

    if os.environ.get("SIMPUL_SKIP_BROWSER"):
        skip = pytest.mark.skip(reason="SIMPUL_SKIP_BROWSER diset")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)
