"""The officers' curation pages: the applicants list (counts, quota, filters, scores,
WhatsApp, decisions), its actions, one application with reviews and history; and the
limits: another regency's officer gets 404 and changes nothing, an analyst reads but
cannot decide."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from simpul.programmes.models import Application, Review
from simpul.programmes.services import curation
from simpul.registry.models import Owner

from .curation_fixtures import *  # noqa: F403 (the fixtures)
from .curation_fixtures import fresh, score, score_stage_one

MARKS = [(10, 5), (8, 4), (6, 5), (4, 2)]  # stage 1 totals 100, 80, 70, 40


def _url(name, key, *args):
    return reverse(f"curation:{name}", args=[key, *args])


def _page(client, user, programme, query=""):
    client.force_login(user)
    response = client.get(_url("applicants", programme.public_key) + query)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_urls():
    assert reverse("curation:applicants", args=["abcd1234"]) == "/kelola/kurasi/program/abcd1234/"
    assert (
        reverse("curation:application", args=["abcd1234"]) == "/kelola/kurasi/pendaftar/abcd1234/"
    )
    assert reverse("curation:panel") == "/kelola/kurasi/panel/"
    assert reverse("curation:review", args=["abcd1234"]) == "/kelola/kurasi/panel/abcd1234/"


def test_the_list_shows_counts_quota_eligibility_scores_and_whatsapp(
    client, staged, applicants, panelist, panelist2, officer, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    score_stage_one(staged, panelist, panelist2, applicants[:1], MARKS[:1])
    Owner.objects.filter(pk=applicants[0].enterprise.owner_id).update(phone="081234567890")
    page = _page(client, officer, staged["programme"])
    assert "Kuota 2 peserta: 0 terisi, 2 kosong." in page
    assert "4</strong> Dalam kurasi" in page
    for a in applicants:
        assert a.enterprise.name in page and _url("application", a.public_key) in page
    assert "100.00" in page or "100,00" in page  # Ani's mean in stage 1
    assert "https://wa.me/6281234567890?text=" in page
    assert "Kota Bandar Lampung" in page  # the enterprise's regency
    assert "2 penilaian" in page
    assert "6 penilaian belum masuk (3 pendaftar)" in page
    assert _url("advance", staged["programme"].public_key, 1) in page
    assert _url("decide", applicants[0].public_key) in page


def test_filters_by_status_stage_and_regency(
    client, staged, applicants, officer, officer_prov, make_enterprise
):
    from .delivery_helpers import applied

    western = applied(
        staged["programme"],
        make_enterprise("Kopi Liwa", village="18.04.01.2001"),
        "applied",
        officer_prov,
    )
    curation.application_decide(provenance=officer_prov, application=applicants[3], to="rejected")
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    names = [a.enterprise.name for a in applicants]

    page = _page(client, officer, staged["programme"], "?status=rejected")
    assert names[3] in page and names[0] not in page
    page = _page(client, officer, staged["programme"], "?tahap=1")
    assert all(n in page for n in names[:3]) and names[3] not in page
    page = _page(client, officer, staged["programme"], "?wilayah=18.04")
    assert western.enterprise.name in page and names[0] not in page
    # An unknown value is refused by the filter form, which then filters nothing.
    page = _page(client, officer, staged["programme"], "?status=bukan-status")
    assert all(n in page for n in names) and "errorlist" in page


def test_the_list_costs_the_same_queries_for_more_applicants(
    client, staged, applicants, officer, officer_prov, make_enterprise
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .delivery_helpers import applied

    client.force_login(officer)
    url = _url("applicants", staged["programme"].public_key)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for name in ("Sambal Eka", "Dodol Fajar", "Lada Gita"):
        applied(staged["programme"], make_enterprise(name), "eligible", officer_prov)
    with CaptureQueriesContext(connection) as more:
        page = unescape(client.get(url).content.decode())
    assert "Lada Gita" in page
    assert len(more.captured_queries) == len(few.captured_queries)


def test_start_advance_and_finalise_from_the_page(
    client, staged, applicants, panelist, panelist2, final_panelist, officer
):
    client.force_login(officer)
    key = staged["programme"].public_key
    response = client.post(_url("start", key))
    assert response.status_code == 302
    assert Application.objects.filter(stage=staged["one"]).count() == 4
    score_stage_one(staged, panelist, panelist2, applicants, MARKS)
    response = client.post(_url("advance", key, 1), {"pass_count": "3"})
    assert response.status_code == 302
    assert [fresh(a).status for a in applicants] == ["curation"] * 3 + ["rejected"]
    w = staged["criteria"]["wawancara"]
    for application, mark in zip(applicants[:3], (50, 90, 70), strict=True):
        score(final_panelist, application, staged["two"], {w: mark})
    response = client.post(_url("finalise", key), {"waitlist_size": "1"})
    assert response.status_code == 302
    assert [fresh(a).status for a in applicants] == [
        "waitlisted",
        "selected",
        "selected",
        "rejected",
    ]
    page = unescape(client.get(response.url).content.decode())
    assert "Seleksi selesai: 2 terpilih, 1 daftar tunggu, 0 tidak terpilih." in page


def test_missing_reviews_are_shown_and_nothing_moves(
    client, staged, applicants, panelist, officer, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    client.force_login(officer)
    key = staged["programme"].public_key
    response = client.post(_url("advance", key, 1), {"pass_count": "2"})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "8 penilaian panelis yang belum masuk" in page
    response = client.post(_url("advance", key, 1), {"pass_count": "2", "force": "on"})
    assert response.status_code == 400
    assert "Tuliskan alasan" in unescape(response.content.decode())
    response = client.post(_url("advance", key, 1), {"pass_count": "nol"})
    assert response.status_code == 400
    response = client.post(_url("advance", key, 9), {"pass_count": "1"})
    assert response.status_code == 400
    assert all(fresh(a).stage == staged["one"] for a in applicants)


def test_a_single_decision_from_the_list_and_its_refusal(client, applicants, officer):
    client.force_login(officer)
    url = _url("decide", applicants[0].public_key)
    response = client.post(url, {"to": "waitlisted", "note": "Cadangan", "from": "list"})
    assert response.status_code == 302 and f"#a-{applicants[0].public_key}" in response.url
    assert fresh(applicants[0]).status == "waitlisted"
    response = client.post(url, {"to": "completed"})
    assert response.status_code == 400 and fresh(applicants[0]).status == "waitlisted"
    curation_rejected = client.post(_url("decide", applicants[1].public_key), {"to": "rejected"})
    assert curation_rejected.status_code == 302
    response = client.post(_url("decide", applicants[1].public_key), {"to": "selected"})
    assert response.status_code == 400
    assert "tidak dapat diubah" in unescape(response.content.decode())
    assert fresh(applicants[1]).status == "rejected"


def test_the_application_page_shows_reviews_history_and_documents(
    client, staged, applicants, panelist, panelist2, officer, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    c = staged["criteria"]
    score(panelist, applicants[0], staged["one"], {c["usaha"]: 7, c["produk"]: 4}, "Prospek ekspor")
    client.force_login(officer)
    page = unescape(client.get(_url("application", applicants[0].public_key)).content.decode())
    assert "panelis.bank@uji.id" in page and "Prospek ekspor" in page
    assert "72.50" in page or "72,50" in page
    assert "Potensi usaha: 7/10" in page and "bobot 3" in page
    assert "Dalam kurasi" in page
    assert "Masuk kurasi 1. Seleksi administrasi." in page  # the history's note
    assert "Pemeriksaan syarat" in page


def test_another_regency_officer_gets_404_and_forged_posts_change_nothing(
    client, staged, applicants, other_officer, officer_prov
):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])
    client.force_login(other_officer)
    key, app = staged["programme"].public_key, applicants[0].public_key
    assert client.get(_url("applicants", key)).status_code == 404
    assert client.get(_url("application", app)).status_code == 404
    posts = [
        (_url("start", key), {}),
        (_url("advance", key, 1), {"pass_count": "1", "force": "on", "reason": "x"}),
        (_url("finalise", key), {"waitlist_size": "0", "force": "on", "reason": "x"}),
        (_url("decide", app), {"to": "selected"}),
        (_url("nominate", key), {"enterprise": applicants[1].enterprise.public_key}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
    assert all(fresh(a).status == "curation" for a in applicants)


def test_an_analyst_reads_but_cannot_decide(client, staged, applicants, analyst, officer_prov):
    page = _page(client, analyst, staged["programme"])
    assert applicants[0].enterprise.name in page
    assert _url("decide", applicants[0].public_key) not in page
    assert _url("start", staged["programme"].public_key) not in page
    assert client.get(_url("application", applicants[0].public_key)).status_code == 200
    response = client.post(_url("decide", applicants[0].public_key), {"to": "selected"})
    assert response.status_code == 403
    assert client.post(_url("start", staged["programme"].public_key)).status_code == 403
    assert all(fresh(a).status == "eligible" for a in applicants)


def test_owners_and_panelists_do_not_reach_the_officer_pages(client, staged, applicants, panelist):
    owner = applicants[0].enterprise.owner.user
    for user in (owner, panelist):
        client.force_login(user)
        response = client.get(_url("applicants", staged["programme"].public_key))
        assert response.status_code in (302, 403)
        assert client.post(
            _url("decide", applicants[0].public_key), {"to": "selected"}
        ).status_code in (302, 403)
    assert fresh(applicants[0]).status == "eligible"


def test_nominating_an_ikm_of_the_region(client, programme, officer, make_enterprise):
    enterprise = make_enterprise("Kopi Gita")
    western = make_enterprise("Kopi Liwa", village="18.04.01.2001")
    client.force_login(officer)
    url = _url("nominate", programme.public_key)
    response = client.post(url, {"enterprise": enterprise.public_key, "note": "Binaan"})
    assert response.status_code == 302
    application = Application.objects.get(programme=programme, enterprise=enterprise)
    assert application.nominated_by == officer and application.status == "eligible"
    # Without stages, the page offers selection straight from the eligible ones.
    page = _page(client, officer, programme)
    assert "usulan Dinas" in page and _url("finalise", programme.public_key) in page
    assert _url("start", programme.public_key) not in page
    # An IKM outside the officer's jurisdiction is not found; a typo neither.
    for code in (western.public_key, "zzzzzzzz"):
        response = client.post(url, {"enterprise": code})
        assert response.status_code == 400
        assert "tidak ditemukan di wilayah kerja Anda" in unescape(response.content.decode())
    assert not Application.objects.filter(enterprise=western).exists()


def test_reviews_are_not_changed_by_officer_pages(client, staged, applicants, officer):
    """The officer pages have no way to write a review."""
    client.force_login(officer)
    response = client.post(_url("application", applicants[0].public_key), {"c_1": "10"})
    assert response.status_code == 405
    assert not Review.objects.exists()


@pytest.mark.parametrize("name", ["start", "finalise"])
def test_actions_need_post_and_csrf(name, staged, officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    url = _url(name, staged["programme"].public_key)
    assert strict.get(url).status_code == 405
    assert strict.post(url, {"waitlist_size": "0"}).status_code == 403
