"""Commit: write a previewed batch's accepted rows into the registry, all or none.

New rows are written in bulk (owners, enterprises, their import links and history
entries, a few statements per chunk); matched rows are updated one by one under the
update rule in merge.py, keeping the replaced values for a rollback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from django.utils import timezone

from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.core.models import ChangeRecord, Source
from simpul.exchange.choices import RowAction
from simpul.exchange.models import ImportBatch, ImportedRecord, ImportRow
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise, Owner, new_public_key
from simpul.registry.services.enterprise import AUDITED_FIELDS, apply_size_class

from .merge import ENTERPRISE_FIELDS, owner_fill, plan_update
from .preview import incomplete_fields

CHUNK = 2000
OWNER_FIELDS = ("nik_hash", "nik_encrypted", "nik_masked", "gender", "phone", "email")


def row_ref(batch: ImportBatch, row_number: int) -> str:
    return f"impor:{batch.key}#{row_number}"


class CommitWriter:
    """Writes one batch. Must run inside a transaction (see services.batch_commit)."""

    def __init__(self, batch: ImportBatch, actor: Any, progress: Callable[[int], None]) -> None:
        self.batch, self.actor, self.progress = batch, actor, progress
        self.now = timezone.now()
        self.owners_by_nik: dict[str, int] = {}  # owners created by this batch
        self.done = 0

    def run(self) -> dict[str, int]:
        rows = ImportRow.objects.filter(batch=self.batch).order_by("row_number")
        for chunk in _chunks(rows.filter(action=RowAction.NEW).iterator(chunk_size=CHUNK)):
            self._create(chunk)
        updated = 0
        for row in rows.filter(action=RowAction.UPDATE).iterator(chunk_size=CHUNK):
            updated += self._update(row)
        return {"created": self.done - updated, "updated": updated}

    def _step(self, count: int) -> None:
        self.done += count
        self.progress(self.done)

    # --- new rows --------------------------------------------------------------------

    def _create(self, rows: list[ImportRow]) -> None:
        owners = self._owners(rows)
        enterprises = [self._enterprise(row, owners.get(row.row_number)) for row in rows]
        _unique_keys(enterprises)
        Enterprise.objects.bulk_create(enterprises, batch_size=500)
        new_owner_rows = {n for n, (_, created) in owners.items() if created}
        ImportedRecord.objects.bulk_create(
            [
                ImportedRecord(
                    batch=self.batch,
                    row_number=row.row_number,
                    action=RowAction.NEW,
                    enterprise_id=enterprise.pk,
                    owner_created=row.row_number in new_owner_rows,
                )
                for row, enterprise in zip(rows, enterprises, strict=True)
            ],
            batch_size=1000,
        )
        ChangeRecord.objects.bulk_create(
            [self._history(row, e) for row, e in zip(rows, enterprises, strict=True)],
            batch_size=1000,
        )
        self._step(len(rows))

    def _owners(self, rows: list[ImportRow]) -> dict[int, tuple[int, bool]]:
        """Row number → (owner id, created by this row)."""
        found: dict[int, tuple[int, bool]] = {}
        fresh: list[tuple[int, Owner]] = []
        pending: set[str] = set()  # NIKs whose owner this chunk is about to create
        for row in rows:
            data = row.data
            nik = data.get("nik_hash") or ""
            if data.get("owner_id"):
                found[row.row_number] = (data["owner_id"], False)
            elif nik in self.owners_by_nik:
                found[row.row_number] = (self.owners_by_nik[nik], False)
            elif nik and nik in pending:
                continue  # linked below, once the first row's owner has its id
            elif any(data.get(k) for k in ("owner_name", "nik_hash", "phone", "email")):
                fresh.append((row.row_number, _new_owner(data)))
                pending.add(nik)
        Owner.objects.bulk_create([owner for _, owner in fresh], batch_size=500)
        for number, owner in fresh:
            found[number] = (owner.pk, True)
            if owner.nik_hash:
                self.owners_by_nik[owner.nik_hash] = owner.pk
        # Later rows of the chunk with the NIK of an owner created above.
        for row in rows:
            nik = row.data.get("nik_hash")
            if row.row_number not in found and nik in self.owners_by_nik:
                found[row.row_number] = (self.owners_by_nik[nik], False)
        return found

    def _enterprise(self, row: ImportRow, owner: tuple[int, bool] | None) -> Enterprise:
        data = row.data
        verified = self.batch.new_status == EnterpriseStatus.VERIFIED and not incomplete_fields(
            data
        )
        enterprise = Enterprise(
            owner_id=owner[0] if owner else None,
            source=Source.IMPORT,
            created_by=self.actor,
            status=EnterpriseStatus.VERIFIED if verified else EnterpriseStatus.DRAFT,
            verified_at=self.now if verified else None,
            kbli_suggested=bool(data.get("kbli_suggested")),
            registration_step=6,
        )
        set_fields(enterprise, data)
        return enterprise

    def _history(self, row: ImportRow, enterprise: Enterprise) -> ChangeRecord:
        after = snapshot(enterprise, AUDITED_FIELDS)
        return ChangeRecord(
            entity="registry.enterprise",
            entity_id=str(enterprise.pk),
            action="created",
            actor=self.actor,
            source=Source.IMPORT,
            source_ref=row_ref(self.batch, row.row_number),
            changes=diff({}, {k: v for k, v in after.items() if v not in ("", None, 0, False)}),
        )

    # --- matched rows ----------------------------------------------------------------

    def _update(self, row: ImportRow) -> int:
        enterprise = (
            Enterprise.objects.select_for_update(of=("self",))
            .select_related("owner")
            .filter(pk=row.target_id)
            .first()
        )
        if enterprise is None:  # deleted since the preview: nothing to update
            return 0
        changes, _ = plan_update(enterprise, row.data)
        owner_changes = owner_fill(enterprise.owner, row.data)
        before = {k: _plain(getattr(enterprise, ENTERPRISE_FIELDS[k])) for k in changes}
        if "kbli" in changes:
            before["kbli_suggested"] = enterprise.kbli_suggested
        owner_before = {k: getattr(enterprise.owner, k) for k in owner_changes}
        provenance = Provenance(self.actor, Source.IMPORT, row_ref(self.batch, row.row_number))
        audited_before = snapshot(enterprise, AUDITED_FIELDS)
        set_fields(enterprise, changes)
        apply_size_class(enterprise)
        enterprise.save()
        if owner_changes:
            Owner.objects.filter(pk=enterprise.owner_id).update(**owner_changes)
        change = diff(audited_before, snapshot(enterprise, AUDITED_FIELDS))
        record_change(instance=enterprise, action="updated", provenance=provenance, changes=change)
        ImportedRecord.objects.create(
            batch=self.batch,
            row_number=row.row_number,
            action=RowAction.UPDATE,
            enterprise=enterprise,
            before={"enterprise": before, "owner": owner_before},
        )
        self._step(1)
        return 1


def _new_owner(data: dict[str, Any]) -> Owner:
    owner = Owner(full_name=data.get("owner_name") or "")
    for name in OWNER_FIELDS:
        setattr(owner, name, data.get(name) or "")
    return owner


def set_fields(enterprise: Enterprise, data: dict[str, Any]) -> None:
    """Copy row values (keys of merge.ENTERPRISE_FIELDS) onto the model."""
    for key, attr in ENTERPRISE_FIELDS.items():
        if key not in data:
            continue
        value = data[key]
        if key == "region":
            enterprise.village_id = value if value and len(value) == 13 else None
            enterprise.set_region_prefix(value or "")
        elif attr in ("name", "nib", "address", "products", "production_capacity"):
            setattr(enterprise, attr, value or "")
        elif attr.startswith("workers_") or attr in MONEY:
            setattr(enterprise, attr, value or 0)
        else:
            setattr(enterprise, attr, value)
    if "kbli" in data:
        enterprise.kbli_suggested = bool(data.get("kbli_suggested"))
    apply_size_class(enterprise)


MONEY = ("investment_value", "production_value", "annual_sales")


def _plain(value: Any) -> Any:
    return None if value is None else (value if isinstance(value, int | str) else str(value))


def _unique_keys(enterprises: list[Enterprise]) -> None:
    """Public keys are random; re-draw the rare one that is already taken."""
    while True:
        keys = {e.public_key for e in enterprises}
        taken = set(
            Enterprise.objects.filter(public_key__in=keys).values_list("public_key", flat=True)
        )
        if not taken and len(keys) == len(enterprises):
            return
        seen: set[str] = set()
        for enterprise in enterprises:
            if enterprise.public_key in taken or enterprise.public_key in seen:
                enterprise.public_key = new_public_key()
            seen.add(enterprise.public_key)


def _chunks(rows: Iterator[ImportRow]) -> Iterator[list[ImportRow]]:
    while chunk := list(islice(rows, CHUNK)):
        yield chunk
