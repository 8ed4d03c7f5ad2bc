from __future__ import annotations

import pytest
from django.utils import timezone

from simpul.core.audit import Provenance
from simpul.core.models import Source


@pytest.fixture
def last_year() -> int:
    return timezone.localdate().year - 1


@pytest.fixture
def verified(complete_enterprise, officer, owner_user):
    """The conftest's enterprise (Kota Bandar Lampung), submitted and verified."""
    from simpul.registry import services as registry

    prov = Provenance(actor=owner_user, source=Source.SELF_REGISTRATION)
    registry.enterprise_submit(enterprise=complete_enterprise, provenance=prov)
    registry.enterprise_verify(
        enterprise=complete_enterprise, provenance=Provenance(actor=officer, source=Source.OFFICER)
    )
    complete_enterprise.refresh_from_db()
    return complete_enterprise


@pytest.fixture
def by_owner(owner_user) -> Provenance:
    return Provenance(actor=owner_user, source=Source.SELF_REGISTRATION)


@pytest.fixture
def by_officer(officer) -> Provenance:
    return Provenance(actor=officer, source=Source.OFFICER)


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.18@uji.id", "analyst", offices["18"])


@pytest.fixture
def province_officer(make_user, offices):
    return make_user("petugas.18@uji.id", "officer", offices["18"])


def figures(**overrides):
    values = {
        "workforce_men": 2,
        "workforce_women": 3,
        "investment_value": 150_000_000,
        "production_value": 300_000_000,
        "sales_value": 400_000_000,
        "online_sales_percent": 20,
        "export_value": None,
        "raw_materials": "biji kopi robusta",
        "capacity_use_percent": 60,
    }
    values.update(overrides)
    return values
