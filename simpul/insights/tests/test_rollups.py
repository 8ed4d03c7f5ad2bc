"""The incremental rollups equal a fresh rebuild after every kind of edit."""

from __future__ import annotations

import pytest
from django.utils import timezone

from simpul.insights.models import EnterpriseKey, EnterpriseRollup, FigureRollup
from simpul.insights.services import rollups_rebuild, rollups_refresh_for
from simpul.regions.models import Region
from simpul.registry.models import Enterprise, Owner
from simpul.reporting.models import YearlyFigure

from .conftest import M, make_figure

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[list, list, list]:
    """The three tables as sorted tuples without ids; rows that fell to zero are left out
    (the incremental path keeps them, the rebuild never writes them)."""
    ent = EnterpriseRollup.objects.exclude(count=0).values_list(
        "region_code",
        "parent_code",
        "facet",
        "value",
        "status",
        "registered_year",
        "verified_year",
        "count",
    )
    fig = [
        row[1:]
        for row in FigureRollup.objects.values_list()
        if any(row[5:])  # some measure not zero
    ]
    keys = EnterpriseKey.objects.values_list()
    return sorted(ent), sorted(fig), sorted(keys)


def assert_equals_rebuild() -> None:
    incremental = snapshot()
    rollups_rebuild()
    fresh = snapshot()
    for name, a, b in zip(("enterprise", "figure", "key"), incremental, fresh, strict=True):
        assert a == b, name


def test_dataset_rollups_equal_rebuild(dataset):
    assert EnterpriseRollup.objects.exists() and FigureRollup.objects.exists()
    assert_equals_rebuild()


def test_chain_of_edits(dataset):
    e = dataset
    # Verify a submitted enterprise (its 2025 figure starts to count).
    e["E5"].status, e["E5"].verified_at = "verified", timezone.now()
    e["E5"].save()
    # Move an enterprise to a village in another regency (figures follow it).
    e["E1"].set_village(Region.objects.get(code="18.04.02.2001"))
    e["E1"].save()
    # Change KBLI and size class.
    e["E8"].kbli_id = "13134"
    e["E8"].size_class_permenperin = "menengah"
    e["E8"].size_class_pp7 = "kecil"
    e["E8"].save()
    # Reject one, take one back to revision.
    e["E2"].status = "rejected"
    e["E2"].save()
    e["E9"].status, e["E9"].verified_at = "needs_revision", None
    e["E9"].save()
    # Owner's gender changes.
    owner = e["E16"].owner
    owner.gender = "P"
    owner.save()
    # Edit, add, move and delete figures.
    f = YearlyFigure.objects.get(enterprise=e["E3"], year=2025)
    f.sales_value, f.online_sales_percent = 99 * M, 30
    f.save()
    make_figure(e["E3"], 2024, (1, 1, 1, 1, 1, None, 0))
    moved = YearlyFigure.objects.get(enterprise=e["E16"], year=2023)
    moved.year = 2022
    moved.save()
    YearlyFigure.objects.get(enterprise=e["E16"], year=2024).delete()
    assert_equals_rebuild()
    # Delete an enterprise with figures (cascade) and one without.
    e["E8"].delete()
    e["E7"].delete()
    assert_equals_rebuild()


def test_bulk_paths_repaired_by_refresh_for(dataset):
    e = dataset
    # Writes that send no signals: QuerySet.update and bulk_create.
    Enterprise.objects.filter(pk=e["E4"].pk).update(
        kbli_id="13134",
        village_id="18.04.02.2001",
        regency_code="18.04",
        district_code="18.04.02",
    )
    Owner.objects.filter(pk=e["E2"].owner_id).update(gender="P")
    YearlyFigure.objects.filter(enterprise=e["E1"], year=2025).update(sales_value=1)
    (new,) = Enterprise.objects.bulk_create(
        [Enterprise(name="Baru", status="verified", source="import", verified_at=timezone.now())]
    )
    YearlyFigure.objects.bulk_create([YearlyFigure(enterprise=e["E6"], year=2025, sales_value=5)])
    rollups_refresh_for(enterprise_ids=[e["E4"].pk, e["E2"].pk, e["E1"].pk, e["E6"].pk, new.pk])
    assert_equals_rebuild()


def test_unchanged_save_writes_nothing(dataset, django_assert_num_queries):
    e = dataset["E1"]
    e.name = "E1 baru"
    # UPDATE + the enterprise row and the ledger row locked + the key read: no rollup write.
    with django_assert_num_queries(4):
        e.save()


