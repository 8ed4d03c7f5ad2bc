"""The regional report as an A4 PDF (reportlab)."""

from __future__ import annotations

from typing import IO

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from .data import ReportData

CONTENT_TYPE = "application/pdf"


def write_pdf(report: ReportData, target: IO[bytes]) -> None:
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(target, pagesize=A4, title=report.title)
    doc.build([Paragraph(report.title, styles["Title"])])
