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
