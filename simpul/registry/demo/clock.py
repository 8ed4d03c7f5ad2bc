"""Run the write services as if at the demo's own dates.

The services stamp `timezone.now()` into created/submitted/verified columns and into the
audit trail. Steering that one clock while seeding gives a history that is consistent
everywhere (the record, its ChangeRecords, the queue order) without rewriting timestamp
columns afterwards, and the same seed always gives the same dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from simpul.registry.services import workflow


class SimClock:
    def __init__(self, start: dt.datetime) -> None:
        self.current = start

    def set(self, moment: dt.datetime) -> None:
        self.current = moment

    def now(self) -> dt.datetime:
        return self.current.astimezone(dt.UTC)


def _no_notification(enterprise_id: int) -> None:
    """Demo records belong to no real person: queueing thousands of status e-mails would
    only keep the worker busy after the first `make run`."""


@contextmanager
def simulated_time(clock: SimClock) -> Iterator[SimClock]:
    with (
        mock.patch.object(timezone, "now", clock.now),
        mock.patch.object(workflow, "_notify", _no_notification),
    ):
        yield clock


@contextmanager
def without_savepoints(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """The seed is one all-or-nothing transaction, so the savepoint each nested service
    opens buys nothing; skipping them removes over a third of the statements."""
    # SQLite decides this in `_savepoint_allowed` rather than in its feature flags.
    connection = connections[using]
    with mock.patch.object(connection, "_savepoint_allowed", lambda: False):
        yield
