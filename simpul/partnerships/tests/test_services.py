"""Partnership services: who may do what, the status road, audit and notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from simpul.core.audit import history_for
from simpul.notifications.models import Notification
from simpul.partnerships import services
from simpul.partnerships.models import Match, Partner, PartnerMember, PartnerNeed

from .conftest import TODAY, invite, prov

pytestmark = pytest.mark.django_db


# --- partners and contacts -------------------------------------------------------------


def test_partner_create_by_officer_is_audited(officer, regions):
    partner = services.partner_create(
        provenance=prov(officer), name="  PT  Gula Manis ", kind="bumn", region=regions["18"]
    )
    assert partner.name == "PT Gula Manis" and partner.created_by == officer.office
    assert history_for(partner).get().action == "partner_created"


@pytest.mark.parametrize("who", ["analyst", "owner", "partner_user"])
def test_partner_create_refused_outside_office_writers(who, request):
    user = request.getfixturevalue(who) if who != "owner" else request.getfixturevalue("owner_user")
    with pytest.raises(PermissionDenied):
        services.partner_create(provenance=prov(user), name="PT X", kind="buyer")
    assert not Partner.objects.filter(name="PT X").exists()


def test_partner_create_refuses_unknown_kind_and_village(officer, regions):
    with pytest.raises(ValidationError) as exc:
        services.partner_create(provenance=prov(officer), name="PT X", kind="mafia")
    assert "kind" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.partner_create(
            provenance=prov(officer), name="PT X", kind="buyer", region=regions["18.71.01.1001"]
        )
    assert "region" in exc.value.error_dict
    assert not Partner.objects.exists()


def test_invite_creates_partner_account_and_sends_set_password_link(
    province_officer, partner, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = invite(province_officer, partner, "Beli@KopiNusantara.id")
    assert user.role == "partner" and user.email == "beli@kopinusantara.id"
    assert not user.has_usable_password()
    assert PartnerMember.objects.filter(partner=partner, user=user).exists()
    assert [m.to for m in mail.outbox] == [["beli@kopinusantara.id"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/akun/sandi/" in line)
    path = link.strip().split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}", follow=True)
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    password = "kata-sandi-mitra-2026"  # noqa: S105
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
    # The link is single-use.
    assert not client.get(f"/{path}", follow=True).context["validlink"]


def test_invite_refuses_an_email_of_another_role(province_officer, partner, owner_user):
    with pytest.raises(ValidationError) as exc:
        invite(province_officer, partner, owner_user.email)
    assert "bukan mitra" in exc.value.messages[0]
    owner_user.refresh_from_db()
    assert owner_user.role == "owner" and not partner.members.exists()


def test_invite_needs_a_manager_of_the_partner(partner, officer, other_officer, national_officer):
    # The partner was registered by the province office: its regencies cannot manage it,
    # the province and Kemenperin can.
    for outsider in (officer, other_officer):
        with pytest.raises(PermissionDenied):
            invite(outsider, partner, "x@y.id")
    assert invite(national_officer, partner, "pusat@y.id").is_partner


def test_member_without_password_can_be_invited_again(
    province_officer, partner, partner_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(province_officer, partner, partner_user.email)
    assert len(mail.outbox) == 1
    partner_user.set_password("sudah-punya-sandi-1")
    partner_user.save()
    with pytest.raises(ValidationError):
        invite(province_officer, partner, partner_user.email)


# --- needs -----------------------------------------------------------------------------


def test_partner_contact_posts_a_need_for_their_own_partner_only(
    partner, other_partner, partner_user, regions
):
    values = {"title": "Gula aren", "volume": 2, "unit": "ton", "period": "year"}
    need = services.need_post(
        provenance=prov(partner_user), partner=partner, kbli_prefixes="10, 1072;10", **values
    )
    assert need.kbli_prefixes == "10,1072" and need.status == "open"
    assert history_for(need).get().action == "need_posted"
    with pytest.raises(PermissionDenied):
        services.need_post(provenance=prov(partner_user), partner=other_partner, **values)
    assert not PartnerNeed.objects.filter(partner=other_partner).exists()


def test_need_post_refuses_bad_input(partner, partner_user, regions):
    bad = {
        "title": " ",
        "volume": 0,
        "unit": "",
        "period": "daily",
        "region": regions["18.71.01"],
        "certifications": ["halal", "iso"],
        "needed_by": TODAY - dt.timedelta(days=1),
    }
    with pytest.raises(ValidationError) as exc:
        services.need_post(provenance=prov(partner_user), partner=partner, **bad)
    assert set(exc.value.error_dict) == set(bad)
    with pytest.raises(ValidationError) as exc:
        services.need_post(
            provenance=prov(partner_user), partner=partner, title="Kopi", volume=1, unit="kg",
            period="month", kbli_prefixes="C10",
        )  # fmt: skip
    assert "kbli_prefixes" in exc.value.error_dict
    assert not PartnerNeed.objects.exists()


def test_need_close(need, partner_user, other_partner_user):
    with pytest.raises(PermissionDenied):
        services.need_close(provenance=prov(other_partner_user), need=need)
    services.need_close(provenance=prov(partner_user), need=need)
    need.refresh_from_db()
    assert need.status == "closed" and need.closed_at is not None
    with pytest.raises(ValidationError):
        services.need_close(provenance=prov(partner_user), need=need)


# --- introducing -----------------------------------------------------------------------


def test_introduce_creates_match_and_tells_owner_and_partner(
    need, coffee_1871, officer, partner_user
):
    match = services.match_introduce(
        provenance=prov(officer), need=need, enterprise=coffee_1871, note="Cocok untuk hotel"
    )
    assert match.status == "introduced" and match.introduced_by == officer
    assert match.regency_code == "18.71" and match.province_code == "18"
    assert match.score > 0 and {"text": "Sertifikat halal berlaku", "good": True} in match.reasons
    assert history_for(match).get().action == "match_introduced"
    owner = coffee_1871.owner.user
    assert Notification.objects.get(user=owner).url == "/kemitraan/saya/"
    assert Notification.objects.get(user=partner_user).url == match.url
    assert not Notification.objects.filter(user=officer).exists()  # not told of own act


def test_regency_officer_cannot_introduce_another_regencys_enterprise(
    need, coffee_1871, other_officer, analyst
):
    for user in (other_officer, analyst):
        with pytest.raises(PermissionDenied):
            services.match_introduce(provenance=prov(user), need=need, enterprise=coffee_1871)
    assert not Match.objects.exists() and not Notification.objects.exists()


def test_introduce_refuses_non_candidates(
    need, make_enterprise, textile_kbli, officer, make_need, partner, regions
):
    draft = make_enterprise("Kopi Draf", verified=False)
    weaver = make_enterprise("Tenun", kbli=textile_kbli)
    bandar_only = make_need(partner, region=regions["18.04"])
    cases = [
        (need, draft, "Hanya IKM terverifikasi"),
        (need, weaver, "KBLI IKM ini tidak diawali 10"),
        (bandar_only, weaver, "di luar wilayah kebutuhan"),
    ]
    for a_need, enterprise, message in cases:
        with pytest.raises(ValidationError) as exc:
            services.match_introduce(provenance=prov(officer), need=a_need, enterprise=enterprise)
        assert message in exc.value.messages[0]
    assert not Match.objects.exists()


def test_introduce_refuses_twice_and_closed_needs(need, coffee_1871, officer, partner_user):
    services.match_introduce(provenance=prov(officer), need=need, enterprise=coffee_1871)
    with pytest.raises(ValidationError, match="sudah diperkenalkan"):
        services.match_introduce(provenance=prov(officer), need=need, enterprise=coffee_1871)
    services.need_close(provenance=prov(partner_user), need=need)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.match_introduce(provenance=prov(officer), need=need, enterprise=coffee_1871)
    assert Match.objects.count() == 1


# --- the status road -------------------------------------------------------------------


@pytest.fixture
def match(need, coffee_1871, officer):
    return services.match_introduce(provenance=prov(officer), need=need, enterprise=coffee_1871)


def test_full_road_to_delivery(partner_user, match, officer):
    owner = match.enterprise.owner.user
    services.match_advance(provenance=prov(partner_user), match=match, to="meeting")
    services.match_advance(provenance=prov(officer), match=match, to="sample", note="10 kg")
    services.match_advance(
        provenance=prov(partner_user), match=match, to="contract", contract_value=25_000_000
    )
    services.match_advance(provenance=prov(officer), match=match, to="delivered")
    match.refresh_from_db()
    assert match.status == "delivered" and match.contract_value == 25_000_000
    assert "Kirim sampel: 10 kg" in match.notes
    actions = [r.changes["status"] for r in history_for(match) if r.action == "match_status"]
    assert actions[::-1] == [
        ["introduced", "meeting"],
        ["meeting", "sample"],
        ["sample", "contract"],
        ["contract", "delivered"],
    ]
    # The owner hears of every step; the officer and the partner of the other side's.
    assert Notification.objects.filter(user=owner).count() == 1 + 4
    assert Notification.objects.filter(user=officer).count() == 2  # partner's two steps
    assert Notification.objects.filter(user=partner_user).count() == 1 + 2
    with pytest.raises(ValidationError):
        services.match_advance(provenance=prov(officer), match=match, to="declined")


@pytest.mark.parametrize("to", ["sample", "contract", "delivered", "introduced", "proposed", "x"])
def test_jumps_are_refused(match, officer, to):
    with pytest.raises(ValidationError):
        services.match_advance(provenance=prov(officer), match=match, to=to, contract_value=1)
    match.refresh_from_db()
    assert match.status == "introduced" and match.contract_value is None


@pytest.mark.parametrize("value", [None, 0, -5])
def test_contract_needs_a_positive_value(match, officer, value):
    for step in ("meeting", "sample"):
        services.match_advance(provenance=prov(officer), match=match, to=step)
    with pytest.raises(ValidationError) as exc:
        services.match_advance(
            provenance=prov(officer), match=match, to="contract", contract_value=value
        )
    assert "contract_value" in exc.value.error_dict
    match.refresh_from_db()
    assert match.status == "sample" and match.contract_value is None


def test_any_open_step_may_be_declined(match, partner_user):
    services.match_advance(provenance=prov(partner_user), match=match, to="meeting")
    services.match_advance(
        provenance=prov(partner_user), match=match, to="declined", note="Harga tidak cocok"
    )
    match.refresh_from_db()
    assert match.status == "declined"
    with pytest.raises(ValidationError):
        services.match_advance(provenance=prov(partner_user), match=match, to="meeting")


def test_strangers_cannot_move_a_match(match, other_officer, other_partner_user, analyst):
    for user in (other_officer, other_partner_user, analyst, match.enterprise.owner.user):
        with pytest.raises(PermissionDenied):
            services.match_advance(provenance=prov(user), match=match, to="meeting")
    match.refresh_from_db()
    assert match.status == "introduced"


def test_match_copies_follow_registry_changes(match, officer):
    from simpul.registry import services as registry

    Match.objects.filter(pk=match.pk).update(regency_code="", province_code="")
    registry.enterprise_update(
        provenance=prov(officer), enterprise=match.enterprise, data={"products": "kopi luwak"}
    )
    match.refresh_from_db()
    assert (match.province_code, match.regency_code) == ("18", "18.71")
