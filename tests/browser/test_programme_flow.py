"""End to end, issue 5: an officer creates a halal facilitation call (a question, a KBLI
rule, a document, two curation stages with weighted criteria, a staff panelist and an
outside panelist invited by e-mail) and publishes it; an owner applies from a 390 px phone
and sees why they are eligible; both panels score, the officer advances and finalises the
selection within the quota, runs the programme (session, attendance, completion) and
records the halal certificate; the owner sees the outcome and the status on "Program
saya" and every status change in their inbox.

Screenshots at 390 px go to tmp_path (or SIMPUL_SCREENSHOTS_DIR when set).

Only the starting data (offices, users, a verified enterprise with KBLI 10761) is made
through services; everything else goes through the pages."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.programmes.tests.uploads import pdf_bytes

from .kit import DESKTOP, PHONE
from .test_registration_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Fasilitasi Sertifikasi Halal Gratis 2026"
BUSINESS = "Kopi Robusta Tapis Berseri"  # the root conftest's complete_enterprise
STAGE_1 = "Seleksi administrasi"
STAGE_2 = "Wawancara dan kunjungan"
QUESTION = "Apakah usaha Anda sudah memiliki izin PIRT?"
DOCUMENT = "Surat permohonan fasilitasi"
GUEST_NAME = "Dr. Rina Halim"
GUEST_EMAIL = "rina.halim@unila.ac.id"
GUEST_PASSWORD = "Panelis-Halal-2026!"  # noqa: S105
CERTIFICATE = "ID35110001234560326"


@pytest.fixture
def verified_enterprise(complete_enterprise, owner_user, officer):
    """The owner's business (KBLI 10761, Kota Bandar Lampung), verified by the office."""
    from simpul.registry import services

    owner = Provenance(actor=owner_user, source=Source.SELF_REGISTRATION)
    services.enterprise_submit(enterprise=complete_enterprise, provenance=owner)
    services.enterprise_verify(enterprise=complete_enterprise, provenance=Provenance(actor=officer))
    return complete_enterprise


@pytest.fixture
def curator(make_user, offices):
    """A second officer of the same office, who sits on the stage-1 panel."""
    return make_user("kurator.1871@uji.id", "officer", offices["18.71"])


def no_overflow_at_phone(page: Page) -> bool:
    return page.evaluate(f"document.documentElement.scrollWidth <= {PHONE['width']}")


def shot(page: Page, tmp_path: Path, name: str) -> Path:
    path = Path(os.environ.get("SIMPUL_SCREENSHOTS_DIR") or tmp_path) / name
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def flash(page: Page):
    return page.locator(".messages")


def stage_card(page: Page, number: int, name: str):
    return page.locator("article.stage", has_text=f"Tahap {number}: {name}")


# --- 1. the officer sets up the call ------------------------------------------------------


