"""The application status machine: allowed moves, quota, waitlist, audit, owner notice."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from simpul.core.audit import history_for
from simpul.notifications.models import Notification
from simpul.programmes.models import Application, Stage
from simpul.programmes.services.transitions import application_transition


@pytest.fixture
def applicants(programme, make_enterprise):
    return [
        Application.objects.create(
            programme=programme, enterprise=make_enterprise(f"Usaha {n}"), status="eligible"
        )
        for n in range(4)
    ]


def _move(app, to, prov, **kw):
    return application_transition(application=app, to=to, provenance=prov, **kw)


def test_a_move_is_audited_and_the_owner_told(applicants, officer_prov):
    app = _move(applicants[0], "selected", officer_prov, note="Skor tertinggi")
    assert app.status == "selected"
    record = history_for(app).get()
    assert record.changes == {"status": ["eligible", "selected"]}
    assert record.note == "Skor tertinggi"
    note = Notification.objects.get(user=app.enterprise.owner.user)
    assert note.title == "Fasilitasi Sertifikasi Halal 2026: Terpilih"
    assert note.url == f"/usaha/program/{app.public_key}/"


def test_the_note_belongs_to_its_own_move(applicants, officer_prov):
    """A move without a note does not carry the previous move's note to the owner."""
    app = _move(applicants[0], "selected", officer_prov)
    app = _move(app, "participating", officer_prov, note="Program dimulai.")
    app = _move(app, "completed", officer_prov)
    assert app.decision_note == ""
    bodies = dict(
        Notification.objects.filter(user=app.enterprise.owner.user).values_list("title", "body")
    )
    assert bodies["Fasilitasi Sertifikasi Halal 2026: Peserta"] == "Program dimulai."
    assert bodies["Fasilitasi Sertifikasi Halal 2026: Selesai"] == ""


def test_moves_outside_the_machine_are_refused(applicants, officer_prov):
    with pytest.raises(ValidationError, match="tidak dapat diubah dari Memenuhi syarat ke Selesai"):
        _move(applicants[0], "completed", officer_prov)
    rejected = _move(applicants[1], "rejected", officer_prov)
    with pytest.raises(ValidationError):
        _move(rejected, "selected", officer_prov)
    assert Application.objects.get(pk=rejected.pk).status == "rejected"


def test_curation_needs_a_stage_of_the_same_programme(applicants, officer_prov, make_programme):
    foreign = Stage.objects.create(programme=make_programme(title="Lain"), number=1, name="X")
    with pytest.raises(ValidationError, match="tahap kurasi"):
        _move(applicants[0], "curation", officer_prov, stage=foreign)
    with pytest.raises(ValidationError):
        _move(applicants[0], "curation", officer_prov)
    own = Stage.objects.create(programme=applicants[0].programme, number=1, name="Berkas")
    assert _move(applicants[0], "curation", officer_prov, stage=own).stage == own


def test_quota_is_kept(applicants, officer_prov):
    _move(applicants[0], "selected", officer_prov)
    _move(applicants[1], "selected", officer_prov)  # quota 2 reached
    with pytest.raises(ValidationError, match="Kuota program sudah penuh"):
        _move(applicants[2], "selected", officer_prov)
    assert Application.objects.get(pk=applicants[2].pk).status == "eligible"


def test_a_drop_promotes_the_best_waitlisted(applicants, officer_prov):
    first, second, third, fourth = applicants
    _move(first, "selected", officer_prov)
    _move(second, "selected", officer_prov)
    assert _move(third, "waitlisted", officer_prov).waitlist_rank == 1
    assert _move(fourth, "waitlisted", officer_prov).waitlist_rank == 2
    _move(Application.objects.get(pk=first.pk), "participating", officer_prov)
    _move(Application.objects.get(pk=first.pk), "dropped", officer_prov)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, third.waitlist_rank) == ("selected", None)
    assert fourth.status == "waitlisted"
    assert "daftar tunggu" in history_for(third).order_by("id").last().note


def _halal_once_in_3_years(programme):
    programme.rules.create(kind="no_double_aid", params={"years": 3, "kinds": ["cert_halal"]})
    return programme


def test_two_calls_of_one_kind_give_one_place(make_programme, make_enterprise, officer_prov):
    """Applying to two halal calls at once passes both eligibility checks (nothing received
    yet); the second selection is refused because the first place counts as aid."""
    first = _halal_once_in_3_years(make_programme(title="Halal A"))
    second = _halal_once_in_3_years(make_programme(title="Halal B"))
    kopi = make_enterprise("Kopi Dua Kali")
    in_first, in_second = (
        Application.objects.create(programme=p, enterprise=kopi, status="eligible")
        for p in (first, second)
    )
    _move(in_first, "selected", officer_prov)
    with pytest.raises(ValidationError, match="sudah terpilih di “Halal A”"):
        _move(in_second, "selected", officer_prov)
    in_second.refresh_from_db()
    assert in_second.status == "eligible"
    assert not history_for(in_second).exists()


def test_waitlist_promotion_passes_over_double_aid(make_programme, make_enterprise, officer_prov):
    programme = _halal_once_in_3_years(make_programme(title="Halal B", quota=1))
    elsewhere = _halal_once_in_3_years(make_programme(title="Halal A"))
    taken, first_waiting, second_waiting = (
        Application.objects.create(
            programme=programme, enterprise=make_enterprise(name), status="eligible"
        )
        for name in ("Tempe", "Keripik", "Tapis")
    )
    _move(taken, "selected", officer_prov)
    first_waiting = _move(first_waiting, "waitlisted", officer_prov)
    second_waiting = _move(second_waiting, "waitlisted", officer_prov)
    # Meanwhile the first on the waitlist got a place in another halal call.
    other = Application.objects.create(
        programme=elsewhere, enterprise=first_waiting.enterprise, status="eligible"
    )
    _move(other, "selected", officer_prov)
    _move(taken, "dropped", officer_prov, note="Mundur")
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, first_waiting.waitlist_rank) == ("waitlisted", 1)
    assert second_waiting.status == "selected"
