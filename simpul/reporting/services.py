"""Writes of yearly figures (laporan berkala). Keyword-only, atomic, audited; the pages,
the import and the demo call these and never save a YearlyFigure themselves.

The registry's Enterprise is left alone on purpose: its workforce, investment and sales
are the profile the owner declared (and what the size class is computed from, through the
registry's own services and verification); the rows here are the year-by-year history
that growth and trends are computed from. Copying one into the other would let a yearly
report change a verified size class without the registry's checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.core.models import Source
from simpul.core.money import format_rupiah, group_thousands, parse_rupiah
from simpul.core.scope import RegionScope
from simpul.exchange.values.numbers import parse_count
from simpul.notifications.services import notify
from simpul.registry.models import Enterprise
from simpul.registry.services.permissions import STAFF_WRITERS, is_own, require

from .choices import FigureStatus
from .models import YearlyFigure

MIN_YEAR = 2000
MAX_PEOPLE = 1_000_000  # workers of one enterprise; the largest factories have a few 10,000
JUMP = 10  # a figure ten times (or a tenth of) the year before is questioned

COUNT_FIELDS = ("workforce_men", "workforce_women")
MONEY_FIELDS = ("investment_value", "production_value", "sales_value", "export_value")
PERCENT_FIELDS = ("online_sales_percent", "capacity_use_percent")
TEXT_FIELDS = ("raw_materials",)
VALUE_FIELDS = COUNT_FIELDS + MONEY_FIELDS + PERCENT_FIELDS + TEXT_FIELDS
AUDITED_FIELDS = [*VALUE_FIELDS, "status", "flags", "source", "submitted_by"]


# ---------------------------------------------------------------- permissions


def can_submit(user: Any, enterprise: Enterprise) -> bool:
    """The owner for their own enterprise; officers and office admins inside their
    jurisdiction. Analysts read only."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_owner:
        return is_own(user, enterprise)
    if user.role in STAFF_WRITERS and user.is_office_staff:
        return RegionScope.for_user(user).covers_region(enterprise.region_code)
    return False


def can_import(user: Any) -> bool:
    """Office staff who write (officers, office admins) import lists for their
    jurisdiction; analysts read only."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in STAFF_WRITERS
        and user.is_office_staff
    )


def can_review(user: Any, enterprise: Enterprise) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.role not in STAFF_WRITERS or not user.is_office_staff:
        return False
    return RegionScope.for_user(user).covers_region(enterprise.region_code)


# ---------------------------------------------------------------- validation


def clean_year(year: Any, enterprise: Enterprise, *, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Tahun tidak terbaca.")}) from None
    if value > today.year:
        raise ValidationError({"year": _("Tahun %(y)d belum tiba.") % {"y": value}})
    if value < MIN_YEAR:
        raise ValidationError(
            {"year": _("Laporan tahunan dimulai dari tahun %(y)d.") % {"y": MIN_YEAR}}
        )
    if enterprise.year_started and value < enterprise.year_started:
        message = _("Usaha ini baru mulai tahun %(start)d; tahun %(y)d tidak bisa dilaporkan.")
        raise ValidationError({"year": message % {"start": enterprise.year_started, "y": value}})
    return value


def _count(name: str, value: Any) -> int | None:
    """Whole people: 12, "12 orang", "1.200" (a thousands dot). A fraction such as 7.5 is
    refused rather than read as 75."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError({name: _("Isi dengan bilangan bulat.")})
    parsed = parse_count(value)
    if parsed.error:
        raise ValidationError({name: parsed.error})
    if parsed.value > MAX_PEOPLE:  # also keeps it inside the column's integer range
        message = _("%(n)s orang terlalu banyak untuk satu IKM.") % {
            "n": group_thousands(parsed.value)
        }
        raise ValidationError({name: message})
    return parsed.value