def officer_creates_call(desk: Page, curator, today: dt.date) -> str:
    log_in(desk, "petugas.1871@uji.id")
    expect(desk).to_have_url(re.compile(r"/kelola/target/$"))
    desk.get_by_role("link", name="Kelola program").click()
    expect(desk.locator("h1")).to_contain_text("Program fasilitasi")
    desk.get_by_role("link", name="+ Buat program").click()
    expect(desk.locator("h1")).to_have_text("Buat program")
    desk.fill("#id_title", TITLE)
    desk.select_option("#id_kind", "cert_halal")
    desk.fill("#id_description", "Pendampingan dan biaya sertifikasi halal ditanggung Dinas.")
    desk.fill("#id_required_documents", DOCUMENT)
    desk.fill("#id_apply_opens", today.isoformat())
    desk.fill("#id_apply_closes", (today + dt.timedelta(days=14)).isoformat())
    desk.fill("#id_quota", "1")
    desk.fill("#id_budget", "15 jt")
    desk.get_by_role("button", name="Simpan sebagai draf").click()
    expect(desk).to_have_url(re.compile(r"/kelola/program/[^/]+/$"))
    expect(flash(desk)).to_contain_text("Program tersimpan sebagai draf")
    expect(desk.locator("h1")).to_have_text(TITLE)
    expect(desk.locator("h1 + p .badge")).to_have_text("Draf")
    expect(desk.locator("#data")).to_contain_text("Rp15.000.000")
    key = urlsplit(desk.url).path.rstrip("/").rsplit("/", 1)[-1]

    # a yes/no question for the application form
    desk.locator("#pertanyaan summary", has_text="Tambah pertanyaan").click()
    desk.fill("#id_q_text", QUESTION)
    desk.select_option("#id_q_kind", "yes_no")
    desk.get_by_role("button", name="Simpan pertanyaan").click()
    expect(flash(desk)).to_contain_text("Pertanyaan ditambahkan.")
    expect(desk.locator("#pertanyaan")).to_contain_text(f"1. {QUESTION}")

    # the eligibility rule: food industry (KBLI 10…)
    desk.locator("#syarat summary", has_text="Tambah syarat").click()
    desk.select_option("#id_r_kind", "kbli_prefix")
    desk.fill("#id_r_prefixes", "10")
    desk.get_by_role("button", name="Simpan syarat").click()
    expect(flash(desk)).to_contain_text("Syarat ditambahkan.")
    expect(desk.locator("#syarat")).to_contain_text("KBLI harus diawali 10")

    # two curation stages, each with weighted criteria
    criteria = {
        (1, STAGE_1): [("Kelengkapan dokumen", "2", "10"), ("Kesiapan produksi halal", "1", "10")],
        (2, STAGE_2): [
            ("Komitmen mengikuti pendampingan", "3", "100"),
            ("Mutu produk", "1", "100"),
        ],
    }
    for number, name in criteria:
        desk.fill("#id_stage_name", name)
        desk.get_by_role("button", name="+ Tambah tahap").click()
        expect(stage_card(desk, number, name)).to_be_visible()
    for (number, name), rows in criteria.items():
        for criterion, weight, maximum in rows:
            card = stage_card(desk, number, name)
            card.locator("summary", has_text="Tambah kriteria").click()
            card.locator("input[name=name]").fill(criterion)
            card.locator("input[name=weight]").fill(weight)
            card.locator("input[name=max_score]").fill(maximum)
            card.get_by_role("button", name="Simpan kriteria").click()
            expect(flash(desk)).to_contain_text("Kriteria ditambahkan.")
            expect(stage_card(desk, number, name)).to_contain_text(
                f"{criterion} · bobot {weight}, nilai 0–{maximum}"
            )

    # stage 1: a colleague from the office; stage 2: an outside panelist, invited by e-mail
    card = stage_card(desk, 1, STAGE_1)
    card.locator("select[name=user]").select_option(str(curator.pk))
    card.get_by_role("button", name="Tambah staf sebagai panelis").click()
    expect(flash(desk)).to_contain_text("Panelis ditambahkan.")
    expect(stage_card(desk, 1, STAGE_1)).to_contain_text(curator.email)
    card = stage_card(desk, 2, STAGE_2)
    card.locator("summary", has_text="Undang panelis dari luar Dinas").click()
    card.locator("input[name=full_name]").fill(GUEST_NAME)
    card.locator("input[name=email]").fill(GUEST_EMAIL)
    card.get_by_role("button", name="Kirim undangan").click()
    expect(flash(desk)).to_contain_text(f"{GUEST_NAME} ({GUEST_EMAIL}) ditambahkan sebagai panelis")
    expect(stage_card(desk, 2, STAGE_2)).to_contain_text("panelis undangan")

    # the implementation period is still empty: publishing is refused until it is set
    desk.get_by_role("button", name="Umumkan program").click()
    expect(desk.locator("#status-error")).to_have_text(
        "Lengkapi dulu sebelum mengumumkan: masa pelaksanaan."
    )
    expect(desk.locator("h1 + p .badge")).to_have_text("Draf")
    desk.locator("#data").get_by_role("link", name="Ubah").click()
    expect(desk.locator("h1")).to_have_text("Ubah program")
    expect(desk.locator("#id_title")).to_have_value(TITLE)
    expect(desk.locator("#id_apply_opens")).to_have_value(today.isoformat())  # kept, ISO
    desk.fill("#id_period_start", (today + dt.timedelta(days=21)).isoformat())
    desk.fill("#id_period_end", (today + dt.timedelta(days=60)).isoformat())
    desk.get_by_role("button", name="Simpan perubahan").click()
    expect(flash(desk)).to_contain_text("Perubahan program tersimpan.")
    desk.get_by_role("button", name="Umumkan program").click()
    expect(flash(desk)).to_contain_text("Program diumumkan.")
    expect(desk.locator("h1 + p .badge")).to_have_text("Diumumkan")
    expect(desk.locator("#status")).to_contain_text("Diumumkan; pendaftaran sedang dibuka.")
    return key


