"""The regional report as an A4 PDF (reportlab): a title block, then one numbered section
per topic — headline indicators against the targets, distribution over the child regions
(table, bar chart, indices), desa/kelurahan, size classes, KBLI golongan pokok, five years
(table and charts), yearly figures, programme reach, IKM whose sales fell twice — and the
definitions, source and date. Charts are vector drawings (reportlab.graphics); tables repeat
their header row when they run onto the next page; every page says "Halaman X dari Y".

Fonts: Bitstream Vera, which ships inside the reportlab package (no system font is read) and
is embedded in the file; it covers Indonesian text and the signs the definitions use
(− ÷ ≤ ² ∑). The Greek capital sigma, which Vera lacks, is printed as the summation sign."""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any
from xml.sax.saxutils import escape

import reportlab
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from simpul.core.money import format_rupiah, group_thousands

from .data import NAMES_ELSEWHERE, ReportData

CONTENT_TYPE = "application/pdf"
FONT, BOLD = "SimpulVera", "SimpulVera-Bold"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
MAX_BARS = 40  # the distribution chart shows at most this many child regions
BLUE = colors.HexColor("#1f5f8b")
ORANGE = colors.HexColor("#d9822b")
GRID = colors.HexColor("#b8c4ce")
HEAD = colors.HexColor("#e4ecf2")


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(FONT, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "num": ParagraphStyle("num", parent=base, fontSize=8, leading=10, alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=23),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=15),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=BOLD, fontSize=12, leading=16, spaceBefore=10,
            spaceAfter=4, textColor=BLUE,
        ),
        "term": ParagraphStyle("term", parent=base, fontName=BOLD, spaceBefore=4),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=7.5, leading=9.5),
        "headnum": ParagraphStyle(
            "headnum", parent=base, fontName=BOLD, fontSize=7.5, leading=9.5, alignment=TA_RIGHT
        ),
        "definition": ParagraphStyle("definition", parent=base, spaceAfter=4),
    }  # fmt: skip


# --- Indonesian number text -------------------------------------------------------------


def text(value: Any) -> str:
    return str(value).replace("Σ", "∑")


def number(value: int | None) -> str:
    return "–" if value is None else group_thousands(int(value))


def decimal(value: Decimal | float | None, places: int = 1) -> str:
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(value).quantize(quantum, ROUND_HALF_UP)
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{group_thousands(int(whole))}" + (f",{fraction}" if fraction else "")


def percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{decimal(value)} %"


def shown(value: int | Decimal | None, unit: str) -> str:
    if unit == "%":
        return percent(value)  # type: ignore[arg-type]
    if unit == "Rp":
        return format_rupiah(value)  # type: ignore[arg-type]
    return number(value)  # type: ignore[arg-type]


# --- building blocks ---------------------------------------------------------------------


class _Doc:
    def __init__(self) -> None:
        self.s = _styles()
        self.story: list = []
        self.section = 0

    def p(self, value: Any, style: str = "body") -> Paragraph:
        return Paragraph(escape(text(value)), self.s[style])

    def heading(self, title: str) -> None:
        self.section += 1
        self.story.append(CondPageBreak(40 * mm))
        self.story.append(self.p(f"{self.section}. {title}", "h2"))

    def para(self, value: Any, style: str = "body") -> None:
        self.story.append(self.p(value, style))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        numeric: Sequence[int] = (),
        bold_last: bool = False,
    ) -> None:
        """A table whose header row repeats on every page it runs onto; `numeric` columns
        are right-aligned."""
        cells = [[self.p(h, "headnum" if i in numeric else "head") for i, h in enumerate(header)]]
        for row in rows:
            cells.append([self.p(v, "num" if i in numeric else "cell") for i, v in enumerate(row)])
        table = Table(cells, colWidths=[w * WIDTH for w in widths], repeatRows=1)
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if bold_last and rows:
            style.append(("BACKGROUND", (0, -1), (-1, -1), HEAD))
        table.setStyle(TableStyle(style))
        self.story.append(table)
        self.story.append(Spacer(1, 3 * mm))

    def drawing(self, drawing: Drawing) -> None:
        self.story.append(drawing)
        self.story.append(Spacer(1, 3 * mm))


