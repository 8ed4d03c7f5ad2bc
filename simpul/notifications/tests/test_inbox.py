from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from simpul.notifications.models import Notification
from simpul.notifications.services import notify


def test_notify_fills_the_inbox_and_mails_after_commit(
    owner_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(user=owner_user, title="Program Halal: Terpilih", body="Selamat.", url="/x/")
    assert Notification.objects.get().pk == note.pk
    assert [m.subject for m in mail.outbox] == ["Simpul IKM: Program Halal: Terpilih"]
    assert "Selamat." in mail.outbox[0].body and mail.outbox[0].body.endswith("/x/")
    note.refresh_from_db()
    assert note.emailed


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing(owner_user):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(user=owner_user, title="Tidak jadi")
        raise RuntimeError
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_inactive_users_get_nothing(owner_user):
    owner_user.is_active = False
    assert notify(user=owner_user, title="x") is None
    assert notify(user=None, title="x") is None


def test_inbox_shows_only_own_messages_and_marks_read(client, owner_user, officer):
    mine = notify(user=owner_user, title="Untuk pemilik", url="/usaha/")
    theirs = notify(user=officer, title="Untuk petugas")
    client.force_login(owner_user)
    page = client.get("/pemberitahuan/").content.decode()
    assert "Untuk pemilik" in page and "Untuk petugas" not in page
    assert 'aria-label="belum dibaca">1<' in page  # the menu badge
    # Someone else's message: 404, and it stays unread.
    assert client.post(f"/pemberitahuan/{theirs.pk}/baca/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(f"/pemberitahuan/{mine.pk}/baca/")
    assert response.status_code == 302 and response["Location"] == "/usaha/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_an_outside_link_is_never_followed(client, owner_user):
    note = notify(user=owner_user, title="x", url="https://jahat.example/")
    client.force_login(owner_user)
    assert client.post(f"/pemberitahuan/{note.pk}/baca/")["Location"] == "/pemberitahuan/"


def test_read_all(client, owner_user):
    for i in range(3):
        notify(user=owner_user, title=f"n{i}")
    client.force_login(owner_user)
    client.post("/pemberitahuan/baca-semua/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert client.get("/pemberitahuan/baca-semua/").status_code == 405


def test_inbox_needs_login(client):
    assert client.get("/pemberitahuan/").status_code == 302
