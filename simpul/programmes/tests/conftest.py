"""Programme fixtures on top of the root conftest (regions, offices, officers, owners)."""

from __future__ import annotations

import datetime as dt

import pytest

from simpul.core.audit import Provenance
from simpul.core.models import Source


@pytest.fixture
def officer_prov(officer):
    return Provenance(actor=officer, source=Source.OFFICER)


@pytest.fixture
def make_programme(offices, regions, officer):
    """A published programme of the Kota Bandar Lampung office, open today; keyword
    arguments override any field."""
    from simpul.programmes.models import Programme

    def make(**fields) -> Programme:
        today = dt.date.today()
        values = {
            "title": "Fasilitasi Sertifikasi Halal 2026",
            "kind": "cert_halal",
            "office": offices["18.71"],
            "region": regions["18.71"],
            "province_code": "18",
            "regency_code": "18.71",
            "apply_opens": today - dt.timedelta(days=3),
            "apply_closes": today + dt.timedelta(days=10),
            "quota": 2,
            "budget": 30_000_000,
            "status": "published",
            "created_by": officer,
        }
        values.update(fields)
        return Programme.objects.create(**values)

    return make


@pytest.fixture
def programme(make_programme):
    return make_programme()


@pytest.fixture
def make_enterprise(regions, kbli, make_user, officer, other_officer):
    """An enterprise with its own owner account, taken through the real registration
    services: verified by the regency's officer unless `verified=False`. `gender` is the
    owner's ("P" = woman); other keyword arguments are enterprise fields."""
    from simpul.registry import services as registry

    serial = iter(range(1, 10_000))

    def make(name: str, *, village="18.71.01.1001", gender="L", verified=True, **fields):
        owner_user = make_user(f"{name.lower().replace(' ', '.')}@uji.id")
        prov = Provenance(actor=owner_user, source=Source.SELF_REGISTRATION)
        enterprise = registry.enterprise_create_draft(
            provenance=prov, name=name, legal_form="ud", village=regions[village]
        )
        values = {
            "kbli": kbli,
            "products": "kopi bubuk",
            "address": "Jl. Uji 1",
            "workers_male": 2,
            "workers_female": 3,
            "investment_value": 50_000_000,
            "business_capital": 80_000_000,
            **fields,
        }
        registry.enterprise_update(provenance=prov, enterprise=enterprise, data=values)
        day = 12 + (40 if gender == "P" else 0)
        registry.owner_save(
            owner=enterprise.owner,
            provenance=prov,
            full_name=f"Pemilik {name}",
            nik=f"{village[:2]}{village[3:5]}{village[6:8]}{day:02d}0385{next(serial):04d}",
            gender=gender,
            birth_date=dt.date(1985, 3, 12),
            phone="",
            email=owner_user.email,
        )
        if verified:
            checker = officer if village.startswith("18.71") else other_officer
            registry.enterprise_submit(enterprise=enterprise, provenance=prov)
            registry.enterprise_verify(
                enterprise=enterprise, provenance=Provenance(actor=checker, source=Source.OFFICER)
            )
        enterprise.refresh_from_db()
        return enterprise

    return make


@pytest.fixture
def media(settings, tmp_path):
    """Public media and private documents of one test, in its own temporary folder (the
    documents straight under it, photos under public/)."""
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path