def _bar_chart(labels: list[str], values: list[int], title: str) -> Drawing:
    """Horizontal bars, largest first from the top."""
    height = 16 * len(labels) + 40
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 20
    chart.width, chart.height = WIDTH - 190, height - 40
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = [text(n)[:32] for n in reversed(labels)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = number
    chart.bars[0].fillColor = BLUE
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = number
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(String(0, height - 10, text(title), fontName=BOLD, fontSize=8.5))
    return drawing


def _line_chart(years: list[int], series: list[tuple[str, list[int]]], title: str) -> Drawing:
    drawing = Drawing(WIDTH / 2 - 4, 170)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, WIDTH / 2 - 60, 100
    chart.data = [values for _name, values in series]
    chart.categoryAxis.categoryNames = [str(y) for y in years]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = number
    palette = [BLUE, ORANGE]
    for i in range(len(series)):
        chart.lines[i].strokeColor = palette[i % 2]
        chart.lines[i].strokeWidth = 1.5
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 40, 16
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(palette[i % 2], text(n)) for i, (n, _v) in enumerate(series)]
    drawing.add(legend)
    drawing.add(String(0, 158, text(title), fontName=BOLD, fontSize=8.5))
    return drawing


def money_scale(values: list[int]) -> tuple[int, str]:
    """The unit a money chart's axis counts in: millions, or billions for large sums."""
    return (10**9, "miliar") if max(values, default=0) >= 10**10 else (10**6, "juta")


def _column_chart(years: list[int], values: list[int], title: str) -> Drawing:
    """Money per year, in millions or billions of Rupiah (said in the title)."""
    size, word = money_scale(values)
    drawing = Drawing(WIDTH / 2 - 4, 170)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 50, 40, WIDTH / 2 - 70, 100
    chart.data = [[v / size for v in values]]
    chart.categoryAxis.categoryNames = [str(y) for y in years]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: decimal(Decimal(str(v)), 0)
    chart.bars[0].fillColor = ORANGE
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    heading = _("%(title)s (%(unit)s Rupiah per tahun)") % {"title": title, "unit": word}
    drawing.add(String(0, 158, text(heading), fontName=BOLD, fontSize=8.5))
    return drawing


class _NumberedCanvas(Canvas):
    """Writes "Halaman X dari Y" on every page once the page count is known."""

    footer = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 — reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.grey)
            page = _("Halaman %(n)s dari %(total)s") % {"n": self._pageNumber, "total": total}
            self.drawRightString(A4[0] - MARGIN, 10 * mm, page)
            self.drawString(MARGIN, 10 * mm, text(self.footer)[:110])
            super().showPage()
        super().save()


# --- sections ----------------------------------------------------------------------------


def _cover(doc: _Doc, r: ReportData) -> None:
    doc.para(r.title, "title")
    doc.story.append(Spacer(1, 2 * mm))
    lines = [
        (_("Wilayah"), f"{r.region_name} ({r.region or _('nasional')})"),
        (_("Tahun"), str(r.year)),
        (_("Kantor"), r.office_name or "–"),
        (_("Dibuat"), r.generated_at.strftime("%d/%m/%Y %H:%M") + " WIB"),
    ]
    for label, value in lines:
        doc.para(f"{label}: {value}", "subtitle")
    doc.story.append(Spacer(1, 2 * mm))
    doc.para(r.source, "small")


def _headlines(doc: _Doc, r: ReportData) -> None:
    doc.heading(_("Indikator utama"))
    rows = [
        (
            h.label,
            shown(h.value, h.unit),
            "–" if h.target is None else shown(h.target, h.unit),
            percent(h.target_percent),
            percent(h.expected_percent),
        )
        for h in r.headlines
    ]
    for t in r.targets:
        if t.target.programme_kind:
            label = f"{t.target.get_indicator_display()} ({t.target.get_programme_kind_display()})"
            rows.append(
                (label, shown(t.actual, "IKM"), shown(t.target.value, "IKM"),
                 percent(t.percent), percent(t.expected_percent))
            )  # fmt: skip
    header = [_("Indikator"), _("Nilai"), _("Target"), _("Capaian target"), _("Seharusnya")]
    doc.table(header, rows, [0.40, 0.15, 0.15, 0.15, 0.15], numeric=(1, 2, 3, 4))
    doc.para(
        _(
            "Pertumbuhan dibanding akhir %(prev_year)s (%(prev)s IKM terverifikasi). Capaian "
            "target = nilai ÷ target × 100; seharusnya = bagian tahun yang sudah lewat."
        )
        % {"prev_year": r.year - 1, "prev": number(r.counts.verified_previous)},
        "small",
    )


