"""Write a demo plan through the registry services, so that every demo enterprise carries
the same audit history as a real one: who created it, from which channel, every status
change with its reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from simpul.accounts.models import User
from simpul.accounts.services import owner_sign_up
from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.kbli.models import Kbli
from simpul.regions.models import Region
from simpul.registry import services
from simpul.registry.models import Enterprise, Sentra

from .clock import SimClock
from .lampung import INDUSTRY_BY_KEY, SENTRA, SentraSpec
from .plan import EnterpriseSpec
from .timeline import STAFF_JOINED

MINUTE = dt.timedelta(minutes=1)


@dataclass
class BuildContext:
    clock: SimClock
    officers: dict[str, User]  # regency code → the Dinas officer who handles it
    kbli: dict[str, Kbli]
    villages: dict[str, Region]
    sentra: list[Sentra] = field(default_factory=list)
    owner_users: dict[str, User] = field(default_factory=dict)  # login phone → account
    joined: dict[int, dt.datetime] = field(default_factory=dict)  # user id → sign-up


def create_sentra(ctx: BuildContext) -> None:
    for index, spec in enumerate(SENTRA):
        ctx.clock.set(STAFF_JOINED + dt.timedelta(days=14 + index))
        sentra = services.sentra_create(
            provenance=Provenance(actor=ctx.officers[spec.village[:5]]),
            name=spec.name,
            commodity=spec.commodity,
            village=ctx.villages[spec.village],
            kbli=ctx.kbli[_sentra_kbli(spec)],
            managing_body=spec.managing_body,
        )
        ctx.sentra.append(sentra)


def _sentra_kbli(spec: SentraSpec) -> str:
    return INDUSTRY_BY_KEY[spec.industry].products[spec.product].kbli


def _resolve(ctx: BuildContext, fields: dict[str, Any]) -> dict[str, Any]:
    """Codes in the plan → the rows the services expect."""
    resolved = dict(fields)
    if "kbli" in resolved:
        resolved["kbli"] = ctx.kbli[resolved["kbli"]]
    if "village" in resolved:
        resolved["village"] = ctx.villages[resolved["village"]]
    return resolved


def _account(ctx: BuildContext, spec: EnterpriseSpec) -> User:
    """A self-registering owner signs up (by phone) a few minutes before the first form."""
    user = ctx.owner_users.get(spec.account_phone)
    if user is None:
        ctx.clock.set(spec.timeline.created - 3 * MINUTE)
        email = spec.owner.email if spec.owner and spec.owner.email else None
        # No password: these owners are not demo logins (only the demo owner is).
        user = owner_sign_up(
            full_name=spec.owner_name, email=email, phone=spec.account_phone, password=None
        )
        ctx.owner_users[spec.account_phone] = user
        ctx.joined[user.pk] = spec.timeline.created - 3 * MINUTE
    return user


def _provenance(ctx: BuildContext, spec: EnterpriseSpec) -> Provenance:
    if spec.self_registered:
        return Provenance(actor=_account(ctx, spec), source=Source.SELF_REGISTRATION)
    return Provenance(actor=ctx.officers[spec.regency], source=Source.OFFICER)


def _create(ctx: BuildContext, spec: EnterpriseSpec, by: Provenance) -> Enterprise:
    fields = _resolve(ctx, spec.fields)
    if spec.sentra is not None:
        fields["sentra"] = ctx.sentra[spec.sentra]
    ctx.clock.set(spec.timeline.created)
    enterprise = services.enterprise_create_draft(
        provenance=by, name=fields.pop("name"), legal_form=fields.pop("legal_form"), **fields
    )
    if spec.owner is not None and not enterprise.owner.nik_hash:
        ctx.clock.set(spec.timeline.created + 2 * MINUTE)
        o = spec.owner
        enterprise.owner = services.owner_save(
            owner=enterprise.owner,
            provenance=by,
            full_name=o.full_name,
            nik=o.nik,
            gender=o.gender,
            birth_date=o.birth_date,
            phone=o.phone,
            email=o.email,
        )
    return enterprise


def _revision_round(
    ctx: BuildContext,
    spec: EnterpriseSpec,
    enterprise: Enterprise,
    by: Provenance,
    officer: Provenance,
) -> Enterprise:
    t = spec.timeline
    ctx.clock.set(t.revision_requested)
    enterprise = services.enterprise_request_revision(
        enterprise=enterprise, provenance=officer, reason=spec.cycle_reason
    )
    ctx.clock.set(t.resubmitted - 5 * MINUTE)
    enterprise = services.enterprise_update(
        enterprise=enterprise, provenance=by, data=_resolve(ctx, spec.fix)
    )
    ctx.clock.set(t.resubmitted)
    return services.enterprise_submit(enterprise=enterprise, provenance=by)


def _decide(enterprise: Enterprise, spec: EnterpriseSpec, officer: Provenance) -> Enterprise:
    if spec.status == "verified":
        return services.enterprise_verify(enterprise=enterprise, provenance=officer)
    if spec.status == "needs_revision":
        return services.enterprise_request_revision(
            enterprise=enterprise, provenance=officer, reason=spec.reason
        )
    return services.enterprise_reject(enterprise=enterprise, provenance=officer, reason=spec.reason)


def build_enterprise(ctx: BuildContext, spec: EnterpriseSpec) -> Enterprise:
    by = _provenance(ctx, spec)
    officer = Provenance(actor=ctx.officers[spec.regency], source=Source.OFFICER)
    enterprise = _create(ctx, spec, by)
    t = spec.timeline
    if t.submitted is None:
        return enterprise
    ctx.clock.set(t.submitted)
    enterprise = services.enterprise_submit(enterprise=enterprise, provenance=by)
    if spec.cycle_reason:
        enterprise = _revision_round(ctx, spec, enterprise, by, officer)
    if t.decided is None:
        return enterprise
    ctx.clock.set(t.decided)
    return _decide(enterprise, spec, officer)


def backdate_accounts(ctx: BuildContext, staff: list[User]) -> None:
    """`date_joined` takes its default before the clock is steered; set it to match."""
    users = list(User.objects.filter(pk__in=[u.pk for u in staff] + list(ctx.joined)))
    for user in users:
        user.date_joined = ctx.joined.get(user.pk, STAFF_JOINED)
    User.objects.bulk_update(users, ["date_joined"], batch_size=500)
