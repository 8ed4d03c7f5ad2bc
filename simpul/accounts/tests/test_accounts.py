import subprocess
import sys

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.urls import reverse

from conftest import PASSWORD
from simpul.accounts.models import User
from simpul.core.audit import history_for

pytestmark = pytest.mark.django_db


def test_signup_creates_owner_and_logs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {"full_name": "Rahmat Hidayat", "phone": "0812 7777 8888", "password": "kopi-lampung-99"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("registry:start")
    user = User.objects.get(phone="+6281277778888")
    assert user.role == "owner" and user.email is None
    assert history_for(user).filter(action="signed_up").exists()


def test_signup_needs_email_or_phone_and_a_strong_password(client):
    response = client.post(reverse("accounts:signup"), {"full_name": "A", "password": "123"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Isi e-mail atau nomor HP." in page
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "username",
    ["pemilik@uji.id", "PEMILIK@uji.id", "0812-3456-7890", "+62 812 3456 7890", "6281234567890"],
)
def test_login_by_email_or_any_phone_spelling(client, owner_user, username):
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, username
    assert response["Location"] == reverse("accounts:home")


def test_login_is_throttled_after_five_failures(client, owner_user):
    for _ in range(4):
        response = client.post(
            reverse("accounts:login"), {"username": "pemilik@uji.id", "password": "salah"}
        )
        assert response.status_code == 200
        assert "atau kata sandi salah" in response.content.decode()
    fifth = client.post(
        reverse("accounts:login"), {"username": "pemilik@uji.id", "password": "salah"}
    )
    assert fifth.status_code == 429
    # locked: even the right password is refused now
    locked = client.post(
        reverse("accounts:login"), {"username": "pemilik@uji.id", "password": PASSWORD}
    )
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


def test_lockout_holds_for_every_spelling_and_address(client, owner_user):
    spellings = ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "081234567890"]
    for i in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": spellings[i % 4], "password": "salah"},
            REMOTE_ADDR=f"10.0.0.{i}",
        )
    for spelling in [*spellings, "PEMILIK@uji.id"]:
        response = client.post(
            reverse("accounts:login"),
            {"username": spelling, "password": PASSWORD},
            REMOTE_ADDR="10.9.9.9",
        )
        assert response.status_code == 429, spelling
    assert "_auth_user_id" not in client.session
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_home_sends_each_role_to_its_work(client, owner_user, officer):
    client.force_login(owner_user, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    assert client.get(reverse("accounts:home"))["Location"] == reverse("registry:mine")
    client.force_login(officer, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    assert client.get(reverse("accounts:home"))["Location"] == reverse("targets:home")


def test_office_admin_manages_only_own_staff(client, make_user, offices, officer, other_officer):
    admin = make_user("admin.1871@uji.id", "office_admin", offices["18.71"])
    client.force_login(admin, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    response = client.post(
        reverse("accounts:staff"),
        {
            "full_name": "Petugas Baru",
            "email": "baru@uji.id",
            "role": "officer",
            "password": "petugas-baru-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="baru@uji.id").office == offices["18.71"]
    toggle = reverse("accounts:staff_toggle", kwargs={"pk": other_officer.pk})
    assert client.post(toggle).status_code == 404
    other_officer.refresh_from_db()
    assert other_officer.is_active
    assert (
        client.post(reverse("accounts:staff_toggle", kwargs={"pk": officer.pk})).status_code == 302
    )
    officer.refresh_from_db()
    assert not officer.is_active


def test_officer_cannot_open_staff_admin(client, officer):
    client.force_login(officer, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    assert client.get(reverse("accounts:staff")).status_code == 403


def test_production_hashes_with_argon2():
    from simpul.config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    encoded = make_password("kopi", hasher=Argon2PasswordHasher())
    assert encoded.startswith("argon2$argon2id$")


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    (tmp_path / "vendor").mkdir()  # filled by `simpul vendor_static` in a real deployment
    env = {
        "DJANGO_SETTINGS_MODULE": "simpul.config.settings.production",
        "SECRET_KEY": "k" * 20 + "-rahasia-produksi-yang-panjang-dan-acak-0123456789",
        "FIELD_ENCRYPTION_KEY": "f" * 40,
        "ALLOWED_HOSTS": "simpul.example.id",
        "SITE_URL": "https://simpul.example.id",
        "SIMPUL_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "simpul.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_demo_key(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "simpul.config.settings.production",
        "SIMPUL_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "simpul.manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY harus diisi" in result.stderr


def test_production_refuses_a_missing_or_plain_http_site_url(tmp_path):
    """Links in invitations and notices are built on SITE_URL: localhost or http is refused."""
    env = {
        "DJANGO_SETTINGS_MODULE": "simpul.config.settings.production",
        "SECRET_KEY": "k" * 20 + "-rahasia-produksi-yang-panjang-dan-acak-0123456789",
        "FIELD_ENCRYPTION_KEY": "f" * 40,
        "SIMPUL_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    for site_url in ("", "http://simpul.example.id"):
        result = subprocess.run(
            [sys.executable, "-m", "simpul.manage", "check"],
            env={**env, "SITE_URL": site_url},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0 and "SITE_URL harus diisi" in result.stderr