def _money(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return parse_rupiah(value)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from None


def _percent(name: str, value: Any) -> int | None:
    """0–100 as a whole number; "35 %" is fine, 0.35 (a cell formatted as percent) is not."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    try:
        number = _count(name, value)
    except ValidationError:
        message = _("Tulis persen sebagai bilangan bulat 0–100, misalnya 35.")
        raise ValidationError({name: message}) from None
    if number is not None and number > 100:
        raise ValidationError({name: _("Persentase harus antara 0 dan 100.")})
    return number


def clean_values(data: dict[str, Any]) -> dict[str, Any]:
    """The figures as stored: counts and percents as integers, money as whole Rupiah
    (text such as `1.500.000` or `2,5 jt` is read the Indonesian way). All problems are
    reported together, each under its field."""
    unknown = set(data) - set(VALUE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Kolom tidak dikenal: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name in VALUE_FIELDS:
        value = data.get(name)
        try:
            if name in COUNT_FIELDS:
                cleaned[name] = _count(name, value)
            elif name in MONEY_FIELDS:
                cleaned[name] = _money(name, value)
            elif name in PERCENT_FIELDS:
                cleaned[name] = _percent(name, value)
            else:
                text = str(value or "").strip()
                if len(text) > 300:
                    raise ValidationError({name: _("Paling banyak 300 huruf.")})
                cleaned[name] = text
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if not errors and all(cleaned[n] is None for n in COUNT_FIELDS + MONEY_FIELDS):
        raise ValidationError(_("Isi paling sedikit satu angka (tenaga kerja atau nilai Rupiah)."))
    if errors:
        raise ValidationError(errors)
    return cleaned


# ---------------------------------------------------------------- plausibility


def _workforce(values: Any) -> int | None:
    men, women = _get(values, "workforce_men"), _get(values, "workforce_women")
    if men is None and women is None:
        return None
    return (men or 0) + (women or 0)


def _get(values: Any, name: str) -> Any:
    return values.get(name) if isinstance(values, dict) else getattr(values, name)


def _show(name: str, value: int) -> str:
    return format_rupiah(value) if name != "workforce" else str(value)


def _labels() -> dict[str, str]:
    return {
        "workforce": _("Tenaga kerja"),
        "investment_value": _("Nilai investasi"),
        "production_value": _("Nilai produksi"),
        "sales_value": _("Nilai penjualan"),
        "export_value": _("Nilai ekspor"),
    }


def plausibility_flags(values: Any, previous: Any | None, *, year: int) -> list[str]:
    """What looks wrong in one year's figures, as sentences the owner and the officer both
    read: a jump to ten times (or a fall to a tenth) of the year before, exports above
    sales, sales without workers or without production, online sales without sales.
    `values` and `previous` are dicts or YearlyFigure rows."""
    flags: list[str] = []
    labels = _labels()

    def current(name: str) -> int | None:
        return _workforce(values) if name == "workforce" else _get(values, name)

    def before(name: str) -> int | None:
        return _workforce(previous) if name == "workforce" else _get(previous, name)

    if previous is not None:
        for name, label in labels.items():
            now, then = current(name), before(name)
            if now is None or then is None or then <= 0:
                continue
            detail = {
                "what": label,
                "year": year - 1,
                "then": _show(name, then),
                "now": _show(name, now),
            }
            if now >= JUMP * then:
                flags.append(
                    _(
                        "%(what)s naik %(times)d kali lipat dari tahun %(year)d "
                        "(%(then)s → %(now)s)."
                    )
                    % {**detail, "times": now // then}
                )
            elif now * JUMP <= then:
                flags.append(
                    _(
                        "%(what)s turun menjadi sepersepuluh atau kurang dari tahun %(year)d "
                        "(%(then)s → %(now)s)."
                    )
                    % detail
                )
    sales, export = current("sales_value"), current("export_value")
    workforce, production = current("workforce"), current("production_value")
    online = _get(values, "online_sales_percent")
    if export is not None and export > 0 and (sales or 0) < export:
        flags.append(
            _("Nilai ekspor (%(export)s) lebih besar daripada nilai penjualan (%(sales)s).")
            % {"export": format_rupiah(export), "sales": format_rupiah(sales or 0)}
        )
    if workforce == 0 and sales:
        flags.append(_("Ada penjualan tetapi tenaga kerja 0 orang."))
    if production == 0 and sales:
        flags.append(_("Ada penjualan tetapi nilai produksi Rp0."))
    if online and not sales:
        flags.append(_("Ada bagian penjualan online tetapi nilai penjualan kosong atau Rp0."))
    return flags


def _previous(enterprise: Enterprise, year: int) -> YearlyFigure | None:
    return YearlyFigure.objects.filter(enterprise=enterprise, year=year - 1).first()


def _recheck_following(figure: YearlyFigure, provenance: Provenance) -> None:
    """The next year's flags compare against this year: recompute them after a change."""
    following = YearlyFigure.objects.filter(
        enterprise_id=figure.enterprise_id, year=figure.year + 1
    ).first()
    if following is None:
        return
    flags = plausibility_flags(following, figure, year=following.year)
    if flags != following.flags:
        before = following.flags
        following.flags, following.flag_count = flags, len(flags)
        following.save(update_fields=["flags", "flag_count", "updated_at"])
        record_change(
            instance=following,
            action="flags_rechecked",
            provenance=provenance,
            changes={"flags": [before, flags]},
        )


# ---------------------------------------------------------------- writes


def _locked_enterprise(enterprise: Enterprise) -> Enterprise:
    return (
        Enterprise.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=enterprise.pk)
    )


