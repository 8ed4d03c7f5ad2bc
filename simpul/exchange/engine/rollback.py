"""Rollback: undo a committed batch, as long as nothing changed its records since.

A record counts as changed when its `updated_at` is later than the batch's commit (an
officer's edit, a decision, a later import), when the owner the batch created or filled
in was edited since (the rollback would delete or blank that edit), when a business the
batch created has catalogue products (deleting it would delete them, photos and all,
without a word), or when other data now points at it."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, ProtectedError, Q
from django.utils.translation import gettext as _

from simpul.catalogue.models import Product
from simpul.core.audit import Provenance, record_change
from simpul.core.models import Source
from simpul.exchange.choices import RowAction
from simpul.exchange.models import ImportBatch, ImportedRecord
from simpul.registry.models import Enterprise, Owner
from simpul.registry.signals import enterprises_changed

from .commit import row_ref, set_fields

CHUNK = 500  # ids per statement, under SQLite's limit on query parameters


class RollbackRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def touched_since(batch: ImportBatch) -> list[int]:
    """Row numbers whose enterprise, or the owner the batch wrote, changed after the commit,
    and those whose enterprise the batch created and that now has catalogue products."""
    since = batch.committed_at
    records = ImportedRecord.objects.filter(batch=batch)
    changed = set(
        records.filter(enterprise__updated_at__gt=since)
        .order_by("row_number")
        .values_list("row_number", flat=True)[:20]
    )
    with_products = records.filter(action=RowAction.NEW).filter(
        Exists(Product.objects.filter(enterprise_id=OuterRef("enterprise_id")))
    )
    changed.update(with_products.order_by("row_number").values_list("row_number", flat=True)[:20])
    owner_edited = records.filter(
        Q(owner_created=True) | Q(action=RowAction.UPDATE),
        enterprise__owner__updated_at__gt=since,
    )
    for number, created, before in owner_edited.values_list(
        "row_number", "owner_created", "before"
    ).order_by("row_number")[:1000]:
        if created or (before or {}).get("owner"):
            changed.add(number)
    return sorted(changed)[:20]


def run_rollback(batch: ImportBatch, actor: Any) -> dict[str, int]:
    """Must run inside a transaction with the batch locked (services.batch_rollback)."""
    touched = touched_since(batch)
    if touched:
        raise RollbackRefused(
            _(
                "Batch tidak dapat dibatalkan: data dari baris %(rows)s sudah diubah setelah "
                "impor. Batalkan perubahan itu satu per satu lewat halaman IKM-nya."
            )
            % {"rows": ", ".join(map(str, touched))}
        )
    records = ImportedRecord.objects.filter(batch=batch).select_related("enterprise")
    restored = sum(
        _restore(batch, record, actor)
        for record in records.filter(action=RowAction.UPDATE).iterator(chunk_size=1000)
    )
    removed = _remove_created(batch, records.filter(action=RowAction.NEW))
    return {"restored": restored, "removed": removed}


def _restore(batch: ImportBatch, record: ImportedRecord, actor: Any) -> int:
    enterprise = record.enterprise
    if enterprise is None:
        return 0
    set_fields(enterprise, record.before.get("enterprise", {}))
    enterprise.save()
    if record.before.get("owner"):
        Owner.objects.filter(pk=enterprise.owner_id).update(**record.before["owner"])
    enterprises_changed.send(sender=Enterprise, enterprise_ids=[enterprise.pk])
    provenance = Provenance(actor, Source.IMPORT, row_ref(batch, record.row_number))
    record_change(instance=enterprise, action="import_rolled_back", provenance=provenance)
    return 1


def _remove_created(batch: ImportBatch, records) -> int:
    created = list(records.exclude(enterprise=None).values_list("enterprise_id", "owner_created"))
    removed = 0
    try:
        for start in range(0, len(created), CHUNK):
            chunk = created[start : start + CHUNK]
            ids = [pk for pk, _ in chunk]
            made = [pk for pk, owner_created in chunk if owner_created]
            owners = set(Enterprise.objects.filter(pk__in=made).values_list("owner_id", flat=True))
            Enterprise.objects.filter(pk__in=ids).delete()
            # An owner this batch created goes too, unless another enterprise uses it now.
            Owner.objects.filter(pk__in=owners, enterprises__isnull=True).delete()
            removed += len(ids)
    except ProtectedError as exc:
        raise RollbackRefused(
            _("Batch tidak dapat dibatalkan: data lain sudah merujuk IKM dari batch ini.")
        ) from exc
    return removed
