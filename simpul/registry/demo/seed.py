"""Seed a believable Lampung registry: offices, staff, sentra and enterprises in every
status, all written through the services inside one transaction."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from simpul.kbli.models import Kbli
from simpul.regions.models import Region
from simpul.registry.models import Enterprise

from .builder import BuildContext, backdate_accounts, build_enterprise, create_sentra
from .clock import SimClock, simulated_time, without_savepoints
from .lampung import KBLI_CODES, PROVINCE_CODE, REGENCIES, SENTRA
from .offices import create_staff, set_demo_password
from .plan import DemoPlan, RegionIndex, Village, build_plan
from .timeline import STAFF_JOINED

DEFAULT_SEED = 2026
DEFAULT_ENTERPRISES = 2000


class DemoNotReady(Exception):
    """Reference data the demo needs is missing; the message says which command loads it."""


@dataclass(frozen=True)
class SeedResult:
    enterprises: int
    seconds: float


def check_reference_data() -> None:
    regencies = Region.objects.filter(code__in=list(REGENCIES)).count()
    sentra_villages = Region.objects.filter(code__in=[s.village for s in SENTRA]).count()
    if regencies < len(REGENCIES) or sentra_villages < len(SENTRA):
        raise DemoNotReady(
            _("Data wilayah Lampung belum dimuat. Jalankan dulu: simpul load_regions")
        )
    found = set(Kbli.objects.filter(code__in=KBLI_CODES).values_list("code", flat=True))
    missing = sorted(set(KBLI_CODES) - found)
    if missing:
        raise DemoNotReady(
            _(
                "Data KBLI belum dimuat (kode %(codes)s tidak ada). Jalankan dulu: "
                "simpul load_kbli --builtin"
            )
            % {"codes": ", ".join(missing[:5])}
        )


def region_index() -> RegionIndex:
    prefix = PROVINCE_CODE + "."
    districts = dict(
        Region.objects.filter(level=Region.Level.DISTRICT, code__startswith=prefix)
        .order_by("code")
        .values_list("code", "name")
    )
    villages: dict[str, list[Village]] = {code: [] for code in REGENCIES}
    rows = (
        Region.objects.filter(level=Region.Level.VILLAGE, code__startswith=prefix)
        .order_by("code")
        .values_list("code", "name")
    )
    for code, name in rows:
        if code[:5] in villages:
            villages[code[:5]].append(Village(code, name, code[:8]))
    return RegionIndex({k: tuple(v) for k, v in villages.items()}, districts)


def _context(clock: SimClock, plan: DemoPlan, officers: dict) -> BuildContext:
    specs = plan.enterprises + plan.demo_enterprises
    village_codes = {s.fields["village"] for s in specs if "village" in s.fields}
    village_codes |= {s.village for s in SENTRA}
    return BuildContext(
        clock=clock,
        officers=officers,
        kbli=Kbli.objects.in_bulk(KBLI_CODES),
        villages=Region.objects.in_bulk(sorted(village_codes)),
    )


def seed_demo(*, seed: int = DEFAULT_SEED, enterprises: int = DEFAULT_ENTERPRISES) -> SeedResult:
    started = time.monotonic()
    check_reference_data()
    plan = build_plan(random.Random(seed), enterprises, region_index())
    regencies = list(Region.objects.filter(code__in=list(REGENCIES)).order_by("code"))
    clock = SimClock(STAFF_JOINED)
    with simulated_time(clock), transaction.atomic(), without_savepoints():
        staff = create_staff(random.Random(f"{seed}-staff"), regencies)
        ctx = _context(clock, plan, staff.officers)
        create_sentra(ctx)
        # In time order, so ids grow with registration dates as they would in real life.
        specs = sorted(plan.enterprises + plan.demo_enterprises, key=lambda s: s.timeline.created)
        for spec in specs:
            build_enterprise(ctx, spec)
        demo_owner = ctx.owner_users[plan.demo_owner.phone]
        set_demo_password([*staff.accounts, demo_owner])
        backdate_accounts(ctx, staff.accounts)
    return SeedResult(enterprises=Enterprise.objects.count(), seconds=time.monotonic() - started)
