"""One-click downloads of the regional report: `laporan.xlsx` and `laporan.pdf`
(?wilayah=<code>&tahun=<year>; an empty wilayah is the user's jurisdiction). Office staff
only; a region outside the jurisdiction is 404, malformed parameters 400. Every download
is recorded in the audit trail against the user's office."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.audit import Provenance, record_change
from simpul.core.views import StaffRequiredMixin, scope_for
from simpul.insights.reports import data as report_data
from simpul.insights.reports.pdf import CONTENT_TYPE as PDF_TYPE
from simpul.insights.reports.pdf import write_pdf
from simpul.insights.reports.xlsx import CONTENT_TYPE as XLSX_TYPE
from simpul.insights.reports.xlsx import write_xlsx
from simpul.insights.views.dashboard_params import BadParams, read_region, read_year


def parse_params(request: HttpRequest) -> tuple[str, int]:
    """(region, year) from the query, read as the dashboard reads them (the download links
    carry the dashboard's own parameters); the current year when none is given."""
    return read_region(request), read_year(request)


def file_name(report: report_data.ReportData, extension: str) -> str:
    region = report.region.replace(".", "") or "nasional"
    return f"laporan-ikm-{region}-{report.year}.{extension}"


class _ReportDownload(StaffRequiredMixin, View):
    extension = ""
    content_type = ""
    writer: Callable[[report_data.ReportData, IO[bytes]], None]

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            region, year = parse_params(request)
        except BadParams as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        office = request.user.office
        report = report_data.assemble(
            scope=scope_for(request), region=region, year=year, office=office
        )
        target = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
        try:
            self.writer(report, target)
        except BaseException:
            target.close()
            raise
        # The report lists enterprises (sales falls) by name: downloading it is recorded.
        record_change(
            instance=office,
            action="export",
            provenance=Provenance(actor=request.user),
            note=_("Laporan perkembangan IKM %(ext)s, wilayah %(region)s, tahun %(year)s")
            % {"ext": self.extension.upper(), "region": region or _("nasional"), "year": year},
        )
        target.seek(0)
        return FileResponse(
            target,
            as_attachment=True,
            filename=file_name(report, self.extension),
            content_type=self.content_type,
        )


class ReportXlsxView(_ReportDownload):
    extension = "xlsx"
    content_type = XLSX_TYPE
    writer = staticmethod(write_xlsx)


class ReportPdfView(_ReportDownload):
    extension = "pdf"
    content_type = PDF_TYPE
    writer = staticmethod(write_pdf)
