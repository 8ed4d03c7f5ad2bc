"""Internationalisation: Indonesian is the source language and the default; English comes
from the catalogue in simpul/locale, which must be complete and compiled."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

EN_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
EN_PO = EN_DIR / "django.po"
EN_MO = EN_DIR / "django.mo"
MSGFMT = shutil.which("msgfmt") or "msgfmt"  # GNU gettext, also needed by compilemessages


@pytest.fixture(autouse=True)
def _restore_language():
    # LocaleMiddleware activates the request's language on this thread; do not let English
    # leak into tests that run afterwards.
    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.mark.django_db
def test_home_is_indonesian_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Daftar gratis" in html
    assert "Sign up free" not in html
    assert response.headers["Content-Language"] == "id"


@pytest.mark.django_db
def test_home_switches_to_english_through_set_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert "Sign up free" in html
    assert "Simpul IKM: one dataset for small and medium industries" in html
    assert "Daftar gratis" not in html

    # and back again
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert "Daftar gratis" in client.get("/").content.decode()


def test_english_catalogue_is_complete():
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [MSGFMT, "--check", "--statistics", "-o", "/dev/null", str(EN_PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    stats = result.stderr + result.stdout
    assert "translated message" in stats
    assert "untranslated" not in stats
    assert "fuzzy" not in stats


def test_english_catalogue_is_compiled(tmp_path):
    """django.mo must match django.po (run compilemessages after editing the .po)."""
    fresh = tmp_path / "django.mo"
    subprocess.run([MSGFMT, "-o", str(fresh), str(EN_PO)], check=True)  # noqa: S603
    with EN_MO.open("rb") as committed, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(compiled)._catalog
        )
