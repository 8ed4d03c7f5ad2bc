"""Writes of the exchange app: upload, mapping, preview, commit and rollback of import
batches. Each checks who may act, changes state atomically and leaves an audit record;
the heavy work runs in the background worker through tasks.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change
from simpul.core.models import Source
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.services.permissions import STAFF_WRITERS

from .choices import BatchStatus, ErrorPolicy
from .engine import progress
from .engine.commit import CommitWriter
from .engine.preview import finish_preview, run_preview
from .engine.report import write_error_report
from .engine.rollback import RollbackRefused, run_rollback
from .mapping import FIELDS, shape_key, suggest_mapping
from .models import ImportBatch, ImportMapping, ImportRow
from .reading import MAX_ROWS, MAX_UPLOAD_BYTES, ReadError, check_size, stream_table

REQUIRED_FIELDS = ("name",)


def can_manage(user: Any, batch: ImportBatch | None = None) -> bool:
    """Officers and office admins import for their own office only."""
    if getattr(user, "role", "") not in STAFF_WRITERS or not user.is_active:
        return False
    return batch is None or batch.office_id == user.office_id


def _require(user: Any, batch: ImportBatch | None = None) -> None:
    if not can_manage(user, batch):
        raise PermissionDenied


def _audit(batch: ImportBatch, actor: Any, action: str, **changes: Any) -> None:
    provenance = Provenance(actor, Source.IMPORT, f"impor:{batch.key}")
    record_change(instance=batch, action=action, provenance=provenance, changes=changes)


# --- upload and mapping ------------------------------------------------------------------


def batch_upload(
    *,
    actor: Any,
    file_name: str,
    data: bytes,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_ROWS,
) -> ImportBatch:
    """Check and read the header of an uploaded file and open a batch for it. Bad files
    raise ValidationError with the reader's Indonesian message; nothing is stored."""
    _require(actor)
    try:
        check_size(len(data), max_bytes=max_bytes)
        table = stream_table(data, file_name, max_bytes=max_bytes, max_rows=max_rows)
        # Counted through once now, so an over-long file is refused at once instead of
        # after a preview of its first rows; the header stays known after the stream ends.
        for _record in table.records():
            pass
    except ReadError as exc:
        raise ValidationError(exc.message) from None
    batch = ImportBatch(
        office=actor.office,
        created_by=actor,
        file_name=file_name[:255],
        file_size=len(data),
        file_format=table.format,
        sheets=table.sheets,
    )
    batch.set_region_prefix(actor.office.jurisdiction_code)
    _read_header(batch, table)
    with transaction.atomic():
        batch.file.save(file_name[-100:] or "berkas", ContentFile(data), save=False)
        batch.save()
        _audit(batch, actor, "uploaded", file=[None, batch.file_name])
    return batch


def _read_header(batch: ImportBatch, table: Any) -> None:
    batch.sheet = table.sheet
    batch.header_row = table.header.row_index + 1
    batch.columns = table.columns
    saved = saved_mapping_for(batch)
    batch.mapping = saved.mapping if saved else suggest_mapping(table.columns)


def saved_mapping_for(batch: ImportBatch) -> ImportMapping | None:
    shape = shape_key(batch.columns)
    return ImportMapping.objects.filter(office_id=batch.office_id, shape=shape).first()


@transaction.atomic
def batch_choose_sheet(*, batch: ImportBatch, actor: Any, sheet: str) -> ImportBatch:
    _require(actor, batch)
    _require_status(batch, {BatchStatus.UPLOADED, BatchStatus.PREVIEWED, BatchStatus.FAILED})
    with batch.file.open("rb") as handle:
        data = handle.read()
    try:
        table = stream_table(data, batch.file_name, sheet=sheet)
    except ReadError as exc:
        raise ValidationError(exc.message) from None
    _read_header(batch, table)
    batch.status = BatchStatus.UPLOADED
    batch.save()
    return batch