def _distribution(doc: _Doc, r: ReportData) -> None:
    d = r.distribution
    level = r.child_level or _("wilayah")
    doc.heading(_("Sebaran IKM terverifikasi per %(level)s") % {"level": level.lower()})
    rows = [(p.value, p.label, number(p.count), percent(p.percent)) for p in d.children]
    rows.append(("", _("Jumlah"), number(d.total), percent(Decimal(100) if d.total else None)))
    doc.table(
        [_("Kode"), level, _("IKM terverifikasi"), _("Bagian")],
        rows,
        [0.18, 0.46, 0.18, 0.18],
        numeric=(2, 3),
        bold_last=True,
    )
    doc.para(
        _(
            "Konsentrasi 3 terbesar: %(top3)s. Koefisien variasi: %(cv)s. "
            "Indeks Herfindahl-Hirschman: %(hhi)s."
        )
        % {"top3": percent(d.top3_percent), "cv": decimal(d.cv, 3), "hhi": decimal(d.hhi)}
    )
    shown_children = [p for p in d.children if p.count][:MAX_BARS]
    if shown_children:
        title = _("IKM terverifikasi per %(level)s, akhir %(year)s") % {
            "level": level.lower(),
            "year": r.year,
        }
        if len([p for p in d.children if p.count]) > MAX_BARS:
            title += " " + _("(%(n)s terbesar)") % {"n": MAX_BARS}
        doc.drawing(
            _bar_chart([p.label for p in shown_children], [p.count for p in shown_children], title)
        )


def _mix(doc: _Doc, r: ReportData, facet: str, title: str | None = None) -> None:
    mix = r.mix(facet)
    if title:
        doc.para(title, "term")
    rows = [(p.label, number(p.count), percent(p.percent)) for p in mix.parts]
    rows.append((_("Jumlah"), number(mix.total), percent(Decimal(100) if mix.total else None)))
    doc.table(
        [_("Kelompok"), _("IKM terverifikasi"), _("Bagian")],
        rows,
        [0.6, 0.2, 0.2],
        numeric=(1, 2),
        bold_last=True,
    )


def _mixes(doc: _Doc, r: ReportData) -> None:
    doc.heading(_("Desa dan kelurahan"))
    _mix(doc, r, "area")
    parts = [p for p in r.mix("area").parts if p.count]
    if parts:
        doc.drawing(
            _bar_chart([p.label for p in parts], [p.count for p in parts], _("IKM terverifikasi"))
        )
    doc.heading(_("Kelas usaha"))
    _mix(doc, r, "size_perm", _("Menurut Permenperin 64/2016"))
    _mix(doc, r, "size_pp7", _("Menurut PP 7/2021"))
    doc.heading(_("Golongan pokok KBLI"))
    _mix(doc, r, "gp")


