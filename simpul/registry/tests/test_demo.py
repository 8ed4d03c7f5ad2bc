"""The demo seed: a believable Lampung, through the services, the same for the same seed."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from simpul.accounts.models import Office, User
from simpul.core import crypto
from simpul.core.models import ChangeRecord
from simpul.core.validation import validate_nik
from simpul.regions.loaders import load_regions
from simpul.regions.models import Region
from simpul.regions.regionfile import read_region_file, write_region_file
from simpul.registry.demo.offices import DEMO_PASSWORD
from simpul.registry.demo.timeline import REFERENCE
from simpul.registry.models import Enterprise, Owner, Sentra

N = 120  # small but above the floor that gives every regency and sentra its share


@pytest.fixture
def lampung(tmp_path, db):
    """Only Lampung's regions (a tenth of a second instead of the whole country)."""
    path = tmp_path / "lampung.csv.gz"
    write_region_file((r for r in read_region_file() if r[0].split(".")[0] == "18"), path)
    load_regions(path)
    call_command("load_kbli", "--builtin", stdout=io.StringIO())


def seed(*args: str) -> str:
    out = io.StringIO()
    # Tests run with DEBUG off, which the command takes for a production server.
    call_command("seed_demo", "--enterprises", str(N), "--allow-production", *args, stdout=out)
    return out.getvalue()


def test_seed_refuses_a_production_server(lampung):
    with pytest.raises(CommandError, match="DEBUG mati"):
        call_command("seed_demo", "--enterprises", str(N), stdout=io.StringIO())
    assert not Enterprise.objects.exists()


def regencies() -> list[Region]:
    return list(Region.objects.filter(level=Region.Level.REGENCY, code__startswith="18."))


def test_seed_builds_a_believable_lampung(lampung):
    """One seed, several checks: seeding is the slow part."""
    out = seed()
    assert "120 IKM" in out
    assert Enterprise.objects.exclude(source="import").count() == N
    check_import_batches(out)
    check_offices_staff_and_statuses()
    check_towns_villages_and_sentra()
    check_niks_and_history()
    check_demo_owner_and_logins()


def check_import_batches(out: str) -> None:
    """One office list imported, one field survey waiting in preview, both messy."""
    from simpul.exchange.models import ImportBatch

    listed, survey = ImportBatch.objects.order_by("id")
    assert (listed.status, survey.status) == ("committed", "previewed")
    imported = Enterprise.objects.filter(source="import")
    assert imported.count() == listed.rows_new > 15
    assert f"Contoh impor: {listed.rows_new} IKM" in out
    assert listed.rows_error == 2 and listed.rows_duplicate == 1
    assert survey.rows_error == 2 and survey.rows_warning >= 1
    assert all(code.startswith("18.71.") for code in imported.values_list("village_id", flat=True))
    assert imported.filter(kbli_suggested=True).exists()


def check_offices_staff_and_statuses() -> None:
    assert Office.objects.count() == 17
    for regency in regencies():
        office = Office.objects.get(region=regency)
        assert User.objects.filter(office=office, role="officer").exists(), regency.name
    assert User.objects.filter(role="analyst").count() == 2
    statuses = set(Enterprise.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "verified", "needs_revision", "rejected"}
    decided = Enterprise.objects.filter(status__in=["needs_revision", "rejected"])
    assert all(e.status_reason for e in decided)
    queue = Enterprise.objects.filter(status="submitted")
    assert all(e.submitted_at < REFERENCE for e in queue)
    assert len({e.submitted_at.date() for e in queue}) > 1
    # Verifications span the years since the offices' first data drive in 2020, most of
    # them in it, so growth year on year is a believable figure rather than tenfold.
    years = Counter(e.verified_at.year for e in Enterprise.objects.filter(status="verified"))
    assert min(years) == 2020 and max(years) <= REFERENCE.year
    assert years[2020] == max(years.values())


