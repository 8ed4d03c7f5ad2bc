"""Progress of a running batch, readable by the web process while the worker's
transaction is still open (rows written inside it are invisible until it commits), so it
goes through the cache shared by all processes, not the database."""

from __future__ import annotations

from django.core.cache import cache

TIMEOUT = 6 * 3600


def _key(batch_key: str) -> str:
    return f"simpul:import-progress:{batch_key}"


def report(batch_key: str, done: int, total: int) -> None:
    cache.set(_key(batch_key), (done, total), TIMEOUT)


def read(batch_key: str) -> tuple[int, int] | None:
    return cache.get(_key(batch_key))


def clear(batch_key: str) -> None:
    cache.delete(_key(batch_key))
