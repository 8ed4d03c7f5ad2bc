"""Outcomes validated per kind (with the machine reimbursement rule), follow-up reports by
officers and owners, and the follow-up reminder."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from simpul.core.audit import Provenance, history_for
from simpul.core.models import Source
from simpul.notifications.models import Notification
from simpul.programmes.models import FollowUp, Outcome
from simpul.programmes.services.outcomes import (
    followup_record,
    outcome_record,
    reimbursement_allowed,
)
from simpul.programmes.tasks import followups_remind

from .delivery_helpers import applied


@pytest.fixture
def machinery(make_programme):
    """50 % of the machine price, at least Rp 2 juta, at most Rp 10 juta."""
    return make_programme(
        title="Restrukturisasi Mesin 2026",
        kind="machinery",
        reimbursement_percent=50,
        reimbursement_min=2_000_000,
        reimbursement_max=10_000_000,
    )


@pytest.fixture
def participant(machinery, make_enterprise, officer_prov):
    return applied(
        machinery, make_enterprise("Kopi Ani", gender="P"), "participating", officer_prov
    )


@pytest.fixture
def completed(programme, make_enterprise, officer_prov):
    return applied(programme, make_enterprise("Keripik Budi"), "completed", officer_prov)


def _record(prov, application, kind, **data):
    return outcome_record(provenance=prov, application=application, kind=kind, data=data)


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        (30_000_000, 10_000_000),  # 50 % = 15 juta, capped at the maximum 10 juta
        (8_000_001, 4_000_000),  # 50 % = 4.000.000,5 → rounded down to whole Rupiah
        (3_000_000, 2_000_000),  # 50 % = 1,5 juta, lifted to the minimum 2 juta
        (1_500_000, 1_500_000),  # minimum 2 juta, but never more than the machine
        (20_000_000, 10_000_000),  # 50 % = 10 juta exactly at the maximum
    ],
)
def test_reimbursement_rule(machinery, value, allowed):
    assert reimbursement_allowed(programme=machinery, machine_value=value) == allowed


def test_reimbursement_without_a_percentage_or_a_maximum(make_programme):
    given = make_programme(kind="machinery")
    assert reimbursement_allowed(programme=given, machine_value=5_000_000) == 0
    no_cap = make_programme(kind="machinery", reimbursement_percent=40)
    assert reimbursement_allowed(programme=no_cap, machine_value=50_000_000) == 20_000_000


def test_machine_reimbursement_computed_or_checked(participant, officer_prov):
    computed = _record(officer_prov, participant, "machine", machine_value="Rp 30 juta")
    assert (computed.machine_value, computed.reimbursement_value) == (30_000_000, 10_000_000)
    lower = _record(
        officer_prov, participant, "machine", machine_value=3_000_000, reimbursement_value=1_000_000
    )
    assert lower.reimbursement_value == 1_000_000
    with pytest.raises(ValidationError) as error:
        _record(
            officer_prov,
            participant,
            "machine",
            machine_value=3_000_000,
            reimbursement_value=2_000_001,
        )
    assert error.value.message_dict["reimbursement_value"] == [
        "Penggantian Rp2.000.001 melebihi yang diizinkan program untuk mesin senilai "
        "Rp3.000.000: paling banyak Rp2.000.000."
    ]
    with pytest.raises(ValidationError, match="lebih dari Rp 0"):
        _record(officer_prov, participant, "machine", machine_value=0)
    with pytest.raises(ValidationError, match="wajib diisi"):
        _record(officer_prov, participant, "machine")
    assert Outcome.objects.count() == 2


def test_certificate_needs_a_number_and_a_past_date(participant, officer_prov):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        _record(
            officer_prov, participant, "certificate", certificate_number="ID1", issued_on=tomorrow
        )
    assert error.value.message_dict == {"issued_on": ["Tanggal terbit tidak boleh di masa depan."]}
    with pytest.raises(ValidationError) as error:
        _record(officer_prov, participant, "certificate", issued_on="2025-02-30")
    assert set(error.value.message_dict) == {"certificate_number", "issued_on"}
    assert not Outcome.objects.exists()
    today = timezone.localdate()
    outcome = _record(
        officer_prov,
        participant,
        "certificate",
        certificate_number=" ID13110000123 ",
        issued_on=today,
        machine_value=99,  # not a field of this kind: ignored
    )
    assert (outcome.certificate_number, outcome.issued_on, outcome.machine_value) == (
        "ID13110000123",
        today,
        None,
    )


def test_outcome_is_audited_and_the_owner_told(participant, officer_prov):
    _record(officer_prov, participant, "contract", contract_value="2,5 juta", note="PT Mitra")
    record = history_for(participant).filter(action="outcome_recorded").get()
    assert record.changes["contract_value"] == [None, 2_500_000]
    assert record.changes["kind"] == [None, "contract"]
    note = Notification.objects.filter(user=participant.enterprise.owner.user).first()
    assert note.title == "Restrukturisasi Mesin 2026: hasil dicatat — Kontrak ditandatangani"
    assert note.url == participant.owner_url
    with pytest.raises(ValidationError, match="lebih dari Rp 0"):
        _record(officer_prov, participant, "contract", contract_value="0")


def test_marketplace_shop_uses_the_catalogue_checker(participant, officer_prov):
    for foreign in (
        "https://tokopedia.com.evil.id/toko",
        "https://evil.com\\@tokopedia.com/toko",
        "http://example.com/toko",
    ):
        with pytest.raises(ValidationError) as error:
            _record(officer_prov, participant, "marketplace_shop", shop_url=foreign)
        assert list(error.value.message_dict) == ["shop_url"]
    assert not Outcome.objects.exists()
    shop = _record(officer_prov, participant, "marketplace_shop", shop_url="tokopedia.com/kopiani")
    assert shop.shop_url == "https://tokopedia.com/kopiani"


def test_outcomes_only_for_participants_and_by_the_programmes_office(
    machinery, make_enterprise, officer_prov, participant, other_officer
):
    waiting = applied(machinery, make_enterprise("Madu Dedi"), "selected", officer_prov)
    with pytest.raises(ValidationError, match="peserta"):
        _record(officer_prov, waiting, "contract", contract_value=1_000_000)
    with pytest.raises(PermissionDenied):
        _record(Provenance(actor=other_officer), participant, "contract", contract_value=1_000_000)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        _record(officer_prov, participant, "hadiah")
    with pytest.raises(ValidationError, match="catatan"):
        _record(officer_prov, participant, "other")
    assert not Outcome.objects.exists()


# --- follow-ups ----------------------------------------------------------------------


def _owner_prov(application):
    return Provenance(actor=application.enterprise.owner.user, source=Source.SELF_REGISTRATION)


def test_officer_and_owner_report_a_follow_up(completed, officer_prov):
    first, second, _third = completed.follow_ups.order_by("months_after")
    followup_record(provenance=officer_prov, follow_up=first, monthly_sales="12 juta", workforce=6)
    first.refresh_from_db()
    assert (first.monthly_sales, first.workforce, first.done_on) == (
        12_000_000,
        6,
        timezone.localdate(),
    )
    followup_record(
        provenance=_owner_prov(completed), follow_up=second, monthly_sales=15_000_000, workforce=7
    )
    record = history_for(second).get()
    assert record.changes["monthly_sales"] == [None, 15_000_000]
    assert record.actor == completed.enterprise.owner.user
    with pytest.raises(ValidationError, match="tenaga kerja"):
        followup_record(provenance=officer_prov, follow_up=first, monthly_sales=1, workforce=-1)
    with pytest.raises(ValidationError, match="negatif"):
        followup_record(provenance=officer_prov, follow_up=first, monthly_sales="-5", workforce=1)
    first.refresh_from_db()
    assert first.monthly_sales == 12_000_000


def test_an_owner_reports_only_their_own_follow_up(
    completed, programme, make_enterprise, officer_prov
):
    other = applied(
        programme, make_enterprise("Tapis Citra", gender="P"), "completed", officer_prov
    )
    theirs = other.follow_ups.first()
    with pytest.raises(PermissionDenied):
        followup_record(
            provenance=_owner_prov(completed), follow_up=theirs, monthly_sales=1, workforce=1
        )
    theirs.refresh_from_db()
    assert theirs.done_on is None


def test_follow_ups_only_after_completion(programme, make_enterprise, officer_prov):
    taking_part = applied(programme, make_enterprise("Madu Dedi"), "participating", officer_prov)
    early = FollowUp.objects.create(
        application=taking_part, months_after=3, due_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="telah selesai"):
        followup_record(provenance=officer_prov, follow_up=early, monthly_sales=1, workforce=1)


def test_owner_follow_up_page(client, completed, programme, make_enterprise, officer_prov):
    follow_up = completed.follow_ups.order_by("months_after").first()
    url = reverse("delivery:followup_owner", args=[follow_up.pk, completed.public_key])
    client.force_login(completed.enterprise.owner.user)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"monthly_sales": "banyak", "workforce": "3"})
    assert bad.status_code == 400 and "tidak terbaca" in bad.content.decode()
    response = client.post(url, {"monthly_sales": "Rp 4,5 juta", "workforce": "3"})
    assert response.status_code == 302 and response.url == completed.owner_url
    follow_up.refresh_from_db()
    assert (follow_up.monthly_sales, follow_up.workforce) == (4_500_000, 3)
    wrong_key = reverse("delivery:followup_owner", args=[follow_up.pk, "AAAAAAAA"])
    assert client.get(wrong_key).status_code == 404
    other = applied(programme, make_enterprise("Tapis Citra"), "completed", officer_prov)
    theirs = other.follow_ups.first()
    foreign = reverse("delivery:followup_owner", args=[theirs.pk, other.public_key])
    assert client.get(foreign).status_code == 404
    assert client.post(foreign, {"monthly_sales": "1", "workforce": "1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.done_on is None


def test_reminders_go_out_once(
    completed, programme, make_enterprise, officer_prov, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    soon, later, due_today = completed.follow_ups.order_by("months_after")
    FollowUp.objects.filter(pk=soon.pk).update(due_on=today + dt.timedelta(days=7))
    FollowUp.objects.filter(pk=later.pk).update(due_on=today + dt.timedelta(days=3))
    FollowUp.objects.filter(pk=due_today.pk).update(due_on=today, done_on=today)  # reported
    owner = completed.enterprise.owner.user
    before = Notification.objects.filter(user=owner).count()
    with django_capture_on_commit_callbacks(execute=True):
        assert followups_remind.call() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert followups_remind.call() == 0  # the same day again: nothing twice
    notes = Notification.objects.filter(user=owner)
    assert notes.count() == before + 1
    reminder = notes.first()
    assert reminder.title.startswith("Laporan tindak lanjut Keripik Budi")
    assert reminder.url == reverse("delivery:followup_owner", args=[soon.pk, completed.public_key])
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_reminder_command_for_cron(completed, django_capture_on_commit_callbacks):
    """`simpul followups_remind` is what a daily cron line runs."""
    soon = completed.follow_ups.order_by("months_after").first()
    due = timezone.localdate() + dt.timedelta(days=7)
    FollowUp.objects.filter(pk=soon.pk).update(due_on=due)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("followups_remind", stdout=out)
    assert out.getvalue().strip() == "1 pengingat tindak lanjut dikirim."
    assert Notification.objects.filter(url__contains=f"/{soon.pk}/").count() == 1