def check_towns_villages_and_sentra() -> None:
    villages = set(Enterprise.objects.exclude(village=None).values_list("village_id", flat=True))
    assert any(code[9] == "1" for code in villages)  # urban kelurahan
    for regency in regencies():
        if not regency.is_kota:  # every kabupaten has IKM in a rural desa
            assert any(c.startswith(regency.code) and c[9] == "2" for c in villages), regency
    for sentra in Sentra.objects.all():
        assert sentra.members.count() >= 5, sentra.name


def check_niks_and_history() -> None:
    owners = list(Owner.objects.exclude(nik_encrypted=""))
    assert len({o.nik_hash for o in owners}) == len(owners)
    for owner in owners:
        nik = crypto.decrypt(owner.nik_encrypted)
        info = validate_nik(nik, gender=owner.gender, birth_date=owner.birth_date)
        assert info.province_code == "18"
    with_history = set(
        ChangeRecord.objects.filter(entity="registry.enterprise").values_list(
            "entity_id", flat=True
        )
    )
    assert {str(pk) for pk in Enterprise.objects.values_list("pk", flat=True)} <= with_history
    sources = set(Enterprise.objects.values_list("source", flat=True))
    assert sources == {"officer", "self_registration", "import"}


def check_demo_owner_and_logins() -> None:
    owner = User.objects.get(email="pemilik@demo.simpul.id")
    assert owner.phone == "+6281200000001" and owner.check_password(DEMO_PASSWORD)
    mine = Enterprise.objects.filter(owner__user=owner)
    assert sorted(mine.values_list("status", flat=True)) == [
        "draft", "needs_revision", "verified"
    ]  # fmt: skip
    assert mine.get(status="needs_revision").status_reason
    assert User.objects.get(email="petugas.18-71@demo.simpul.id").check_password(DEMO_PASSWORD)
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    table = out.getvalue()
    for email in (
        "pemilik@demo.simpul.id",
        "admin.18-71@demo.simpul.id",
        "analis.18@demo.simpul.id",
        "analis.nasional@demo.simpul.id",
    ):
        assert email in table


def _fingerprint() -> list[tuple]:
    # The demo import runs at today's time; what it writes is compared without the clock.
    imported = Enterprise.objects.filter(source="import").order_by("id")
    return [
        *imported.values_list("name", "status", "village_id", "owner__nik_hash", "annual_sales"),
        *Enterprise.objects.exclude(source="import")
        .order_by("id")
        .values_list(
            "name",
            "status",
            "village_id",
            "owner__nik_hash",
            "annual_sales",
            "created_at",
            "submitted_at",
        ),
    ]


def _flush() -> None:
    from simpul.exchange.models import ImportBatch, ImportMapping
    from simpul.partnerships.models import Match, Partner, PartnerNeed
    from simpul.programmes.models import Application, Programme

    # The programme and partnership demo protects the enterprises it points at; it goes first.
    for model in (Match, PartnerNeed, Partner, Application, Programme):
        model.objects.all().delete()
    ImportBatch.objects.all().delete()
    ImportMapping.objects.all().delete()
    Enterprise.objects.all().delete()
    Sentra.objects.all().delete()
    Owner.objects.all().delete()
    User.objects.all().delete()
    Office.objects.all().delete()
    ChangeRecord.objects.all().delete()


def test_same_seed_gives_the_same_registry_and_if_empty_is_a_no_op(lampung):
    seed()
    first = _fingerprint()
    assert "sudah berisi" in seed("--if-empty")
    assert Enterprise.objects.exclude(source="import").count() == N
    with pytest.raises(CommandError):
        seed()
    _flush()
    seed()
    assert _fingerprint() == first


@pytest.mark.django_db
def test_seed_needs_regions_and_kbli_loaded():
    with pytest.raises(CommandError, match="load_regions"):
        seed()
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert out.getvalue() == ""