def _write(
    *,
    provenance: Provenance,
    enterprise: Enterprise,
    year: int,
    values: dict[str, Any],
) -> tuple[YearlyFigure, str]:
    """Create or update one row (checks already done). Returns the row and what happened:
    'created', 'updated' or 'unchanged'."""
    figure = (
        YearlyFigure.objects.select_for_update().filter(enterprise=enterprise, year=year).first()
    )
    flags = plausibility_flags(values, _previous(enterprise, year), year=year)
    actor = provenance.actor if getattr(provenance.actor, "pk", None) else None
    if figure is None:
        figure = YearlyFigure(enterprise=enterprise, year=year)
        before = None
    else:
        before = snapshot(figure, AUDITED_FIELDS)
    for name, value in values.items():
        setattr(figure, name, value)
    figure.flags, figure.flag_count = flags, len(flags)
    figure.source = provenance.source
    figure.submitted_by = actor
    figure.status = FigureStatus.SUBMITTED
    if before is None:
        figure.save()
        record_change(
            instance=figure,
            action="created",
            provenance=provenance,
            changes=diff({}, snapshot(figure, AUDITED_FIELDS)),
        )
        _recheck_following(figure, provenance)
        return figure, "created"
    changes = diff(before, snapshot(figure, AUDITED_FIELDS))
    if not changes:
        return figure, "unchanged"
    figure.submitted_at = timezone.now()
    figure.reviewed_by, figure.reviewed_at = None, None
    figure.save()
    record_change(instance=figure, action="updated", provenance=provenance, changes=changes)
    _recheck_following(figure, provenance)
    return figure, "updated"


@transaction.atomic
def yearly_figure_submit(
    *,
    provenance: Provenance,
    enterprise: Enterprise,
    year: int,
    data: dict[str, Any],
) -> YearlyFigure:
    """Report (or correct) one enterprise's figures for one year. A second report of the
    same year replaces the first, with its before/after in the audit trail, and goes back
    to the officer as submitted; plausibility flags are recomputed against the year before
    but never block the report: the officer decides."""
    enterprise = _locked_enterprise(enterprise)
    require(can_submit(provenance.actor, enterprise))
    year = clean_year(year, enterprise)
    values = clean_values(data)
    figure, _outcome = _write(
        provenance=provenance, enterprise=enterprise, year=year, values=values
    )
    return figure


@transaction.atomic
def yearly_figure_review(
    *, provenance: Provenance, figure: YearlyFigure, accept: bool, note: str = ""
) -> YearlyFigure:
    """Accept a submitted figure, or question it with a note the owner reads (and is
    notified of). Office staff writers inside their jurisdiction only."""
    figure = (
        YearlyFigure.objects.select_for_update(of=("self",))
        .select_related("enterprise__owner__user")
        .get(pk=figure.pk)
    )
    enterprise = figure.enterprise
    require(can_review(provenance.actor, enterprise))
    note = (note or "").strip()
    if figure.status != FigureStatus.SUBMITTED:
        raise ValidationError(_("Laporan ini sudah diperiksa; tunggu kiriman berikutnya."))
    if not accept and not note:
        raise ValidationError({"note": _("Tulis pertanyaan untuk pemilik usaha.")})
    before = figure.status
    figure.status = FigureStatus.ACCEPTED if accept else FigureStatus.QUESTIONED
    figure.review_note = note
    figure.reviewed_by = provenance.actor
    figure.reviewed_at = timezone.now()
    figure.save()
    record_change(
        instance=figure,
        action="accepted" if accept else "questioned",
        provenance=provenance,
        changes={"status": [before, figure.status]},
        note=note,
    )
    user = enterprise.owner.user if enterprise.owner else None
    if not accept and user is not None:
        notify(
            user=user,
            title=_("Laporan tahunan %(year)d %(name)s dipertanyakan petugas")
            % {"year": figure.year, "name": enterprise.name},
            body=note,
            url=reverse("reporting:submit", args=[enterprise.pk, figure.year]),
        )
    return figure


