"""The owner's pages at /usaha/program/: my applications, the apply form, one application,
re-check, withdraw and document download, with the forbidden paths (another owner,
another region, a forged enterprise, a missing CSRF token, an oversized file)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from simpul.programmes.models import (
    Application,
    ApplicationDocument,
    EligibilityRule,
    FollowUp,
    Outcome,
    Question,
)

from .uploads import HTML, jpeg_bytes, pdf_bytes, upload

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _documents_in_tmp(media):
    """Every test here writes its uploads under its own temporary folder."""


@pytest.fixture
def call(programme):
    programme.required_documents = ["KTP pemilik"]
    programme.save()
    question = Question.objects.create(
        programme=programme, position=1, text="Sudah punya merek?", kind="yes_no"
    )
    EligibilityRule.objects.create(programme=programme, kind="verified", params={})
    EligibilityRule.objects.create(
        programme=programme, kind="answer", params={"question": question.pk, "accepted": ["ya"]}
    )
    return programme


@pytest.fixture
def enterprise(make_enterprise):
    return make_enterprise("Kopi Tapis")


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


def apply_data(programme, enterprise, answer="ya", document=None):
    question = programme.questions.get()
    return {
        "enterprise": str(enterprise.pk),
        f"q_{question.pk}": answer,
        "doc_0": document or upload("ktp.pdf", pdf_bytes(), "application/pdf"),
    }


def apply_url(programme):
    return reverse("programmes:apply", args=[programme.public_key])


def test_the_urls():
    assert reverse("programmes:mine") == "/usaha/program/"
    assert reverse("programmes:apply", args=["abcd2345"]) == "/usaha/program/daftar/abcd2345/"
    assert reverse("programmes:application", args=["abcd2345"]) == "/usaha/program/abcd2345/"
    assert reverse("programmes:document", args=[7, "abcd2345"]) == (
        "/usaha/program/dokumen/7/abcd2345/"
    )


def test_apply_form_lists_my_enterprises_verified_first(client, call, make_enterprise):
    from simpul.registry.models import Enterprise

    verified = make_enterprise("Zaitun Verif")
    unverified = make_enterprise("Anggrek Draf", verified=False)
    # One person with two businesses (alphabetically the draft would come first).
    Enterprise.objects.filter(pk=unverified.pk).update(owner=verified.owner)
    page = login(client, verified.owner.user).get(apply_url(call)).content.decode()
    assert page.index("Zaitun Verif") < page.index("Anggrek Draf")
    assert "kemungkinan besar tidak memenuhi syarat" in page
    assert "Sudah punya merek?" in page
    assert 'accept=".pdf,.jpg,.jpeg,.png' in page
    assert "Tidak memenuhi: data IKM harus sudah diverifikasi Dinas" in page  # the preview


def test_an_owner_applies_from_the_form_and_sees_each_rule(client, call, enterprise):
    owner = login(client, enterprise.owner.user)
    response = owner.post(apply_url(call), apply_data(call, enterprise))
    app = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:application", args=[app.public_key])
    page = owner.get(response["Location"]).content.decode()
    assert "Memenuhi: data IKM sudah diverifikasi Dinas" in page
    assert "Memenuhi: jawaban “Ya” untuk “Sudah punya merek?”" in page
    assert "Memenuhi syarat" in page
    document = app.documents.get()
    assert reverse("programmes:document", args=[document.pk, app.public_key]) in page


def test_a_refused_document_comes_back_on_its_field(client, call, enterprise, media):
    data = apply_data(call, enterprise, document=upload("ktp.jpg", jpeg_bytes() + HTML))
    response = login(client, enterprise.owner.user).post(apply_url(call), data)
    assert response.status_code == 400
    assert "data tambahan setelah akhir gambar" in response.content.decode()
    assert not Application.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))


def test_an_oversized_file_is_not_read_past_the_limit(client, call, enterprise):
    big = upload("ktp.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 10), "application/pdf")
    response = login(client, enterprise.owner.user).post(
        apply_url(call), apply_data(call, enterprise, document=big)
    )
    assert response.status_code == 400
    assert "Berkas terlalu besar: paling besar 5 MB." in response.content.decode()
    assert not Application.objects.exists()


def test_a_forged_enterprise_changes_nothing(client, call, enterprise, make_enterprise):
    other = make_enterprise("Punya Orang")
    response = login(client, other.owner.user).post(apply_url(call), apply_data(call, enterprise))
    assert response.status_code == 400
    assert "Pilih salah satu usaha Anda." in response.content.decode()
    assert not Application.objects.exists()


def test_apply_needs_the_csrf_token(call, enterprise):
    client = Client(enforce_csrf_checks=True)
    client.force_login(enterprise.owner.user)
    response = client.post(apply_url(call), apply_data(call, enterprise))
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_a_draft_call_is_not_found_and_a_closed_one_says_so(client, make_programme, enterprise):
    owner = login(client, enterprise.owner.user)
    draft = make_programme(status="draft")
    assert owner.get(apply_url(draft)).status_code == 404
    closed = make_programme(
        apply_opens=TODAY - dt.timedelta(days=30), apply_closes=TODAY - dt.timedelta(days=2)
    )
    page = owner.get(apply_url(closed)).content.decode()
    assert "Pendaftaran sudah ditutup pada" in page
    assert "Kirim pendaftaran" not in page
    response = owner.post(apply_url(closed), {"enterprise": str(enterprise.pk)})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_only_owners_apply_and_see_my_applications(client, call, officer):
    assert client.get(reverse("programmes:mine")).status_code == 302  # to the login page
    officer_client = login(client, officer)
    assert officer_client.get(reverse("programmes:mine")).status_code == 403
    assert officer_client.get(apply_url(call)).status_code == 403


@pytest.fixture
def completed(call, enterprise, client, officer):
    """An application that ran its course: an outcome and a follow-up due."""
    login(client, enterprise.owner.user).post(apply_url(call), apply_data(call, enterprise))
    app = Application.objects.get()
    Application.objects.filter(pk=app.pk).update(status="completed")
    Outcome.objects.create(
        application=app,
        kind="certificate",
        certificate_number="ID31110000123450124",
        issued_on=dt.date(2026, 1, 15),
        recorded_by=officer,
    )
    FollowUp.objects.create(application=app, months_after=6, due_on=TODAY + dt.timedelta(days=40))
    return app


def test_my_applications_show_status_rules_outcomes_and_follow_ups(client, completed, enterprise):
    page = login(client, enterprise.owner.user).get(reverse("programmes:mine")).content.decode()
    assert "Fasilitasi Sertifikasi Halal 2026" in page
    assert "Selesai" in page
    assert "Memenuhi: data IKM sudah diverifikasi Dinas" in page
    assert "ID31110000123450124" in page
    assert "6 bulan setelah program" in page


def test_another_owner_sees_none_of_it(client, completed, make_enterprise):
    stranger = login(client, make_enterprise("Orang Lain").owner.user)
    assert (
        "Fasilitasi Sertifikasi Halal"
        not in stranger.get(reverse("programmes:mine")).content.decode()
    )
    url = reverse("programmes:application", args=[completed.public_key])
    assert stranger.get(url).status_code == 404
    document = completed.documents.get()
    download = reverse("programmes:document", args=[document.pk, completed.public_key])
    assert stranger.get(download).status_code == 404


def test_documents_download_as_attachments_for_those_allowed(
    client, completed, enterprise, officer, other_officer
):
    document = completed.documents.get()
    url = reverse("programmes:document", args=[document.pk, completed.public_key])
    for user in (enterprise.owner.user, officer):
        response = login(Client(), user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="ktp-pemilik.pdf"')
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == pdf_bytes()
    assert login(Client(), other_officer).get(url).status_code == 404  # another regency
    wrong_key = reverse("programmes:document", args=[document.pk, "zzzz9999"])
    assert login(Client(), officer).get(wrong_key).status_code == 404
    assert Client().get(url).status_code == 302
    document.file.storage.delete(document.file.name)  # the row outlived its file
    assert login(Client(), officer).get(url).status_code == 404


def test_officers_read_the_application_in_their_region_only(
    client, completed, officer, other_officer
):
    url = reverse("programmes:application", args=[completed.public_key])
    assert login(Client(), officer).get(url).status_code == 200
    assert login(Client(), other_officer).get(url).status_code == 404


def test_recheck_from_the_page(client, call, make_enterprise, officer):
    from simpul.core.audit import Provenance
    from simpul.registry import services as registry

    enterprise = make_enterprise("Baru", verified=False)
    owner = login(client, enterprise.owner.user)
    owner.post(apply_url(call), apply_data(call, enterprise))
    app = Application.objects.get()
    assert app.status == "ineligible"
    prov = Provenance(actor=enterprise.owner.user, source="self_registration")
    registry.enterprise_submit(enterprise=enterprise, provenance=prov)
    registry.enterprise_verify(enterprise=enterprise, provenance=Provenance(actor=officer))
    response = owner.post(reverse("programmes:recheck", args=[app.public_key]))
    assert response.status_code == 302
    notices = [str(m) for m in get_messages(response.wsgi_request)]
    assert notices[-1] == "Syarat diperiksa ulang: Memenuhi syarat."
    assert Application.objects.get().status == "eligible"


def test_withdraw_refusal_is_shown_and_changes_nothing(client, call, enterprise, make_enterprise):
    owner = login(client, enterprise.owner.user)
    owner.post(apply_url(call), apply_data(call, enterprise))
    app = Application.objects.get()
    url = reverse("programmes:withdraw", args=[app.public_key])
    stranger = login(Client(), make_enterprise("Orang Lain").owner.user)
    assert stranger.post(url).status_code == 404
    assert Application.objects.get().status == "eligible"  # the stranger changed nothing
    owner.post(url)
    assert Application.objects.get().status == "dropped"
    response = owner.post(url)  # a second time: refused with the reason, nothing changes
    assert "tidak dapat diubah" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert Application.objects.get().status == "dropped"


def test_withdraw_after_selection(client, call, enterprise, officer_prov):
    from simpul.programmes.services.transitions import application_transition

    owner = login(client, enterprise.owner.user)
    owner.post(apply_url(call), apply_data(call, enterprise))
    app = application_transition(
        application=Application.objects.get(), to="selected", provenance=officer_prov
    )
    page = owner.get(reverse("programmes:application", args=[app.public_key])).content.decode()
    assert "Ya, saya mengundurkan diri" in page
    owner.post(reverse("programmes:withdraw", args=[app.public_key]), {"note": "Pindah kota"})
    app.refresh_from_db()
    assert (app.status, app.decision_note) == ("dropped", "Pindah kota")
    assert ApplicationDocument.objects.count() == 1  # the record stays
