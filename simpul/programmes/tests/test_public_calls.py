"""The public list of calls and the call page: only published programmes whose window is
open (or still to come) are listed; drafts and cancelled ones do not exist for the public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from simpul.programmes.models import EligibilityRule
from simpul.programmes.selectors.programmes import open_calls
from simpul.programmes.views.public import window_text

TODAY = dt.date.today()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def calls(make_programme, offices, regions):
    return {
        "open": make_programme(title="Halal Terbuka", apply_closes=days(5)),
        "soon": make_programme(title="Pameran Nanti", kind="exhibition", apply_opens=days(3)),
        "draft": make_programme(title="Draf Rahasia", status="draft"),
        "closed": make_programme(title="Sudah Tutup", apply_opens=days(-30), apply_closes=days(-1)),
        "cancelled": make_programme(title="Batal", status="cancelled"),
        "finished": make_programme(title="Selesai Lalu", status="finished"),
        "jabar": make_programme(
            title="Program Jawa Barat",
            office=offices["national"],
            region=regions["32"],
            province_code="32",
            regency_code="",
        ),
        "national": make_programme(
            title="Program Nasional",
            office=offices["national"],
            region=None,
            province_code="",
            regency_code="",
        ),
    }


def test_selector_lists_open_then_upcoming(calls):
    titles = [p.title for p in open_calls(today=TODAY)]
    assert titles[-1] == "Pameran Nanti"  # upcoming after the open ones
    assert set(titles) == {
        "Halal Terbuka",
        "Pameran Nanti",
        "Program Jawa Barat",
        "Program Nasional",
    }
    assert titles[0] == "Halal Terbuka"  # closes soonest


def test_province_filter_keeps_national_calls(calls):
    titles = {p.title for p in open_calls(today=TODAY, region="18")}
    assert titles == {"Halal Terbuka", "Pameran Nanti", "Program Nasional"}
    assert {p.title for p in open_calls(today=TODAY, kind="exhibition")} == {"Pameran Nanti"}


def test_public_list_page(client, calls):
    page = client.get(reverse("calls:list")).content.decode()
    for title in ("Halal Terbuka", "Pameran Nanti", "Program Nasional"):
        assert title in page
    for title in ("Draf Rahasia", "Sudah Tutup", "Batal", "Selesai Lalu"):
        assert title not in page
    assert "ditutup 5 hari lagi" in page and "dibuka 3 hari lagi" in page
    filtered = client.get(reverse("calls:list"), {"jenis": "exhibition"}).content.decode()
    assert "Pameran Nanti" in filtered and "Halal Terbuka" not in filtered
    province = client.get(reverse("calls:list"), {"provinsi": "32"}).content.decode()
    assert "Program Jawa Barat" in province and "Halal Terbuka" not in province


def test_call_page_shows_rules_documents_and_window(client, calls):
    p = calls["open"]
    p.required_documents = ["Foto KTP pemilik"]
    p.description = "Sertifikat halal gratis."
    p.save()
    EligibilityRule.objects.create(programme=p, kind="kbli_prefix", params={"prefixes": ["10"]})
    EligibilityRule.objects.create(programme=p, kind="women_owned", params={}, position=2)
    page = client.get(reverse("calls:detail", args=[p.public_key])).content.decode()
    assert "KBLI harus diawali 10" in page and "Usaha harus dimiliki perempuan" in page
    assert "Foto KTP pemilik" in page and "Sertifikat halal gratis." in page
    assert "ditutup 5 hari lagi" in page
    assert reverse("programmes:apply", args=[p.public_key]) in page
    assert "Ajukan pendaftaran" in page


def test_closed_and_finished_calls_have_no_apply_button(client, calls):
    page = client.get(reverse("calls:detail", args=[calls["finished"].public_key]))
    assert page.status_code == 200
    assert "Ajukan pendaftaran" not in page.content.decode()
    upcoming = client.get(reverse("calls:detail", args=[calls["soon"].public_key])).content.decode()
    assert "Ajukan pendaftaran" not in upcoming and "Pendaftaran dibuka" in upcoming


@pytest.mark.parametrize("which", ["draft", "cancelled"])
def test_drafts_and_cancelled_are_404(client, calls, which):
    assert client.get(reverse("calls:detail", args=[calls[which].public_key])).status_code == 404


def test_unknown_key_is_404(client, db):
    assert client.get(reverse("calls:detail", args=["zzzzzzzz"])).status_code == 404
    assert client.get(reverse("calls:detail", args=["x"])).status_code == 404


def test_window_text(programme):
    programme.apply_opens, programme.apply_closes = days(-1), days(0)
    assert window_text(programme, TODAY) == "ditutup hari ini"
    programme.apply_closes = days(1)
    assert window_text(programme, TODAY) == "ditutup besok"
    programme.apply_opens = days(1)
    assert window_text(programme, TODAY) == "dibuka besok"
    programme.apply_opens, programme.apply_closes = days(-9), days(-2)
    assert window_text(programme, TODAY) == "pendaftaran sudah ditutup"


def test_published_programme_appears_after_publishing(
    client, officer, officer_prov, make_programme
):
    from simpul.programmes.services.programmes import programme_publish

    p = make_programme(
        status="draft",
        title="Baru Diumumkan",
        description="Ada",
        period_start=days(20),
        period_end=days(25),
    )
    assert "Baru Diumumkan" not in client.get(reverse("calls:list")).content.decode()
    programme_publish(provenance=officer_prov, programme=p)
    assert "Baru Diumumkan" in client.get(reverse("calls:list")).content.decode()
