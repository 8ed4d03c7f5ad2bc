"""The per-programme report on a small hand-built programme, on screen and in XLSX (read
back with openpyxl, cell by cell). Every expected number is worked out in the comments."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from simpul.core.audit import Provenance, history_for
from simpul.core.models import Source
from simpul.programmes import report_xlsx
from simpul.programmes.report import area_kind, percent, programme_report
from simpul.programmes.services import delivery as services
from simpul.programmes.services.outcomes import followup_record, outcome_record
from simpul.programmes.services.transitions import application_transition
from simpul.registry import services as registry

from .delivery_helpers import applied

RUPIAH = '"Rp" #,##0'


@pytest.fixture
def dataset(make_programme, make_enterprise, officer, officer_prov):
    """Eight applications to a machinery programme (50 %, min 2 juta, max 10 juta, budget
    30 juta, ended 200 days ago):

    name (status)           place                     owner  scores  outcomes
    Alpha Kopi (completed)  Kota Bandar Lampung, kel. P      40/70   mesin 30→10 jt, sertifikat
    Beta Keripik (compl.)   Kota Bandar Lampung, kel. L      50/65   mesin 3→2 jt, kontrak 5 jt
    Citra Tapis (partic.)   Lampung Barat, desa       P      60/–    shop
    Dedi Madu (dropped)     Lampung Barat, desa       L
    Eka Gula (rejected), Fajar Emping (ineligible), Gita Sambal (applied), Hana Lada
    (withdrew while eligible): Kota Bandar Lampung
    """
    today = timezone.localdate()
    programme = make_programme(
        title="Restrukturisasi Mesin 2025",
        kind="machinery",
        quota=4,
        budget=30_000_000,
        reimbursement_percent=50,
        reimbursement_min=2_000_000,
        reimbursement_max=10_000_000,
        period_end=today - dt.timedelta(days=200),
    )
    desa = "18.04.01.2001"
    a = applied(
        programme,
        make_enterprise("Alpha Kopi", gender="P", annual_sales=120_000_000),
        "participating",
        officer_prov,
    )
    b = applied(
        programme,
        make_enterprise("Beta Keripik", annual_sales=60_000_000),
        "participating",
        officer_prov,
    )
    c = applied(
        programme, make_enterprise("Citra Tapis", gender="P", village=desa), "participating",
        officer_prov,
    )  # fmt: skip
    d = applied(
        programme, make_enterprise("Dedi Madu", village=desa), "participating", officer_prov
    )
    for name, status in [("Eka Gula", "rejected"), ("Fajar Emping", "ineligible"),
                         ("Gita Sambal", "applied")]:  # fmt: skip
        applied(programme, make_enterprise(name), status, officer_prov)
    # Hana withdraws before any selection: DROPPED too, but not a participant who left.
    hana = applied(programme, make_enterprise("Hana Lada"), "eligible", officer_prov)
    application_transition(application=hana, to="dropped", provenance=officer_prov)
    now = timezone.now()
    s1 = services.session_add(
        provenance=officer_prov, programme=programme, title="Sesi 1", starts_at=now
    )
    # 3 of 4 present = 75.0 %
    services.attendance_set(provenance=officer_prov, session=s1, present_ids=[a.pk, b.pk, c.pk])
    services.participant_drop(provenance=officer_prov, application=d, reason="Pindah usaha")
    s2 = services.session_add(
        provenance=officer_prov, programme=programme, title="Sesi 2", starts_at=now
    )
    # A, B, C still taking part; 2 of 3 present = 66.7 %
    services.attendance_set(provenance=officer_prov, session=s2, present_ids=[a.pk, c.pk])
    for app, pre, post in [(a, 40, 70), (b, 50, 65), (c, 60, None)]:
        services.test_scores_set(
            provenance=officer_prov, application=app, pre_test=pre, post_test=post
        )
    for app, kind, data in [
        (a, "machine", {"machine_value": 30_000_000}),  # 50 % = 15 jt, max → 10 jt
        (a, "certificate", {"certificate_number": "SNI-001", "issued_on": dt.date(2025, 5, 2)}),
        (b, "machine", {"machine_value": 3_000_000}),  # 50 % = 1,5 jt, min → 2 jt
        (b, "contract", {"contract_value": 5_000_000}),
        (c, "marketplace_shop", {"shop_url": "https://shopee.co.id/citratapis"}),
    ]:
        outcome_record(provenance=officer_prov, application=app, kind=kind, data=data)
    a = services.participant_complete(provenance=officer_prov, application=a)
    b = services.participant_complete(provenance=officer_prov, application=b)
    # A's yearly sales change after applying; the report keeps the 120 juta it had then.
    registry.enterprise_update(
        provenance=Provenance(actor=officer, source=Source.OFFICER),
        enterprise=a.enterprise,
        data={"annual_sales": 240_000_000},
    )
    # 3-month reports: A 12 jt (baseline 120 jt ÷ 12 = 10 jt → +2 jt),
    # B 4 jt (baseline 60 jt ÷ 12 = 5 jt → −1 jt); mean change +500.000.
    for app, sales, workers in [(a, 12_000_000, 6), (b, 4_000_000, 4)]:
        followup_record(
            provenance=officer_prov,
            follow_up=app.follow_ups.get(months_after=3),
            monthly_sales=sales,
            workforce=workers,
            note='=HYPERLINK("x")' if app == a else "",
        )
    return programme


def test_area_kind_and_percent():
    assert area_kind("18.71.01.1001") == "kelurahan"
    assert area_kind("18.04.01.2001") == "desa"
    assert area_kind("18.04.01") == "unknown"
    assert area_kind(None) == "unknown"
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 0) is None


def test_report_figures(dataset):
    report = programme_report(programme=dataset)
    c = report.counts
    counts = (c.applicants, c.eligible, c.selected, c.participants, c.completed)
    assert counts == (
        8,  # A–H
        6,  # all but Fajar (ineligible) and Gita (not checked yet)
        4,  # A, B, C, D got a place
        3,  # A, B completed, C participating
        2,
    )
    assert (c.dropped, c.withdrawn) == (1, 1)  # Dedi left his place; Hana never had one
    assert report.by_regency == [("Kota Bandar Lampung", 2), ("Kabupaten Lampung Barat", 1)]
    assert report.by_area == {"desa": 1, "kelurahan": 2, "unknown": 0}
    assert (report.women_owned, report.women_share, report.women_percent) == (
        2,
        Fraction(2, 3),
        Decimal("66.7"),
    )
    assert (report.budget, report.budget_used, report.budget_remaining) == (
        30_000_000,
        12_000_000,  # 10 jt + 2 jt
        18_000_000,
    )
    o = report.outcomes
    assert (o.certificates, o.machine_value, o.reimbursement, o.contract_value, o.shops) == (
        1,
        33_000_000,
        12_000_000,
        5_000_000,
        1,
    )
    assert o.by_kind == {
        "certificate": 1,
        "machine": 2,
        "marketplace_shop": 1,
        "contract": 1,
        "other": 0,
    }
    assert [(s.title, s.present, s.recorded, s.rate) for s in report.attendance] == [
        ("Sesi 1", 3, 4, Decimal("75.0")),
        ("Sesi 2", 2, 3, Decimal("66.7")),
    ]
    # pre (40+50+60)/3 = 50.0; post (70+65)/2 = 67.5; gain (30+15)/2 = 22.5
    assert (report.pre_test_mean, report.post_test_mean, report.gain_mean) == (
        Decimal("50.0"),
        Decimal("67.5"),
        Decimal("22.5"),
    )
    f = report.follow_ups
    # 2 completed × 3 = 6 scheduled; 2 reported; the 6-month ones (due ≈ 17 days ago) late
    assert (f.scheduled, f.done, f.due, f.mean_sales_change) == (6, 2, 2, 500_000)


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _summary(sheet):
    return {row[0].value: row for row in sheet.iter_rows(min_row=2)}


def test_xlsx_cell_by_cell(dataset):
    report = programme_report(programme=dataset)
    buffer = io.BytesIO()
    report_xlsx.write_report(report, buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["Ringkasan", "Peserta", "Hasil", "Tindak lanjut"]

    summary = book["Ringkasan"]
    assert [c.value for c in summary[1]] == ["Ukuran", "Nilai", "Satuan", "Definisi"]
    rows = _summary(summary)
    expected = {
        "Pendaftar": 8,
        "Memenuhi syarat": 6,
        "Terpilih": 4,
        "Peserta": 3,
        "Selesai": 2,
        "Gugur / mundur": 1,
        "Mengundurkan diri sebelum terpilih": 1,
        "Peserta di Kota Bandar Lampung": 2,
        "Peserta di Kabupaten Lampung Barat": 1,
        "Peserta di desa": 1,
        "Peserta di kelurahan": 2,
        "Peserta milik perempuan": 2,
        "Pangsa milik perempuan": 66.7,
        "Anggaran": 30_000_000,
        "Anggaran terpakai": 12_000_000,
        "Sisa anggaran": 18_000_000,
        "Sertifikat terbit": 1,
        "Nilai mesin": 33_000_000,
        "Penggantian mesin": 12_000_000,
        "Toko marketplace dibuka": 1,
        "Nilai kontrak": 5_000_000,
        "Rata-rata pre-test": 50,
        "Rata-rata post-test": 67.5,
        "Rata-rata kenaikan nilai": 22.5,
        "Tindak lanjut dijadwalkan": 6,
        "Tindak lanjut dilaporkan": 2,
        "Tindak lanjut terlambat": 2,
        "Rata-rata perubahan omzet": 500_000,
        "Kehadiran: Sesi 1": 75,
        "Kehadiran: Sesi 2": 66.7,
    }
    assert {name: rows[name][1].value for name in expected} == expected
    for money in ("Anggaran", "Anggaran terpakai", "Nilai kontrak", "Rata-rata perubahan omzet"):
        assert rows[money][1].number_format == RUPIAH
        assert rows[money][2].value in ("Rupiah", "Rupiah per bulan")
    assert rows["Pangsa milik perempuan"][2].value == "%"
    assert "desa" in rows["Peserta di desa"][3].value  # the definition column

    people = _rows(book["Peserta"])
    assert people[0][:7] == [
        "Kode pendaftaran", "Nama usaha", "Kabupaten/Kota", "Desa/Kelurahan",
        "Jenis wilayah", "Milik perempuan", "Status",
    ]  # fmt: skip
    assert [row[1] for row in people[1:]] == [
        "Alpha Kopi", "Beta Keripik", "Citra Tapis", "Dedi Madu", "Eka Gula", "Fajar Emping",
        "Gita Sambal", "Hana Lada",
    ]  # fmt: skip
    alpha = people[1]
    assert alpha[2:] == [
        "Kota Bandar Lampung", "Gotong Royong", "Kelurahan", "Ya", "Selesai", 40, 70,
        "Mesin diterima / penggantian, Sertifikat terbit", 30_000_000, 10_000_000, None,
    ]  # fmt: skip
    assert people[3][2:9] == [
        "Kabupaten Lampung Barat", "Way Mengaku", "Desa", "Ya", "Peserta", 60, None,
    ]  # fmt: skip
    assert people[4][6] == "Gugur / mengundurkan diri"
    assert book["Peserta"]["L2"].number_format == RUPIAH

    results = _rows(book["Hasil"])
    assert len(results) == 1 + 5
    assert [(r[1], r[2]) for r in results[1:]] == [
        ("Alpha Kopi", "Mesin diterima / penggantian"),
        ("Alpha Kopi", "Sertifikat terbit"),
        ("Beta Keripik", "Mesin diterima / penggantian"),
        ("Beta Keripik", "Kontrak ditandatangani"),
        ("Citra Tapis", "Toko marketplace dibuka"),
    ]
    assert results[2][3:5] == ["SNI-001", dt.datetime(2025, 5, 2)]
    assert results[3][5:7] == [3_000_000, 2_000_000]
    assert results[4][8] == 5_000_000
    assert results[5][7] == "https://shopee.co.id/citratapis"

    follow = _rows(book["Tindak lanjut"])
    assert len(follow) == 1 + 6
    reported = {r[1]: r for r in follow[1:] if r[4] is not None}
    assert reported["Alpha Kopi"][2] == 3
    assert reported["Alpha Kopi"][5:8] == [12_000_000, 2_000_000, 6]
    assert reported["Beta Keripik"][5:8] == [4_000_000, -1_000_000, 4]
    assert reported["Alpha Kopi"][8] == '\'=HYPERLINK("x")'  # never run as a formula
    assert book["Tindak lanjut"]["F2"].number_format == RUPIAH


def test_report_pages(client, officer, other_officer, dataset):
    client.force_login(officer)
    page = client.get(reverse("delivery:report", args=[dataset.public_key]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kota Bandar Lampung" in html and "(66,7 %)" in html
    assert "Rp12.000.000" in html and "Rp18.000.000" in html
    download = client.get(reverse("delivery:report_xlsx", args=[dataset.public_key]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        f'attachment; filename="laporan-program-{dataset.public_key}.xlsx"'
    )
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert _summary(book["Ringkasan"])["Pendaftar"][1].value == 8
    assert history_for(dataset).filter(action="export").count() == 1
    client.force_login(other_officer)
    assert client.get(reverse("delivery:report", args=[dataset.public_key])).status_code == 404
    assert client.get(reverse("delivery:report_xlsx", args=[dataset.public_key])).status_code == 404
    assert history_for(dataset).filter(action="export").count() == 1