def test_deferred_block_skips_the_refreshes_and_rebuilds_at_its_end(dataset):
    """The demo seed's shortcut: inside the block nothing is counted, at its end all is."""
    from simpul.insights.models import EnterpriseRollup
    from simpul.insights.services import rollups_deferred
    from simpul.registry.models import Enterprise

    before = snapshot()
    e1 = Enterprise.objects.get(name="E1")
    with rollups_deferred():
        e1.delete()
        assert snapshot() == before  # not counted yet
    national = EnterpriseRollup.objects.filter(region_code="", facet="all")
    assert sum(national.values_list("count", flat=True)) == Enterprise.objects.count()
    assert_equals_rebuild()


def test_a_bulk_announcement_is_counted_after_the_commit(
    dataset, django_capture_on_commit_callbacks
):
    """An import chunk announces hundreds of enterprises; the worker counts them once the
    import's transaction has committed, not inside it."""
    from simpul.insights.receivers import BULK_ANNOUNCEMENT
    from simpul.registry.signals import enterprises_changed

    before = snapshot()
    made = Enterprise.objects.bulk_create(
        [
            Enterprise(name=f"Impor {i}", status="draft", source="import")
            for i in range(BULK_ANNOUNCEMENT)
        ]
    )
    with django_capture_on_commit_callbacks(execute=False) as pending:
        enterprises_changed.send(sender=Enterprise, enterprise_ids=[m.pk for m in made])
    assert snapshot() == before and len(pending) == 1  # nothing counted yet
    pending[0]()  # the commit: the task runs (immediately in tests)
    assert_equals_rebuild()


def test_migrate_builds_empty_rollups_over_existing_enterprises(dataset):
    """An installation upgraded to the version with rollups: its enterprises are there,
    the new tables are empty; `migrate` builds them (and leaves filled ones alone)."""
    from django.core.management import call_command

    expected = snapshot()
    EnterpriseRollup.objects.all().delete()
    FigureRollup.objects.all().delete()
    EnterpriseKey.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert snapshot() == expected

    # Filled tables are not rebuilt: a row changed by hand stays changed.
    row = EnterpriseRollup.objects.filter(count__gt=0).first()
    EnterpriseRollup.objects.filter(pk=row.pk).update(count=row.count + 7)
    call_command("migrate", verbosity=0)
    assert EnterpriseRollup.objects.get(pk=row.pk).count == row.count + 7


@pytest.mark.django_db(transaction=True)
def test_two_refreshes_of_a_new_enterprise_at_once_count_it_once(regions):
    """The worker counts an import chunk while an officer saves one of its enterprises:
    neither has a ledger row to lock yet. The second waits for the first (the enterprise's
    own row is the lock) and then sees its ledger row: no duplicate key, counted once."""
    import threading

    from django.db import connection, transaction

    from simpul.insights import rollups

    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite runs one writer at a time anyway)")
    enterprise = Enterprise(name="Kopi Serentak", status="verified")
    enterprise.set_village(regions["18.71.01.1001"])
    (enterprise,) = Enterprise.objects.bulk_create([enterprise])  # no signals: no ledger
    errors: list[Exception] = []

    def second() -> None:
        try:
            rollups.refresh_enterprises([enterprise.pk])
        except Exception as exc:  # noqa: BLE001 — reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    with transaction.atomic():
        rollups.refresh_enterprises([enterprise.pk])
        other = threading.Thread(target=second)
        other.start()
        other.join(timeout=1.5)
        assert other.is_alive()  # waiting on the enterprise's row lock
    other.join(timeout=20)
    assert not other.is_alive() and errors == []
    assert EnterpriseKey.objects.filter(pk=enterprise.pk).count() == 1
    total = EnterpriseRollup.objects.filter(region_code="18.71", facet="all")
    assert sum(total.values_list("count", flat=True)) == 1
    assert_equals_rebuild()


@pytest.mark.django_db(transaction=True)
def test_a_partial_migrate_leaves_the_rollups_alone(dataset):
    """`migrate insights 0001` (backwards, the sales_fell column gone) must not try to
    build the rollups with today's models; going forward again builds them."""
    from django.core.management import call_command

    EnterpriseRollup.objects.all().delete()
    FigureRollup.objects.all().delete()
    EnterpriseKey.objects.all().delete()
    call_command("migrate", "insights", "0001", verbosity=0)
    call_command("migrate", verbosity=0)
    assert EnterpriseRollup.objects.exists() and FigureRollup.objects.exists()
    assert_equals_rebuild()