def _find_enterprise(row: dict[str, Any], scope: RegionScope) -> Enterprise:
    """The row's IKM inside the scope: by its number when given (a NIB beside it must be
    that IKM's: the due list fills both in), otherwise by a NIB only one IKM holds."""
    nib = str(row.get("nib") or "").strip()
    enterprise_id = row.get("enterprise_id")
    qs = scope.apply(Enterprise.objects.all())
    if enterprise_id not in (None, ""):
        try:
            enterprise = qs.get(pk=int(enterprise_id))
        except (Enterprise.DoesNotExist, ValueError, TypeError, OverflowError):
            raise ValidationError(
                _("IKM nomor %(id)s tidak ditemukan di wilayah kerja Anda.") % {"id": enterprise_id}
            ) from None
        if nib and enterprise.nib != nib:
            raise ValidationError(
                _("NIB %(nib)s bukan NIB IKM nomor %(id)s.") % {"nib": nib, "id": enterprise_id}
            )
        return enterprise
    if nib:
        found = list(qs.filter(nib=nib)[:2])
        if len(found) != 1:
            raise ValidationError(
                _("IKM dengan NIB %(nib)s tidak ditemukan di wilayah kerja Anda.") % {"nib": nib}
                if not found
                else _("NIB %(nib)s dipakai lebih dari satu IKM; pakai id IKM.") % {"nib": nib}
            )
        return found[0]
    raise ValidationError(_("Baris tanpa NIB atau id IKM."))


def _row_messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{name}: {m}" for name, msgs in exc.message_dict.items() for m in msgs]
    return exc.messages


class _DryRun(Exception):
    """Leaves the import's atomic block so that a check-only run writes nothing."""


def yearly_figures_import(
    *,
    provenance: Provenance,
    rows: Iterable[dict[str, Any]],
    row_numbers: Sequence[int] | None = None,
    dry_run: bool = False,
) -> dict[str, int]:
    """Officers' lists: each row names an enterprise (`nib` or `enterprise_id`) inside the
    importer's jurisdiction, a `year` and the figures. All rows or none: any bad row
    refuses the whole list with every problem by row number (`row_numbers`, the numbers
    the sheet shows; 1 = the first row without them). Returns how many rows were created,
    updated, unchanged and flagged. `dry_run` checks and counts, then writes nothing."""
    if not can_import(provenance.actor):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data ini."))
    try:
        with transaction.atomic():
            counts = _import_rows(provenance, list(rows), row_numbers)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return counts


def _import_rows(
    provenance: Provenance, rows: list[dict[str, Any]], row_numbers: Sequence[int] | None
) -> dict[str, int]:
    actor = provenance.actor
    scope = RegionScope.for_user(actor)
    numbers = list(row_numbers) if row_numbers is not None else range(1, len(rows) + 1)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "flagged": 0}
    errors: list[str] = []
    seen: set[tuple[int, int]] = set()
    for number, row in zip(numbers, rows, strict=True):
        row = dict(row)
        try:
            enterprise = _find_enterprise(row, scope)
            year = clean_year(row.pop("year", None), enterprise)
            row.pop("nib", None), row.pop("enterprise_id", None)
            values = clean_values(row)
            if (enterprise.pk, year) in seen:
                raise ValidationError(
                    _("%(name)s tahun %(y)d sudah ada di baris sebelumnya.")
                    % {"name": enterprise.name, "y": year}
                )
            seen.add((enterprise.pk, year))
        except ValidationError as exc:
            errors.extend(
                _("Baris %(n)d: %(msg)s") % {"n": number, "msg": m} for m in _row_messages(exc)
            )
            continue
        if errors:
            continue  # keep checking, but write nothing once a row has failed
        row_provenance = Provenance(
            actor=actor,
            source=Source.IMPORT,
            ref=(f"{provenance.ref} #{number}" if provenance.ref else f"#{number}")[:80],
        )
        figure, outcome = _write(
            provenance=row_provenance, enterprise=enterprise, year=year, values=values
        )
        counts[outcome] += 1
        counts["flagged"] += bool(outcome != "unchanged" and figure.flags)
    if errors:
        raise ValidationError(errors)  # leaving the atomic block undoes the rows written
    return counts
