"""One-click downloads of the regional report: `laporan.xlsx` and `laporan.pdf`
(?wilayah=<code>&tahun=<year>; an empty wilayah is the user's jurisdiction). Office staff
only; a region outside the jurisdiction is 404, malformed parameters 400. Every download
is recorded in the audit trail against the user's office."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from typing import IO

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.audit import Provenance, record_change
from simpul.core.views import StaffRequiredMixin, scope_for
from simpul.insights.reports import data as report_data
from simpul.insights.reports.pdf import CONTENT_TYPE as PDF_TYPE
from simpul.insights.reports.pdf import write_pdf
from simpul.insights.reports.xlsx import CONTENT_TYPE as XLSX_TYPE
from simpul.insights.reports.xlsx import write_xlsx

CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2})?)?$")  # province, regency or district
FIRST_YEAR = 2000


class BadParams(ValueError):
    pass


def parse_params(request: HttpRequest) -> tuple[str, int]:
    """(region, year) from the query; BadParams with an Indonesian message otherwise."""
    region = request.GET.get("wilayah", "").strip()
    if not region:
        region = request.user.office.jurisdiction_code
    elif not CODE.match(region):
        raise BadParams(
            _(
                "Kode wilayah “%(code)s” tidak dikenali: tulis kode provinsi (18), "
                "kabupaten/kota (18.71) atau kecamatan (18.71.01)."
            )
            % {"code": region[:20]}
        )
    this_year = timezone.localdate().year
    raw = request.GET.get("tahun", "").strip()
    if not raw:
        return region, this_year
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= this_year:
        raise BadParams(
            _("Tahun “%(year)s” tidak valid: tulis tahun antara %(first)s dan %(last)s.")
            % {"year": raw[:10], "first": FIRST_YEAR, "last": this_year}
        )
    return region, int(raw)


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
