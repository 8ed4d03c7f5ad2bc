"""The panel's pages: an outside panelist's queue and scoring form, only for the stages
they sit on; no owner NIK, phone or e-mail on the page; bad scores change nothing; an
application that moved to another stage is a 404 for the former panel."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

from django.urls import reverse

from simpul.core.models import ChangeRecord
from simpul.programmes.models import Review, Stage
from simpul.programmes.services import curation
from simpul.programmes.services.documents import check_document, document_store
from simpul.registry.models import Owner

from .curation_fixtures import *  # noqa: F403 (the fixtures)
from .curation_fixtures import fresh, score_stage_one
from .delivery_helpers import applied
from .uploads import pdf_bytes, upload

MARKS = [(10, 5), (8, 4), (6, 5), (4, 2)]  # stage 1 totals 100, 80, 70, 40


def _review_url(application):
    return reverse("curation:review", args=[application.public_key])


def _get(client, url):
    response = client.get(url)
    return response.status_code, unescape(response.content.decode())


def _in_stage_one(staged, officer_prov):
    curation.curation_start(provenance=officer_prov, programme=staged["programme"])


def test_the_queue_lists_the_stage_applications_and_what_is_left(
    client, staged, applicants, panelist, panelist2, officer_prov
):
    _in_stage_one(staged, officer_prov)
    score_stage_one(staged, panelist, panelist2, applicants[:1], MARKS[:1])
    client.force_login(panelist)
    status, page = _get(client, reverse("curation:panel"))
    assert status == 200
    assert "3 pendaftar belum Anda nilai." in page
    assert "Seleksi administrasi" in page and staged["programme"].title in page
    for a in applicants:
        assert _review_url(a) in page
    assert "sudah dinilai" in page


def test_the_scoring_page_shows_the_business_but_not_the_owners_identity(
    client, staged, applicants, panelist, officer_prov
):
    _in_stage_one(staged, officer_prov)
    application = applicants[0]
    owner = application.enterprise.owner
    Owner.objects.filter(pk=owner.pk).update(phone="+6281234567890")
    owner.refresh_from_db()
    client.force_login(panelist)
    status, page = _get(client, _review_url(application))
    assert status == 200
    assert application.enterprise.name in page
    assert "10761" in page and "Kota Bandar Lampung" in page and "Gotong Royong" in page
    assert "Pemeriksaan syarat" in page
    for criterion in ("Potensi usaha", "Kesiapan produk"):
        assert criterion in page
    assert "bobot 3 · nilai 0 sampai 10" in page
    assert "Wawancara" not in page  # the other stage's criterion
    for secret in (owner.nik_masked, owner.phone, "81234567890", owner.email, owner.full_name):
        assert secret and secret not in page


def test_a_panelist_scores_and_comes_back_to_change_it(
    client, staged, applicants, panelist, officer_prov
):
    _in_stage_one(staged, officer_prov)
    c = staged["criteria"]
    client.force_login(panelist)
    url = _review_url(applicants[0])
    data = {f"c_{c['usaha'].pk}": "7", f"c_{c['produk'].pk}": "4", "comment": "Layak"}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == reverse("curation:panel")
    review = Review.objects.get(application=applicants[0], panelist=panelist)
    assert review.total == Decimal("72.50") and review.comment == "Layak"
    # The audit says a panelist scored, not "Petugas".
    record = ChangeRecord.objects.get(action="review_submitted")
    assert (record.actor, record.source) == (panelist, "panel")
    status, page = _get(client, url)
    assert "Ubah penilaian Anda" in page and 'value="7"' in page and "Layak" in page
    client.post(url, {**data, f"c_{c['usaha'].pk}": "10"})
    review.refresh_from_db()
    assert review.total == Decimal("95.00")  # (3 × 10/10 + 1 × 4/5) / 4 × 100
    assert Review.objects.count() == 1


def test_bad_scores_come_back_on_the_form_and_nothing_is_saved(
    client, staged, applicants, panelist, officer_prov
):
    _in_stage_one(staged, officer_prov)
    c = staged["criteria"]
    client.force_login(panelist)
    url = _review_url(applicants[0])
    for data in (
        {f"c_{c['usaha'].pk}": "11", f"c_{c['produk'].pk}": "4"},
        {f"c_{c['usaha'].pk}": "5"},
        {f"c_{c['usaha'].pk}": "lima", f"c_{c['produk'].pk}": "4"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
    assert not Review.objects.exists()


def test_a_stage_one_panelist_gets_404_once_the_application_moves_to_stage_two(
    client, staged, applicants, panelist, panelist2, final_panelist, officer_prov
):
    _in_stage_one(staged, officer_prov)
    score_stage_one(staged, panelist, panelist2, applicants, MARKS)
    curation.stage_advance(provenance=officer_prov, stage=staged["one"], pass_count=2)
    top, rest = applicants[:2], applicants[2:]
    client.force_login(panelist)
    for a in applicants:
        assert client.get(_review_url(a)).status_code == 404
    c = staged["criteria"]
    data = {f"c_{c['usaha'].pk}": "1", f"c_{c['produk'].pk}": "1"}
    assert client.post(_review_url(top[0]), data).status_code == 404
    assert Review.objects.get(application=top[0], panelist=panelist).total == Decimal("100.00")
    # The stage-2 panelist sees the two that passed, not those left in stage 1's past.
    client.force_login(final_panelist)
    _, page = _get(client, reverse("curation:panel"))
    assert all(_review_url(a) in page for a in top)
    assert not any(_review_url(a) in page for a in rest)
    for a in rest:
        assert client.get(_review_url(a)).status_code == 404
    assert client.get(_review_url(top[0])).status_code == 200
    w = staged["criteria"]["wawancara"]
    assert client.post(_review_url(top[0]), {f"c_{w.pk}": "88"}).status_code == 302
    assert fresh(top[0]).reviews.get(panelist=final_panelist).total == Decimal("88.00")


def test_another_programmes_applications_stay_out_of_reach(
    client, staged, applicants, panelist, officer_prov, make_programme, make_enterprise
):
    other = make_programme(title="Bimtek Kemasan")
    stage = Stage.objects.create(programme=other, number=1, name="Administrasi")
    stage.criteria.create(name="Kelengkapan", weight=1, max_score=10)
    stage.panelists.add(fresh(applicants[0]).programme.created_by)  # an officer, not ours
    stranger = applied(other, make_enterprise("Dodol Fajar"), "eligible", officer_prov)
    curation.curation_start(provenance=officer_prov, programme=other)
    _in_stage_one(staged, officer_prov)
    client.force_login(panelist)
    _, page = _get(client, reverse("curation:panel"))
    assert "Dodol Fajar" not in page and "Bimtek Kemasan" not in page
    assert client.get(_review_url(stranger)).status_code == 404


def test_office_staff_on_a_panel_may_score_and_others_may_not_enter(
    client, staged, applicants, officer, owner_user, officer_prov
):
    _in_stage_one(staged, officer_prov)
    client.force_login(officer)  # an officer who sits on no panel
    assert client.get(reverse("curation:panel")).status_code == 403
    staged["one"].panelists.add(officer)
    assert client.get(reverse("curation:panel")).status_code == 200
    assert client.get(_review_url(applicants[0])).status_code == 200
    client.force_login(owner_user)
    assert client.get(reverse("curation:panel")).status_code == 403
    assert client.get(_review_url(applicants[0])).status_code == 403
    client.logout()
    assert client.get(reverse("curation:panel")).status_code == 302  # to the login page


def test_documents_reach_staff_panelists_only(
    client, staged, applicants, panelist, officer, officer_prov, media
):
    """A KTP scan carries the NIK: an outside panelist neither sees nor downloads it; an
    office officer on the same panel does."""
    _in_stage_one(staged, officer_prov)
    application = applicants[0]
    checked = check_document(name="KTP pemilik", upload=upload("ktp.pdf", pdf_bytes()))
    document = document_store(application=application, checked=checked)
    download = reverse("programmes:document", args=[document.pk, application.public_key])
    client.force_login(panelist)
    status, page = _get(client, _review_url(application))
    assert status == 200 and "KTP pemilik" not in page and download not in page
    assert client.get(download).status_code == 404
    staged["one"].panelists.add(officer)
    client.force_login(officer)
    status, page = _get(client, _review_url(application))
    assert "KTP pemilik" in page and download in page
    assert client.get(download).status_code == 200
