"""Partnership pages: officers, partner contacts and owners each see their own part;
other regions and other partners get 404; forged POSTs change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simpul.partnerships import services
from simpul.partnerships.models import Match, Partner, PartnerNeed

from .conftest import prov

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"partnerships:{name}", args=args)


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def match(need, coffee_1871, officer):
    return services.match_introduce(provenance=prov(officer), need=need, enterprise=coffee_1871)


# --- officers --------------------------------------------------------------------------


def test_officer_registers_a_partner(client, officer, regions):
    logged_in(client, officer)
    assert client.get(url("partner_create")).status_code == 200
    response = client.post(
        url("partner_create"), {"name": "PT Sawit Jaya", "kind": "industry", "region": "18.71"}
    )
    partner = Partner.objects.get(name="PT Sawit Jaya")
    assert response.url == url("partner", partner.public_key)
    assert partner.created_by == officer.office
    page = client.get(url("partners")).content.decode()
    assert "PT Sawit Jaya" in page


def test_partner_form_errors_are_shown(client, officer):
    response = logged_in(client, officer).post(url("partner_create"), {"name": "", "kind": "x"})
    assert response.status_code == 400 and not Partner.objects.exists()
    assert response.context["form"].errors.keys() == {"name", "kind"}


def test_analysts_and_partners_cannot_register_partners(client, analyst, partner_user):
    for user in (analyst, partner_user):
        response = logged_in(client, user).post(
            url("partner_create"), {"name": "PT X", "kind": "buyer"}
        )
        assert response.status_code == 403
    assert not Partner.objects.filter(name="PT X").exists()


def test_need_page_ranks_candidates_with_reasons_and_introduce_buttons(
    client, officer, need, coffee_1871, coffee_1804
):
    page = logged_in(client, officer).get(url("need", need.public_key)).content.decode()
    assert "Kopi Tapis" in page and "Kopi Liwa" not in page  # 18.04 is not this officer's
    assert "Sertifikat halal berlaku" in page and "KBLI 10761 cocok dengan 10" in page
    assert "Perkenalkan" in page and coffee_1871.public_key in page


def test_officer_introduces_then_moves_the_match(client, officer, need, coffee_1871):
    logged_in(client, officer)
    response = client.post(
        url("introduce", need.public_key), {"enterprise": coffee_1871.public_key, "note": "Ok"}
    )
    match = Match.objects.get()
    assert response.url == url("match", match.public_key) and match.status == "introduced"
    response = client.post(url("advance", match.public_key), {"to": "meeting", "note": ""})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == "meeting"


def test_regency_officer_cannot_introduce_other_regency_enterprise(
    client, other_officer, need, coffee_1871
):
    response = logged_in(client, other_officer).post(
        url("introduce", need.public_key), {"enterprise": coffee_1871.public_key}
    )
    assert response.status_code == 404 and not Match.objects.exists()


def test_other_regency_officer_cannot_see_the_match(client, other_officer, match):
    logged_in(client, other_officer)
    assert client.get(url("match", match.public_key)).status_code == 404
    assert client.post(url("advance", match.public_key), {"to": "meeting"}).status_code == 404
    assert "Kopi Tapis" not in client.get(url("board")).content.decode()
    assert "Kopi Tapis" not in client.get(url("need", match.need.public_key)).content.decode()
    match.refresh_from_db()
    assert match.status == "introduced"


def test_board_shows_own_region_matches_with_whatsapp(client, officer, match):
    owner = match.enterprise.owner
    owner.phone = "+6281211112222"
    owner.save(update_fields=["phone"])
    page = logged_in(client, officer).get(url("board")).content.decode()
    assert "Kopi Tapis" in page and "https://wa.me/6281211112222?text=" in page


def test_contract_without_value_is_refused_on_the_page(client, officer, match):
    for step in ("meeting", "sample"):
        services.match_advance(provenance=prov(officer), match=match, to=step)
    response = logged_in(client, officer).post(
        url("advance", match.public_key), {"to": "contract", "contract_value": ""}
    )
    assert response.status_code == 400
    assert "Isi nilai kontrak" in response.content.decode()
    match.refresh_from_db()
    assert match.status == "sample"
    client.post(
        url("advance", match.public_key), {"to": "contract", "contract_value": "Rp 2,5 juta"}
    )
    match.refresh_from_db()
    assert match.status == "contract" and match.contract_value == 2_500_000


def test_invalid_jump_is_refused_on_the_page(client, officer, match):
    response = logged_in(client, officer).post(
        url("advance", match.public_key), {"to": "delivered"}
    )
    assert response.status_code == 400 and "tidak dapat diubah" in response.content.decode()
    match.refresh_from_db()
    assert match.status == "introduced"


def test_analyst_reads_but_cannot_move(client, analyst, match):
    logged_in(client, analyst)
    assert client.get(url("match", match.public_key)).status_code == 200
    assert client.post(url("advance", match.public_key), {"to": "meeting"}).status_code == 403
    match.refresh_from_db()
    assert match.status == "introduced"


# --- partner contacts ------------------------------------------------------------------


def test_partner_sees_only_their_own_partner(
    client, partner_user, partner, other_partner, need, make_need
):
    theirs = make_need(other_partner, title="Kebutuhan rahasia lain")
    logged_in(client, partner_user)
    # One company: the list sends the contact straight to its page.
    assert client.get(url("partners")).url == url("partner", partner.public_key)
    page = client.get(url("partner", partner.public_key)).content.decode()
    assert need.title in page and theirs.title not in page
    assert client.get(url("partner", other_partner.public_key)).status_code == 404
    assert client.get(url("need", theirs.public_key)).status_code == 404
    assert client.get(url("need_create", other_partner.public_key)).status_code == 404


def test_partner_posts_a_need(client, partner_user, partner):
    response = logged_in(client, partner_user).post(
        url("need_create", partner.public_key),
        {
            "title": "Keripik pisang untuk oleh-oleh bandara",
            "keywords": "keripik pisang",
            "kbli_prefixes": "10",
            "volume": "2000",
            "unit": "bungkus",
            "period": "month",
            "certifications": ["halal", "pirt"],
        },
    )
    need = PartnerNeed.objects.get()
    assert response.url == url("need", need.public_key)
    assert need.partner == partner and need.certifications == ["halal", "pirt"]
    assert need.created_by == partner_user


def test_partner_need_form_errors(client, partner_user, partner):
    response = logged_in(client, partner_user).post(
        url("need_create", partner.public_key),
        {"title": "X", "volume": "10", "unit": "kg", "period": "month", "kbli_prefixes": "abc"},
    )
    assert response.status_code == 400 and not PartnerNeed.objects.exists()
    assert "Awalan KBLI “abc” tidak sah" in response.content.decode()


def test_partner_sees_their_matches_without_owner_personal_data(
    client, partner_user, other_partner_user, match
):
    owner = match.enterprise.owner
    owner.phone = "+6281211112222"
    owner.save(update_fields=["phone"])
    logged_in(client, partner_user)
    page = client.get(url("match", match.public_key)).content.decode()
    assert "Kopi Tapis" in page and "Kopi Robusta Lampung" in page
    assert "81211112222" not in page and owner.nik_masked not in page
    assert "wa.me" not in page  # no published business contact
    assert "Kopi Tapis" in client.get(url("board")).content.decode()
    # A contact of another partner sees nothing of it.
    logged_in(client, other_partner_user)
    assert client.get(url("match", match.public_key)).status_code == 404
    assert client.post(url("advance", match.public_key), {"to": "meeting"}).status_code == 404
    assert "Kopi Tapis" not in client.get(url("board")).content.decode()
    match.refresh_from_db()
    assert match.status == "introduced"


def test_partner_sees_a_published_business_contact(client, partner_user, match, officer):
    from simpul.registry import services as registry

    registry.enterprise_update(
        provenance=prov(officer),
        enterprise=match.enterprise,
        data={"business_phone": "+62721123456", "publish_contact": True},
    )
    page = logged_in(client, partner_user).get(url("match", match.public_key)).content.decode()
    assert "+62721123456" in page and "https://wa.me/62721123456?text=" in page


def test_partner_cannot_introduce(client, partner_user, need, coffee_1871):
    response = logged_in(client, partner_user).post(
        url("introduce", need.public_key), {"enterprise": coffee_1871.public_key}
    )
    assert response.status_code == 404 and not Match.objects.exists()


def test_partner_contact_moves_the_match(client, partner_user, match):
    logged_in(client, partner_user).post(url("advance", match.public_key), {"to": "meeting"})
    match.refresh_from_db()
    assert match.status == "meeting"


# --- owners ----------------------------------------------------------------------------


def test_owner_sees_their_matches_on_the_phone_page(client, match, make_user):
    owner = match.enterprise.owner.user
    page = logged_in(client, owner).get(url("mine")).content.decode()
    assert "PT Kopi Nusantara" in page and "Diperkenalkan" in page and match.need.title in page
    assert client.get(url("home")).url == url("mine")
    assert client.get(url("match", match.public_key)).status_code == 403
    stranger = make_user("pemilik.lain@uji.id")
    assert "PT Kopi Nusantara" not in logged_in(client, stranger).get(url("mine")).content.decode()


def test_forged_need_close_by_a_stranger_changes_nothing(client, other_partner_user, officer, need):
    logged_in(client, other_partner_user)
    assert client.post(url("need_close", need.public_key)).status_code == 404
    logged_in(client, officer)  # can see the need, does not manage the partner
    assert client.post(url("need_close", need.public_key)).status_code == 403
    need.refresh_from_db()
    assert need.status == "open"


def test_posts_need_csrf(client, partner_user, partner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(partner_user)
    response = strict.post(
        url("need_create", partner.public_key),
        {"title": "X", "volume": "1", "unit": "kg", "period": "month"},
    )
    assert response.status_code == 403 and not PartnerNeed.objects.exists()


def test_manager_invites_a_contact_from_the_partner_page(
    client, province_officer, officer, partner, django_capture_on_commit_callbacks
):
    from django.core import mail

    logged_in(client, officer)  # a regency office does not manage the province's partner
    page = client.get(url("partner", partner.public_key)).content.decode()
    assert "Undang kontak mitra" not in page
    form = {"full_name": "Budi", "email": "budi@mitra.id"}
    assert client.post(url("invite", partner.public_key), form).status_code == 403
    logged_in(client, province_officer)
    assert "Undang kontak mitra" in client.get(url("partner", partner.public_key)).content.decode()
    assert client.get(url("need_create", partner.public_key)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("invite", partner.public_key), form)
    assert response.status_code == 302
    assert partner.members.get().user.email == "budi@mitra.id" and len(mail.outbox) == 1
    response = client.post(url("invite", partner.public_key), {"full_name": "", "email": "x"})
    assert response.status_code == 400 and partner.members.count() == 1
