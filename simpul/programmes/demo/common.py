"""What the programme and partnership demo seeds share: who acts, the steered clock,
quiet e-mail, days counted back from the seeding day, and made-up documents.

Programme calls must be open on the day someone runs `make run`, so these seeds count
their dates back from *today* (the registry seed counts from a fixed reference date);
the same seed still gives the same people, scores and decisions on any day."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from simpul.accounts.models import Office, User
from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.registry.demo.clock import SimClock, simulated_time, without_savepoints
from simpul.registry.demo.lampung import PROVINCE_CODE
from simpul.registry.demo.offices import DEMO_DOMAIN, email_tag
from simpul.registry.demo.plan import DEMO_OWNER_EMAIL
from simpul.registry.demo.timeline import JAKARTA
from simpul.registry.models import Enterprise

from ..models import Programme
from ..services import setup_rules

CITY = "18.71"  # Kota Bandar Lampung
PANELIST_EMAIL = f"panelis.bi@{DEMO_DOMAIN}"
PANELIST_NAME = "Rina Kartika Dewi"


@dataclass
class Cast:
    """The demo's offices and the people who act in programmes and partnerships."""

    offices: dict[str, Office]  # jurisdiction → office ("18", "18.71", …)
    officers: dict[str, User]  # jurisdiction → its officer
    admins: dict[str, User]

    @property
    def province(self) -> Office:
        return self.offices[PROVINCE_CODE]


def load_cast() -> Cast:
    """The offices and staff the registry demo created (it runs first)."""
    offices = {
        o.jurisdiction_code: o
        for o in Office.objects.filter(code__startswith=f"dinas-{PROVINCE_CODE}")
    }
    staff = {u.email: u for u in User.objects.filter(office__in=offices.values())}
    officers, admins = {}, {}
    for code in offices:
        tag = email_tag(code)
        officers[code] = staff[f"petugas.{tag}@{DEMO_DOMAIN}"]
        admins[code] = staff[f"admin.{tag}@{DEMO_DOMAIN}"]
    return Cast(offices, officers, admins)


def by(user: User) -> Provenance:
    """The provenance a page would record for this user (as `core.views.provenance_for`)."""
    source = Source.SELF_REGISTRATION if user.is_owner else Source.OFFICER
    return Provenance(actor=user, source=source)


class _Silent:
    """Stands in for a task: demo messages go to the in-app inbox only."""

    def enqueue(self, *args, **kwargs) -> None:
        return None


@contextmanager
def seeding(clock: SimClock) -> Iterator[SimClock]:
    """Services run at the clock's time, in one transaction without savepoints (see
    `simpul.registry.demo.clock`), and send no e-mail: the demo's owners, panelists and
    partner contacts are nobody's real inbox, and hundreds of queued messages would only
    keep the worker writing files after the first `make run`. Inbox rows stay, so the
    demo accounts see their notifications. The patches wrap the transaction, so they are
    still in place at the commit, when the services' on-commit mail callbacks run."""
    with (
        simulated_time(clock),
        mock.patch("simpul.notifications.tasks.email_notification", _Silent()),
        mock.patch("simpul.partnerships.services.partners.send_partner_invite", _Silent()),
        mock.patch("simpul.programmes.services.setup_stages._send_invitation", lambda *a: None),
        transaction.atomic(),
        without_savepoints(),
    ):
        yield clock


@dataclass
class Days:
    """Moments counted back from the seeding day, never later than the real now."""

    today: dt.date
    now: dt.datetime
    clock: SimClock
    rng: random.Random

    @classmethod
    def starting(cls, rng: random.Random) -> Days:
        now = timezone.now()
        clock = SimClock(now)
        return cls(today=timezone.localdate(now), now=now, clock=clock, rng=rng)

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def moment(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        at = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=JAKARTA)
        # Something planned for later today happens, in the demo, a minute ago.
        return min(at, self.now - dt.timedelta(minutes=1))

    def office_hours(self, day: dt.date) -> dt.datetime:
        return self.moment(day, self.rng.randint(8, 15), self.rng.randint(0, 59))

    def any_hour(self, day: dt.date) -> dt.datetime:
        return self.moment(day, self.rng.randint(6, 21), self.rng.randint(0, 59))

    def ready(self, enterprise: Enterprise) -> dt.date:
        """The first day an owner or officer would act on the enterprise's registration:
        the day after it was verified (or submitted, or created)."""
        moment = enterprise.verified_at or enterprise.submitted_at or enterprise.created_at
        return moment.astimezone(JAKARTA).date() + dt.timedelta(days=1)

    def at(self, moment: dt.datetime) -> dt.datetime:
        """Set the clock (services stamp this time) and return it."""
        self.clock.set(moment)
        return moment

    def on(self, day: dt.date, *, office: bool = True) -> dt.date:
        """Set the clock to a time on `day` (office hours, or whenever owners have signal)."""
        self.at(self.office_hours(day) if office else self.any_hour(day))
        return day


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(JAKARTA).date()


def verified_before(moment: dt.datetime, *, prefixes: tuple[str, ...] = ()) -> list[Enterprise]:
    """Verified Lampung IKM whose verification came before `moment`, by id."""
    rows = Enterprise.objects.filter(
        province_code=PROVINCE_CODE, status="verified", verified_at__lt=moment
    ).select_related("owner__user", "kbli")
    rows = rows.order_by("id")
    return [e for e in rows if not prefixes or (e.kbli_id or "").startswith(prefixes)]


def owner_account(enterprise: Enterprise) -> User | None:
    """The owner's login, when the owner registered themselves (others cannot apply)."""
    user = enterprise.owner.user if enterprise.owner else None
    return user if user is not None and user.is_active and user.is_owner else None


def is_demo_owners(enterprise: Enterprise) -> bool:
    return enterprise.owner is not None and enterprise.owner.email == DEMO_OWNER_EMAIL


def _font(size: int):
    return ImageFont.load_default(size=size)


def document(title: str, lines: list[str], fmt: str = "PDF") -> bytes:
    """A small page as an applicant would scan it (PDF) or photograph it (JPEG): the
    document's title and a few lines, drawn with Pillow. Clearly an illustration."""
    image = Image.new("RGB", (420, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 411, 291), outline=(60, 60, 60), width=2)
    draw.text((24, 24), title, font=_font(20), fill=(20, 20, 20))
    for index, line in enumerate(lines):
        draw.text((24, 70 + 26 * index), line, font=_font(15), fill=(50, 50, 50))
    draw.text((24, 262), "CONTOH DATA DEMO", font=_font(12), fill=(150, 30, 30))
    out = io.BytesIO()
    if fmt == "PDF":
        image.save(out, "PDF", resolution=72)
    else:
        image.save(out, "JPEG", quality=80)
    return out.getvalue()


def monthly_sales(rng: random.Random, enterprise: Enterprise, growth: tuple[float, float]) -> int:
    """Monthly sales after a programme: this year's monthly average grown a little,
    rounded to Rp 50.000 (owners report round figures)."""
    base = max(enterprise.annual_sales // 12, 1_500_000)
    return max(50_000, round(base * rng.uniform(*growth) / 50_000) * 50_000)


def workforce(enterprise: Enterprise) -> int:
    return enterprise.workers_male + enterprise.workers_female + enterprise.workers_unspecified


def add_questions(
    actor: Provenance, programme: Programme, specs: dict[str, dict]
) -> dict[str, int]:
    """Ask each question through the setup service; returns each key's question id."""
    return {
        key: setup_rules.question_add(provenance=actor, programme=programme, **spec).pk
        for key, spec in specs.items()
    }
