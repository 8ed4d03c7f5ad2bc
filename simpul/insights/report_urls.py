"""insights_reports URLs: the regional report as XLSX and PDF (mounted at /kelola/wawasan/)."""

from django.urls import path

from simpul.insights.views.report import ReportPdfView, ReportXlsxView

app_name = "insights_reports"

urlpatterns = [
    path("laporan.xlsx", ReportXlsxView.as_view(), name="xlsx"),
    path("laporan.pdf", ReportPdfView.as_view(), name="pdf"),
]
