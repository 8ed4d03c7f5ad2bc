"""Keep the rollups current on every ORM save and delete.

Cheap when nothing the rollups count has changed: one locked read of the ledger row and
one read of the enterprise's key. Bulk paths that send no signals (bulk_create, COPY,
QuerySet.update) must call services.rollups_refresh_for afterwards (see README.md)."""

from __future__ import annotations

import sys

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from simpul.registry.models import Enterprise, Owner
from simpul.registry.signals import enterprises_changed
from simpul.reporting.models import YearlyFigure

from . import rollups


@receiver(post_save, sender=Enterprise, dispatch_uid="insights_enterprise_saved")
@receiver(post_delete, sender=Enterprise, dispatch_uid="insights_enterprise_deleted")
def enterprise_changed(sender, instance: Enterprise, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the rebuild after it recomputes everything
        return
    rollups.refresh_enterprises([instance.pk])


# From this many enterprises at once (an import chunk), the worker counts them after the
# commit: refreshing in the import's own transaction took a quarter of its speed.
BULK_ANNOUNCEMENT = 100


@receiver(enterprises_changed, dispatch_uid="insights_enterprises_changed")
def enterprises_announced(sender, enterprise_ids, **kwargs) -> None:
    # The registry announces bulk writes (imports, rollbacks) that send no model signals.
    ids = list(enterprise_ids)
    if rollups.DEFERRED.get():
        return
    if len(ids) < BULK_ANNOUNCEMENT:
        rollups.refresh_enterprises(ids)
        return
    from .tasks import rollups_refresh

    transaction.on_commit(lambda: rollups_refresh.enqueue(enterprise_ids=ids))


@receiver(post_save, sender=Owner, dispatch_uid="insights_owner_saved")
def owner_changed(sender, instance: Owner, raw: bool = False, **kwargs) -> None:
    # The owner's gender is a dimension (women-owned share) of each of their enterprises.
    if raw:
        return
    ids = list(Enterprise.objects.filter(owner_id=instance.pk).values_list("pk", flat=True))
    if ids:
        rollups.refresh_enterprises(ids)


@receiver(pre_save, sender=YearlyFigure, dispatch_uid="insights_figure_saving")
def figure_saving(sender, instance: YearlyFigure, raw: bool = False, **kwargs) -> None:
    """Remember where the row was before: a save that moves it to another year or
    enterprise must recompute the place it left as well."""
    instance._insights_before = None
    if raw or instance.pk is None:
        return
    instance._insights_before = (
        YearlyFigure.objects.filter(pk=instance.pk).values_list("enterprise_id", "year").first()
    )


@receiver(post_save, sender=YearlyFigure, dispatch_uid="insights_figure_saved")
@receiver(post_delete, sender=YearlyFigure, dispatch_uid="insights_figure_deleted")
def figure_changed(sender, instance: YearlyFigure, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    places = {(instance.enterprise_id, instance.year)}
    before = getattr(instance, "_insights_before", None)
    if before:
        places.add(before)
    for enterprise_id in sorted({e for e, _ in places}):
        # A year's `reporting_prev` depends on the year before and its `sales_fell` on
        # the two before: touch years + 1 and + 2 as well.
        years = {y + d for e, y in places if e == enterprise_id for d in (0, 1, 2)}
        rollups.refresh_figures(enterprise_id, years)


def fill_empty_rollups(sender, using: str = "default", verbosity: int = 1, **kwargs) -> None:
    """After `migrate`: rollup tables that are empty while enterprises exist (the version
    that brought them has just been installed over existing data) are built once, so that
    dashboards and the office home do not show zeros until someone rebuilds by hand. Only
    on the default database, fully migrated: a partial or backwards `migrate` may have
    left the tables or their columns out."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    from .models import EnterpriseRollup

    if using != DEFAULT_DB_ALIAS:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if EnterpriseRollup.objects.exists() or not Enterprise.objects.exists():
        return
    if verbosity:
        stdout = kwargs.get("stdout") or sys.stdout
        stdout.write("Membangun tabel ringkasan wawasan dari data registri …\n")
    rollups.rebuild_all()
