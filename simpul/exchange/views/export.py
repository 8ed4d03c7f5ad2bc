"""Download of the officer's enterprise list, filtered exactly as the list page filters it
(same query string, same scope): CSV streamed, XLSX written to a temporary file."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.money import group_thousands
from simpul.core.views import StaffRequiredMixin
from simpul.exchange import export, selectors
from simpul.exchange.template import write_template
from simpul.registry import selectors as registry_selectors
from simpul.registry.models import Enterprise
from simpul.registry.views.staff import filtered_enterprises

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EnterpriseExportView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        kind = request.GET.get("berkas", "")
        if kind not in export.FORMATS:
            raise Http404
        filterset, queryset, scope, params = filtered_enterprises(request)
        params.pop("berkas", None)
        query = params.urlencode()
        if not filterset.is_valid():
            messages.error(request, _("Perbaiki filter sebelum mengunduh daftar."))
            return _back_to_list(query)
        sort = params.get("urut", "terbaru")
        ordering = registry_selectors.SORTS.get(sort, registry_selectors.SORTS["terbaru"])
        rows = selectors.enterprise_export(scope=scope, queryset=queryset, ordering=ordering)
        name = export.file_name(region=params.get("wilayah") or scope.prefix or "", kind=kind)
        if kind == "xlsx":
            return _xlsx_response(request, rows, name=name, query=query)
        export.record_export(user=request.user, kind=kind, rows=rows.count(), query=query)
        response = StreamingHttpResponse(
            export.write_csv(export.export_rows(rows, user=request.user)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _back_to_list(query: str) -> HttpResponse:
    url = reverse("registry:list")
    return redirect(f"{url}?{query}" if query else url)


def _too_large_message(count: int) -> str:
    return _(
        "Daftar ini berisi %(count)s IKM, lebih dari batas satu lembar XLSX (%(limit)s "
        "baris). Unduh sebagai CSV, atau persempit filter."
    ) % {"count": group_thousands(count), "limit": group_thousands(export.XLSX_MAX_ROWS)}


def _xlsx_response(
    request: HttpRequest, rows: QuerySet[Enterprise], *, name: str, query: str
) -> HttpResponseBase:
    """Refused above the sheet limit (checked before writing, and again while writing in
    case the list grew meanwhile); recorded with the number of rows actually written."""
    if (count := rows.count()) > export.XLSX_MAX_ROWS:
        messages.error(request, _too_large_message(count))
        return _back_to_list(query)
    # Unnamed temporary file: gone from disk as soon as the response closes it.
    target = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
    try:
        written = export.write_xlsx(export.export_rows(rows, user=request.user), target)
    except export.ExportTooLarge:
        target.close()
        messages.error(request, _too_large_message(rows.count()))
        return _back_to_list(query)
    except BaseException:
        target.close()
        raise
    export.record_export(user=request.user, kind="xlsx", rows=written, query=query)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=name, content_type=XLSX_CONTENT_TYPE)


class ImportTemplateView(StaffRequiredMixin, View):
    """The blank workbook with the columns the importer reads best."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        handle = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 (streamed)
        write_template(handle)
        handle.seek(0)
        return FileResponse(
            handle,
            as_attachment=True,
            filename="templat-impor-ikm.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )
