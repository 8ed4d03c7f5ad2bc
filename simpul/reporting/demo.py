"""Yearly figures of the Lampung demo: the last four completed years of every verified
demo enterprise, through the services (so every row has its audit record and flags),
after the registry demo. Growth is believable (a few percent a year, some bad years),
part of the sales moves online, few enterprises export, two jump tenfold in the last
year (flagged) and one of those is questioned by its officer. The demo owner
(pemilik@demo.simpul.id) reports for her verified business herself.

Who reports: owners with a login report themselves; the Kota Bandar Lampung office
imports the figures of its other enterprises from a list; other offices enter them. The
city office has not collected the last year from about one in seven of its enterprises
yet (LATE_SHARE): its due list has names to follow up and a workbook to fill in.
Older years are accepted by the office; the last year waits in the review queue.
The same seed gives the same figures (dates follow the real day, as the programme demo).

Speed: thousands of rows through the services took over 40 s on SQLite, so a sample goes
through the services (every tenth enterprise, the demo owner's, the jumps and the
imported list) and the rest is written in bulk with the same flags (computed by the
service's own `plausibility_flags`) and one ChangeRecord per row and per review, at the
row's own dates — the audit trail reads as if each had been submitted and reviewed."""

from __future__ import annotations

import datetime as dt
import random
import time
from contextlib import ExitStack
from dataclasses import dataclass
from unittest import mock

from simpul.accounts.models import User
from simpul.core.audit import Provenance, diff, snapshot
from simpul.core.models import ChangeRecord, Source
from simpul.programmes.demo.common import Days, load_cast, seeding
from simpul.registry.demo.lampung import PROVINCE_CODE
from simpul.registry.demo.plan import DEMO_OWNER_EMAIL
from simpul.registry.demo.timeline import JAKARTA
from simpul.registry.models import Enterprise

from . import services
from .choices import FigureStatus
from .models import YearlyFigure

YEARS = 4
IMPORTING_OFFICE = "18.71"  # Kota Bandar Lampung imports a list for owners without a login
ONLINE_SHARE = 0.45  # enterprises that sell part online
EXPORTER_SHARE = 0.03
JUMPS = 2  # enterprises whose last year jumps tenfold (flagged)
LATE_SHARE = 0.15  # of the city's enterprises without a login: last year not collected yet
SAMPLE_EVERY = 10  # every tenth enterprise reports through the services, page by page
BATCH = 1000

RAW_MATERIALS = (
    ("kopi", "biji kopi robusta"),
    ("keripik", "pisang kepok, minyak goreng"),
    ("emping", "melinjo"),
    ("tahu", "kedelai"),
    ("tempe", "kedelai, ragi"),
    ("kue", "tepung terigu, gula, telur"),
    ("tapis", "benang emas, kain tenun"),
    ("sulam", "benang, kain"),
    ("rotan", "rotan"),
    ("kayu", "kayu"),
    ("bambu", "bambu"),
    ("batik", "kain mori, malam"),
    ("ikan", "ikan segar, garam"),
    ("gula", "nira kelapa"),
)


@dataclass(frozen=True)
class ReportingResult:
    figures: int
    flagged: int
    questioned: int
    seconds: float


def _raw_materials(products: str) -> str:
    text = products.lower()
    return next((raw for word, raw in RAW_MATERIALS if word in text), "bahan baku lokal")


def _round(value: float, step: int) -> int:
    return max(0, round(value / step) * step)


def _series(rng: random.Random, enterprise: Enterprise, years: list[int]) -> list[dict]:
    """Figures per year, oldest first, ending near the enterprise's declared profile."""
    sales = max(enterprise.annual_sales, 24_000_000)
    production = enterprise.production_value or int(sales * rng.uniform(0.7, 0.9))
    investment = enterprise.investment_value or 10_000_000
    men = enterprise.workers_male + enterprise.workers_unspecified // 2
    women = enterprise.workers_female + (enterprise.workers_unspecified + 1) // 2
    online = rng.randint(5, 30) if rng.random() < ONLINE_SHARE else 0
    exporter = rng.random() < EXPORTER_SHARE and sales >= 500_000_000
    export_share = rng.uniform(0.05, 0.3) if exporter else 0.0
    rows: list[dict] = [{} for _year in years]
    # Walk back from the last year: each earlier year a little smaller (or, after a bad
    # year, a little larger).
    for index in range(len(years) - 1, -1, -1):
        rows[index] = {
            "workforce_men": max(men, 0),
            "workforce_women": max(women, 0) if men + women > 0 else 1,
            "sales_value": _round(sales, 500_000),
            "production_value": _round(production, 500_000),
            "investment_value": _round(investment, 1_000_000),
            "online_sales_percent": min(online, 100) if online else None,
            "export_value": _round(sales * export_share, 1_000_000) if exporter else None,
            "raw_materials": _raw_materials(enterprise.products),
            "capacity_use_percent": rng.randint(35, 90),
        }
        growth = rng.choice((1.03, 1.05, 1.08, 1.1, 1.12, 1.15, 0.95, 0.9))
        sales /= growth
        production /= growth * rng.uniform(0.98, 1.02)
        investment /= rng.choice((1.0, 1.0, 1.05, 1.2))
        if rng.random() < 0.25 and men + women > 1:
            if rng.random() < 0.5 and men > 0:
                men -= 1
            elif women > 0:
                women -= 1
        online = max(0, online - rng.randint(0, 6)) if online else 0
    return rows


