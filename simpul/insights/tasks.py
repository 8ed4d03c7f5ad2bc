"""Background work of the insights app, run by the task worker (`simpul db_worker`)."""

from __future__ import annotations

from django_tasks import task

from .digest import target_digest_send
from .services import rollups_refresh_for


@task()
def rollups_refresh(*, enterprise_ids: list[int]) -> int:
    """Count a bulk write (an import chunk) into the rollups after it committed."""
    rollups_refresh_for(enterprise_ids=enterprise_ids)
    return len(enterprise_ids)


@task()
def target_digest() -> int:
    """The weekly target digest (digest.py); enqueue it once a week, e.g. Monday 07:00."""
    return target_digest_send()
