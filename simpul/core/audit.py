"""The one place that writes the audit trail. Services call `record_change` inside their
transaction, so a change and its record commit or roll back together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from simpul.core.models import ChangeRecord, Source


@dataclass(frozen=True)
class Provenance:
    """Who made a change and through which channel (and, for imports, which batch row)."""

    actor: Any  # a User or None for system work
    source: str = Source.OFFICER
    ref: str = ""


def plain_value(value: Any) -> Any:
    """A field value as JSON can hold it (foreign keys by id, dates and decimals as text)."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date | dt.datetime | Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """Plain values of the given fields (foreign keys by id), for diffing."""
    result = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = field.attname if field.is_relation else name
        result[name] = plain_value(getattr(instance, attname))
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record_change(
    *,
    instance: models.Model,
    action: str,
    provenance: Provenance,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> ChangeRecord:
    actor = provenance.actor if getattr(provenance.actor, "pk", None) else None
    return ChangeRecord.objects.create(
        entity=instance._meta.label_lower,
        entity_id=str(instance.pk),
        action=action,
        actor=actor,
        source=provenance.source,
        source_ref=provenance.ref,
        changes=changes or {},
        note=note,
    )


def history_for(instance: models.Model) -> models.QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(
        entity=instance._meta.label_lower, entity_id=str(instance.pk)
    ).select_related("actor")
