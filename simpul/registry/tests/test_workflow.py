import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from simpul.core import crypto
from simpul.core.audit import Provenance, history_for
from simpul.registry import services
from simpul.registry.models import Enterprise, Owner

pytestmark = pytest.mark.django_db


def test_draft_belongs_to_its_owner_and_records_provenance(complete_enterprise, owner_user):
    e = complete_enterprise
    assert e.owner.user == owner_user
    assert e.source == "self_registration"
    assert (e.province_code, e.regency_code, e.district_code) == ("18", "18.71", "18.71.01")
    created = history_for(e).get(action="created")
    assert created.actor == owner_user and created.source == "self_registration"
    assert created.changes["name"] == [None, "Kopi Robusta Tapis Berseri"]


def test_nik_is_encrypted_hashed_and_masked(complete_enterprise):
    from conftest import NIK_WOMAN

    owner = Owner.objects.get(pk=complete_enterprise.owner_id)
    assert NIK_WOMAN not in owner.nik_encrypted
    assert crypto.decrypt(owner.nik_encrypted) == NIK_WOMAN
    assert owner.nik_hash == crypto.blind_index(NIK_WOMAN)
    assert owner.nik_masked == "1871**********01"
    audit = history_for(owner).get(action="updated")
    assert NIK_WOMAN not in str(audit.changes) and owner.nik_hash not in str(audit.changes)


def _identity(**extra):
    data = {"full_name": "Orang Lain", "gender": "P", "birth_date": None, "phone": "", "email": ""}
    return {**data, **extra}


def test_same_nik_for_another_owner_is_refused_and_throttled(
    complete_enterprise, make_user, regions
):
    from conftest import NIK_WOMAN

    stranger = make_user("x@uji.id")
    draft = services.enterprise_create_draft(
        provenance=Provenance(actor=stranger, source="self_registration"),
        name="Coba",
        legal_form="perorangan",
    )
    for _ in range(3):
        with pytest.raises(ValidationError) as exc:
            services.enterprise_owner_save(
                enterprise=draft, provenance=Provenance(actor=stranger), **_identity(nik=NIK_WOMAN)
            )
        assert "sudah terdaftar" in str(exc.value) and "Siti" not in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.enterprise_owner_save(
            enterprise=draft, provenance=Provenance(actor=stranger), **_identity(nik=NIK_WOMAN)
        )
    assert "Terlalu banyak percobaan" in str(exc.value)
    draft.owner.refresh_from_db()
    assert draft.owner.nik_hash == ""


def test_nik_hash_is_unique_in_the_database(complete_enterprise):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Owner.objects.create(full_name="Kembar", nik_hash=complete_enterprise.owner.nik_hash)


def test_officer_typing_a_known_nik_links_the_existing_owner(complete_enterprise, officer, regions):
    from conftest import NIK_WOMAN

    prov = Provenance(actor=officer)
    draft = services.enterprise_create_draft(
        provenance=prov, name="Cabang Kedua", legal_form="ud", village=regions["18.71.01.1001"]
    )
    placeholder = draft.owner_id
    owner = services.enterprise_owner_save(
        enterprise=draft, provenance=prov, **_identity(nik=NIK_WOMAN)
    )
    draft.refresh_from_db()
    assert owner == complete_enterprise.owner == draft.owner
    assert not Owner.objects.filter(pk=placeholder).exists()
    assert history_for(draft).filter(action="owner_linked").exists()


def test_verified_owner_identity_cannot_change_through_a_new_draft(
    complete_enterprise, owner_user, officer
):
    complete_enterprise = _submit(complete_enterprise, owner_user)
    services.enterprise_verify(enterprise=complete_enterprise, provenance=Provenance(actor=officer))
    second = services.enterprise_create_draft(
        provenance=Provenance(actor=owner_user, source="self_registration"),
        name="Usaha Kedua",
        legal_form="perorangan",
    )
    assert second.owner_id == complete_enterprise.owner_id
    same = _identity(
        full_name="Siti Aminah",
        nik="",
        gender="P",
        birth_date=complete_enterprise.owner.birth_date,
        phone="+6281234567890",
        email="pemilik@uji.id",
    )
    services.enterprise_owner_save(
        enterprise=second, provenance=Provenance(actor=owner_user), **same
    )  # unchanged identity: fine
    with pytest.raises(ValidationError) as exc:
        services.enterprise_owner_save(
            enterprise=second,
            provenance=Provenance(actor=owner_user),
            **{**same, "full_name": "Nama Lain"},
        )
    assert "sudah terverifikasi" in str(exc.value)
    assert Owner.objects.get(pk=second.owner_id).full_name == "Siti Aminah"


def test_analyst_cannot_start_a_registration(make_user, offices):
    analyst = make_user("analis2@uji.id", "analyst", offices["18.71"])
    with pytest.raises(PermissionDenied):
        services.enterprise_create_draft(
            provenance=Provenance(actor=analyst), name="X", legal_form="ud"
        )
    assert not Enterprise.objects.exists()


def test_submit_refuses_incomplete_registration(regions, owner_user):
    e = services.enterprise_create_draft(
        provenance=Provenance(actor=owner_user, source="self_registration"),
        name="Baru",
        legal_form="perorangan",
    )
    with pytest.raises(ValidationError) as exc:
        services.enterprise_submit(enterprise=e, provenance=Provenance(actor=owner_user))
    message = exc.value.messages[0]
    assert "NIK pemilik" in message and "KBLI kegiatan utama" in message
    assert Enterprise.objects.get(pk=e.pk).status == "draft"


