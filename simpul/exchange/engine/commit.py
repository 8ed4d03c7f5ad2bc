"""Commit: write a previewed batch's accepted rows into the registry, all or none.

New rows are written in bulk (owners, enterprises, their import links and history
entries, a few statements per chunk: COPY on PostgreSQL, bulk INSERTs elsewhere, see
bulk.py);
matched rows are updated one by one under the update rule in merge.py, keeping the
replaced values for a rollback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from django.db import models
from django.utils import timezone

from simpul.core.audit import Provenance, diff, plain_value, record_change, snapshot
from simpul.core.models import ChangeRecord, Source
from simpul.exchange.choices import RowAction
from simpul.exchange.models import ImportBatch, ImportedRecord, ImportRow
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise, Owner, new_public_key
from simpul.registry.services.enterprise import AUDITED_FIELDS
from simpul.registry.signals import enterprises_changed
from simpul.registry.sizeclass import classify_permenperin, classify_pp7

from .bulk import PLAIN_TYPES, insert_all, insert_rows
from .merge import ENTERPRISE_FIELDS, owner_fill, plan_update
from .preview import incomplete_fields

CHUNK = 2000
OWNER_FIELDS = ("nik_hash", "nik_encrypted", "nik_masked", "gender", "phone", "email")
NewRow = Any  # a named row of ImportRow.values_list("row_number", "data", named=True)


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
        # New rows need only their number and data: light named tuples, not model instances.
        new = rows.filter(action=RowAction.NEW).values_list("row_number", "data", named=True)
        for chunk in _chunks(new.iterator(chunk_size=CHUNK)):
            self._create(chunk)
        updated = 0
        for row in rows.filter(action=RowAction.UPDATE).iterator(chunk_size=CHUNK):
            updated += self._update(row)
        return {"created": self.done - updated, "updated": updated}

    def _step(self, count: int) -> None:
        self.done += count
        self.progress(self.done)

    # --- new rows --------------------------------------------------------------------

    def _create(self, rows: list[NewRow]) -> None:
        # Each table's rows are generated while its COPY runs, so on PostgreSQL the
        # server stores one row while Python prepares the next.
        owners = self._owners(rows)
        keys = _unique_keys([new_public_key() for _ in rows])
        enterprises = insert_all(
            Enterprise,
            (
                self._enterprise(row, owners.get(row.row_number), key)
                for row, key in zip(rows, keys, strict=True)
            ),
            count=len(rows),
            batch_size=500,
        )
        new_owner_rows = {n for n, (_, created) in owners.items() if created}
        insert_rows(
            ImportedRecord,
            (
                {
                    "batch_id": self.batch.pk,
                    "row_number": row.row_number,
                    "action": RowAction.NEW,
                    "enterprise_id": enterprise.pk,
                    "owner_created": row.row_number in new_owner_rows,
                }
                for row, enterprise in zip(rows, enterprises, strict=True)
            ),
            batch_size=1000,
        )
        insert_rows(
            ChangeRecord,
            (self._history(row, e) for row, e in zip(rows, enterprises, strict=True)),
            batch_size=1000,
        )
        # COPY sends no model signals; apps that count enterprises hear of them here.
        enterprises_changed.send(sender=Enterprise, enterprise_ids=[e.pk for e in enterprises])
        self._step(len(rows))

    def _owners(self, rows: list[NewRow]) -> dict[int, tuple[int, bool]]:
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
        insert_all(Owner, [owner for _, owner in fresh], count=len(fresh), batch_size=500)
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

    def _enterprise(self, row: NewRow, owner: tuple[int, bool] | None, key: str) -> Enterprise:
        data = row.data
        verified = self.batch.new_status == EnterpriseStatus.VERIFIED and not incomplete_fields(
            data
        )
        enterprise = _new_enterprise(
            public_key=key,
            owner_id=owner[0] if owner else None,
            source=Source.IMPORT,
            created_by_id=getattr(self.actor, "pk", None),
            status=EnterpriseStatus.VERIFIED if verified else EnterpriseStatus.DRAFT,
            verified_at=self.now if verified else None,
            kbli_suggested=bool(data.get("kbli_suggested")),
            registration_step=6,
        )
        set_fields(enterprise, data)
        return enterprise

    def _history(self, row: NewRow, enterprise: Enterprise) -> dict[str, Any]:
        """The "created" ChangeRecord of a new enterprise, as record_change writes it."""
        after = _snapshot_new(enterprise)
        return {
            "entity": "registry.enterprise",
            "entity_id": str(enterprise.pk),
            "action": "created",
            "actor_id": self.actor.pk if getattr(self.actor, "pk", None) else None,
            "source": Source.IMPORT,
            "source_ref": row_ref(self.batch, row.row_number),
            "changes": diff({}, {k: v for k, v in after.items() if v not in ("", None, 0, False)}),
        }

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
        before = {k: plain_value(getattr(enterprise, ENTERPRISE_FIELDS[k])) for k in changes}
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
        # After the owner too: the owner's gender is counted with the enterprise.
        enterprises_changed.send(sender=Enterprise, enterprise_ids=[enterprise.pk])
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


class _Maker:
    """Model instances built as Model(*values) from a list of the fields' defaults: the
    same instance as Model(**kwargs), without looking up every field's default for
    every row (a third of the commit's time for the forty columns of an enterprise)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        fields = model._meta.concrete_fields
        self.position = {field.attname: i for i, field in enumerate(fields)}
        # Callable defaults (public keys, JSON dicts) are drawn again for every instance.
        self.per_instance = [
            (i, f.attname, f.get_default)
            for i, f in enumerate(fields)
            if f.has_default() and callable(f.default)
        ]
        self.template = [f.get_default() for f in fields]

    def __call__(self, **values: Any) -> models.Model:
        row = self.template.copy()
        for i, attname, default in self.per_instance:
            if attname not in values:
                row[i] = default()
        for attname, value in values.items():
            row[self.position[attname]] = value
        return self.model(*row)


_new_enterprise = _Maker(Enterprise)
_owner = _Maker(Owner)


# audit.snapshot(enterprise, AUDITED_FIELDS) with the field lookups done once.
_AUDITED_ATTNAMES = [
    (name, field.attname if field.is_relation else name)
    for name in AUDITED_FIELDS
    for field in [Enterprise._meta.get_field(name)]
]


def _snapshot_new(enterprise: Enterprise) -> dict[str, Any]:
    values = ((name, getattr(enterprise, attname)) for name, attname in _AUDITED_ATTNAMES)
    return {name: v if type(v) in PLAIN_TYPES else plain_value(v) for name, v in values}


def _new_owner(data: dict[str, Any]) -> Owner:
    fields = {name: data.get(name) or "" for name in OWNER_FIELDS}
    return _owner(full_name=data.get("owner_name") or "", **fields)


def apply_size_class(enterprise: Enterprise) -> None:
    """registry.services.enterprise.apply_size_class with the verdicts remembered per
    figures: a list repeats the same round amounts and head counts over and over, and
    each verdict also builds its (translated) explanation, which the import discards."""
    enterprise.size_class_permenperin = _permenperin(
        enterprise.workers_total, enterprise.investment_value
    )
    enterprise.size_class_pp7 = _pp7(enterprise.business_capital, enterprise.annual_sales)


@lru_cache(maxsize=65536)
def _permenperin(workers: int, investment: int) -> str:
    return classify_permenperin(workers=workers, investment=investment).code


@lru_cache(maxsize=65536)
def _pp7(capital: int, sales: int) -> str:
    return classify_pp7(capital=capital, sales=sales).code


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


def _unique_keys(keys: list[str]) -> list[str]:
    """Public keys are random; re-draw the rare one that is already taken."""
    while True:
        distinct = set(keys)
        taken = set(
            Enterprise.objects.filter(public_key__in=distinct).values_list("public_key", flat=True)
        )
        if not taken and len(distinct) == len(keys):
            return keys
        seen: set[str] = set()
        for i, key in enumerate(keys):
            if key in taken or key in seen:
                keys[i] = new_public_key()
            seen.add(keys[i])


def _chunks(rows: Iterator[NewRow]) -> Iterator[list[NewRow]]:
    while chunk := list(islice(rows, CHUNK)):
        yield chunk
