"""`simpul catalogue_reindex [--documents]`: rebuild the catalogue search index.

Without options: the search structures of the database in use are rebuilt from the
products' stored documents (SQLite: the FTS5 table; PostgreSQL: the vocabulary of
corrections; its tsvector column is generated and always current). With --documents,
every product's copies of its enterprise (region, sentra, KBLI, whether it is public) and
its search document are first recomputed (after the normaliser in search/text.py
changed, or after bulk writes that bypassed the services)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from simpul.catalogue.models import Product
from simpul.catalogue.search.backends import backend
from simpul.catalogue.services.sync import products_sync

CHUNK = 2000


class Command(BaseCommand):
    help = "Bangun ulang indeks pencarian katalog."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--documents",
            action="store_true",
            help="Hitung ulang dokumen pencarian setiap produk lebih dulu.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["documents"]:
            refreshed = self._documents()
            self.stdout.write(f"{refreshed} dokumen produk dihitung ulang.")
        with transaction.atomic():
            indexed = backend().rebuild()
        self.stdout.write(self.style.SUCCESS(f"{indexed} produk publik terindeks."))

    def _documents(self) -> int:
        # A list, not a cursor: SQLite must not write while a read of it is open.
        ids = list(
            Product.objects.order_by("enterprise_id")
            .values_list("enterprise_id", flat=True)
            .distinct()
        )
        refreshed, chunk = 0, []
        for enterprise_id in ids:
            chunk.append(enterprise_id)
            if len(chunk) == CHUNK:
                refreshed += self._sync(chunk)
                chunk = []
        return refreshed + self._sync(chunk)

    def _sync(self, enterprise_ids: list[int]) -> int:
        with transaction.atomic():
            return products_sync(enterprise_ids) if enterprise_ids else 0
