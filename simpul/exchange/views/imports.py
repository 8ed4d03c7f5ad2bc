"""The officer's import screens: the list of batches with the upload form, and one page
per batch whose content follows its status (mapping → preview → commit → rollback).

Views only read through selectors and write through services; every batch comes through
the caller's scope (another jurisdiction's batch is a 404), and every write is refused
(403) unless `services.can_manage` allows it for that batch."""

from __future__ import annotations

from itertools import islice
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django_htmx.http import HttpResponseClientRefresh

from simpul.core.crypto import mask_nik
from simpul.core.pagination import paginate_keyset
from simpul.core.views import StaffRequiredMixin, scope_for
from simpul.exchange import selectors, services
from simpul.exchange.choices import BatchStatus, RowAction
from simpul.exchange.engine import progress
from simpul.exchange.forms import CommitForm, MappingForm, SheetForm, UploadForm
from simpul.exchange.mapping import suggest_mapping, suggest_mapping_detailed
from simpul.exchange.models import ImportBatch
from simpul.exchange.reading import MAX_ROWS, MAX_UPLOAD_BYTES, ReadError, check_size, stream_table
from simpul.exchange.reading.errors import count, megabytes

from .export import XLSX_CONTENT_TYPE

BATCHES_PER_PAGE = 25
ROWS_PER_PAGE = 50
SAMPLE_ROWS = 3
# Statuses from which the officer may (re)do the mapping.
MAPPABLE = {BatchStatus.UPLOADED, BatchStatus.PREVIEWED, BatchStatus.FAILED}


def _batch(request: HttpRequest, key: str, *, manage: bool = False) -> ImportBatch:
    batch = selectors.import_batch_get(scope=scope_for(request), key=key)
    if manage and not services.can_manage(request.user, batch):
        raise PermissionDenied
    return batch


def _to_batch(batch: ImportBatch) -> HttpResponse:
    return redirect("imports:detail", key=batch.key)


def _error_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- list and upload ---------------------------------------------------------------------


class BatchListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, UploadForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not services.can_manage(request.user):
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                # Django has the file on disk already; an oversized one is refused by its
                # size before its bytes are read into memory.
                check_size(upload.size, max_bytes=MAX_UPLOAD_BYTES)
                batch = services.batch_upload(
                    actor=request.user,
                    file_name=upload.name,
                    data=upload.read(),
                    max_bytes=MAX_UPLOAD_BYTES,
                )
            except ReadError as exc:
                form.add_error("file", exc.message)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            else:
                messages.success(request, _("Berkas diunggah. Periksa pemetaan kolomnya."))
                return _to_batch(batch)
        return self._render(request, form, status=400)

    def _render(self, request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
        page = paginate_keyset(
            selectors.import_batches(scope=scope_for(request)),
            ordering=["-created_at", "-id"],
            cursor=request.GET.get("c"),
            per_page=BATCHES_PER_PAGE,
        )
        context = {
            "page": page,
            "form": form,
            "can_upload": services.can_manage(request.user),
            "max_size": megabytes(MAX_UPLOAD_BYTES),
            "max_rows": count(MAX_ROWS),
        }
        return render(request, "exchange/batch_list.html", context, status=status)


# --- the batch page ----------------------------------------------------------------------


class BatchDetailView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        batch = _batch(request, key)
        remap = request.GET.get("pemetaan") == "1" and batch.status in MAPPABLE
        context: dict[str, Any] = {}
        if batch.status == BatchStatus.UPLOADED or remap:
            context = mapping_context(batch, MappingForm(batch=batch))
        elif batch.is_running:
            context = progress_context(batch)
        elif batch.status == BatchStatus.PREVIEWED:
            context = preview_context(request, batch, CommitForm())
        return render_batch(request, batch, context)


def render_batch(
    request: HttpRequest, batch: ImportBatch, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    base = {
        "batch": batch,
        "can_manage": services.can_manage(request.user, batch),
        "mappable": batch.status in MAPPABLE,
    }
    return render(request, "exchange/batch.html", {**base, **context}, status=status)


def mapping_context(batch: ImportBatch, form: MappingForm) -> dict[str, Any]:
    saved = services.saved_mapping_for(batch)
    if saved is not None and saved.mapping == batch.mapping:
        source, saved_name = "saved", saved.name
    elif batch.mapping == suggest_mapping(batch.columns):
        source, saved_name = "suggested", ""
    else:
        source, saved_name = "edited", ""
    # A near (not exact) header match is flagged so the officer looks at it twice.
    unsure = {
        s.column
        for s in suggest_mapping_detailed(batch.columns)
        if 0 < s.score < 1 and batch.mapping.get(s.column) == s.field
    }
    return {
        "mapping_form": form,
        "columns": form.column_rows(_samples(batch), unsure),
        "mapping_source": source,
        "saved_name": saved_name,
        "sheet_form": SheetForm(batch=batch) if len(batch.sheets) > 1 else None,
    }


def _samples(batch: ImportBatch) -> dict[str, list[str]]:
    """The first few values of each column, read from the stored file, so the officer
    sees what a column holds before choosing its field."""
    try:
        with batch.file.open("rb") as handle:
            data = handle.read()
        table = stream_table(data, batch.file_name, sheet=batch.sheet or None)
        records = list(islice(table.records(), SAMPLE_ROWS))
    except (ReadError, OSError):
        return {}  # the page still works without samples
    return {
        column: [_masked(batch, column, r.values.get(column, "")) for r in records]
        for column in batch.columns
    }


def _masked(batch: ImportBatch, column: str, value: str) -> str:
    """NIKs stay masked on screen: in the column mapped to the NIK, and any value that
    looks like one wherever it sits (the mapping may still be wrong)."""
    digits = value.replace(" ", "")
    if value and (batch.mapping.get(column) == "nik" or (digits.isdigit() and len(digits) == 16)):
        return mask_nik(value)
    return value


class BatchSheetView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        batch = _batch(request, key, manage=True)
        form = SheetForm(request.POST, batch=batch)
        if not form.is_valid():
            messages.error(request, _("Pilih salah satu sheet dari berkas ini."))
            return _to_batch(batch)
        try:
            services.batch_choose_sheet(
                batch=batch, actor=request.user, sheet=form.cleaned_data["sheet"]
            )
        except ValidationError as exc:
            _error_messages(request, exc)
        return _to_batch(batch)


class BatchMappingView(StaffRequiredMixin, View):
    """Saves the mapping and starts the preview in one step: the officer's next wish
    after choosing the fields is always to see what they give."""

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        batch = _batch(request, key, manage=True)
        form = MappingForm(request.POST, batch=batch)
        if form.is_valid():
            try:
                services.batch_configure(
                    batch=batch,
                    actor=request.user,
                    mapping=form.mapping(),
                    new_status=form.cleaned_data["new_status"],
                    save_as=form.cleaned_data["save_as"],
                )
                services.batch_start_preview(batch=batch, actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return _to_batch(batch)
        if moved_on := _moved_on(request, batch, form, MAPPABLE):
            return moved_on
        return render_batch(request, batch, mapping_context(batch, form), status=400)


def _moved_on(
    request: HttpRequest, batch: ImportBatch, form: Any, allowed: set[str]
) -> HttpResponse | None:
    """A form posted from a page that is out of date (a second click, another tab): the
    batch has moved on, so say why above its current state instead of redrawing the form."""
    batch.refresh_from_db()
    if batch.status in allowed:
        return None
    for message in form.non_field_errors():
        messages.error(request, message)
    return _to_batch(batch)


# --- progress ----------------------------------------------------------------------------


def progress_context(batch: ImportBatch) -> dict[str, Any]:
    # The worker's counter lives in the shared cache while its transaction is open; the
    # database only has it once the work is done.
    live = progress.read(batch.key)
    done, total = live if live else (batch.progress_done, batch.progress_total)
    return {"done": done, "total": total}


class BatchProgressView(StaffRequiredMixin, View):
    """The htmx partial the batch page polls. When the work has finished it asks the
    page to reload, which then shows the outcome from the database."""

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        batch = _batch(request, key)
        if not batch.is_running:
            if request.htmx:
                return HttpResponseClientRefresh()
            return _to_batch(batch)
        context = {"batch": batch, **progress_context(batch)}
        return render(request, "exchange/_progress.html", context)


# --- preview -----------------------------------------------------------------------------


def preview_context(request: HttpRequest, batch: ImportBatch, form: CommitForm) -> dict[str, Any]:
    result = request.GET.get("hasil", "")
    if result not in selectors.ROW_RESULTS:
        result = ""
    page = paginate_keyset(
        selectors.import_rows(batch=batch, result=result),
        ordering=["row_number"],
        cursor=request.GET.get("c"),
        per_page=ROWS_PER_PAGE,
    )
    shown = [column for column in batch.columns if batch.mapping.get(column)]
    return {
        "commit_form": form,
        "result": result,
        "results": result_links(batch),
        "rows_page": page,
        "rows": [row_cells(batch, row, shown) for row in page.items],
        "shown_columns": shown,
        "query": f"hasil={result}" if result else "",
    }


def result_links(batch: ImportBatch) -> list[tuple[str, str, int]]:
    """(filter value, label, count) for each outcome, in the order an officer reads."""
    return [
        (RowAction.NEW, _("baru"), batch.rows_new),
        (RowAction.UPDATE, _("diperbarui"), batch.rows_update),
        (RowAction.UNCHANGED, _("tidak berubah"), batch.rows_unchanged),
        (RowAction.DUPLICATE, _("ganda"), batch.rows_duplicate),
        (RowAction.ERROR, _("salah"), batch.rows_error),
        ("warning", _("dengan peringatan"), batch.rows_warning),
    ]


def row_cells(batch: ImportBatch, row: Any, columns: list[str]) -> dict[str, Any]:
    # The full NIK is only in the file and in the error report its uploader downloads.
    values = [_masked(batch, column, str(row.original.get(column, ""))) for column in columns]
    return {"row": row, "values": values}


class BatchReportView(StaffRequiredMixin, View):
    """The error report as XLSX; it holds the file's original cells (NIKs included), so
    only those who may manage the batch — its own office — download it."""

    def get(self, request: HttpRequest, key: str) -> HttpResponseBase:
        batch = _batch(request, key, manage=True)
        with_warnings = request.GET.get("peringatan") == "1"
        handle = services.batch_error_report(
            batch=batch, actor=request.user, with_warnings=with_warnings
        )
        stem = PurePath(batch.file_name).stem or "berkas"
        return FileResponse(
            handle,
            as_attachment=True,
            filename=f"laporan-kesalahan-{stem}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )


# --- commit, rollback, discard -----------------------------------------------------------


class BatchCommitView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        batch = _batch(request, key, manage=True)
        form = CommitForm(request.POST)
        if form.is_valid():
            try:
                services.batch_start_commit(
                    batch=batch, actor=request.user, error_policy=form.cleaned_data["error_policy"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return _to_batch(batch)
        if moved_on := _moved_on(request, batch, form, {BatchStatus.PREVIEWED}):
            return moved_on
        context = preview_context(request, batch, form)
        return render_batch(request, batch, context, status=400)


class BatchRollbackView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        batch = _batch(request, key, manage=True)
        try:
            result = services.batch_rollback(batch=batch, actor=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, rollback_message(result))
        return _to_batch(batch)


def rollback_message(result: dict[str, int]) -> str:
    return _("Impor dibatalkan: %(removed)s IKM dihapus, %(restored)s IKM dipulihkan.") % {
        "removed": count(result.get("removed", 0)),
        "restored": count(result.get("restored", 0)),
    }


class BatchDiscardView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        batch = _batch(request, key, manage=True)
        try:
            services.batch_discard(batch=batch, actor=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
            return _to_batch(batch)
        messages.success(request, _("Batch dibuang beserta berkasnya."))
        return redirect(reverse("imports:list"))
