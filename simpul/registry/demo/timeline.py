"""When each demo registration was created, submitted and decided.

All times count back from a fixed reference date, never from "now", so the same seed gives
the same history on any day; the verification queue still looks like the past few weeks of
work as of that date. Officers act in office hours, owners whenever they have signal."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")
REFERENCE = dt.datetime(2026, 11, 1, tzinfo=JAKARTA)
STAFF_JOINED = dt.datetime(2019, 11, 1, 9, 0, tzinfo=JAKARTA)

# Share of today's verified IKM verified in each year. 2020 holds the offices' first data
# collection drive (the old paper and spreadsheet lists entered at once); after it the
# verified stock grows 9 % (2021, the pandemic), 12 %, 16 %, 14 %, 13 % and 11 % by the
# reference date in 2026, close to the province's 14 % target, so the dashboard has a
# believable trend to show against it.
VERIFIED_BY_YEAR = {
    2020: 49.4,
    2021: 4.44,
    2022: 6.46,
    2023: 9.65,
    2024: 9.79,
    2025: 10.37,
    2026: 9.91,
}

STATUSES = ("verified", "submitted", "needs_revision", "rejected", "draft")
STATUS_WEIGHTS = (68, 13, 6, 4, 9)
REVISION_CYCLE_SHARE = 0.08  # verified ones that were sent back once before


@dataclass(frozen=True)
class Timeline:
    created: dt.datetime
    submitted: dt.datetime | None = None
    revision_requested: dt.datetime | None = None  # an earlier round sent back for fixes
    resubmitted: dt.datetime | None = None
    decided: dt.datetime | None = None


def at(rng: random.Random, days_ago: int, *, office: bool) -> dt.datetime:
    day = REFERENCE.date() - dt.timedelta(days=days_ago)
    hour = rng.randint(8, 15) if office else rng.randint(6, 21)
    return dt.datetime.combine(
        day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)), tzinfo=JAKARTA
    )


def _verified_days_ago(rng: random.Random) -> int:
    """A decision day: the year by VERIFIED_BY_YEAR, then any day of it up to two days
    before the reference date."""
    year = rng.choices(list(VERIFIED_BY_YEAR), weights=list(VERIFIED_BY_YEAR.values()))[0]
    first = dt.date(year, 1, 6)
    last = min(dt.date(year, 12, 28), REFERENCE.date() - dt.timedelta(days=2))
    day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    return (REFERENCE.date() - day).days


def _created_before(
    rng: random.Random, submitted: dt.datetime, *, self_registered: bool
) -> dt.datetime:
    if self_registered:  # owners fill the form over a few sittings
        return submitted - dt.timedelta(minutes=rng.randint(15, 4 * 24 * 60))
    return submitted - dt.timedelta(minutes=rng.randint(10, 90))


def draw_timeline(
    rng: random.Random, status: str, *, self_registered: bool, cycle: bool = False
) -> Timeline:
    office = not self_registered
    if status == "draft":
        return Timeline(created=at(rng, rng.randint(1, 90), office=office))
    if status == "submitted":
        # The queue: waiting between a day and six weeks.
        submitted = at(rng, rng.randint(1, 42), office=office)
        created = _created_before(rng, submitted, self_registered=self_registered)
        return Timeline(created=created, submitted=submitted)
    if status == "verified":
        decided_ago = _verified_days_ago(rng)
    elif status == "needs_revision":
        decided_ago = rng.randint(1, 60)
    else:
        decided_ago = rng.randint(3, 240)
    decided = at(rng, decided_ago, office=True)
    first_ago = decided_ago + rng.randint(1, 12)
    revision = resubmitted = None
    if cycle:
        resubmitted_ago = decided_ago + rng.randint(1, 7)
        revision_ago = resubmitted_ago + rng.randint(1, 10)
        first_ago = revision_ago + rng.randint(1, 6)
        revision = at(rng, revision_ago, office=True)
        resubmitted = at(rng, resubmitted_ago, office=office)
    submitted = at(rng, first_ago, office=office)
    created = _created_before(rng, submitted, self_registered=self_registered)
    return Timeline(
        created=created,
        submitted=submitted,
        revision_requested=revision,
        resubmitted=resubmitted,
        decided=decided,
    )


REVISION_REASONS = (
    "Jumlah tenaga kerja tidak sesuai dengan hasil kunjungan lapangan; mohon diperbarui.",
    "Alamat belum lengkap: cantumkan RT/RW dan patokan terdekat.",
    "KBLI belum sesuai dengan produk utama; mohon pilih kelompok KBLI yang tepat.",
    "NIB sudah terbit di OSS tetapi belum dicantumkan; mohon dilengkapi.",
    "Nilai investasi tampaknya termasuk tanah dan bangunan; isi tanpa tanah dan bangunan.",
    "Omzet per tahun tidak wajar dibanding kapasitas produksi; mohon diperiksa kembali.",
    "Nama usaha berbeda dengan yang tertulis di NIB; mohon disamakan.",
)
REJECTION_REASONS = (
    "Data ganda: usaha ini sudah terdaftar atas pemilik yang sama.",
    "Bukan usaha industri: kegiatan utamanya perdagangan (toko kelontong).",
    "Usaha sudah tidak beroperasi saat dikunjungi petugas.",
    "Lokasi usaha berada di luar wilayah kabupaten/kota ini.",
    "Pemilik tidak dapat dihubungi dan alamat tidak ditemukan saat verifikasi lapangan.",
)