def _submit(e, owner_user):
    return services.enterprise_submit(
        enterprise=e, provenance=Provenance(actor=owner_user, source="self_registration")
    )


def test_full_cycle_revision_resubmit_verify(
    complete_enterprise, owner_user, officer, django_capture_on_commit_callbacks
):
    e = _submit(complete_enterprise, owner_user)
    assert e.status == "submitted" and e.submitted_at is not None
    # owner cannot change a submitted registration
    with pytest.raises(PermissionDenied):
        services.enterprise_update(
            enterprise=e, provenance=Provenance(actor=owner_user), data={"name": "X"}
        )
    with pytest.raises(ValidationError):  # a revision needs a reason
        services.enterprise_request_revision(
            enterprise=e, provenance=Provenance(actor=officer), reason="  "
        )
    e = services.enterprise_request_revision(
        enterprise=e, provenance=Provenance(actor=officer), reason="Foto KTP buram"
    )
    assert e.status == "needs_revision" and e.status_reason == "Foto KTP buram"
    e = services.enterprise_update(
        enterprise=e, provenance=Provenance(actor=owner_user), data={"address": "Jl. Kopi 2"}
    )
    e = _submit(e, owner_user)
    with django_capture_on_commit_callbacks(execute=True):
        e = services.enterprise_verify(enterprise=e, provenance=Provenance(actor=officer))
    assert e.status == "verified" and e.verified_at is not None
    actions = list(history_for(e).values_list("action", flat=True))
    assert actions[:5] == ["verified", "submitted", "updated", "revision_requested", "submitted"]
    assert [m.to for m in mail.outbox] == [["pemilik@uji.id"]]
    from conftest import NIK_WOMAN

    body = mail.outbox[0].body
    assert "Kopi Robusta Tapis Berseri" in body and "Terverifikasi" in body
    assert NIK_WOMAN not in body and e.owner.nik_hash not in body
    assert "Terverifikasi" in mail.outbox[-1].subject


def test_officer_of_other_regency_cannot_decide(complete_enterprise, owner_user, other_officer):
    e = _submit(complete_enterprise, owner_user)
    with pytest.raises(PermissionDenied):
        services.enterprise_verify(enterprise=e, provenance=Provenance(actor=other_officer))
    assert Enterprise.objects.get(pk=e.pk).status == "submitted"


def test_analyst_cannot_decide_or_edit(complete_enterprise, owner_user, make_user, offices):
    analyst = make_user("analis@uji.id", "analyst", offices["18"])
    e = _submit(complete_enterprise, owner_user)
    with pytest.raises(PermissionDenied):
        services.enterprise_verify(enterprise=e, provenance=Provenance(actor=analyst))
    with pytest.raises(PermissionDenied):
        services.enterprise_update(
            enterprise=e, provenance=Provenance(actor=analyst), data={"name": "X"}
        )


def test_update_records_before_and_after_and_size_class(complete_enterprise, officer):
    e = services.enterprise_update(
        enterprise=complete_enterprise,
        provenance=Provenance(actor=officer),
        data={
            "workers_male": 20,
            "workers_female": 0,
            "investment_value": 16_000_000_000,
            "status": "verified",
        },
    )  # status is not an editable field: ignored
    assert e.status == "draft"
    assert e.size_class_permenperin == "besar"
    record = history_for(e).filter(action="updated").first()
    assert record.changes["workers_male"] == [2, 20]
    assert record.changes["investment_value"] == [150_000_000, 16_000_000_000]
    assert record.actor == officer and record.source == "officer"


def test_nik_reveal_is_logged_and_limited(complete_enterprise, officer, other_officer):
    from conftest import NIK_WOMAN

    owner = complete_enterprise.owner
    assert services.nik_reveal(owner=owner, actor=officer, reason="cek KTP") == NIK_WOMAN
    log = history_for(owner).get(action="nik_revealed")
    assert log.actor == officer and log.note == "cek KTP"
    with pytest.raises(PermissionDenied):
        services.nik_reveal(owner=owner, actor=other_officer, reason="ingin tahu")
    with pytest.raises(ValidationError):
        services.nik_reveal(owner=owner, actor=officer, reason="  ")
    assert history_for(owner).filter(action="nik_revealed").count() == 1


def test_nik_reveal_view_takes_the_htmx_prompt_as_reason(client, complete_enterprise, officer):
    from conftest import NIK_WOMAN

    client.force_login(officer, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    url = f"/ikm/{complete_enterprise.pk}/nik/"
    refused = client.post(url)
    assert refused.status_code == 400 and NIK_WOMAN not in refused.content.decode()
    shown = client.post(url, headers={"HX-Request": "true", "HX-Prompt": "verifikasi KTP"})
    assert NIK_WOMAN in shown.content.decode()
    assert history_for(complete_enterprise.owner).get(action="nik_revealed").note == (
        "verifikasi KTP"
    )


def test_sentra_is_registered_by_the_dinas_of_its_area(officer, other_officer, owner_user, regions):
    made = services.sentra_create(
        provenance=Provenance(actor=officer),
        name="Sentra Kopi",
        commodity="kopi bubuk",
        village=regions["18.71.01.1001"],
    )
    assert made.regency_code == "18.71" and history_for(made).get(action="created")
    with pytest.raises(ValidationError):
        services.sentra_create(
            provenance=Provenance(actor=other_officer),
            name="Luar",
            commodity="kopi",
            village=regions["18.71.01.1001"],
        )
    with pytest.raises(PermissionDenied):
        services.sentra_create(
            provenance=Provenance(actor=owner_user),
            name="Pemilik",
            commodity="kopi",
            village=regions["18.71.01.1001"],
        )
