"""Applying, nominating, re-checking and withdrawing, through the real services, with real
files on disk: who may, when, what is checked, and that a refusal leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from simpul.core.audit import Provenance, history_for
from simpul.core.models import Source
from simpul.notifications.models import Notification
from simpul.programmes.models import Application, ApplicationDocument, EligibilityRule, Question
from simpul.programmes.selectors.applications import apply_candidates
from simpul.programmes.services.applications import (
    application_nominate,
    application_recheck,
    application_submit,
    application_withdraw,
)
from simpul.programmes.services.documents import check_document, jpeg_end
from simpul.programmes.services.transitions import application_transition
from simpul.registry import services as registry

from . import uploads
from .uploads import ATTACKS, jpeg_bytes, pdf_bytes, png_bytes, upload

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _documents_in_tmp(media):
    """Every test here writes its uploads under its own temporary folder."""


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def call(programme):
    """The halal call with two questions, two required documents and three rules."""
    programme.required_documents = ["KTP pemilik", "Foto produk"]
    programme.save()
    brand = Question.objects.create(
        programme=programme, position=1, text="Sudah punya merek?", kind="yes_no"
    )
    Question.objects.create(
        programme=programme, position=2, text="Produksi per bulan (kg)", kind="number"
    )
    Question.objects.create(
        programme=programme,
        position=3,
        text="Jenis produk",
        kind="choice",
        options=["Makanan", "Minuman"],
        required=False,
    )
    for kind, params in [
        ("verified", {}),
        ("kbli_prefix", {"prefixes": ["10", "11"]}),
        ("answer", {"question": brand.pk, "accepted": ["ya"]}),
    ]:
        EligibilityRule.objects.create(programme=programme, kind=kind, params=params)
    return programme


def owner_prov(enterprise):
    return Provenance(actor=enterprise.owner.user, source=Source.SELF_REGISTRATION)


def answers_for(programme, brand="ya", kg="1.500", kind=""):
    q = {q.position: str(q.pk) for q in programme.questions.all()}
    return {q[1]: brand, q[2]: kg, q[3]: kind}


def good_documents():
    return [
        ("KTP pemilik", upload("ktp saya.pdf", pdf_bytes())),
        ("Foto produk", upload("produk.jpg", jpeg_bytes())),
    ]


def submit(programme, enterprise, **kw):
    kw.setdefault("provenance", owner_prov(enterprise))
    if "answers" not in kw:
        kw["answers"] = answers_for(programme)
    if "documents" not in kw:
        kw["documents"] = good_documents()
    return application_submit(programme=programme, enterprise=enterprise, **kw)


def test_an_owner_applies_and_is_told_why_eligible(call, make_enterprise, media):
    enterprise = make_enterprise("Kopi Tapis")
    app = submit(call, enterprise)
    assert app.status == "eligible"
    assert [r["message"] for r in app.eligibility] == [
        "Memenuhi: data IKM sudah diverifikasi Dinas",
        "Memenuhi: KBLI 10761 diawali 10",
        "Memenuhi: jawaban “Ya” untuk “Sudah punya merek?”",
    ]
    q = {q.position: str(q.pk) for q in call.questions.all()}
    assert app.answers == {q[1]: "ya", q[2]: "1500"}  # typed; the empty optional one dropped
    documents = {d.name: d for d in app.documents.all()}
    assert set(documents) == {"KTP pemilik", "Foto produk"}
    assert documents["KTP pemilik"].content_type == "application/pdf"
    assert documents["Foto produk"].file.name.endswith(".jpg")
    assert "ktp" not in documents["KTP pemilik"].file.name  # renamed at random
    assert documents["KTP pemilik"].file.read() == pdf_bytes()
    assert len(stored_files(media)) == 2
    actions = [(r.action, r.source, r.actor) for r in history_for(app).order_by("id")]
    assert actions == [
        ("submitted", "self_registration", enterprise.owner.user),
        ("status_changed", "system", None),  # the verdict is the system's
    ]
    note = Notification.objects.get(user=enterprise.owner.user)
    assert note.title.endswith(": Memenuhi syarat")


def test_an_ineligible_applicant_sees_which_rule_failed(call, make_enterprise):
    enterprise = make_enterprise("Belum Verif", verified=False)
    app = submit(call, enterprise, answers=answers_for(call, brand="tidak"))
    assert app.status == "ineligible"
    failed = [r["message"] for r in app.eligibility if not r["ok"]]
    assert failed == [
        "Tidak memenuhi: data IKM harus sudah diverifikasi Dinas (status sekarang: Draf)",
        "Tidak memenuhi: jawaban untuk “Sudah punya merek?” harus Ya (jawaban: Tidak)",
    ]
    assert app.decision_note == " ".join(failed)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (2, "banyak", "Tulis angka"),
        (1, "mungkin", "Jawab “ya” atau “tidak”"),
        (3, "Rokok", "Pilih salah satu pilihan"),
        (1, "  ", "wajib dijawab"),
    ],
)
def test_answers_are_typed_and_required(call, make_enterprise, media, field, value, message):
    enterprise = make_enterprise("Kopi")
    answers = answers_for(call)
    question = call.questions.get(position=field)
    answers[str(question.pk)] = value
    with pytest.raises(ValidationError) as refused:
        submit(call, enterprise, answers=answers)
    assert message in " ".join(refused.value.message_dict[f"q_{question.pk}"])
    assert not Application.objects.exists()
    assert stored_files(media) == []


def test_every_required_document_is_needed(call, make_enterprise, media):
    enterprise = make_enterprise("Kopi")
    only_ktp = [("KTP pemilik", upload("ktp.pdf", pdf_bytes()))]
    with pytest.raises(ValidationError) as refused:
        submit(call, enterprise, documents=only_ktp)
    assert refused.value.message_dict == {"doc_1": ["Unggah dokumen ini."]}
    extra = [*good_documents(), ("Surat cinta", upload("x.pdf", pdf_bytes()))]
    with pytest.raises(ValidationError, match="tidak diminta program ini"):
        submit(call, enterprise, documents=extra)
    assert not Application.objects.exists() and stored_files(media) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "draft"}, "tidak sedang menerima pendaftaran"),
        ({"status": "cancelled"}, "tidak sedang menerima pendaftaran"),
        (
            {
                "apply_opens": TODAY - dt.timedelta(days=20),
                "apply_closes": TODAY - dt.timedelta(days=1),
            },
            "sudah ditutup pada",
        ),
        (
            {
                "apply_opens": TODAY + dt.timedelta(days=2),
                "apply_closes": TODAY + dt.timedelta(days=9),
            },
            "baru dibuka pada",
        ),
    ],
)
def test_only_a_published_call_inside_its_window(make_programme, make_enterprise, fields, message):
    programme = make_programme(**fields)
    with pytest.raises(ValidationError, match=message):
        submit(programme, make_enterprise("Kopi"), answers={}, documents=[])
    assert not Application.objects.exists()


def test_a_second_application_is_refused(call, make_enterprise, media):
    enterprise = make_enterprise("Kopi")
    submit(call, enterprise)
    with pytest.raises(ValidationError) as refused:
        submit(call, enterprise)
    assert refused.value.message_dict == {"enterprise": ["Kopi sudah terdaftar di program ini."]}
    assert Application.objects.count() == 1
    assert len(stored_files(media)) == 2


def test_another_owner_cannot_apply_for_my_enterprise(call, make_enterprise, media):
    mine, theirs = make_enterprise("Punyaku"), make_enterprise("Punya Orang")
    with pytest.raises(PermissionDenied):
        submit(call, mine, provenance=owner_prov(theirs))
    assert not Application.objects.exists() and stored_files(media) == []


@pytest.mark.parametrize(("name", "data", "message"), ATTACKS)
def test_dangerous_or_broken_documents_are_refused(
    call, make_enterprise, media, name, data, message
):
    enterprise = make_enterprise("Kopi")
    documents = [
        ("KTP pemilik", upload(name, data, "application/pdf")),
        ("Foto produk", upload("produk.jpg", jpeg_bytes())),
    ]
    with pytest.raises(ValidationError) as refused:
        submit(call, enterprise, documents=documents)
    assert message in " ".join(refused.value.message_dict["doc_0"])
    assert not Application.objects.exists()
    assert not ApplicationDocument.objects.exists()
    assert stored_files(media) == []


def test_ordinary_images_and_pdfs_pass():
    for data, kind in [
        (pdf_bytes(), "application/pdf"),
        (pdf_bytes() + b"\r\n", "application/pdf"),
        (jpeg_bytes(progressive=True), "image/jpeg"),
        (png_bytes(), "image/png"),
    ]:
        assert check_document(name="x", upload=upload("x", data)).content_type == kind
    # An end marker inside a segment (a comment, an EXIF thumbnail) is not the image's end.
    with_marker = jpeg_bytes(comment=b"\xff\xd9<not the end>")
    assert jpeg_end(with_marker) == len(with_marker)
    assert check_document(name="x", upload=upload("x.jpg", with_marker)).extension == "jpg"


def test_webp_is_not_a_document_format():
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (20, 20)).save(out, "WEBP")
    with pytest.raises(ValidationError, match="kirim PDF, JPG, atau PNG"):
        check_document(name="x", upload=upload("x.webp", out.getvalue()))
    assert uploads.EXE.startswith(b"MZ")


# Nomination -------------------------------------------------------------------------------


def test_an_officer_nominates_inside_the_programme_region(call, make_enterprise, officer_prov):
    enterprise = make_enterprise("Dicalonkan")
    app = application_nominate(
        provenance=officer_prov, programme=call, enterprise=enterprise, note="Binaan lama"
    )
    assert app.nominated_by == officer_prov.actor
    # No answers from the owner yet, so the answer rule is not met, and it says so.
    assert app.status == "ineligible"
    assert app.eligibility[2]["message"].endswith("(jawaban: belum dijawab)")
    record = history_for(app).get(action="nominated")
    assert (record.actor, record.note) == (officer_prov.actor, "Binaan lama")


def test_nomination_outside_scope_or_region_is_refused(
    call, make_enterprise, make_user, offices, other_officer
):
    barat = make_enterprise("Lampung Barat", village="18.04.01.2001")
    kota = make_enterprise("Kota")
    officer_prov = Provenance(actor=call.created_by)
    with pytest.raises(PermissionDenied):  # an enterprise outside the officer's jurisdiction
        application_nominate(provenance=officer_prov, programme=call, enterprise=barat)
    with pytest.raises(PermissionDenied):  # a programme the officer does not run
        application_nominate(
            provenance=Provenance(actor=other_officer), programme=call, enterprise=kota
        )
    province = make_user("petugas.18@uji.id", "officer", offices["18"])
    with pytest.raises(ValidationError, match="di luar wilayah program"):
        application_nominate(
            provenance=Provenance(actor=province), programme=call, enterprise=barat
        )
    owner = Provenance(actor=kota.owner.user, source=Source.SELF_REGISTRATION)
    with pytest.raises(PermissionDenied):
        application_nominate(provenance=owner, programme=call, enterprise=kota)
    assert not Application.objects.exists()


# Re-check and withdrawal --------------------------------------------------------------------


def test_recheck_after_verification_makes_it_eligible(call, make_enterprise, officer):
    enterprise = make_enterprise("Baru", verified=False)
    app = submit(call, enterprise)
    assert app.status == "ineligible"
    prov = owner_prov(enterprise)
    assert application_recheck(provenance=prov, application=app).status == "ineligible"
    registry.enterprise_submit(enterprise=enterprise, provenance=prov)
    registry.enterprise_verify(enterprise=enterprise, provenance=Provenance(actor=officer))
    app = application_recheck(provenance=prov, application=app)
    assert app.status == "eligible"
    assert all(r["ok"] for r in app.eligibility)
    records = [r.action for r in history_for(app).order_by("id")]
    assert records[-2:] == ["status_changed", "eligibility_rechecked"]


def test_recheck_rules_who_and_when(call, make_enterprise, officer_prov, make_programme):
    enterprise = make_enterprise("Kopi")
    app = submit(call, enterprise)
    stranger = make_enterprise("Orang Lain")
    with pytest.raises(PermissionDenied):
        application_recheck(provenance=owner_prov(stranger), application=app)
    later = TODAY + dt.timedelta(days=30)  # the window has shut: owners no longer, officers yes
    with pytest.raises(ValidationError, match="sudah ditutup"):
        application_recheck(provenance=owner_prov(enterprise), application=app, today=later)
    assert application_recheck(provenance=officer_prov, application=app, today=later)
    application_transition(application=app, to="selected", provenance=officer_prov)
    with pytest.raises(ValidationError, match="setelah tahap seleksi"):
        application_recheck(provenance=officer_prov, application=app)


def test_withdraw_frees_the_place_for_the_waitlist(make_programme, make_enterprise, officer_prov):
    programme = make_programme(quota=1)
    first, second = make_enterprise("Pertama"), make_enterprise("Kedua")
    a = submit(programme, first, answers={}, documents=[])
    b = submit(programme, second, answers={}, documents=[])
    application_transition(application=a, to="selected", provenance=officer_prov)
    application_transition(application=b, to="waitlisted", provenance=officer_prov)
    with pytest.raises(PermissionDenied):  # not the other owner
        application_withdraw(provenance=owner_prov(second), application=a)
    dropped = application_withdraw(provenance=owner_prov(first), application=a, note="Sakit")
    assert (dropped.status, dropped.decision_note) == ("dropped", "Sakit")
    assert Application.objects.get(pk=b.pk).status == "selected"


def test_withdraw_before_selection(call, make_enterprise):
    enterprise = make_enterprise("Kopi")
    app = submit(call, enterprise)
    dropped = application_withdraw(provenance=owner_prov(enterprise), application=app)
    assert Application.objects.get(pk=dropped.pk).status == "dropped"
    # Once out, always out: a second withdrawal is refused and changes nothing.
    with pytest.raises(ValidationError, match="tidak dapat diubah dari Gugur"):
        application_withdraw(provenance=owner_prov(enterprise), application=dropped)


def test_an_enterprise_outside_the_programme_region_cannot_apply(call, make_enterprise, media):
    """The call of Bandar Lampung is not for an IKM of Lampung Barat: applying would put
    it in the quota and show its owner's data to officers outside their jurisdiction."""
    far = make_enterprise("Kopi Liwa", village="18.04.01.2001")
    with pytest.raises(ValidationError, match="di luar wilayah program"):
        submit(call, far)
    assert not Application.objects.exists() and stored_files(media) == []
    owner = far.owner.user
    [candidate] = apply_candidates(user=owner, programme=call, today=TODAY)
    assert candidate.failing[0] == "Usaha ini berada di luar wilayah program."
