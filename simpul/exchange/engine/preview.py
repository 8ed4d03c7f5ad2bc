"""Preview (dry run): every row parsed, resolved and matched, nothing written to the
registry. The verdicts are stored as ImportRows, which the commit then writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.exchange.choices import BatchStatus, RowAction
from simpul.exchange.models import ImportBatch, ImportRow
from simpul.exchange.reading import MAX_ROWS, MAX_UPLOAD_BYTES, Record, stream_table
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

from .bulk import insert_rows
from .context import ImportContext
from .matching import Matcher, Verdict
from .merge import plan_update
from .rowparse import ParsedRow, RowParser
from .sealed import seal_original

CHUNK = 2000
Progress = Callable[[int], None]


def batch_file_bytes(batch: ImportBatch) -> bytes:
    with batch.file.open("rb") as handle:
        return handle.read()


def run_preview(
    batch: ImportBatch,
    *,
    data: bytes | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_UPLOAD_BYTES,
    progress: Progress | None = None,
) -> Counter[str]:
    """Judge every row of the batch's file; returns the count per action. Raises
    ReadError when the file cannot be read (the caller records it on the batch)."""
    table = stream_table(
        batch_file_bytes(batch) if data is None else data,
        batch.file_name,
        sheet=batch.sheet or None,
        max_bytes=max_bytes,
        max_rows=max_rows,
    )
    if table.columns != batch.columns:
        raise ValueError("the sheet's columns changed since the mapping was made")
    context = ImportContext(prefix=batch.office.jurisdiction_code)
    judge = _Judge(batch, RowParser(batch.mapping, context), Matcher(context.prefix))
    ImportRow.objects.filter(batch=batch).delete()
    counts: Counter[str] = Counter()
    for chunk in _chunks(table.records()):
        rows = judge.chunk(chunk)
        insert_rows(ImportRow, rows, batch_size=1000)
        counts.update(row["action"] for row in rows)
        counts["warning"] += sum(1 for row in rows if row["warnings"])
        if progress:
            progress(sum(v for k, v in counts.items() if k != "warning"))
    return counts


def _chunks(records: Iterator[Record]) -> Iterator[list[Record]]:
    while chunk := list(islice(records, CHUNK)):
        yield chunk


class _Judge:
    def __init__(self, batch: ImportBatch, parser: RowParser, matcher: Matcher) -> None:
        self.batch, self.parser, self.matcher = batch, parser, matcher

    def chunk(self, records: list[Record]) -> list[dict[str, Any]]:
        """The ImportRows of a chunk of records, as {field: value} (bulk.insert_rows)."""
        parsed = [(r.row_number, self.parser.parse(r.values)) for r in records]
        verdicts = self.matcher.judge(parsed)
        targets = Enterprise.objects.in_bulk(
            [v.target_id for v in verdicts if v.target_id is not None]
        )
        return [
            self._row(record, row, verdict, targets)
            for record, (_, row), verdict in zip(records, parsed, verdicts, strict=True)
        ]

    def _row(self, record: Record, row: ParsedRow, verdict: Verdict, targets) -> dict[str, Any]:
        if verdict.action == RowAction.UPDATE:
            changes, kept = plan_update(targets[verdict.target_id], row.data)
            row.warnings.extend(kept)
            if not changes:
                verdict.action = RowAction.UNCHANGED
        elif verdict.action == RowAction.NEW:
            self._check_status(row)
        original, sealed = seal_original(record.values, self.parser.columns.get("nik"))
        return {
            "batch_id": self.batch.pk,
            "row_number": record.row_number,
            "action": verdict.action,
            "original": original,
            "sealed_nik": sealed,
            "data": row.data,
            "errors": row.errors,
            "warnings": row.warnings,
            "target_id": verdict.target_id,
            "match_rule": verdict.rule,
            "duplicate_of": verdict.duplicate_of,
        }

    def _check_status(self, row: ParsedRow) -> None:
        if self.batch.new_status != EnterpriseStatus.VERIFIED:
            return
        missing = incomplete_fields(row.data)
        if missing:
            row.warnings.append(
                _("Belum lengkap (%(f)s); diimpor sebagai draf, bukan terverifikasi.")
                % {"f": ", ".join(missing)}
            )


def incomplete_fields(data: dict) -> list[str]:
    """What a new row lacks to be imported as verified (the registration's own list)."""
    checks = [
        (data.get("owner_name"), _("nama pemilik")),
        (data.get("nik_hash"), _("NIK")),
        (len(data.get("region") or "") == 13, _("desa/kelurahan")),
        (data.get("address"), _("alamat")),
        (data.get("kbli") and not data.get("kbli_suggested"), _("KBLI")),
        (data.get("products"), _("produk")),
        (
            (data.get("workers_male") or 0)
            + (data.get("workers_female") or 0)
            + (data.get("workers_unspecified") or 0),
            _("tenaga kerja"),
        ),
    ]
    return [label for ok, label in checks if not ok]


@transaction.atomic
def finish_preview(batch: ImportBatch, counts: Counter[str]) -> None:
    batch.rows_total = sum(v for k, v in counts.items() if k != "warning")
    batch.rows_new = counts[RowAction.NEW]
    batch.rows_update = counts[RowAction.UPDATE]
    batch.rows_unchanged = counts[RowAction.UNCHANGED]
    batch.rows_duplicate = counts[RowAction.DUPLICATE]
    batch.rows_error = counts[RowAction.ERROR]
    batch.rows_warning = counts["warning"]
    batch.progress_done = batch.progress_total = batch.rows_total
    batch.status = BatchStatus.PREVIEWED
    batch.previewed_at = timezone.now()
    batch.message = ""
    batch.save()