def _moment(days: Days, year: int, *, offset: int = 0) -> dt.datetime:
    """Figures of `year` arrive between mid-January and March of the year after."""
    day = dt.date(year + 1, 1, 15) + dt.timedelta(days=days.rng.randint(0, 70) + offset)
    at = dt.datetime.combine(day, dt.time(days.rng.randint(8, 20), days.rng.randint(0, 59)))
    return min(at.replace(tzinfo=JAKARTA), days.now - dt.timedelta(minutes=5))


def _owner_login(enterprise: Enterprise) -> User | None:
    user = enterprise.owner.user if enterprise.owner else None
    return user if user is not None and user.is_active and user.is_owner else None


def _late_reporters(
    rng: random.Random, enterprises: list[Enterprise], jumped: list[Enterprise]
) -> set[int]:
    """The city's enterprises without a login whose last year the office still has to
    collect (never a flagged jump: the review queue shows those)."""
    pool = [
        e.pk
        for e in enterprises
        if e.regency_code == IMPORTING_OFFICE and _owner_login(e) is None and e not in jumped
    ]
    return set(rng.sample(pool, round(len(pool) * LATE_SHARE)))


def seed_reporting_demo(*, seed: int) -> ReportingResult:
    started = time.monotonic()
    cast = load_cast()
    rng = random.Random(f"{seed}-reporting")
    days = Days.starting(rng)
    last = days.today.year - 1
    years = list(range(last - YEARS + 1, last + 1))
    enterprises = list(
        Enterprise.objects.filter(province_code=PROVINCE_CODE, status="verified")
        .select_related("owner__user")
        .order_by("id")
    )
    series = {e.pk: _series(rng, e, years) for e in enterprises}
    # Two enterprises (not the demo owner's) report a tenfold jump in the last year.
    candidates = [e for e in enterprises if not (e.owner and e.owner.email == DEMO_OWNER_EMAIL)]
    jumped = rng.sample(candidates, min(JUMPS, len(candidates)))
    for index, enterprise in enumerate(jumped):
        row = series[enterprise.pk][-1]
        if index == 0:
            row["sales_value"] *= 12  # an extra zero typed, or a big contract?
        else:
            total = (row["workforce_men"] or 0) + (row["workforce_women"] or 0)
            row["workforce_men"] = max(total, 1) * 10 + 5
    late = _late_reporters(rng, enterprises, jumped)
    sampled = {e.pk for e in jumped} | {
        e.pk
        for i, e in enumerate(enterprises)
        if i % SAMPLE_EVERY == 0 or (e.owner and e.owner.email == DEMO_OWNER_EMAIL)
    }
    bulk: list[tuple[YearlyFigure, Provenance, dt.datetime | None]] = []
    questioned = 0
    with seeding(days.clock):
        for position, year in enumerate(years):
            imported: list[dict] = []
            for enterprise in enterprises:
                if enterprise.year_started and year < enterprise.year_started:
                    continue
                values = series[enterprise.pk][position]
                user = _owner_login(enterprise)
                if user is None and enterprise.regency_code == IMPORTING_OFFICE:
                    if year == last and enterprise.pk in late:
                        continue
                    imported.append({"enterprise_id": enterprise.pk, "year": year, **values})
                    continue
                officer = cast.officers.get(enterprise.regency_code) or cast.officers[PROVINCE_CODE]
                if enterprise.pk not in sampled:
                    previous = series[enterprise.pk][position - 1] if position else None
                    if enterprise.year_started and year - 1 < enterprise.year_started:
                        previous = None
                    bulk.append(
                        _bulk_row(days, enterprise, year, values, previous, user, officer, last)
                    )
                    continue
                provenance = (
                    Provenance(actor=user, source=Source.SELF_REGISTRATION)
                    if user
                    else Provenance(actor=officer, source=Source.OFFICER)
                )
                days.at(_moment(days, year))
                services.yearly_figure_submit(
                    provenance=provenance, enterprise=enterprise, year=year, data=values
                )
            if imported:
                days.at(_moment(days, year, offset=1))
                services.yearly_figures_import(
                    provenance=Provenance(
                        actor=cast.officers[IMPORTING_OFFICE],
                        source=Source.IMPORT,
                        ref=f"laporan-tahunan-{year}.xlsx",
                    ),
                    rows=imported,
                )
        questioned = _review(days, cast, years, jumped)
        _bulk_write(bulk)
    return ReportingResult(
        figures=YearlyFigure.objects.count(),
        flagged=YearlyFigure.objects.filter(flag_count__gt=0).count(),
        questioned=questioned,
        seconds=time.monotonic() - started,
    )


