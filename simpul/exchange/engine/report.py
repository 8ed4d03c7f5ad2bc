"""The error report: the batch's rows with problems, in the file's own columns plus the
problems, so an officer fixes the cells in Excel and uploads the file again."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from simpul.exchange.choices import RowAction
from simpul.exchange.export import neutralise
from simpul.exchange.models import ImportBatch, ImportRow

from .sealed import original_cell

_ERROR_FILL = PatternFill("solid", fgColor="FDECEA")
_WARNING_FILL = PatternFill("solid", fgColor="FFF1DB")


def report_rows(batch: ImportBatch, *, with_warnings: bool) -> Iterator[ImportRow]:
    rows = ImportRow.objects.filter(batch=batch).order_by("row_number")
    if with_warnings:
        rows = rows.exclude(errors=[], warnings=[])
    else:
        rows = rows.filter(action=RowAction.ERROR)
    fields = ("row_number", "action", "original", "sealed_nik", "errors", "warnings")
    return rows.only(*fields).iterator(2000)


def write_error_report(
    batch: ImportBatch, *, with_warnings: bool = True
) -> tempfile.SpooledTemporaryFile:
    """An XLSX in a temporary file (write-only mode: memory stays flat for big batches)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Perlu diperbaiki"))
    sheet.freeze_panes = "A2"
    labels = [_("Baris di berkas asal"), _("Hasil"), _("Kesalahan"), _("Peringatan")]
    sheet.append([_bold(sheet, text) for text in [*labels, *batch.columns]])
    nik_column = next((c for c, f in batch.mapping.items() if f == "nik"), None)
    for row in report_rows(batch, with_warnings=with_warnings):
        fill = _ERROR_FILL if row.errors else _WARNING_FILL
        sheet.append(
            [
                row.row_number,
                row.get_action_display(),
                _wrapped(sheet, "\n".join(row.errors), fill),
                _wrapped(sheet, "\n".join(row.warnings), fill),
                *[neutralise(original_cell(row, column, nik_column)) for column in batch.columns],
            ]
        )
    # Handed to the caller, which streams it and closes it.
    handle = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    book.save(handle)
    handle.seek(0)
    return handle


def _bold(sheet, text: str):
    cell = WriteOnlyCell(sheet, value=neutralise(str(text)))
    cell.font = Font(bold=True)
    return cell


def _wrapped(sheet, text: str, fill: PatternFill):
    cell = WriteOnlyCell(sheet, value=neutralise(text))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if text:
        cell.fill = fill
    return cell
