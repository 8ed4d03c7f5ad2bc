"""The per-programme report (HTML and XLSX download) for office staff who may see the
programme's applicants, and the owner's follow-up form."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from simpul.core.audit import Provenance, record_change
from simpul.core.views import StaffRequiredMixin, provenance_for

from .. import report_xlsx
from ..forms_delivery import FollowUpForm
from ..models import FollowUp
from ..report import DESA, KELURAHAN, UNKNOWN, programme_report
from ..selectors.delivery import follow_up_for_owner, programme_for_delivery
from ..services.outcomes import followup_record
from .delivery import add_service_errors


class ReportView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        programme = programme_for_delivery(user=request.user, key=key)
        report = programme_report(programme=programme)
        areas = [(_("Desa"), report.by_area[DESA]), (_("Kelurahan"), report.by_area[KELURAHAN])]
        if report.by_area[UNKNOWN]:
            areas.append((_("Tidak diketahui"), report.by_area[UNKNOWN]))
        context = {"programme": programme, "report": report, "areas": areas}
        return render(request, "programmes/delivery/report.html", context)


class ReportXlsxView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, key: str) -> FileResponse:
        programme = programme_for_delivery(user=request.user, key=key)
        report = programme_report(programme=programme)
        target = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
        try:
            report_xlsx.write_report(report, target)
        except BaseException:
            target.close()
            raise
        # The workbook names enterprises and their results: downloading it is recorded.
        record_change(
            instance=programme,
            action="export",
            provenance=Provenance(actor=request.user),
            note=_("Laporan program XLSX, %(n)s pendaftar") % {"n": report.counts.applicants},
        )
        target.seek(0)
        return FileResponse(
            target,
            as_attachment=True,
            filename=report_xlsx.file_name(report),
            content_type=report_xlsx.CONTENT_TYPE,
        )


class FollowUpOwnerView(LoginRequiredMixin, View):
    """The owner reports sales and workforce for their own enterprise's checkpoint."""

    def get(self, request: HttpRequest, pk: int, key: str) -> HttpResponse:
        follow_up = follow_up_for_owner(user=request.user, pk=pk, key=key)
        initial = {
            "monthly_sales": follow_up.monthly_sales,
            "workforce": follow_up.workforce,
            "note": follow_up.note,
        }
        return self._render(request, follow_up, FollowUpForm(initial=initial))

    def post(self, request: HttpRequest, pk: int, key: str) -> HttpResponse:
        follow_up = follow_up_for_owner(user=request.user, pk=pk, key=key)
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                followup_record(
                    provenance=provenance_for(request), follow_up=follow_up, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if form.errors:
            return self._render(request, follow_up, form, status=400)
        messages.success(request, _("Terima kasih, laporan tindak lanjut tersimpan."))
        return redirect(follow_up.application.owner_url)

    def _render(
        self, request: HttpRequest, follow_up: FollowUp, form: FollowUpForm, status: int = 200
    ) -> HttpResponse:
        context = {"follow_up": follow_up, "application": follow_up.application, "form": form}
        return render(request, "programmes/delivery/followup_owner.html", context, status=status)