@transaction.atomic
def batch_configure(
    *,
    batch: ImportBatch,
    actor: Any,
    mapping: dict[str, str | None],
    new_status: str = EnterpriseStatus.DRAFT,
    save_as: str = "",
) -> ImportBatch:
    """Set the column mapping (column → field or None) and what new records become."""
    _require(actor, batch)
    _require_status(batch, {BatchStatus.UPLOADED, BatchStatus.PREVIEWED, BatchStatus.FAILED})
    clean = _clean_mapping(batch, mapping)
    if new_status not in (EnterpriseStatus.DRAFT, EnterpriseStatus.VERIFIED):
        raise ValidationError(_("Pilih status IKM baru: draf atau terverifikasi."))
    batch.mapping, batch.new_status = clean, new_status
    batch.status = BatchStatus.UPLOADED
    batch.save()
    if save_as.strip():
        ImportMapping.objects.update_or_create(
            office_id=batch.office_id,
            name=save_as.strip()[:120],
            defaults={
                "shape": shape_key(batch.columns),
                "columns": batch.columns,
                "mapping": clean,
                "created_by": actor,
            },
        )
    _audit(batch, actor, "mapped", mapping=[None, clean])
    return batch


def _clean_mapping(batch: ImportBatch, mapping: dict[str, str | None]) -> dict[str, str | None]:
    clean = {column: (mapping.get(column) or None) for column in batch.columns}
    used = [field for field in clean.values() if field]
    unknown = [field for field in used if field not in FIELDS]
    if unknown:
        raise ValidationError(_("Isian tujuan tidak dikenal: %(f)s.") % {"f": ", ".join(unknown)})
    doubled = sorted({str(FIELDS[f]) for f in used if used.count(f) > 1})
    if doubled:
        raise ValidationError(
            _("Satu isian hanya boleh dari satu kolom; dipilih lebih dari sekali: %(f)s.")
            % {"f": ", ".join(doubled)}
        )
    missing = [str(FIELDS[f]) for f in REQUIRED_FIELDS if f not in used]
    if missing:
        raise ValidationError(_("Kolom untuk %(f)s wajib dipilih.") % {"f": ", ".join(missing)})
    return clean


def _require_status(batch: ImportBatch, allowed: set[str]) -> None:
    if batch.status not in allowed:
        raise ValidationError(
            _("Batch ini sedang berstatus “%(s)s”; langkah itu tidak dapat dilakukan sekarang.")
            % {"s": batch.get_status_display()}
        )


# --- preview -----------------------------------------------------------------------------


def batch_mark_previewing(*, batch: ImportBatch, actor: Any) -> ImportBatch:
    """Check that the batch may be previewed and mark it as running; the caller then
    runs batch_preview_now (in the worker, or in-process from the CLI)."""
    _require(actor, batch)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _require_status(batch, {BatchStatus.UPLOADED, BatchStatus.PREVIEWED, BatchStatus.FAILED})
        batch.status, batch.message = BatchStatus.PREVIEWING, ""
        batch.progress_done = batch.progress_total = 0
        batch.save()
    return batch


def batch_start_preview(*, batch: ImportBatch, actor: Any) -> ImportBatch:
    """Queue the dry run; the page follows its progress."""
    from .tasks import preview_batch

    with transaction.atomic():
        batch = batch_mark_previewing(batch=batch, actor=actor)
        transaction.on_commit(lambda: preview_batch.enqueue(batch_id=batch.pk))
    return batch


OnProgress = Callable[[int, int], None]  # (rows done, rows in all; 0 while unknown)


def batch_preview_now(
    batch: ImportBatch,
    *,
    data: bytes | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_UPLOAD_BYTES,
    on_progress: OnProgress | None = None,
):
    """Run the dry run in this process (the worker's task and the CLI call this).
    `on_progress` is told the rows done as well as the shared progress cache."""

    def report(done: int) -> None:
        progress.report(batch.key, done, 0)
        if on_progress is not None:
            on_progress(done, 0)

    try:
        counts = run_preview(
            batch, data=data, max_rows=max_rows, max_bytes=max_bytes, progress=report
        )
    except (ReadError, ValueError) as exc:
        message = (
            exc.message
            if isinstance(exc, ReadError)
            else _("Kolom berkas berubah sejak pemetaan dibuat; unggah ulang berkasnya.")
        )
        # Rows judged before the reader gave up would only mislead.
        ImportRow.objects.filter(batch=batch).delete()
        ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, message=message)
        batch.refresh_from_db()
        return batch
    finally:
        progress.clear(batch.key)
    finish_preview(batch, counts)
    return batch


# --- commit and rollback -----------------------------------------------------------------


