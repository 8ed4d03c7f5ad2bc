"""The yearly-figure services: who may write, what is refused, the audit trail, the
plausibility checks with hand-checked numbers, review, import, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from simpul.core.audit import Provenance, history_for
from simpul.core.models import Source
from simpul.notifications.models import Notification
from simpul.registry.models import Enterprise
from simpul.reporting import selectors, services
from simpul.reporting.choices import FigureStatus
from simpul.reporting.models import YearlyFigure
from simpul.reporting.services import plausibility_flags
from simpul.reporting.tasks import remind_due

from .conftest import figures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


def submit(prov, enterprise, year, **overrides):
    return services.yearly_figure_submit(
        provenance=prov, enterprise=enterprise, year=year, data=figures(**overrides)
    )


# ---------------------------------------------------------------- permissions


def test_owner_submits_own(verified, by_owner, last_year):
    figure = submit(by_owner, verified, last_year)
    assert figure.status == FigureStatus.SUBMITTED
    assert figure.source == Source.SELF_REGISTRATION
    assert figure.workforce == 5 and figure.flags == [] and figure.flag_count == 0


def test_other_owner_refused(verified, make_user, last_year):
    stranger = make_user("orang.lain@uji.id")
    with pytest.raises(PermissionDenied):
        submit(Provenance(actor=stranger, source=Source.SELF_REGISTRATION), verified, last_year)
    assert not YearlyFigure.objects.exists()


def test_officer_only_inside_jurisdiction(verified, by_officer, other_officer, last_year):
    submit(by_officer, verified, last_year)
    with pytest.raises(PermissionDenied):
        submit(Provenance(actor=other_officer), verified, last_year - 1)


def test_province_officer_may_write_analyst_may_not(verified, province_officer, analyst, last_year):
    submit(Provenance(actor=province_officer), verified, last_year)
    with pytest.raises(PermissionDenied):
        submit(Provenance(actor=analyst), verified, last_year - 1)


# ---------------------------------------------------------------- validation


def test_year_rules(verified, by_owner, last_year):
    with pytest.raises(ValidationError) as exc:
        submit(by_owner, verified, last_year + 2)
    assert exc.value.message_dict["year"] == [f"Tahun {last_year + 2} belum tiba."]
    with pytest.raises(ValidationError) as exc:
        submit(by_owner, verified, 1999)
    assert exc.value.message_dict["year"] == ["Laporan tahunan dimulai dari tahun 2000."]
    verified.year_started = last_year
    verified.save(update_fields=["year_started"])
    with pytest.raises(ValidationError) as exc:
        submit(by_owner, verified, last_year - 1)
    assert exc.value.message_dict["year"] == [
        f"Usaha ini baru mulai tahun {last_year}; tahun {last_year - 1} tidak bisa dilaporkan."
    ]


def test_values_refused_with_indonesian_messages(verified, by_owner, last_year):
    with pytest.raises(ValidationError) as exc:
        submit(
            by_owner,
            verified,
            last_year,
            workforce_men=-1,
            online_sales_percent=120,
            sales_value="dua juta",
            export_value="-5.000",
        )
    errors = exc.value.message_dict
    assert errors["workforce_men"] == ["Jumlah orang tidak boleh negatif."]
    assert errors["online_sales_percent"] == ["Persentase harus antara 0 dan 100."]
    assert "tidak terbaca" in errors["sales_value"][0]
    assert errors["export_value"] == ["Jumlah uang tidak boleh negatif."]
    assert not YearlyFigure.objects.exists()


def test_rupiah_text_is_read_the_indonesian_way(verified, by_owner, last_year):
    figure = submit(by_owner, verified, last_year, sales_value="2,5 jt", export_value="1.500.000")
    assert (figure.sales_value, figure.export_value) == (2_500_000, 1_500_000)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"workforce_men": "1.200", "online_sales_percent": "35 %"}, (1200, 35)),
        ({"workforce_men": 7.0, "online_sales_percent": "7"}, (7, 7)),
    ],
)
def test_whole_numbers_as_people_write_them(verified, by_owner, last_year, values, expected):
    figure = submit(by_owner, verified, last_year, **values)
    assert (figure.workforce_men, figure.online_sales_percent) == expected


def test_a_head_count_beyond_any_enterprise_is_refused(verified, by_owner, last_year):
    with pytest.raises(ValidationError) as exc:
        submit(by_owner, verified, last_year, workforce_men=3_000_000_000)
    assert exc.value.message_dict["workforce_men"] == [
        "3.000.000.000 orang terlalu banyak untuk satu IKM."
    ]
    assert not YearlyFigure.objects.exists()


def test_fractions_are_refused_not_read_as_thousands(verified, by_owner, last_year):
    """A spreadsheet cell of 7.5 people or a percent cell (0.5 = 50 %) must not become 75
    or 5: the row is refused with a message saying what to write."""
    with pytest.raises(ValidationError) as exc:
        submit(by_owner, verified, last_year, workforce_women="7.5", capacity_use_percent=0.5)
    errors = exc.value.message_dict
    assert errors["workforce_women"] == ["Jumlah orang “7.5” bukan bilangan bulat."]
    assert errors["capacity_use_percent"] == [
        "Tulis persen sebagai bilangan bulat 0–100, misalnya 35."
    ]
    assert not YearlyFigure.objects.exists()


def test_empty_report_refused(verified, by_owner, last_year):
    empty = {name: None for name in services.VALUE_FIELDS}
    with pytest.raises(ValidationError, match="paling sedikit satu angka"):
        services.yearly_figure_submit(
            provenance=by_owner, enterprise=verified, year=last_year, data=empty
        )


# ---------------------------------------------------------------- resubmission and audit


def test_resubmission_updates_the_row_with_audit(verified, by_owner, by_officer, last_year):
    first = submit(by_owner, verified, last_year)
    services.yearly_figure_review(provenance=by_officer, figure=first, accept=True, note="")
    again = submit(by_owner, verified, last_year, sales_value=450_000_000)
    assert again.pk == first.pk
    assert YearlyFigure.objects.count() == 1
    again.refresh_from_db()
    assert again.status == FigureStatus.SUBMITTED and again.reviewed_by is None
    actions = [r.action for r in history_for(again).order_by("created_at", "id")]
    assert actions == ["created", "accepted", "updated"]
    update = history_for(again).get(action="updated")
    assert update.changes["sales_value"] == [400_000_000, 450_000_000]
    assert update.changes["status"] == ["accepted", "submitted"]
    assert update.actor == by_owner.actor


def test_same_figures_again_change_nothing(verified, by_owner, last_year):
    submit(by_owner, verified, last_year)
    submit(by_owner, verified, last_year)
    assert [r.action for r in history_for(YearlyFigure.objects.get())] == ["created"]


# ---------------------------------------------------------------- plausibility


def test_tenfold_jump_and_fall_hand_checked():
    previous = figures(workforce_men=2, workforce_women=3, sales_value=100_000_000)
    # Sales 100 jt → 1,2 M is 12 times; workforce 5 → 50 is exactly 10 times (flagged);
    # investment 150 jt → 15 jt is exactly a tenth (flagged); production 300 → 301 jt fine.
    current = figures(
        workforce_men=25,
        workforce_women=25,
        sales_value=1_200_000_000,
        investment_value=15_000_000,
        production_value=301_000_000,
    )
    flags = plausibility_flags(current, previous, year=2025)
    assert flags == [
        "Tenaga kerja naik 10 kali lipat dari tahun 2024 (5 → 50).",
        "Nilai investasi turun menjadi sepersepuluh atau kurang dari tahun 2024 "
        "(Rp150.000.000 → Rp15.000.000).",
        "Nilai penjualan naik 12 kali lipat dari tahun 2024 (Rp100.000.000 → Rp1.200.000.000).",
    ]


def test_just_below_tenfold_is_not_flagged():
    previous = figures(sales_value=100_000_000)
    assert plausibility_flags(figures(sales_value=999_999_999), previous, year=2025) == []
    assert plausibility_flags(figures(sales_value=10_000_001), previous, year=2025) == []


def test_export_jump_and_exports_above_sales():
    previous = figures(export_value=10_000_000, sales_value=400_000_000)
    current = figures(export_value=500_000_000, sales_value=400_000_000)
    assert plausibility_flags(current, previous, year=2025) == [
        "Nilai ekspor naik 50 kali lipat dari tahun 2024 (Rp10.000.000 → Rp500.000.000).",
        "Nilai ekspor (Rp500.000.000) lebih besar daripada nilai penjualan (Rp400.000.000).",
    ]


def test_same_year_checks_without_previous():
    flags = plausibility_flags(
        figures(workforce_men=0, workforce_women=0, production_value=0), None, year=2025
    )
    assert flags == [
        "Ada penjualan tetapi tenaga kerja 0 orang.",
        "Ada penjualan tetapi nilai produksi Rp0.",
    ]
    assert plausibility_flags(figures(sales_value=0, production_value=0), None, year=2025) == [
        "Ada bagian penjualan online tetapi nilai penjualan kosong atau Rp0."
    ]


def test_flags_stored_and_kept_submitted(verified, by_owner, last_year):
    submit(by_owner, verified, last_year - 1, sales_value=100_000_000)
    figure = submit(by_owner, verified, last_year, sales_value=1_000_000_000)
    assert figure.status == FigureStatus.SUBMITTED
    assert figure.flag_count == 1
    assert figure.flags[0].startswith("Nilai penjualan naik 10 kali lipat")


def test_correcting_the_earlier_year_rechecks_the_next(verified, by_owner, last_year):
    submit(by_owner, verified, last_year - 1, sales_value=100_000_000)
    later = submit(by_owner, verified, last_year, sales_value=1_000_000_000)
    assert later.flag_count == 1
    submit(by_owner, verified, last_year - 1, sales_value=900_000_000)
    later.refresh_from_db()
    assert later.flags == [] and later.flag_count == 0
    assert history_for(later).filter(action="flags_rechecked").exists()


# ---------------------------------------------------------------- review


def test_accept(verified, by_owner, by_officer, last_year):
    figure = submit(by_owner, verified, last_year)
    figure = services.yearly_figure_review(
        provenance=by_officer, figure=figure, accept=True, note=""
    )
    assert figure.status == FigureStatus.ACCEPTED and figure.reviewed_by == by_officer.actor
    with pytest.raises(ValidationError, match="sudah diperiksa"):
        services.yearly_figure_review(provenance=by_officer, figure=figure, accept=True)


def test_question_needs_note_and_notifies_owner(
    verified, by_owner, by_officer, owner_user, last_year
):
    figure = submit(by_owner, verified, last_year)
    with pytest.raises(ValidationError) as exc:
        services.yearly_figure_review(provenance=by_officer, figure=figure, accept=False, note=" ")
    assert exc.value.message_dict["note"] == ["Tulis pertanyaan untuk pemilik usaha."]
    figure = services.yearly_figure_review(
        provenance=by_officer, figure=figure, accept=False, note="Penjualan termasuk PPN?"
    )
    assert figure.status == FigureStatus.QUESTIONED
    note = Notification.objects.get(user=owner_user)
    name = "Kopi Robusta Tapis Berseri"
    assert note.title == f"Laporan tahunan {last_year} {name} dipertanyakan petugas"
    assert note.body == "Penjualan termasuk PPN?"
    assert note.url == f"/ikm/{verified.pk}/laporan-tahunan/{last_year}/"
    # The owner confirms the same figures: back to the officer, submitted.
    again = submit(by_owner, verified, last_year)
    assert again.status == FigureStatus.SUBMITTED
    assert history_for(again).filter(action="updated").exists()


def test_review_outside_jurisdiction_or_by_analyst(
    verified, by_owner, other_officer, analyst, last_year
):
    figure = submit(by_owner, verified, last_year)
    for user in (other_officer, analyst, by_owner.actor):
        with pytest.raises(PermissionDenied):
            services.yearly_figure_review(
                provenance=Provenance(actor=user), figure=figure, accept=True
            )


# ---------------------------------------------------------------- import


def test_import_all_rows(verified, by_officer, last_year):
    verified.nib = "1234567890123"
    verified.save(update_fields=["nib"])
    counts = services.yearly_figures_import(
        provenance=Provenance(actor=by_officer.actor, source=Source.IMPORT, ref="daftar.xlsx"),
        rows=[
            {"nib": "1234567890123", "year": last_year - 1, **figures()},
            {"enterprise_id": verified.pk, "year": last_year, **figures(sales_value="450 jt")},
        ],
    )
    assert counts == {"created": 2, "updated": 0, "unchanged": 0, "flagged": 0}
    latest = YearlyFigure.objects.get(year=last_year)
    assert latest.source == Source.IMPORT and latest.sales_value == 450_000_000
    record = history_for(latest).get()
    assert (record.source, record.source_ref) == ("import", "daftar.xlsx #2")


def test_import_all_or_none(verified, by_officer, other_officer, regions, last_year):
    rows = [
        {"enterprise_id": verified.pk, "year": last_year, **figures()},
        {"enterprise_id": verified.pk, "year": last_year + 5, **figures()},
        {"nib": "9999999999999", "year": last_year, **figures()},
        {"enterprise_id": verified.pk, "year": last_year, **figures()},
    ]
    with pytest.raises(ValidationError) as exc:
        services.yearly_figures_import(provenance=by_officer, rows=rows)
    assert exc.value.messages == [
        f"Baris 2: year: Tahun {last_year + 5} belum tiba.",
        "Baris 3: IKM dengan NIB 9999999999999 tidak ditemukan di wilayah kerja Anda.",
        f"Baris 4: Kopi Robusta Tapis Berseri tahun {last_year} sudah ada di baris sebelumnya.",
    ]
    assert not YearlyFigure.objects.exists()
    # Another regency's officer does not even find the enterprise.
    with pytest.raises(ValidationError, match="tidak ditemukan di wilayah kerja"):
        services.yearly_figures_import(provenance=Provenance(actor=other_officer), rows=rows[:1])
    assert not YearlyFigure.objects.exists()


def test_import_finds_by_number_first_and_checks_the_nib_beside_it(
    verified, by_officer, regions, last_year
):
    """NIB is not unique (a family's businesses may share one): the IKM number decides, as
    the due list fills both in; a NIB that is not that IKM's is refused."""
    twin = Enterprise(name="Kopi Tapis Kedua", status="verified", nib="1234567890123")
    twin.set_village(regions["18.71.01.1001"])
    twin.save()
    verified.nib = "1234567890123"
    verified.save(update_fields=["nib"])
    row = {"enterprise_id": verified.pk, "nib": "1234567890123", "year": last_year, **figures()}
    assert services.yearly_figures_import(provenance=by_officer, rows=[row])["created"] == 1
    wrong = {**row, "nib": "9999999999999", "year": last_year - 1}
    with pytest.raises(ValidationError) as exc:
        services.yearly_figures_import(provenance=by_officer, rows=[wrong])
    assert exc.value.messages == [f"Baris 1: NIB 9999999999999 bukan NIB IKM nomor {verified.pk}."]
    by_nib = {"nib": "1234567890123", "year": last_year - 1, **figures()}
    with pytest.raises(ValidationError, match="dipakai lebih dari satu IKM"):
        services.yearly_figures_import(provenance=by_officer, rows=[by_nib])
    assert YearlyFigure.objects.count() == 1


def test_import_counts_flagged_rows_and_a_dry_run_writes_nothing(verified, by_officer, last_year):
    first = {"enterprise_id": verified.pk, "year": last_year - 1, **figures()}
    services.yearly_figures_import(provenance=by_officer, rows=[first])
    # Sales ten times the year before: written, and flagged for the officer.
    jump = {"enterprise_id": verified.pk, "year": last_year, **figures(sales_value=4_000_000_000)}
    checked = services.yearly_figures_import(provenance=by_officer, rows=[jump], dry_run=True)
    assert checked == {"created": 1, "updated": 0, "unchanged": 0, "flagged": 1}
    assert not YearlyFigure.objects.filter(year=last_year).exists()
    saved = services.yearly_figures_import(provenance=by_officer, rows=[first, jump])
    assert saved == {"created": 1, "updated": 0, "unchanged": 1, "flagged": 1}
    assert YearlyFigure.objects.get(year=last_year).flag_count == 1


def test_import_by_owner_refused(verified, by_owner, last_year):
    with pytest.raises(PermissionDenied):
        services.yearly_figures_import(
            provenance=by_owner, rows=[{"enterprise_id": verified.pk, "year": last_year}]
        )


# ---------------------------------------------------------------- selectors


def test_queue_flagged_first_then_oldest_and_scoped(
    verified, by_owner, officer, other_officer, last_year
):
    plain = submit(by_owner, verified, last_year - 2, sales_value=100_000_000)
    submit(by_owner, verified, last_year - 1, sales_value=150_000_000)
    flagged = submit(by_owner, verified, last_year, sales_value=2_000_000_000)
    from simpul.core.scope import RegionScope

    queue = list(
        selectors.review_queue(scope=RegionScope.for_user(officer)).order_by(
            *selectors.QUEUE_ORDERING
        )
    )
    assert queue[0] == flagged and queue[1] == plain
    assert not selectors.review_queue(scope=RegionScope.for_user(other_officer)).exists()
    by_year = selectors.review_queue(scope=RegionScope.for_user(officer), year=last_year)
    assert list(by_year) == [flagged]


def test_due_list(verified, by_owner, officer, last_year):
    from simpul.core.scope import RegionScope

    scope = RegionScope.for_user(officer)
    assert list(selectors.due_enterprises(scope=scope, year=last_year)) == [verified]
    submit(by_owner, verified, last_year)
    assert not selectors.due_enterprises(scope=scope, year=last_year).exists()


# ---------------------------------------------------------------- reminders


def test_reminder_once_and_only_in_season(verified, owner_user, by_owner, last_year):
    this_year = last_year + 1
    assert remind_due(today=dt.date(this_year, 4, 1)) == 0
    assert remind_due(today=dt.date(this_year, 1, 2)) == 1
    assert remind_due(today=dt.date(this_year, 3, 31)) == 0  # already told this year
    note = Notification.objects.get(user=owner_user)
    assert note.title == f"Laporan tahunan {last_year} Kopi Robusta Tapis Berseri belum dikirim"
    assert note.url == f"/ikm/{verified.pk}/laporan-tahunan/{last_year}/"
    submit(by_owner, verified, last_year)
    Notification.objects.all().delete()
    assert remind_due(today=dt.date(this_year, 1, 3)) == 0  # reported: nothing due


def test_reminder_command(verified, owner_user):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("yearly_figures_remind", stdout=out)
    assert "pengingat laporan tahunan dikirim" in out.getvalue()
