"""Partnership fixtures on top of the root conftest (regions, offices, officers) and the
programmes' `make_enterprise` (an enterprise with its own owner, through the registry
services)."""

from __future__ import annotations

import datetime as dt

import pytest

from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.programmes.tests.conftest import make_enterprise, officer_prov  # noqa: F401

TODAY = dt.date.today()


def owner_prov_of(enterprise) -> Provenance:
    return Provenance(actor=enterprise.owner.user, source=Source.SELF_REGISTRATION)


def add_product(enterprise, name: str, *, cert: str = "", valid_until=None, publish=False):
    """A catalogue product of the enterprise, added by its owner through the catalogue
    services, optionally with one certificate and published."""
    from simpul.catalogue import services as catalogue

    prov = owner_prov_of(enterprise)
    product = catalogue.product_create(enterprise=enterprise, provenance=prov, data={"name": name})
    if cert:
        catalogue.certification_add(
            product=product,
            provenance=prov,
            kind=cert,
            number=f"ID-{cert.upper()}-{product.pk:04d}",
            issued_on=dt.date(2020, 1, 1),
            valid_until=valid_until,
        )
    if publish:
        catalogue.product_publish(product=product, provenance=prov, published=True)
    return product


@pytest.fixture
def textile_kbli(kbli):
    from simpul.kbli.models import Kbli

    K = Kbli.Level
    rows = [
        ("13", K.GOLONGAN_POKOK, "INDUSTRI TEKSTIL", "C"),
        ("131", K.GOLONGAN, "PEMINTALAN, PENENUNAN DAN PENYELESAIAN AKHIR TEKSTIL", "13"),
        ("1312", K.SUBGOLONGAN, "PERTENUNAN", "131"),
        ("13121", K.KELOMPOK, "INDUSTRI PERTENUNAN", "1312"),
    ]
    for code, level, title, parent in rows:
        Kbli.objects.create(code=code, level=level, kategori="C", title=title, parent_id=parent)
    return Kbli.objects.get(code="13121")


@pytest.fixture
def province_officer(make_user, offices):
    return make_user("petugas.18@uji.id", "officer", offices["18"])


@pytest.fixture
def national_officer(make_user, offices):
    return make_user("petugas.pusat@uji.id", "officer", offices["national"])


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.1871@uji.id", "analyst", offices["18.71"])


def prov(user) -> Provenance:
    return Provenance(actor=user, source=Source.OFFICER)


@pytest.fixture
def partner(province_officer, regions):
    """A buyer registered by the Lampung province office, located in Bandar Lampung."""
    from simpul.partnerships import services

    return services.partner_create(
        provenance=prov(province_officer),
        name="PT Kopi Nusantara",
        kind="buyer",
        region=regions["18.71"],
    )


@pytest.fixture
def other_partner(province_officer, regions):
    from simpul.partnerships import services

    return services.partner_create(
        provenance=prov(province_officer), name="PT Lain Sekali", kind="industry"
    )


def invite(officer, partner, email: str):
    from simpul.partnerships import services

    return services.partner_member_invite(
        provenance=prov(officer), partner=partner, email=email, full_name=f"Kontak {email}"
    ).user


@pytest.fixture
def partner_user(province_officer, partner):
    return invite(province_officer, partner, "beli@kopinusantara.id")


@pytest.fixture
def other_partner_user(province_officer, other_partner):
    return invite(province_officer, other_partner, "kontak@lain.id")


@pytest.fixture
def make_need(province_officer, regions):
    """A need posted by the province office on the partner's behalf; keyword arguments
    override the defaults (coffee, KBLI 10, halal, Lampung)."""
    from simpul.partnerships import services

    def make(partner, **fields):
        values = {
            "title": "Kopi bubuk untuk jaringan hotel",
            "kbli_prefixes": "10",
            "keywords": "kopi bubuk",
            "volume": 500,
            "unit": "kg",
            "period": "month",
            "region": regions["18"],
            "certifications": ["halal"],
            **fields,
        }
        return services.need_post(provenance=prov(province_officer), partner=partner, **values)

    return make


@pytest.fixture
def need(make_need, partner):
    return make_need(partner)


@pytest.fixture
def coffee_1871(make_enterprise):  # noqa: F811 (the imported fixture)
    """A verified coffee maker in Kota Bandar Lampung with a valid halal certificate on a
    published product."""
    enterprise = make_enterprise("Kopi Tapis", production_capacity="500 kg/bulan")
    add_product(enterprise, "Kopi Robusta Lampung", cert="halal", publish=True)
    return enterprise


@pytest.fixture
def coffee_1804(make_enterprise):  # noqa: F811
    enterprise = make_enterprise("Kopi Liwa", village="18.04.01.2001")
    add_product(enterprise, "Kopi Liwa Bubuk", cert="halal")
    return enterprise