def _series(doc: _Doc, r: ReportData) -> None:
    doc.heading(_("Perkembangan lima tahun"))
    rows = [
        (
            str(y.year), number(y.registered), number(y.verified), number(y.new_registered),
            number(y.new_verified), percent(y.growth),
        )
        for y in r.series
    ]  # fmt: skip
    header = [
        _("Tahun"), _("IKM terdaftar"), _("IKM terverifikasi"), _("Baru terdaftar"),
        _("Terverifikasi baru"), _("Pertumbuhan"),
    ]  # fmt: skip
    doc.table(header, rows, [0.1, 0.18, 0.18, 0.18, 0.18, 0.18], numeric=(1, 2, 3, 4, 5))
    rows = [
        (
            str(y.year), number(y.workforce), format_rupiah(y.investment_value),
            format_rupiah(y.production_value), format_rupiah(y.sales_value),
            format_rupiah(y.export_value),
        )
        for y in r.series
    ]  # fmt: skip
    header = [
        _("Tahun"), _("Tenaga kerja (orang)"), _("Investasi"), _("Nilai produksi"),
        _("Penjualan"), _("Ekspor"),
    ]  # fmt: skip
    doc.table(header, rows, [0.08, 0.12, 0.2, 0.2, 0.2, 0.2], numeric=(1, 2, 3, 4, 5))
    years = [y.year for y in r.series]
    line = _line_chart(
        years,
        [
            (_("IKM terdaftar"), [y.registered for y in r.series]),
            (_("IKM terverifikasi"), [y.verified for y in r.series]),
        ],
        _("Jumlah IKM pada akhir tahun"),
    )
    bars = _column_chart(years, [y.sales_value for y in r.series], _("Penjualan"))
    table = Table([[line, bars]], colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    doc.story.append(KeepTogether([table]))


def _figures(doc: _Doc, r: ReportData) -> None:
    f = r.figures
    doc.heading(_("Angka tahunan %(year)s") % {"year": r.year})
    rp, people = _("Rupiah per tahun"), _("orang")
    rows = [
        (_("IKM yang melapor"), number(f.reporting), "IKM"),
        (_("IKM aktif"), number(f.active.value), "IKM"),
        (_("Tenaga kerja (laki-laki / perempuan)"),
         f"{number(f.workforce)} ({number(f.workforce_men)} / {number(f.workforce_women)})",
         people),
        (_("Investasi"), format_rupiah(f.investment_value), rp),
        (_("Nilai produksi"), format_rupiah(f.production_value), rp),
        (_("Penjualan"), format_rupiah(f.sales_value), rp),
        (_("Penjualan online"), format_rupiah(f.online_sales_value), rp),
        (_("Bagian penjualan online"), percent(f.online_share.value), ""),
        (_("Ekspor"), format_rupiah(f.export_value), rp),
    ]  # fmt: skip
    doc.table([_("Ukuran"), _("Nilai"), _("Satuan")], rows, [0.45, 0.33, 0.22], numeric=(1,))


def _programmes(doc: _Doc, r: ReportData) -> None:
    doc.heading(_("Jangkauan program %(year)s") % {"year": r.year})
    rows = [
        (_("IKM peserta atau selesai program"), number(r.reach.reached.value)),
        (_("IKM menyelesaikan program"), number(r.reach.completed.value)),
    ]
    doc.table([_("Ukuran"), _("IKM")], rows, [0.7, 0.3], numeric=(1,))


def _falls(doc: _Doc, r: ReportData) -> None:
    y = r.year
    doc.heading(_("IKM dengan penjualan turun dua periode"))
    doc.para(
        _("Jumlah IKM: %(n)s (penjualan %(y)s < %(y1)s < %(y2)s).")
        % {"n": number(r.sales_fall_count), "y": y, "y1": y - 1, "y2": y - 2}
    )
    falls = r.sales_falls or []
    if falls:
        rows = [(f.name, f.village, *(format_rupiah(v) for v in f.sales)) for f in falls]
        header = [_("Nama usaha"), _("Desa/kelurahan"), str(y - 2), str(y - 1), str(y)]
        doc.table(header, rows, [0.31, 0.21, 0.16, 0.16, 0.16], numeric=(2, 3, 4))
    if r.sales_falls is None:
        doc.para(NAMES_ELSEWHERE, "small")
    elif r.sales_fall_count > len(falls):
        doc.para(
            _("Hanya %(n)s pertama yang tercantum; daftar lengkap ada di dasbor.")
            % {"n": len(falls)},
            "small",
        )


def _definitions(doc: _Doc, r: ReportData) -> None:
    doc.heading(_("Definisi"))
    for term, definition in r.definitions:
        # Each definition opens with its own term ("IKM aktif: …"): that part in bold.
        head, colon, rest = text(definition).partition(": ")
        if not colon:
            head, rest = term, text(definition)
        markup = f"<b>{escape(head)}:</b> {escape(rest)}"
        doc.story.append(Paragraph(markup, doc.s["definition"]))
    doc.heading(_("Sumber dan waktu data"))
    doc.para(r.source)


def write_pdf(report: ReportData, target: IO[bytes]) -> None:
    """The report in Indonesian whatever the interface language, written into `target`."""
    _register_fonts()
    doc = _Doc()
    with translation.override("id"):
        _cover(doc, report)
        _headlines(doc, report)
        _distribution(doc, report)
        _mixes(doc, report)
        _series(doc, report)
        _figures(doc, report)
        _programmes(doc, report)
        _falls(doc, report)
        _definitions(doc, report)
        footer = f"{report.title} · Simpul IKM"

    canvas = type("ReportCanvas", (_NumberedCanvas,), {"footer": footer})
    template = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=report.title,
        author=report.office_name or "Simpul IKM",
        subject=report.source,
        creator="Simpul IKM",
    )
    template.build(doc.story, canvasmaker=canvas)