def batch_mark_committing(*, batch: ImportBatch, actor: Any, error_policy: str) -> ImportBatch:
    """Check that the previewed batch may be committed under `error_policy` and mark it as
    committing; the caller then runs batch_commit_now (worker task or CLI)."""
    _require(actor, batch)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _check_committable(batch, error_policy)
        batch.status, batch.error_policy, batch.message = BatchStatus.COMMITTING, error_policy, ""
        batch.progress_done, batch.progress_total = 0, batch.rows_new + batch.rows_update
        batch.save()
    return batch


def batch_start_commit(*, batch: ImportBatch, actor: Any, error_policy: str) -> ImportBatch:
    from .tasks import commit_batch

    with transaction.atomic():
        batch = batch_mark_committing(batch=batch, actor=actor, error_policy=error_policy)
        transaction.on_commit(lambda: commit_batch.enqueue(batch_id=batch.pk, actor_id=actor.pk))
    return batch


def _check_committable(batch: ImportBatch, error_policy: str) -> None:
    _require_status(batch, {BatchStatus.PREVIEWED})
    if error_policy not in ErrorPolicy.values:
        raise ValidationError(_("Pilih cara menangani baris yang salah."))
    if error_policy == ErrorPolicy.STOP and batch.rows_error:
        raise ValidationError(
            _(
                "Ada %(n)d baris salah dan Anda memilih berhenti bila ada kesalahan. Perbaiki "
                "baris itu (unduh laporan kesalahan), lalu unggah ulang berkasnya."
            )
            % {"n": batch.rows_error}
        )
    if not batch.rows_new + batch.rows_update:
        raise ValidationError(_("Tidak ada baris baru atau perubahan untuk diimpor."))


def batch_commit_now(
    batch: ImportBatch, *, actor: Any, on_progress: OnProgress | None = None
) -> ImportBatch:
    """Write the batch in one transaction: every accepted row, or none of them.
    `on_progress` is told (rows done, rows in all) as well as the shared progress cache."""
    total = batch.rows_new + batch.rows_update

    def report(done: int) -> None:
        progress.report(batch.key, done, total)
        if on_progress is not None:
            on_progress(done, total)

    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            _require_status(batch, {BatchStatus.COMMITTING})
            result = CommitWriter(batch, actor, report).run()
            batch.status, batch.committed_at = BatchStatus.COMMITTED, timezone.now()
            batch.progress_done = batch.progress_total = total
            batch.save()
            _audit(batch, actor, "committed", **{k: [None, v] for k, v in result.items()})
    except Exception as exc:  # the transaction rolled back: record why, then re-raise
        message = _("Impor gagal dan tidak ada data yang berubah: %(e)s") % {"e": exc}
        ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, message=message)
        raise
    finally:
        progress.clear(batch.key)
    return batch


@transaction.atomic
def batch_rollback(*, batch: ImportBatch, actor: Any) -> dict[str, int]:
    _require(actor, batch)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _require_status(batch, {BatchStatus.COMMITTED})
    try:
        result = run_rollback(batch, actor)
    except RollbackRefused as exc:
        raise ValidationError(exc.message) from None
    batch.status, batch.rolled_back_at = BatchStatus.ROLLED_BACK, timezone.now()
    batch.save()
    _audit(batch, actor, "rolled_back", **{k: [None, v] for k, v in result.items()})
    return result


def batch_error_report(*, batch: ImportBatch, actor: Any, with_warnings: bool) -> IO[bytes]:
    """The error report (XLSX). It carries the file's NIKs in clear, so only the office
    that uploaded the file gets it, and every download is logged."""
    _require(actor, batch)
    with transaction.atomic():
        _audit(batch, actor, "report_downloaded")
    return write_error_report(batch, with_warnings=with_warnings)


def batch_discard(*, batch: ImportBatch, actor: Any) -> None:
    """Forget a batch that was never committed, with its stored file."""
    _require(actor, batch)
    _require_status(batch, {BatchStatus.UPLOADED, BatchStatus.PREVIEWED, BatchStatus.FAILED})
    _audit(batch, actor, "discarded")
    batch.file.delete(save=False)
    batch.delete()


__all__ = [
    "MAX_ROWS",
    "batch_choose_sheet",
    "batch_commit_now",
    "batch_configure",
    "batch_discard",
    "batch_error_report",
    "batch_mark_committing",
    "batch_mark_previewing",
    "batch_preview_now",
    "batch_rollback",
    "batch_start_commit",
    "batch_start_preview",
    "batch_upload",
    "can_manage",
    "saved_mapping_for",
]
