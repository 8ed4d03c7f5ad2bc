"""The weekly target digest: the office's staff get where each target stands, once a
week, counted inside the office's jurisdiction. Numbers worked out by hand below."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from simpul.core.audit import Provenance
from simpul.insights.digest import target_digest_send
from simpul.notifications.models import Notification
from simpul.programmes.services.targets import target_set
from simpul.registry.models import Enterprise

pytestmark = pytest.mark.django_db


def registered(village, name: str) -> Enterprise:
    enterprise = Enterprise(name=name, status="submitted", submitted_at=timezone.now())
    enterprise.set_village(village)
    enterprise.save()  # the rollups follow the save
    return enterprise


@pytest.fixture
def city_targets(regions, offices, officer):
    year = timezone.localdate().year
    for indicator, value in (("new_registered", 3), ("growth_pct", 14)):
        target_set(
            provenance=Provenance(actor=officer),
            office=offices["18.71"],
            year=year,
            indicator=indicator,
            value=value,
        )
    registered(regions["18.71.01.1001"], "Kopi Gotong Royong")
    registered(regions["18.71.01.1001"], "Keripik Gotong Royong")
    registered(regions["18.04.01.2001"], "Tenun Way Mengaku")  # another regency's
    return year


def test_staff_of_an_office_with_targets_get_the_week_once(
    city_targets, offices, officer, other_officer, make_user
):
    year = city_targets
    analyst = make_user("analis.1871@uji.id", "analyst", offices["18.71"])
    make_user("lama.1871@uji.id", "officer", offices["18.71"], is_active=False)
    thursday = dt.date(year, 7, 2)  # ISO week 27; day 183 of 365: a steady pace is 50.1 %

    assert target_digest_send(today=thursday) == 2  # the officer and the analyst
    note = Notification.objects.get(user=officer)
    assert note.title == f"Kemajuan target {year} Dinas Kota Bandar Lampung, minggu ke-27/{year}"
    assert note.url == "/kelola/target/"
    # New registered in the city: 2 (the Lampung Barat one is not its) of 3 = 66.7 % ≥ 50.1.
    # Growth: no verified IKM at the end of last year, so no base to grow from. Targets
    # come in the model's order (by indicator code: growth_pct before new_registered).
    assert note.body.splitlines() == [
        "1 dari 2 target sesuai jalur.",
        "Pertumbuhan jumlah IKM (%): belum ada data tahun dasar.",
        "IKM baru terdaftar: 2 dari target 3 (66,7 %; laju merata hari ini 50,1 %) — sesuai jalur.",
    ]
    assert Notification.objects.filter(user=analyst, title=note.title).exists()
    assert not Notification.objects.filter(user=other_officer).exists()  # no targets there

    assert target_digest_send(today=thursday + dt.timedelta(days=2)) == 0  # same week
    assert target_digest_send(today=thursday + dt.timedelta(days=7)) == 2  # week 28


def test_falling_behind_is_said_and_the_command_sends(city_targets, offices, officer):
    year = city_targets
    october = dt.date(year, 10, 1)  # day 274 of 365: pace 75.1 %; 2 of 3 = 66.7 % is behind
    target_digest_send(today=october)
    body = Notification.objects.get(user=officer).body
    assert "0 dari 2 target sesuai jalur." in body
    assert "(66,7 %; laju merata hari ini 75,1 %) — tertinggal." in body

    out = io.StringIO()
    call_command("target_digest", stdout=out)  # this week, by the real calendar
    today = timezone.localdate()
    sent = 0 if today.isocalendar().week == october.isocalendar().week else 1
    assert out.getvalue().strip() == f"{sent} ringkasan target mingguan dikirim."


def test_the_turn_of_the_year_keeps_weeks_apart(city_targets, officer):
    """ISO weeks cross years: Monday 30 December 2024 is week 1 of 2025, and Monday
    1 January 2024 was week 1 of 2024. Both digests are sent; a second run in either week
    is not. (The targets here are of the current year; the dates only name the weeks.)"""
    from simpul.insights.digest import digest_title

    office = officer.office
    first = digest_title(office=office, year=2024, today=dt.date(2024, 1, 1))
    last = digest_title(office=office, year=2024, today=dt.date(2024, 12, 30))
    assert first.endswith("minggu ke-1/2024") and last.endswith("minggu ke-1/2025")
    year = city_targets
    monday = dt.date(year, 12, 28)
    assert target_digest_send(today=monday) == 1
    assert target_digest_send(today=dt.date(year, 12, 31)) == 0  # the same ISO week
    assert target_digest_send(today=monday + dt.timedelta(days=7)) == 0  # next year: none


def test_a_growth_target_of_zero_gives_no_share(regions, offices, officer):
    """Growth 0 % is a valid target (hold the number of IKM); its share cannot be given."""
    year = timezone.localdate().year
    target_set(
        provenance=Provenance(actor=officer),
        office=offices["18.71"],
        year=year,
        indicator="growth_pct",
        value=0,
    )
    last_year = timezone.make_aware(dt.datetime(year - 1, 6, 1))
    enterprise = Enterprise(
        name="Kopi Gotong Royong", status="verified", submitted_at=last_year, verified_at=last_year
    )
    enterprise.set_village(regions["18.71.01.1001"])
    enterprise.save()  # one verified IKM at the end of both years: growth 0 %
    assert target_digest_send(today=dt.date(year, 7, 2)) == 1
    assert Notification.objects.get(user=officer).body.splitlines() == [
        "0 dari 1 target sesuai jalur.",
        "Pertumbuhan jumlah IKM (%): 0 % (target 0 %).",
    ]