# --- 2. the owner applies from a phone ----------------------------------------------------


def owner_applies(phone: Page, tmp_path: Path) -> str:
    log_in(phone, "pemilik@uji.id")
    expect(phone).to_have_url(re.compile(r"/usaha/$"))
    phone.get_by_role("link", name="Program", exact=True).click()
    expect(phone.locator("h1")).to_have_text("Program untuk IKM")
    call = phone.locator("li.call", has_text=TITLE)
    expect(call).to_contain_text("Fasilitasi sertifikasi halal")
    expect(call).to_contain_text("ditutup 14 hari lagi")
    expect(call).to_contain_text("kuota 1 IKM")
    assert no_overflow_at_phone(phone)
    call.get_by_role("link", name=TITLE).click()
    expect(phone.locator("h1")).to_have_text(TITLE)
    expect(phone.locator("#syarat")).to_contain_text("KBLI harus diawali 10")
    expect(phone.locator("#dokumen")).to_contain_text(DOCUMENT)
    phone.get_by_role("link", name="Ajukan pendaftaran").first.click()

    expect(phone.locator("h2", has_text="Formulir pendaftaran")).to_be_visible()
    expect(phone.locator("input[name=enterprise]")).to_be_checked()  # the only candidate
    # (the radio buttons carry no label of their own: see the report)
    question = phone.locator(".field", has_text=QUESTION)
    question.locator("input[type=radio][value=ya]").check()
    phone.set_input_files(
        "input[name=doc_0]",
        files=[{"name": "permohonan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}],
    )
    assert no_overflow_at_phone(phone)
    shot(phone, tmp_path, "ponsel-program-formulir.png")
    phone.get_by_role("button", name="Kirim pendaftaran").click()

    expect(phone).to_have_url(re.compile(r"/usaha/program/[^/]+/$"))
    expect(flash(phone)).to_contain_text("Pendaftaran terkirim. Berikut hasil pemeriksaan syarat.")
    expect(phone.locator(".card .badge.app-eligible")).to_have_text("Memenuhi syarat")
    results = phone.locator("ul.rule-results li")
    expect(results).to_have_count(1)
    expect(results.first).to_have_class(re.compile(r"\bok\b"))
    expect(results.first).to_contain_text("✓ Memenuhi: KBLI 10761 diawali 10")
    expect(phone.locator("dl.facts")).to_contain_text(QUESTION)
    expect(phone.locator("dl.facts dd").first).to_have_text("Ya")
    expect(phone.get_by_role("link", name=DOCUMENT)).to_be_visible()
    assert no_overflow_at_phone(phone)
    shot(phone, tmp_path, "ponsel-program-pendaftaran.png")
    return urlsplit(phone.url).path.rstrip("/").rsplit("/", 1)[-1]


# --- 3. curation: two stages and the selection --------------------------------------------


def panelist_scores(page: Page, stage: str, scores: dict[str, str], comment: str) -> None:
    """On the panel page: open the one application of `stage`, score it, save."""
    expect(page.locator("h1")).to_have_text("Panel kurasi")
    expect(page.locator("main")).to_contain_text("1 pendaftar belum Anda nilai.")
    expect(page.locator("h2")).to_have_text(f"{TITLE} · {stage}")
    item = page.locator(".panel-queue li", has_text=BUSINESS)
    expect(item).to_contain_text("belum dinilai")
    item.get_by_role("link", name=BUSINESS).click()
    expect(page.locator("h1")).to_have_text(BUSINESS)
    expect(page.locator("main")).to_contain_text(stage)
    expect(page.locator("main")).to_contain_text("✓ Memenuhi: KBLI 10761 diawali 10")
    expect(page.locator("main")).not_to_contain_text("Siti Aminah")  # the business only
    for label, value in scores.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Komentar").fill(comment)
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page).to_have_url(re.compile(r"/kelola/kurasi/panel/$"))
    expect(flash(page)).to_contain_text(f"Penilaian untuk {BUSINESS} disimpan.")
    expect(page.locator(".panel-queue li", has_text=BUSINESS)).to_contain_text("sudah dinilai")


def guest_sets_password(guest: Page, mailoutbox) -> None:
    """The invited panelist follows the link in the invitation e-mail."""
    mails = [m for m in mailoutbox if GUEST_EMAIL in m.to]
    invitation = next(m for m in mails if "undangan panelis" in m.subject)
    assert TITLE in invitation.subject
    link = re.search(r"https?://\S+/akun/sandi/\S+/", invitation.body).group(0)
    guest.goto(urlsplit(link).path)  # the same path on the live server
    expect(guest.locator("h1")).to_have_text("Buat kata sandi")
    guest.locator("input[name=new_password1]").fill(GUEST_PASSWORD)
    guest.locator("input[name=new_password2]").fill(GUEST_PASSWORD)
    guest.get_by_role("button", name="Simpan kata sandi").click()
    expect(flash(guest)).to_contain_text("Kata sandi tersimpan. Silakan masuk.")


def curation(desk: Page, colleague: Page, guest: Page, key: str, app_key: str, mailoutbox):
    desk.goto(f"/kelola/program/{key}/")
    desk.get_by_role("link", name="Pendaftar ›").click()
    expect(desk).to_have_url(re.compile(rf"/kelola/kurasi/program/{key}/$"))
    expect(desk.locator("h1")).to_have_text(f"Pendaftar: {TITLE}")
    row = desk.locator("table.applicants tbody tr", has_text=BUSINESS)
    expect(row).to_contain_text("Memenuhi syarat")
    expect(row).to_contain_text("1/1 terpenuhi")
    expect(desk.locator("p.notice")).to_contain_text("Kuota 1 peserta: 0 terisi, 1 kosong.")
    desk.get_by_role("button", name="Mulai kurasi: masukkan ke tahap 1").click()
    expect(flash(desk)).to_contain_text("1 pendaftar masuk kurasi tahap 1.")
    expect(row).to_contain_text(f"Dalam kurasi · 1. {STAGE_1}")
    expect(desk.locator("#tahap-1")).to_contain_text("1 pendaftar di tahap ini")
    expect(desk.locator("#tahap-1")).to_contain_text("1 penilaian belum masuk (1 pendaftar)")

    # the outside panelist sets a password and logs in: nothing is in their stage yet
    guest_sets_password(guest, mailoutbox)
    log_in(guest, GUEST_EMAIL, GUEST_PASSWORD)
    expect(guest).to_have_url(re.compile(r"/kelola/kurasi/panel/$"))
    expect(guest.locator("main")).to_contain_text("Belum ada pendaftar di tahap kurasi Anda.")
    assert guest.goto(f"/kelola/kurasi/panel/{app_key}/").status == 404  # stage 1 is not theirs
    assert guest.goto(f"/kelola/kurasi/pendaftar/{app_key}/").status == 403  # officers' page

    # the colleague on the stage-1 panel follows the notice in their inbox
    log_in(colleague, "kurator.1871@uji.id")
    expect(colleague).to_have_url(re.compile(r"/kelola/target/$"))
    colleague.get_by_role("link", name=re.compile("Pemberitahuan")).click()
    notice = colleague.locator(".card", has_text=f"Anda menjadi panelis 1. {STAGE_1}")
    expect(notice).to_contain_text(TITLE)
    notice.get_by_role("button", name="Buka").click()
    panelist_scores(
        colleague,
        f"1. {STAGE_1}",
        {"Kelengkapan dokumen": "8", "Kesiapan produksi halal": "7"},
        "Dokumen lengkap; dapur produksi terpisah.",
    )

    # the officer sees the score and advances the best one to stage 2
    desk.reload()
    expect(desk.locator("#tahap-1")).to_contain_text("penilaian lengkap")
    expect(row).to_contain_text(re.compile(r"76[,.]67"))  # (2×8/10 + 1×7/10) / 3 × 100
    expect(row).to_contain_text("tahap 1, 1 penilaian")
    desk.locator("#tahap-1").get_by_label("Jumlah yang lolos ke tahap berikutnya").fill("1")
    desk.get_by_role("button", name="Loloskan peringkat teratas ke tahap berikutnya").click()
    expect(flash(desk)).to_contain_text("1 pendaftar lolos ke tahap berikutnya, 0 tidak lolos.")
    expect(row).to_contain_text(f"Dalam kurasi · 2. {STAGE_2}")
    colleague.reload()  # it left the colleague's stage
    expect(colleague.locator("main")).to_contain_text("Belum ada pendaftar di tahap kurasi Anda.")

    guest.goto("/kelola/kurasi/panel/")
    expect(guest.get_by_role("link", name="Panel kurasi")).to_be_visible()  # their menu
    panelist_scores(
        guest,
        f"2. {STAGE_2}",
        {"Komitmen mengikuti pendampingan": "90", "Mutu produk": "80"},
        "Siap mengikuti pendampingan PPH.",
    )

    # the officer finalises: the one finalist takes the one place
    desk.reload()
    expect(desk.locator("#tahap-2")).to_contain_text("penilaian lengkap")
    expect(row).to_contain_text(re.compile(r"87[,.]50"))  # (3×0.9 + 1×0.8) / 4 × 100
    expect(desk.locator("#finalisasi")).to_contain_text("mengisi 1 tempat kosong")
    desk.get_by_role("button", name="Finalisasi seleksi").click()
    expect(flash(desk)).to_contain_text(
        "Seleksi selesai: 1 terpilih, 0 daftar tunggu, 0 tidak terpilih."
    )
    expect(row.locator(".badge")).to_have_text("Terpilih")
    expect(desk.locator("p.notice")).to_contain_text("Kuota 1 peserta: 1 terisi, 0 kosong.")

    # the application page keeps both stages' reviews
    row.get_by_role("link", name=BUSINESS).click()
    reviews = desk.locator("section.card", has=desk.locator(".review"))
    expect(reviews).to_have_count(2)
    expect(reviews.nth(0)).to_contain_text("Kelengkapan dokumen: 8/10")
    expect(reviews.nth(1)).to_contain_text(GUEST_NAME)
    expect(reviews.nth(1)).to_contain_text("Komitmen mengikuti pendampingan: 90/100")


# --- 4. delivery and the outcome ----------------------------------------------------------


def delivery(desk: Page, key: str, today: dt.date) -> None:
    desk.goto(f"/kelola/kurasi/program/{key}/")
    desk.get_by_role("link", name="Pelaksanaan", exact=True).click()
    expect(desk).to_have_url(re.compile(rf"/kelola/pelaksanaan/{key}/$"))
    expect(desk.locator("h1")).to_have_text(TITLE)
    card = desk.locator("section.participant", has_text=BUSINESS)
    expect(card.locator(".badge")).to_have_text("Terpilih")
    desk.get_by_role("button", name="Mulai program (1 terpilih menjadi peserta)").click()
    expect(flash(desk)).to_contain_text("Peserta terpilih kini berstatus peserta.")
    expect(card.locator(".badge")).to_have_text("Peserta")

    # one session with its attendance
    desk.locator("summary", has_text="Tambah sesi").click()
    desk.fill("#id_new_title", "Pendampingan proses produk halal (PPH)")
    desk.fill("#id_new_starts_at", f"{today.isoformat()}T09:00")
    desk.fill("#id_new_place", "Aula Dinas Perindustrian")
    desk.get_by_role("button", name="Tambah sesi", exact=True).click()
    expect(flash(desk)).to_contain_text("Sesi ditambahkan.")
    session = desk.locator("section.card", has_text="Pendampingan proses produk halal")
    expect(session).to_contain_text("hadir 0 dari 0 dicatat")
    session.get_by_label(BUSINESS).check()
    session.get_by_role("button", name="Simpan kehadiran").click()
    expect(flash(desk)).to_contain_text("Kehadiran disimpan.")
    expect(session).to_contain_text("hadir 1 dari 1 dicatat")

    card.get_by_role("button", name="Nyatakan selesai").click()
    expect(flash(desk)).to_contain_text("Peserta selesai; tindak lanjut 3, 6 dan 12 bulan")
    expect(card.locator(".badge").first).to_have_text("Selesai")
    expect(card).to_contain_text("3 bulan")

    card.locator("summary", has_text="Catat hasil").click()
    card.get_by_label("Jenis hasil").select_option("certificate")
    card.get_by_label("Nomor sertifikat").fill(CERTIFICATE)
    card.get_by_label("Tanggal terbit").fill(today.isoformat())
    card.get_by_role("button", name="Simpan hasil").click()
    expect(flash(desk)).to_contain_text("Hasil dicatat dan pemilik usaha diberi tahu.")
    expect(card.locator("ul.outcomes")).to_contain_text(f"Sertifikat terbit {CERTIFICATE}")


# --- 5. the owner sees it -----------------------------------------------------------------


def owner_sees_outcome(phone: Page, tmp_path: Path) -> None:
    menu = phone.get_by_role("navigation", name="Menu utama")
    menu.get_by_role("link", name="Program saya").click()
    expect(phone).to_have_url(re.compile(r"/usaha/program/$"))
    card = phone.locator("article.application", has_text=TITLE)
    expect(card.locator(".badge").first).to_have_text("Selesai")
    expect(card.locator("ul.outcomes")).to_contain_text("Sertifikat terbit")
    expect(card.locator("ul.outcomes")).to_contain_text(f"No. {CERTIFICATE}")
    expect(card.locator(".follow-ups")).to_contain_text("3 bulan setelah program")
    assert no_overflow_at_phone(phone)
    shot(phone, tmp_path, "ponsel-program-saya.png")

    menu.get_by_role("link", name=re.compile("Pemberitahuan")).click()
    inbox = phone.locator("main")
    for status in ("Memenuhi syarat", "Dalam kurasi", "Terpilih", "Peserta", "Selesai"):
        expect(inbox.locator(".card", has_text=f"{TITLE}: {status}").first).to_be_visible()
    expect(inbox).to_contain_text(f"{TITLE}: hasil dicatat — Sertifikat terbit")
    assert no_overflow_at_phone(phone)
    shot(phone, tmp_path, "ponsel-program-pemberitahuan.png")


def test_halal_call_from_setup_to_outcome(
    new_page, verified_enterprise, curator, mailoutbox, tmp_path
):
    from simpul.programmes.models import Application

    today = timezone.localdate()
    desk = new_page(DESKTOP)
    key = officer_creates_call(desk, curator, today)

    phone = new_page(PHONE)
    app_key = owner_applies(phone, tmp_path)

    curation(desk, new_page(DESKTOP), new_page(DESKTOP), key, app_key, mailoutbox)
    delivery(desk, key, today)
    owner_sees_outcome(phone, tmp_path)

    application = Application.objects.get(public_key=app_key)
    assert application.status == "completed"
    assert application.programme.kind == "cert_halal" and application.programme.quota == 1
    assert application.documents.count() == 1
    outcome = application.outcomes.get()
    assert outcome.certificate_number == CERTIFICATE and outcome.issued_on == today
