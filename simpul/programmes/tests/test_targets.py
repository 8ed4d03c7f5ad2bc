"""Target progress on a small hand-built registry; every expected number is worked out in
the comments next to it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from simpul.core.audit import Provenance, history_for
from simpul.programmes.models import Application, Target
from simpul.programmes.selectors.targets import target_progress, year_elapsed_percent
from simpul.programmes.services.targets import target_set
from simpul.registry.models import Enterprise

TODAY = dt.date(2025, 7, 2)


def _at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day + "T10:00"))


@pytest.fixture
def registry_2025(make_enterprise, make_programme, offices, regions):
    """E1, E2 verified in 2024; E3, E4 in 2025 (all Kota Bandar Lampung); E5 verified in
    2025 in Lampung Barat; E6 a 2025 draft; E7 submitted in 2025, not yet verified."""
    made = {}
    for name, verified_on, village in [
        ("E1", "2024-05-01", "18.71.01.1001"),
        ("E2", "2024-11-01", "18.71.01.1001"),
        ("E3", "2025-03-01", "18.71.01.1001"),
        ("E4", "2025-06-01", "18.71.01.1001"),
        ("E5", "2025-02-01", "18.04.01.2001"),
    ]:
        e = make_enterprise(f"Usaha {name}", village=village)
        Enterprise.objects.filter(pk=e.pk).update(
            verified_at=_at(verified_on), created_at=_at(verified_on)
        )
        made[name] = e
    made["E6"] = make_enterprise("Usaha E6", verified=False)
    made["E7"] = make_enterprise("Usaha E7", verified=False)
    Enterprise.objects.filter(pk=made["E7"].pk).update(
        status="submitted", submitted_at=_at("2025-04-02")
    )
    Enterprise.objects.filter(pk__in=[made["E6"].pk, made["E7"].pk]).update(
        created_at=_at("2025-04-01")
    )
    halal_25 = make_programme(title="Halal 2025", period_start=dt.date(2025, 3, 1))
    training_25 = make_programme(
        title="Bimtek 2025", kind="training", period_start=dt.date(2025, 5, 1)
    )
    halal_24 = make_programme(title="Halal 2024", period_start=dt.date(2024, 3, 1))
    halal_prov = make_programme(
        title="Halal Provinsi 2025",
        office=offices["18"],
        region=regions["18"],
        regency_code="",
        period_start=dt.date(2025, 4, 1),
    )
    for programme, name, status in [
        (halal_25, "E1", "completed"),
        (halal_25, "E2", "participating"),
        (halal_25, "E3", "dropped"),  # dropped: not facilitated
        (training_25, "E4", "completed"),
        (training_25, "E1", "completed"),
        (halal_24, "E3", "completed"),  # another year
        (halal_prov, "E5", "completed"),  # outside Kota Bandar Lampung
    ]:
        Application.objects.create(programme=programme, enterprise=made[name], status=status)
    return made


def _progress(office, officer, targets):
    prov = Provenance(actor=officer)
    for indicator, kind, value in targets:
        target_set(
            provenance=prov,
            office=office,
            year=2025,
            indicator=indicator,
            programme_kind=kind,
            value=value,
        )
    return {
        (p.target.indicator, p.target.programme_kind): p
        for p in target_progress(office=office, year=2025, today=TODAY)
    }


def test_each_indicator_on_hand_checked_data(registry_2025, offices, officer):
    got = _progress(
        offices["18.71"],
        officer,
        [
            ("facilitated", "cert_halal", 4),
            ("facilitated", "", 5),
            ("new_registered", "", 6),
            ("verified", "", 4),
            ("growth_pct", "", "14"),
        ],
    )
    # Halal 2025 in 18.71: E1 completed + E2 participating (E3 dropped, E5 elsewhere) = 2.
    assert got[("facilitated", "cert_halal")].actual == 2
    assert got[("facilitated", "cert_halal")].percent == Decimal("50.0")
    # Any kind in 2025: E1, E2 (halal) and E4 (bimtek); E1 counted once = 3 → 3/5 = 60 %.
    assert got[("facilitated", "")].actual == 3
    assert got[("facilitated", "")].percent == Decimal("60.0")
    # Created in 2025, not draft/rejected: E3, E4, E7 (E6 is a draft) = 3 → 50 %.
    assert got[("new_registered", "")].actual == 3
    # Verified in 2025: E3, E4 = 2 → 2/4 = 50 %.
    assert got[("verified", "")].actual == 2
    # Verified stock end of 2024: E1, E2 = 2; on 2 July 2025: 4 → +100 % against 14 %:
    # 100 / 14 × 100 = 714.29 → 714.3 % of the target.
    growth = got[("growth_pct", "")]
    assert growth.actual == Decimal("100.0")
    assert growth.percent == Decimal("714.3")
    assert growth.on_track is True
    # 2 July is day 183 of 365: a steady pace stands at 183/365 = 50.14 → 50.1 %; the
    # halal target at 50.0 % is just behind it.
    assert got[("facilitated", "cert_halal")].expected_percent == Decimal("50.1")
    assert got[("facilitated", "cert_halal")].on_track is False


def test_province_office_counts_its_whole_province(registry_2025, offices, make_user):
    admin = make_user("admin.18@uji.id", "office_admin", offices["18"])
    got = _progress(offices["18"], admin, [("facilitated", "cert_halal", 3)])
    # E1, E2 (Kota Bandar Lampung programme) and E5 (the province's own programme) = 3.
    assert got[("facilitated", "cert_halal")].actual == 3
    assert got[("facilitated", "cert_halal")].percent == Decimal("100.0")


def test_growth_without_a_base_year_is_unknown(offices, officer):
    got = _progress(offices["18.71"], officer, [("growth_pct", "", 14)])
    assert got[("growth_pct", "")].actual is None
    assert got[("growth_pct", "")].on_track is None


def test_year_pace():
    assert year_elapsed_percent(2025, dt.date(2025, 12, 31)) == Decimal("100.0")
    assert year_elapsed_percent(2026, TODAY) == 0
    assert year_elapsed_percent(2024, TODAY) == 100


def test_setting_a_target_is_audited_and_replaces_the_old_value(offices, officer):
    prov = Provenance(actor=officer)
    target_set(provenance=prov, office=offices["18.71"], year=2026, indicator="verified", value=100)
    target = target_set(
        provenance=prov, office=offices["18.71"], year=2026, indicator="verified", value=120
    )
    assert Target.objects.get().value == Decimal("120.00")
    assert [r.changes["value"] for r in history_for(target).order_by("id")] == [
        [None, "100.00"],
        ["100.00", "120.00"],
    ]


@pytest.mark.parametrize(
    ("indicator", "kind", "value"),
    [
        ("verified", "", "2.5"),
        ("verified", "", 0),
        ("verified", "cert_halal", 3),
        ("nonsense", "", 3),
        ("growth_pct", "", "abc"),
    ],
)
def test_bad_targets_are_refused(offices, officer, indicator, kind, value):
    with pytest.raises(ValidationError):
        target_set(
            provenance=Provenance(actor=officer),
            office=offices["18.71"],
            year=2026,
            indicator=indicator,
            programme_kind=kind,
            value=value,
        )
    assert not Target.objects.exists()


def test_only_the_offices_own_writers_set_its_targets(offices, other_officer, make_user):
    analyst = make_user("analis@uji.id", "analyst", offices["18.71"])
    for actor in (other_officer, analyst):
        with pytest.raises(PermissionDenied):
            target_set(
                provenance=Provenance(actor=actor),
                office=offices["18.71"],
                year=2026,
                indicator="verified",
                value=10,
            )
    assert not Target.objects.exists()


def test_office_home_shows_progress_and_refuses_analyst_posts(client, offices, officer, make_user):
    target_set(
        provenance=Provenance(actor=officer),
        office=offices["18.71"],
        year=timezone.localdate().year,
        indicator="verified",
        value=10,
    )
    client.force_login(officer)
    page = client.get("/kelola/target/")
    assert page.status_code == 200
    assert "IKM terverifikasi baru" in page.content.decode()
    assert (
        client.post(
            "/kelola/target/", {"year": 2026, "indicator": "verified", "value": "abc"}
        ).status_code
        == 400
    )
    analyst = make_user("analis@uji.id", "analyst", offices["18.71"])
    client.force_login(analyst)
    assert "Tetapkan target" not in client.get("/kelola/target/").content.decode()
    forged = client.post(
        "/kelola/target/", {"year": 2026, "indicator": "new_registered", "value": "5"}
    )
    assert forged.status_code == 403
    assert Target.objects.count() == 1


def test_office_home_reads_the_rollups_and_matches_the_direct_count(
    client, registry_2025, offices, officer
):
    """The page takes its figures from the insights rollups (kept current on every save;
    the fixture backdates with update(), so it refreshes them as a bulk write must)."""
    from simpul.insights.services import rollups_refresh_for

    rollups_refresh_for(enterprise_ids=Enterprise.objects.values_list("pk", flat=True))
    _progress(
        offices["18.71"],
        officer,
        [
            ("facilitated", "", 5),
            ("new_registered", "", 6),
            ("verified", "", 4),
            ("growth_pct", "", 14),
        ],
    )
    client.force_login(officer)
    page = client.get("/kelola/target/?tahun=2025").content.decode()
    capaian = re.findall(r'data-label="Capaian">([^<]*)</td>', page)
    # Model order: facilitated 3, growth 100 % (stock 2 → 4), new registered 3, verified 2.
    assert capaian == ["3", "100 %", "3", "2"]
    direct = target_progress(office=offices["18.71"], year=2025)
    assert [f"{p.actual.normalize():f}" for p in direct] == ["3", "100", "3", "2"]


def test_staff_land_on_the_office_home(client, officer, owner_user):
    client.force_login(officer)
    assert client.get("/akun/beranda/", follow=False).url.endswith("/kelola/target/")


def test_office_home_links_the_panel_only_for_panel_members(client, officer, programme):
    client.force_login(officer)
    assert "/kelola/kurasi/panel/" not in client.get("/kelola/target/").content.decode()
    stage = programme.stages.create(number=1, name="Seleksi berkas")
    stage.panelists.add(officer)
    assert "/kelola/kurasi/panel/" in client.get("/kelola/target/").content.decode()


def test_facilitated_per_kind_looks_at_one_application_at_a_time(registry_2025, offices):
    """E4 completed a 2025 training and was rejected from the 2025 halal call: it is not
    a halal facilitation, though each condition holds for one of its applications."""
    from simpul.programmes.selectors.targets import facilitated_count

    office = offices["18.71"]
    halal_before = facilitated_count(office, 2025, "cert_halal")
    assert halal_before == 2  # E1 completed, E2 participating
    halal_25 = Application.objects.get(enterprise=registry_2025["E1"], programme__kind="cert_halal")
    Application.objects.create(
        programme=halal_25.programme, enterprise=registry_2025["E4"], status="rejected"
    )
    assert facilitated_count(office, 2025, "cert_halal") == 2
    assert facilitated_count(office, 2025, "training") == 2  # E1, E4
