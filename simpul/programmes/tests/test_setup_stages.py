"""Curation stages, criteria and panels: numbering, what cannot be removed once used, and
outside panelists invited by e-mail (a panelist account without an office)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from simpul.accounts.models import User
from simpul.core.audit import Provenance, history_for
from simpul.notifications.models import Notification
from simpul.programmes.models import Application, Review
from simpul.programmes.services import setup_stages as services


@pytest.fixture
def stages(officer_prov, programme):
    return [
        services.stage_add(provenance=officer_prov, programme=programme, name=name)
        for name in ("Administrasi", "Wawancara", "Kunjungan")
    ]


def test_stages_numbered_in_order_and_renumbered_on_remove(officer_prov, programme, stages):
    assert [(s.number, s.name) for s in stages] == [
        (1, "Administrasi"),
        (2, "Wawancara"),
        (3, "Kunjungan"),
    ]
    services.stage_remove(provenance=officer_prov, stage=stages[0])
    assert list(programme.stages.values_list("number", "name")) == [
        (1, "Wawancara"),
        (2, "Kunjungan"),
    ]
    assert history_for(programme).filter(action="stage_removed").exists()


def test_stage_with_an_application_in_it_cannot_be_removed(
    officer_prov, programme, stages, make_enterprise
):
    Application.objects.create(
        programme=programme,
        enterprise=make_enterprise("Kopi Satu"),
        status="curation",
        stage=stages[1],
    )
    with pytest.raises(ValidationError) as exc:
        services.stage_remove(provenance=officer_prov, stage=stages[1])
    assert "tidak dapat dihapus" in str(exc.value)
    assert programme.stages.count() == 3
    services.stage_remove(provenance=officer_prov, stage=stages[2])  # an empty one can go


def test_criteria_validated_and_frozen_once_scored(
    officer_prov, officer, programme, stages, make_enterprise
):
    stage = stages[0]
    c = services.criterion_add(
        provenance=officer_prov, stage=stage, name="Kelengkapan", weight=2, max_score=10
    )
    for bad in ({"weight": 0}, {"max_score": 0}, {"name": " "}, {"weight": True}):
        args = {"name": "X", "weight": 1, "max_score": 10, **bad}
        with pytest.raises(ValidationError):
            services.criterion_add(provenance=officer_prov, stage=stage, **args)
    application = Application.objects.create(
        programme=programme, enterprise=make_enterprise("Kopi Satu"), stage=stage
    )
    Review.objects.create(application=application, stage=stage, panelist=officer, total=50)
    with pytest.raises(ValidationError):
        services.criterion_remove(provenance=officer_prov, criterion=c)
    with pytest.raises(ValidationError):
        services.criterion_add(provenance=officer_prov, stage=stage, name="Baru")
    assert list(stage.criteria.values_list("name", flat=True)) == ["Kelengkapan"]


def test_office_staff_on_panel_but_not_other_offices_or_owners(
    officer_prov, officer, other_officer, owner_user, stages
):
    stage = stages[0]
    services.panelist_add(provenance=officer_prov, stage=stage, user=officer)
    assert list(stage.panelists.all()) == [officer]
    assert Notification.objects.filter(user=officer, title__contains="panelis").exists()
    for user in (other_officer, owner_user):
        with pytest.raises(ValidationError):
            services.panelist_add(provenance=officer_prov, stage=stage, user=user)
    assert stage.panelists.count() == 1


def test_invite_outside_panelist_creates_account_and_mails_a_link(
    officer_prov, stages, client, django_capture_on_commit_callbacks
):
    stage = stages[1]
    with django_capture_on_commit_callbacks(execute=True):
        user = services.panelist_invite(
            provenance=officer_prov,
            stage=stage,
            full_name="Rina (Bank Indonesia)",
            email=" Rina@BI.go.id ",
        )
    assert (user.role, user.office, user.email) == ("panelist", None, "rina@bi.go.id")
    assert not user.has_usable_password()
    assert list(stage.panelists.all()) == [user]
    # One e-mail, the invitation: the inbox notice is not mailed to someone without a
    # password yet.
    [invite] = mail.outbox
    assert "undangan panelis" in invite.subject
    assert invite.to == ["rina@bi.go.id"]
    assert "Wawancara" in invite.body and "http" in invite.body
    assert Notification.objects.filter(user=user).count() == 1
    assert history_for(user).filter(action="panelist_invited").exists()
    # The same person invited to another stage reuses the account.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.panelist_invite(
            provenance=officer_prov, stage=stages[2], full_name="Rina", email="rina@bi.go.id"
        )
    assert again.pk == user.pk and User.objects.filter(role="panelist").count() == 1
    # Still without a password, so the link is sent again.
    assert any("undangan panelis" in m.subject for m in mail.outbox)
    # The mailed link lets the panelist choose a password, then lands on the panel.
    invite = next(m for m in mail.outbox if "undangan panelis" in m.subject)
    link = next(word for word in invite.body.split() if "/akun/sandi/" in word)
    password = "panel-bi-2026"  # noqa: S105
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert page.context["validlink"]
    form_url = page.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": password, "new_password2": password})
    user.refresh_from_db()
    assert user.check_password(password)
    client.post("/akun/masuk/", {"username": user.email, "password": password})
    assert client.get("/akun/beranda/").url == "/kelola/kurasi/panel/"


def test_invite_refuses_an_owner_address_and_bad_email(officer_prov, owner_user, stages):
    with pytest.raises(ValidationError) as exc:
        services.panelist_invite(
            provenance=officer_prov, stage=stages[0], full_name="X", email=owner_user.email
        )
    assert "email" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.panelist_invite(
            provenance=officer_prov, stage=stages[0], full_name="X", email="bukan-email"
        )
    owner_user.refresh_from_db()
    assert owner_user.role == "owner" and not stages[0].panelists.exists()


def test_other_regency_cannot_touch_the_panel(other_officer, stages, officer):
    with pytest.raises(PermissionDenied):
        services.panelist_invite(
            provenance=Provenance(actor=other_officer),
            stage=stages[0],
            full_name="X",
            email="x@uji.id",
        )
    assert not User.objects.filter(email="x@uji.id").exists()


def test_panelist_remove(officer_prov, officer, stages):
    services.panelist_add(provenance=officer_prov, stage=stages[0], user=officer)
    services.panelist_remove(provenance=officer_prov, stage=stages[0], user=officer)
    assert not stages[0].panelists.exists()


# --- through the page ----------------------------------------------------------------


def test_stage_criterion_and_invite_from_the_page(client, officer, programme):
    client.force_login(officer)
    key = programme.public_key
    client.post(reverse("programme_admin:stage_add", args=[key]), {"name": "Administrasi"})
    stage = programme.stages.get()
    client.post(
        reverse("programme_admin:criterion_add", args=[key, stage.pk]),
        {"name": "Kualitas produk", "weight": "3", "max_score": "10"},
    )
    response = client.post(
        reverse("programme_admin:panelist_invite", args=[key, stage.pk]),
        {"full_name": "Dosen Unila", "email": "dosen@unila.ac.id"},
    )
    assert response.status_code == 302
    page = client.get(reverse("programme_admin:detail", args=[key])).content.decode()
    assert "Tahap 1: Administrasi" in page and "Kualitas produk" in page
    assert "Dosen Unila" in page and "panelis undangan" in page
    bad = client.post(
        reverse("programme_admin:criterion_add", args=[key, stage.pk]),
        {"name": "X", "weight": "0", "max_score": "10"},
    )
    assert bad.status_code == 400


def test_stage_of_another_programme_is_404(client, officer, programme, make_programme):
    other = make_programme(title="Lain")
    stage = services.stage_add(
        provenance=Provenance(actor=officer), programme=other, name="Administrasi"
    )
    client.force_login(officer)
    url = reverse("programme_admin:stage_remove", args=[programme.public_key, stage.pk])
    assert client.post(url).status_code == 404
    assert other.stages.exists()
