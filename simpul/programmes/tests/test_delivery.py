"""Running a programme: sessions, attendance, scores, start, completion with follow-ups,
drops with waitlist promotion, and the delivery page's jurisdiction limits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.core.audit import Provenance, history_for
from simpul.core.models import ChangeRecord
from simpul.notifications.models import Notification
from simpul.programmes.models import Application, Attendance, FollowUp, Outcome, Session
from simpul.programmes.services import delivery as services
from simpul.programmes.services.delivery import add_months

from .delivery_helpers import applied


@pytest.fixture
def group(programme, make_enterprise, officer_prov):
    """Quota 2: two selected, one waitlisted, one only eligible."""
    programme.quota = 2
    programme.save()
    make = make_enterprise
    return {
        "ani": applied(programme, make("Kopi Ani", gender="P"), "selected", officer_prov),
        "budi": applied(programme, make("Keripik Budi"), "selected", officer_prov),
        "citra": applied(programme, make("Tapis Citra", gender="P"), "waitlisted", officer_prov),
        "dedi": applied(programme, make("Madu Dedi"), "eligible", officer_prov),
    }


@pytest.fixture
def session(programme, officer_prov):
    return services.session_add(
        provenance=officer_prov,
        programme=programme,
        title="Pelatihan penyelia halal",
        starts_at=timezone.now(),
        place="Aula Dinas",
    )


def _fresh(application):
    return Application.objects.get(pk=application.pk)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2025, 8, 31), 3) == dt.date(2025, 11, 30)
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 8, 31), 12) == dt.date(2026, 8, 31)
    assert add_months(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)


def test_sessions_are_added_changed_and_removed_with_audit(programme, session, officer_prov):
    assert history_for(session).get().action == "created"
    later = timezone.now() + dt.timedelta(days=2)
    services.session_update(
        provenance=officer_prov, session=session, title="Praktik", starts_at=later, place=""
    )
    session.refresh_from_db()
    assert (session.title, session.place) == ("Praktik", "")
    assert history_for(session).filter(action="updated").get().changes["title"] == [
        "Pelatihan penyelia halal",
        "Praktik",
    ]
    with pytest.raises(ValidationError) as error:
        services.session_update(
            provenance=officer_prov, session=session, title=" ", starts_at=later
        )
    assert "Nama sesi wajib diisi." in error.value.message_dict["title"]
    pk = session.pk
    services.session_remove(provenance=officer_prov, session=session)
    assert not Session.objects.filter(pk=pk).exists()
    removed = ChangeRecord.objects.get(
        entity="programmes.session", entity_id=str(pk), action="deleted"
    )
    assert removed.changes["title"] == ["Praktik", None]


def test_another_regency_cannot_run_the_programme(programme, session, other_officer):
    prov = Provenance(actor=other_officer)
    with pytest.raises(PermissionDenied):
        services.session_add(
            provenance=prov, programme=programme, title="X", starts_at=timezone.now()
        )
    with pytest.raises(PermissionDenied):
        services.session_remove(provenance=prov, session=session)
    assert Session.objects.filter(pk=session.pk).exists()


def test_attendance_only_for_selected_or_participating(group, session, officer_prov):
    with pytest.raises(ValidationError, match="bukan peserta"):
        services.attendance_set(
            provenance=officer_prov,
            session=session,
            present_ids=[group["ani"].pk, group["dedi"].pk],
        )
    with pytest.raises(ValidationError):  # waitlisted is not a participant yet
        services.attendance_set(
            provenance=officer_prov, session=session, present_ids=[group["citra"].pk]
        )
    assert not Attendance.objects.exists()
    services.attendance_set(provenance=officer_prov, session=session, present_ids=[group["ani"].pk])
    marks = dict(Attendance.objects.values_list("application_id", "present"))
    assert marks == {group["ani"].pk: True, group["budi"].pk: False}
    services.attendance_set(
        provenance=officer_prov, session=session, present_ids=[group["budi"].pk]
    )
    marks = dict(Attendance.objects.values_list("application_id", "present"))
    assert marks == {group["ani"].pk: False, group["budi"].pk: True}
    assert history_for(session).filter(action="attendance_set").count() == 2


def test_start_moves_selected_to_participating(programme, group, officer_prov):
    started = services.participants_start(provenance=officer_prov, programme=programme)
    assert {a.pk for a in started} == {group["ani"].pk, group["budi"].pk}
    assert _fresh(group["ani"]).status == "participating"
    assert _fresh(group["citra"]).status == "waitlisted"
    assert history_for(group["ani"]).order_by("id").last().changes == {
        "status": ["selected", "participating"]
    }


def test_scores_are_0_to_100_and_only_for_participants(group, officer_prov):
    ani = group["ani"]
    services.test_scores_set(provenance=officer_prov, application=ani, pre_test=45, post_test="80")
    assert (_fresh(ani).pre_test, _fresh(ani).post_test) == (45, 80)
    for bad in (101, -1, "8a", 7.5, True):
        with pytest.raises(ValidationError, match="0 sampai 100"):
            services.test_scores_set(
                provenance=officer_prov, application=ani, pre_test=bad, post_test=None
            )
    assert _fresh(ani).pre_test == 45
    with pytest.raises(ValidationError, match="hanya untuk peserta"):
        services.test_scores_set(
            provenance=officer_prov, application=group["dedi"], pre_test=50, post_test=60
        )


def test_completion_schedules_three_follow_ups_from_the_period_end(programme, group, officer_prov):
    programme.period_end = dt.date(2025, 8, 31)
    programme.save()
    services.participants_start(provenance=officer_prov, programme=programme)
    done = services.participant_complete(provenance=officer_prov, application=group["ani"])
    assert done.status == "completed"
    due = list(FollowUp.objects.filter(application=done).values_list("months_after", "due_on"))
    assert due == [
        (3, dt.date(2025, 11, 30)),
        (6, dt.date(2026, 2, 28)),
        (12, dt.date(2026, 8, 31)),
    ]
    assert history_for(done).filter(action="follow_ups_scheduled").exists()


def test_completion_without_a_period_end_counts_from_today(programme, group, officer_prov):
    services.participants_start(provenance=officer_prov, programme=programme)
    services.participant_complete(provenance=officer_prov, application=group["budi"])
    today = timezone.localdate()
    assert [f.due_on for f in FollowUp.objects.filter(application=group["budi"])] == [
        add_months(today, 3),
        add_months(today, 6),
        add_months(today, 12),
    ]


def test_only_participants_complete(group, officer_prov):
    with pytest.raises(ValidationError):  # still SELECTED
        services.participant_complete(provenance=officer_prov, application=group["ani"])
    assert not FollowUp.objects.exists()


def test_a_drop_needs_a_reason_and_promotes_the_waitlist(group, officer_prov):
    with pytest.raises(ValidationError, match="Hanya peserta"):  # only eligible: reject it
        services.participant_drop(provenance=officer_prov, application=group["dedi"], reason="x")
    assert _fresh(group["dedi"]).status == "eligible"
    with pytest.raises(ValidationError, match="alasan"):
        services.participant_drop(provenance=officer_prov, application=group["ani"], reason=" ")
    assert _fresh(group["ani"]).status == "selected"
    services.participant_drop(
        provenance=officer_prov, application=group["ani"], reason="Usaha tutup sementara"
    )
    ani, citra = _fresh(group["ani"]), _fresh(group["citra"])
    assert (ani.status, ani.decision_note) == ("dropped", "Usaha tutup sementara")
    assert (citra.status, citra.waitlist_rank) == ("selected", None)
    told = Notification.objects.filter(user=ani.enterprise.owner.user).first()
    assert told.body == "Usaha tutup sementara"


# --- views -------------------------------------------------------------------------


def _url(name, programme, *args):
    return reverse(f"delivery:{name}", args=[programme.public_key, *args])


def test_the_delivery_page_shows_sessions_and_participants(
    client, officer, programme, group, session
):
    client.force_login(officer)
    page = client.get(_url("programme", programme))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kopi Ani" in html and "Keripik Budi" in html and "Madu Dedi" not in html
    assert "Pelatihan penyelia halal" in html
    assert f'value="{group["ani"].public_key}"' in html  # attendance checkbox


def test_the_page_records_attendance_and_outcomes(
    client, officer, programme, group, session, officer_prov
):
    client.force_login(officer)
    response = client.post(
        _url("attendance", programme, session.pk), {"present": [group["budi"].public_key]}
    )
    assert response.status_code == 302
    assert Attendance.objects.get(application=group["budi"]).present is True
    assert client.post(_url("start", programme)).status_code == 302
    key = group["ani"].public_key
    bad = client.post(
        _url("outcome_add", programme, key),
        {"kind": "certificate", "certificate_number": "ID131", "issued_on": "2999-01-01"},
    )
    assert bad.status_code == 400
    assert "Tanggal terbit tidak boleh di masa depan." in bad.content.decode()
    assert not Outcome.objects.exists()
    good = client.post(
        _url("outcome_add", programme, key),
        {"kind": "certificate", "certificate_number": "ID131", "issued_on": "2025-05-02"},
    )
    assert good.status_code == 302 and good.url.endswith(f"#p-{key}")
    assert Outcome.objects.get().certificate_number == "ID131"
    forged = client.post(
        _url("attendance", programme, session.pk), {"present": [group["dedi"].public_key]}
    )
    assert forged.status_code == 400  # not a choice: an eligible-only applicant
    assert Attendance.objects.filter(application=group["dedi"]).count() == 0


def test_another_regency_gets_404_and_its_posts_change_nothing(
    client, other_officer, programme, group, session
):
    client.force_login(other_officer)
    key = group["ani"].public_key
    assert client.get(_url("programme", programme)).status_code == 404
    assert client.get(_url("report", programme)).status_code == 404
    assert client.get(_url("report_xlsx", programme)).status_code == 404
    posts = [
        (_url("start", programme), {}),
        (_url("attendance", programme, session.pk), {"present": [key]}),
        (_url("drop", programme, key), {"reason": "dipalsukan"}),
        (_url("session_remove", programme, session.pk), {}),
        (_url("scores", programme, key), {"pre_test": "10", "post_test": "20"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
    ani = _fresh(group["ani"])
    assert (ani.status, ani.pre_test) == ("selected", None)
    assert not Attendance.objects.exists()
    assert Session.objects.filter(pk=session.pk).exists()


def test_an_analyst_reads_but_cannot_act(client, make_user, offices, programme, group, session):
    analyst = make_user("analis@uji.id", "analyst", offices["18.71"])
    client.force_login(analyst)
    page = client.get(_url("programme", programme))
    assert page.status_code == 200
    assert "Simpan kehadiran" not in page.content.decode()
    assert client.get(_url("report", programme)).status_code == 200
    response = client.post(_url("attendance", programme, session.pk), {"present": []})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_owners_cannot_open_the_delivery_page(client, programme, group):
    client.force_login(group["ani"].enterprise.owner.user)
    assert client.get(_url("programme", programme)).status_code in (302, 403)


def test_the_page_queries_do_not_grow_with_participants(
    client, officer, programme, make_enterprise, officer_prov, session
):
    programme.quota = 10
    programme.save()
    client.force_login(officer)
    url = _url("programme", programme)

    def count_after_adding(n: int) -> int:
        for i in range(n):
            app = applied(programme, make_enterprise(f"Usaha {n}-{i}"), "completed", officer_prov)
            Outcome.objects.create(application=app, kind="other", note="x")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count_after_adding(1) == count_after_adding(3)


def test_dropping_from_the_page_fills_the_place(client, officer, programme, group):
    client.force_login(officer)
    key = group["ani"].public_key
    empty = client.post(_url("drop", programme, key), {"reason": ""})
    assert empty.status_code == 400 and _fresh(group["ani"]).status == "selected"
    response = client.post(_url("drop", programme, key), {"reason": "Sakit"})
    assert response.status_code == 302
    assert _fresh(group["ani"]).status == "dropped"
    assert _fresh(group["citra"]).status == "selected"
    refused = client.post(_url("complete", programme, group["budi"].public_key), follow=True)
    assert "tidak dapat diubah dari Terpilih ke Selesai" in refused.content.decode()
    assert _fresh(group["budi"]).status == "selected"
