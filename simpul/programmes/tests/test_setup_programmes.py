"""Programme setup by officers: jurisdiction, validation, status changes and the staff pages
(404 outside the jurisdiction, 403 for readers, forged posts change nothing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from simpul.core.audit import Provenance, history_for
from simpul.core.models import Source
from simpul.programmes.models import Programme
from simpul.programmes.services import programmes as services

TODAY = dt.date.today()


def prov(user) -> Provenance:
    return Provenance(actor=user, source=Source.OFFICER)


def data(**extra):
    values = {
        "title": "Bimtek Pengemasan",
        "kind": "training",
        "description": "Pelatihan kemasan produk pangan.",
        "required_documents": ["Foto KTP pemilik", "Foto produk"],
        "apply_opens": TODAY,
        "apply_closes": TODAY + dt.timedelta(days=14),
        "period_start": TODAY + dt.timedelta(days=20),
        "period_end": TODAY + dt.timedelta(days=22),
        "quota": 25,
        "budget": 150_000_000,
    }
    values.update(extra)
    return values


@pytest.fixture
def province_officer(make_user, offices):
    return make_user("petugas.18@uji.id", "officer", offices["18"])


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.1871@uji.id", "analyst", offices["18.71"])


# --- services -------------------------------------------------------------------------


def test_regency_office_creates_in_its_regency_with_denormalised_codes(officer, offices, regions):
    p = services.programme_create(
        provenance=prov(officer), office=offices["18.71"], data=data(region=regions["18.71.01"])
    )
    assert (p.status, p.province_code, p.regency_code, p.district_code) == (
        "draft",
        "18",
        "18.71",
        "18.71.01",
    )
    assert p.created_by == officer and p.required_documents == ["Foto KTP pemilik", "Foto produk"]
    assert history_for(p).filter(action="created").exists()


@pytest.mark.parametrize("code", ["18.04", "18"])
def test_regency_office_cannot_run_a_programme_outside_its_regency(officer, offices, regions, code):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            provenance=prov(officer), office=offices["18.71"], data=data(region=regions[code])
        )
    assert "wilayah kerja" in str(exc.value)
    assert not Programme.objects.exists()


def test_regency_office_cannot_run_a_national_programme(officer, offices):
    with pytest.raises(ValidationError):
        services.programme_create(
            provenance=prov(officer), office=offices["18.71"], data=data(region=None)
        )


def test_province_office_creates_for_one_of_its_regencies(province_officer, offices, regions):
    p = services.programme_create(
        provenance=prov(province_officer), office=offices["18"], data=data(region=regions["18.71"])
    )
    assert (p.province_code, p.regency_code, p.district_code) == ("18", "18.71", "")


def test_national_programme_has_empty_codes(make_user, offices):
    kemenperin = make_user("pusat@uji.id", "officer", offices["national"])
    p = services.programme_create(
        provenance=prov(kemenperin), office=offices["national"], data=data(region=None)
    )
    assert (p.region, p.province_code, p.regency_code, p.district_code) == (None, "", "", "")


def test_officer_cannot_act_for_an_office_above_or_beside_theirs(officer, offices, regions):
    # A regency officer may not create in the province office's name, even for their regency.
    with pytest.raises(PermissionDenied):
        services.programme_create(
            provenance=prov(officer), office=offices["18"], data=data(region=regions["18.71"])
        )
    with pytest.raises(PermissionDenied):
        services.programme_create(
            provenance=prov(officer), office=offices["18.04"], data=data(region=regions["18.04"])
        )


def test_analysts_and_owners_cannot_create(analyst, owner_user, offices, regions):
    for user in (analyst, owner_user):
        with pytest.raises(PermissionDenied):
            services.programme_create(
                provenance=prov(user), office=offices["18.71"], data=data(region=regions["18.71"])
            )


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"apply_closes": TODAY - dt.timedelta(days=1)}, "apply_closes"),
        ({"period_end": TODAY + dt.timedelta(days=19)}, "period_end"),
        ({"quota": 0}, "quota"),
        ({"budget": -1}, "budget"),
        ({"title": "  "}, "title"),
        ({"kind": "machinery", "reimbursement_percent": 101}, "reimbursement_percent"),
        ({"kind": "machinery", "reimbursement_percent": 0}, "reimbursement_percent"),
        (
            {"kind": "machinery", "reimbursement_min": 10_000_000, "reimbursement_max": 5_000_000},
            "reimbursement_max",
        ),
    ],
)
def test_invalid_data_is_refused_field_by_field(officer, offices, regions, extra, field):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            provenance=prov(officer),
            office=offices["18.71"],
            data=data(region=regions["18.71"], **extra),
        )
    assert field in exc.value.error_dict
    assert not Programme.objects.exists()


def test_machinery_fields_kept_only_for_machinery(officer, offices, regions):
    machine = data(
        region=regions["18.71"],
        kind="machinery",
        reimbursement_percent=30,
        reimbursement_min=5_000_000,
        reimbursement_max=50_000_000,
    )
    p = services.programme_create(provenance=prov(officer), office=offices["18.71"], data=machine)
    assert (p.reimbursement_percent, p.reimbursement_max) == (30, 50_000_000)
    p = services.programme_update(provenance=prov(officer), programme=p, data={"kind": "training"})
    assert (p.reimbursement_percent, p.reimbursement_min, p.reimbursement_max) == (None, None, None)


def test_update_is_audited_and_other_regency_refused(officer, other_officer, make_programme):
    p = make_programme(status="draft")
    services.programme_update(provenance=prov(officer), programme=p, data={"quota": 40})
    p.refresh_from_db()
    assert p.quota == 40
    record = history_for(p).get(action="updated")
    assert record.changes == {"quota": [2, 40]}
    with pytest.raises(PermissionDenied):
        services.programme_update(provenance=prov(other_officer), programme=p, data={"quota": 1})
    p.refresh_from_db()
    assert p.quota == 40


def test_publish_needs_the_basics_then_finish(officer, make_programme):
    p = make_programme(status="draft", description="")
    with pytest.raises(ValidationError) as exc:
        services.programme_publish(provenance=prov(officer), programme=p)
    assert "keterangan program" in str(exc.value)
    services.programme_update(
        provenance=prov(officer),
        programme=p,
        data={
            "description": "Fasilitasi sertifikat halal gratis.",
            "period_start": TODAY + dt.timedelta(days=30),
            "period_end": TODAY + dt.timedelta(days=60),
        },
    )
    p = services.programme_publish(provenance=prov(officer), programme=p)
    assert p.status == "published"
    with pytest.raises(ValidationError):
        services.programme_publish(provenance=prov(officer), programme=p)
    p = services.programme_finish(provenance=prov(officer), programme=p)
    assert p.status == "finished"
    with pytest.raises(ValidationError):  # a finished programme is not edited any more
        services.programme_update(provenance=prov(officer), programme=p, data={"quota": 9})
    assert [r.changes["status"] for r in history_for(p).filter(action="status_changed")] == [
        ["published", "finished"],
        ["draft", "published"],
    ]


def test_cancel(officer, make_programme, make_enterprise):
    from simpul.notifications.models import Notification
    from simpul.programmes.models import Application

    p = make_programme()
    applicant = make_enterprise("Kopi Batal")
    Application.objects.create(programme=p, enterprise=applicant)
    p = services.programme_cancel(provenance=prov(officer), programme=p)
    assert p.status == "cancelled"
    # The applicant hears of it in the inbox.
    note = Notification.objects.get(user=applicant.owner.user)
    assert note.title == "Program Fasilitasi Sertifikasi Halal 2026 dibatalkan"
    with pytest.raises(ValidationError):
        services.programme_cancel(provenance=prov(officer), programme=p)


def test_region_and_kind_frozen_once_someone_applied(
    officer, make_programme, make_enterprise, regions
):
    from simpul.programmes.models import Application

    p = make_programme()
    Application.objects.create(programme=p, enterprise=make_enterprise("Kopi Satu"))
    with pytest.raises(ValidationError) as exc:
        services.programme_update(
            provenance=prov(officer), programme=p, data={"region": regions["18.71.01"]}
        )
    assert "region" in exc.value.error_dict
    p.refresh_from_db()
    assert p.region_id == "18.71"
    # Other data still change (e.g. the description).
    services.programme_update(provenance=prov(officer), programme=p, data={"description": "Baru"})


# --- staff pages ----------------------------------------------------------------------


def form_post(**extra):
    values = {
        "title": "Fasilitasi Halal Kota",
        "kind": "cert_halal",
        "region": "18.71",
        "description": "Sertifikasi halal gratis.",
        "required_documents": "Foto KTP\nFoto produk\n",
        "apply_opens": TODAY.isoformat(),
        "apply_closes": (TODAY + dt.timedelta(days=10)).isoformat(),
        "quota": "30",
        "budget": "Rp 2,5 juta",
    }
    values.update(extra)
    return values


def test_create_page_reads_rupiah_and_redirects_to_detail(client, officer):
    client.force_login(officer)
    assert client.get(reverse("programme_admin:create")).status_code == 200
    response = client.post(reverse("programme_admin:create"), form_post())
    p = Programme.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{p.public_key}/")
    assert (p.budget, p.required_documents, p.office.code) == (
        2_500_000,
        ["Foto KTP", "Foto produk"],
        "dinas-18-71",
    )


def test_create_page_empty_region_means_the_office_region(client, officer):
    client.force_login(officer)
    client.post(reverse("programme_admin:create"), form_post(region=""))
    assert Programme.objects.get().region_id == "18.71"


def test_create_page_refuses_a_region_outside(client, officer):
    client.force_login(officer)
    response = client.post(reverse("programme_admin:create"), form_post(region="18.04"))
    assert response.status_code == 400
    assert not Programme.objects.exists()


def test_other_office_programme_is_404_on_every_staff_page(client, other_officer, programme):
    client.force_login(other_officer)
    key = programme.public_key
    for name in ("detail", "edit"):
        assert client.get(reverse(f"programme_admin:{name}", args=[key])).status_code == 404
    response = client.post(reverse("programme_admin:status", args=[key]), {"action": "cancel"})
    assert response.status_code == 404
    programme.refresh_from_db()
    assert programme.status == "published"
    listing = client.get(reverse("programme_admin:list"))
    assert programme.title not in listing.content.decode()


def test_list_filters_and_shows_own_programmes(client, officer, make_programme):
    make_programme(title="Pelatihan Kopi", kind="training")
    make_programme(title="Halal Kota")
    client.force_login(officer)
    page = client.get(reverse("programme_admin:list"), {"jenis": "training"}).content.decode()
    assert "Pelatihan Kopi" in page and "Halal Kota" not in page
    assert "Buat program" in page


def test_analyst_reads_but_cannot_change(client, analyst, programme):
    client.force_login(analyst)
    page = client.get(reverse("programme_admin:detail", args=[programme.public_key]))
    assert page.status_code == 200 and "Batalkan program" not in page.content.decode()
    response = client.post(
        reverse("programme_admin:status", args=[programme.public_key]), {"action": "cancel"}
    )
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.status == "published"


def test_forged_posts_from_an_owner_change_nothing(client, owner_user, programme):
    client.force_login(owner_user)
    key = programme.public_key
    posts = [
        ("programme_admin:create", [], form_post()),
        ("programme_admin:edit", [key], form_post(quota="99")),
        ("programme_admin:status", [key], {"action": "cancel"}),
        ("programme_admin:rule_add", [key], {"kind": "verified"}),
        ("programme_admin:question_add", [key], {"text": "Punya PIRT?", "kind": "yes_no"}),
        ("programme_admin:stage_add", [key], {"name": "Seleksi"}),
    ]
    for name, args, payload in posts:
        assert client.post(reverse(name, args=args), payload).status_code == 403
    programme.refresh_from_db()
    assert (programme.status, programme.quota) == ("published", 2)
    assert Programme.objects.count() == 1
    assert not programme.rules.exists() and not programme.questions.exists()
    assert not programme.stages.exists()


def test_status_buttons_publish_from_the_page(client, officer, make_programme):
    p = make_programme(
        status="draft",
        description="Keterangan",
        period_start=TODAY + dt.timedelta(days=20),
        period_end=TODAY + dt.timedelta(days=21),
    )
    client.force_login(officer)
    response = client.post(
        reverse("programme_admin:status", args=[p.public_key]), {"action": "publish"}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "published"
    bad = client.post(reverse("programme_admin:status", args=[p.public_key]), {"action": "publish"})
    assert bad.status_code == 400 and "tidak dapat diubah" in bad.content.decode()


def test_edit_page_shows_values_and_saves(client, officer, make_programme):
    p = make_programme(status="draft", required_documents=["Foto KTP"])
    client.force_login(officer)
    url = reverse("programme_admin:edit", args=[p.public_key])
    page = client.get(url).content.decode()
    assert "Foto KTP" in page and "30.000.000" in page
    response = client.post(url, form_post(quota="12", budget="45 jt", region="18.71"))
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.quota, p.budget, p.kind) == (12, 45_000_000, "cert_halal")
    bad = client.post(url, form_post(apply_closes=(TODAY - dt.timedelta(days=5)).isoformat()))
    assert bad.status_code == 400 and "sebelum dibuka" in bad.content.decode()
    p.refresh_from_db()
    assert p.quota == 12
