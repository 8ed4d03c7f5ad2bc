"""The yearly-figure pages: who sees what (200/403/404), forms in Indonesian, forged
posts, the officer's review, and the history chart with its numbers."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from simpul.notifications.models import Notification
from simpul.reporting import services
from simpul.reporting.choices import FigureStatus
from simpul.reporting.models import YearlyFigure

from .conftest import figures

pytestmark = pytest.mark.django_db


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


def submit(prov, enterprise, year, **overrides):
    return services.yearly_figure_submit(
        provenance=prov, enterprise=enterprise, year=year, data=figures(**overrides)
    )


FORM = {
    "workforce_men": "3",
    "workforce_women": "4",
    "sales_value": "2,5 jt",
    "online_sales_percent": "30",
    "production_value": "1.500.000",
    "investment_value": "",
    "export_value": "",
    "raw_materials": "pisang kepok",
    "capacity_use_percent": "",
}


def test_owner_list_and_form(client, verified, owner_user, last_year):
    login(client, owner_user)
    page = client.get("/usaha/laporan-tahunan/")
    assert page.status_code == 200
    assert f"Laporan tahun {last_year} belum dikirim." in page.content.decode()
    url = f"/ikm/{verified.pk}/laporan-tahunan/{last_year}/"
    assert client.get(url).status_code == 200
    response = client.post(url, FORM)
    assert response.status_code == 302
    figure = YearlyFigure.objects.get()
    assert (figure.sales_value, figure.production_value) == (2_500_000, 1_500_000)
    assert figure.investment_value is None and figure.export_value is None
    assert figure.source == "self_registration"


def test_form_errors_in_indonesian(client, verified, owner_user, last_year):
    login(client, owner_user)
    url = f"/ikm/{verified.pk}/laporan-tahunan/{last_year}/"
    bad = {**FORM, "workforce_men": "-2", "sales_value": "banyak", "online_sales_percent": "150"}
    response = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="id")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in text
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 100." in text
    assert "tidak terbaca" in text
    assert not YearlyFigure.objects.exists()


def test_future_year_and_other_owner(client, verified, make_user, last_year):
    stranger = make_user("orang.lain@uji.id")
    login(client, stranger)
    assert client.get(f"/ikm/{verified.pk}/laporan-tahunan/").status_code == 404
    assert client.post(f"/ikm/{verified.pk}/laporan-tahunan/{last_year}/", FORM).status_code == 404
    assert not YearlyFigure.objects.exists()


def test_year_out_of_range_is_404(client, verified, owner_user, last_year):
    login(client, owner_user)
    assert client.get(f"/ikm/{verified.pk}/laporan-tahunan/{last_year + 3}/").status_code == 404
    assert client.get(f"/ikm/{verified.pk}/laporan-tahunan/1990/").status_code == 404


def test_officer_pages_and_scope(
    client, verified, officer, other_officer, analyst, by_owner, last_year
):
    figure = submit(by_owner, verified, last_year, sales_value=400_000_000)
    login(client, officer)
    queue = client.get("/kelola/laporan-tahunan/")
    assert queue.status_code == 200 and verified.name in queue.content.decode()
    assert client.get(f"/kelola/laporan-tahunan/{figure.pk}/").status_code == 200
    assert client.get(f"/ikm/{verified.pk}/laporan-tahunan/{last_year - 1}/").status_code == 200
    # Another regency: the figure and the enterprise do not exist for them.
    login(client, other_officer)
    assert verified.name not in client.get("/kelola/laporan-tahunan/").content.decode()
    assert client.get(f"/kelola/laporan-tahunan/{figure.pk}/").status_code == 404
    assert (
        client.post(f"/kelola/laporan-tahunan/{figure.pk}/", {"decision": "accept"}).status_code
        == 404
    )
    # The provincial analyst reads but may neither write nor review.
    login(client, analyst)
    assert client.get(f"/kelola/laporan-tahunan/{figure.pk}/").status_code == 200
    assert client.get(f"/ikm/{verified.pk}/laporan-tahunan/{last_year}/").status_code == 403
    assert (
        client.post(f"/kelola/laporan-tahunan/{figure.pk}/", {"decision": "accept"}).status_code
        == 403
    )
    figure.refresh_from_db()
    assert figure.status == FigureStatus.SUBMITTED


def test_owner_cannot_open_the_queue(client, owner_user):
    login(client, owner_user)
    assert client.get("/kelola/laporan-tahunan/").status_code == 403


def test_review_question_from_page(client, verified, officer, owner_user, by_owner, last_year):
    submit(by_owner, verified, last_year - 1, sales_value=100_000_000)
    figure = submit(by_owner, verified, last_year, sales_value=1_500_000_000)
    login(client, officer)
    page = client.get(f"/kelola/laporan-tahunan/{figure.pk}/").content.decode()
    assert "Nilai penjualan naik 15 kali lipat" in page
    assert "Rp100.000.000" in page and "Rp1.500.000.000" in page  # side by side
    missing = client.post(f"/kelola/laporan-tahunan/{figure.pk}/", {"decision": "question"})
    assert missing.status_code == 400
    assert "Tulis pertanyaan untuk pemilik usaha." in missing.content.decode()
    response = client.post(
        f"/kelola/laporan-tahunan/{figure.pk}/",
        {"decision": "question", "note": "Apakah ada pesanan besar?"},
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.status == FigureStatus.QUESTIONED
    assert Notification.objects.filter(user=owner_user).count() == 1
    login(client, owner_user)
    mine = client.get("/usaha/laporan-tahunan/").content.decode()
    assert "Apakah ada pesanan besar?" in mine


def test_forged_post_without_csrf_changes_nothing(
    verified, officer, owner_user, by_owner, last_year
):
    figure = submit(by_owner, verified, last_year)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    response = strict.post(f"/kelola/laporan-tahunan/{figure.pk}/", {"decision": "accept"})
    assert response.status_code == 403
    strict.force_login(owner_user)
    response = strict.post(f"/ikm/{verified.pk}/laporan-tahunan/{last_year}/", FORM)
    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.status == FigureStatus.SUBMITTED and figure.sales_value == 400_000_000


def test_history_chart_on_the_enterprise_page(
    client, verified, officer, owner_user, by_owner, last_year
):
    submit(by_owner, verified, last_year - 1, sales_value=200_000_000, workforce_men=1)
    submit(by_owner, verified, last_year, sales_value=400_000_000, workforce_men=5)
    for user in (owner_user, officer):
        login(client, user)
        page = client.get(f"/ikm/{verified.pk}/").content.decode()
        svg = re.search(r"<svg[^>]*role=\"img\"[^>]*>.*?</svg>", page, re.S)
        assert svg is not None
        label = "Grafik penjualan (batang) dan tenaga kerja (garis)"
        assert f"{label} tahun {last_year - 1}–{last_year}" in svg.group(0)
        bars = re.findall(
            r'data-year="(\d+)" data-sales="(\d*)" data-workforce="(\d*)"', svg.group(0)
        )
        assert bars == [
            (str(last_year - 1), "200000000", "4"),
            (str(last_year), "400000000", "8"),
        ]
        heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg.group(0))]
        assert heights[1] == pytest.approx(2 * heights[0], abs=0.2)  # twice the sales
        assert "Rp200 juta" in page and "Rp400 juta" in page  # labels and the table
        assert "<table" in page and "Tabel angka" in page


def test_history_empty_and_not_for_other_region(client, verified, other_officer, owner_user):
    login(client, owner_user)
    assert "Belum ada laporan tahunan." in client.get(f"/ikm/{verified.pk}/").content.decode()
    login(client, other_officer)
    assert client.get(f"/ikm/{verified.pk}/").status_code == 404


def test_chart_keeps_the_two_labels_of_one_year_apart():
    """When the workforce point is level with the top of the sales bar, its number starts
    past the sales figure instead of printing over it."""
    from types import SimpleNamespace

    from simpul.reporting.chart import history_chart

    rows = [
        SimpleNamespace(year=2024, sales_value=400_000_000, workforce=10),
        # 82.5 % of the top sales: the bar's label lands level with the workforce peak.
        SimpleNamespace(year=2025, sales_value=330_000_000, workforce=33),
    ]
    top = history_chart(rows).points[-1]
    assert abs(top.workforce_label_y - top.sales_label_y) < 11
    assert top.workforce_label_dx >= len(top.sales_label) * 3 + 3
    low = history_chart(rows).points[0]
    assert low.workforce_label_dx == 6.0
