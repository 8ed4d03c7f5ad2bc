"""The report downloads: who may take them, which region, bad parameters, the audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simpul.core.models import ChangeRecord

pytestmark = pytest.mark.django_db

KINDS = ["xlsx", "pdf"]


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.18@uji.id", "analyst", offices["18"])


def url(kind: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(f"insights_reports:{kind}") + (f"?{query}" if query else "")


def test_url_names():
    assert reverse("insights_reports:xlsx") == "/kelola/wawasan/laporan.xlsx"
    assert reverse("insights_reports:pdf") == "/kelola/wawasan/laporan.pdf"


@pytest.mark.parametrize("kind", KINDS)
def test_download_is_audited(client, dataset, analyst, offices, kind):
    client.force_login(analyst)
    response = client.get(url(kind, wilayah="18", tahun=2025))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF" if kind == "pdf" else b"PK")
    assert response["Content-Disposition"].startswith("attachment")
    assert f"laporan-ikm-18-2025.{kind}" in response["Content-Disposition"]
    record = ChangeRecord.objects.get(action="export")
    assert (record.entity, record.entity_id) == ("accounts.office", str(offices["18"].pk))
    assert record.actor == analyst
    assert kind.upper() in record.note and "2025" in record.note


@pytest.mark.parametrize("kind", KINDS)
def test_empty_region_is_the_users_jurisdiction(client, dataset, officer, kind):
    client.force_login(officer)  # Kota Bandar Lampung
    response = client.get(url(kind, wilayah="", tahun=2025))
    assert response.status_code == 200
    assert "laporan-ikm-1871-2025" in response["Content-Disposition"]


@pytest.mark.parametrize("kind", KINDS)
def test_another_regency_is_not_found(client, dataset, officer, kind):
    client.force_login(officer)  # 18.71
    for region in ("18.04", "18", "32.73", "18.99"):
        assert client.get(url(kind, wilayah=region, tahun=2025)).status_code == 404
    assert not ChangeRecord.objects.filter(action="export").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_owner_and_anonymous_are_refused(client, dataset, owner_user, kind):
    response = client.get(url(kind, wilayah="18.71", tahun=2025))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(owner_user)
    assert client.get(url(kind, wilayah="18.71", tahun=2025)).status_code == 403
    assert not ChangeRecord.objects.filter(action="export").exists()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"wilayah": "abc", "tahun": 2025}, "Kode wilayah"),
        ({"wilayah": "18.71.01.1001", "tahun": 2025}, "Kode wilayah"),
        ({"wilayah": "18", "tahun": "dua ribu"}, "Tahun"),
        ({"wilayah": "18", "tahun": 1999}, "Tahun"),
        ({"wilayah": "18", "tahun": 3000}, "Tahun"),
    ],
)
def test_bad_parameters(client, dataset, analyst, kind, params, message):
    client.force_login(analyst)
    response = client.get(url(kind, **params))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ChangeRecord.objects.filter(action="export").exists()