def _later(days: Days, figure: YearlyFigure, after: int) -> dt.datetime:
    return min(days.now - dt.timedelta(minutes=1), figure.submitted_at + dt.timedelta(days=after))


def _review(days: Days, cast, years: list[int], jumped: list[Enterprise]) -> int:
    """The offices accept the older years; of the last year, they accept a third and
    question the first tenfold jump. The rest waits in the queue."""
    last = years[-1]
    pending = (
        YearlyFigure.objects.filter(status=FigureStatus.SUBMITTED)
        .select_related("enterprise")
        .order_by("year", "id")
    )
    questioned = 0
    for figure in pending:
        enterprise = figure.enterprise
        officer = cast.officers.get(enterprise.regency_code) or cast.officers[PROVINCE_CODE]
        reviewer = Provenance(actor=officer, source=Source.OFFICER)
        if jumped and enterprise.pk == jumped[0].pk and figure.year == last:
            days.at(_later(days, figure, 9))
            services.yearly_figure_review(
                provenance=reviewer,
                figure=figure,
                accept=False,
                note=(
                    "Penjualan tahun ini 12 kali tahun lalu. Mohon periksa apakah ada angka "
                    "nol yang berlebih, atau lampirkan keterangan pesanan besarnya."
                ),
            )
            questioned += 1
            continue
        if figure.flag_count or (figure.year == last and days.rng.random() < 2 / 3):
            continue
        days.at(_later(days, figure, days.rng.randint(3, 40)))
        services.yearly_figure_review(provenance=reviewer, figure=figure, accept=True, note="")
    return questioned


def _bulk_row(
    days: Days,
    enterprise: Enterprise,
    year: int,
    values: dict,
    previous: dict | None,
    user: User | None,
    officer: User,
    last: int,
) -> tuple[YearlyFigure, Provenance, dt.datetime | None]:
    """One figure as the service would have written it, and when the office accepted it
    (None: still waiting)."""
    provenance = (
        Provenance(actor=user, source=Source.SELF_REGISTRATION)
        if user
        else Provenance(actor=officer, source=Source.OFFICER)
    )
    flags = services.plausibility_flags(values, previous, year=year)
    submitted = _moment(days, year)
    accepted_at = None
    if not flags and (year < last or days.rng.random() < 1 / 3):
        accepted_at = min(
            days.now - dt.timedelta(minutes=1),
            submitted + dt.timedelta(days=days.rng.randint(3, 40)),
        )
    figure = YearlyFigure(
        enterprise=enterprise,
        year=year,
        **values,
        flags=flags,
        flag_count=len(flags),
        source=provenance.source,
        submitted_by=provenance.actor,
        submitted_at=submitted,
        updated_at=accepted_at or submitted,
        status=FigureStatus.ACCEPTED if accepted_at else FigureStatus.SUBMITTED,
        reviewed_by=officer if accepted_at else None,
        reviewed_at=accepted_at,
    )
    return figure, provenance, accepted_at


def _bulk_write(rows: list[tuple[YearlyFigure, Provenance, dt.datetime | None]]) -> None:
    """Insert the figures and their audit records with their own timestamps (the
    auto_now fields would stamp them all with one moment)."""
    stamps = [
        YearlyFigure._meta.get_field("submitted_at"),
        YearlyFigure._meta.get_field("updated_at"),
        ChangeRecord._meta.get_field("created_at"),
    ]
    with ExitStack() as stack:
        for stamp in stamps:
            stack.enter_context(mock.patch.object(stamp, "auto_now_add", False))
            stack.enter_context(mock.patch.object(stamp, "auto_now", False))
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            figures = YearlyFigure.objects.bulk_create([figure for figure, _p, _a in chunk])
            records = []
            for figure, (_f, provenance, accepted_at) in zip(figures, chunk, strict=True):
                after = snapshot(figure, services.AUDITED_FIELDS)
                after["status"] = FigureStatus.SUBMITTED
                records.append(
                    ChangeRecord(
                        entity="reporting.yearlyfigure",
                        entity_id=str(figure.pk),
                        action="created",
                        actor=provenance.actor,
                        source=provenance.source,
                        changes=diff({}, after),
                        created_at=figure.submitted_at,
                    )
                )
                if accepted_at:
                    records.append(
                        ChangeRecord(
                            entity="reporting.yearlyfigure",
                            entity_id=str(figure.pk),
                            action="accepted",
                            actor=figure.reviewed_by,
                            source=Source.OFFICER,
                            changes={"status": [FigureStatus.SUBMITTED, FigureStatus.ACCEPTED]},
                            created_at=accepted_at,
                        )
                    )
            ChangeRecord.objects.bulk_create(records)
