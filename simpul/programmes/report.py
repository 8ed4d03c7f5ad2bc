"""The per-programme report: the applicant funnel, who took part (by regency, desa vs
kelurahan, women-owned), the budget used, outcomes, attendance, tests and follow-ups.

Definitions (shown with the figures, on screen and in the XLSX):
- eligible = passed the eligibility check; selected = got a place of the quota at some
  point; dropped = left after getting a place, withdrawn = left before (both are the
  DROPPED status: the audit trail tells them apart);
- participants = applications now PARTICIPATING or COMPLETED;
- desa/kelurahan from the enterprise's village code: 4th part starting 2 = desa,
  1 = kelurahan (Kemendagri);
- women-owned = the owner's recorded sex is P; share = women-owned ÷ participants;
- budget used = Σ reimbursement paid for machines (the only spending recorded per
  participant); remaining = budget − used (negative when overspent);
- sales change of a follow-up = its monthly sales − the enterprise's yearly sales ÷ 12 as
  recorded when it applied (read back from the audit trail)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import timezone

from simpul.core.models import ChangeRecord
from simpul.core.numbers import ONE_DECIMAL, percent
from simpul.regions.models import Region

from .choices import QUOTA_STATUSES, RECEIVED_STATUSES, ApplicationStatus, OutcomeKind
from .models import Application, FollowUp, Outcome, Programme

S = ApplicationStatus
NOT_CHECKED = (S.APPLIED, S.INELIGIBLE)
DESA, KELURAHAN, UNKNOWN = "desa", "kelurahan", "unknown"


def mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def rupiah_mean(values: list[int]) -> int | None:
    """Mean of Rupiah amounts, rounded half-up to whole Rupiah."""
    if not values:
        return None
    return int((Decimal(sum(values)) / len(values)).quantize(Decimal(1), ROUND_HALF_UP))


def area_kind(village_code: str | None) -> str:
    """`18.71.01.1001` → kelurahan, `18.04.01.2001` → desa (DESIGN.md §5)."""
    parts = (village_code or "").split(".")
    last = parts[3] if len(parts) == 4 else ""
    return {"1": KELURAHAN, "2": DESA}.get(last[:1], UNKNOWN)


@dataclass
class Counts:
    applicants: int
    eligible: int
    selected: int
    participants: int
    completed: int
    dropped: int  # left after getting a place
    withdrawn: int  # withdrew before getting a place


@dataclass
class OutcomeTotals:
    by_kind: dict[str, int]  # kind → number of outcomes
    certificates: int
    machine_value: int
    reimbursement: int
    contract_value: int
    shops: int


@dataclass
class SessionAttendance:
    title: str
    starts_at: dt.datetime
    present: int
    recorded: int
    rate: Decimal | None


@dataclass
class FollowUpTotals:
    scheduled: int
    done: int
    due: int  # past or at its date and not yet reported
    mean_sales_change: int | None  # Rupiah per month, over the reported follow-ups
    sales_change: dict[int, int] = field(default_factory=dict)  # follow-up pk → change


@dataclass
class ProgrammeReport:
    programme: Programme
    today: dt.date
    counts: Counts
    by_regency: list[tuple[str, int]]  # (regency name, participants), most first
    by_area: dict[str, int]  # desa / kelurahan / unknown → participants
    women_owned: int
    women_share: Fraction | None
    women_percent: Decimal | None
    budget: int
    budget_used: int
    budget_remaining: int
    outcomes: OutcomeTotals
    attendance: list[SessionAttendance]
    pre_test_mean: Decimal | None
    post_test_mean: Decimal | None
    gain_mean: Decimal | None  # over participants with both scores
    follow_ups: FollowUpTotals
    applications: list[Application]
    outcome_rows: list[Outcome]
    follow_up_rows: list[FollowUp]
    regency_names: dict[str, str]


def statuses_reached(applications: list[Application]) -> dict[int, set[str]]:
    """Application pk → every status it was moved to, read from the audit trail; used for
    dropped applications, since a drop may be a withdrawal before any selection."""
    ids = {str(a.pk): a.pk for a in applications}
    reached: dict[int, set[str]] = {pk: set() for pk in ids.values()}
    records = ChangeRecord.objects.filter(
        entity="programmes.application", entity_id__in=list(ids), action="status_changed"
    ).values_list("entity_id", "changes")
    for entity_id, changes in records:
        reached[ids[entity_id]].add((changes.get("status") or [None, None])[1])
    return reached


def _counts(applications: list[Application]) -> Counts:
    status = Counter(a.status for a in applications)
    dropped = [a for a in applications if a.status == S.DROPPED]
    reached = statuses_reached(dropped) if dropped else {}
    had_place = sum(1 for a in dropped if S.SELECTED in reached[a.pk])
    checked = sum(1 for a in dropped if reached[a.pk] - {*NOT_CHECKED, S.DROPPED})
    return Counts(
        applicants=len(applications),
        eligible=sum(n for s, n in status.items() if s not in (*NOT_CHECKED, S.DROPPED)) + checked,
        selected=sum(status[s] for s in QUOTA_STATUSES) + had_place,
        participants=sum(status[s] for s in RECEIVED_STATUSES),
        completed=status[S.COMPLETED],
        dropped=had_place,
        withdrawn=len(dropped) - had_place,
    )


def _outcome_totals(outcomes: list[Outcome]) -> OutcomeTotals:
    def total(name: str) -> int:
        return sum(getattr(o, name) or 0 for o in outcomes)

    kinds = Counter(o.kind for o in outcomes)
    return OutcomeTotals(
        by_kind={k: kinds[k] for k in OutcomeKind.values},
        certificates=kinds[OutcomeKind.CERTIFICATE],
        machine_value=total("machine_value"),
        reimbursement=total("reimbursement_value"),
        contract_value=total("contract_value"),
        shops=kinds[OutcomeKind.MARKETPLACE_SHOP],
    )


def _attendance(programme: Programme) -> list[SessionAttendance]:
    rows = []
    for session in programme.sessions.prefetch_related("attendance"):
        marks = list(session.attendance.all())
        present = sum(1 for m in marks if m.present)
        rows.append(
            SessionAttendance(
                session.title, session.starts_at, present, len(marks), percent(present, len(marks))
            )
        )
    return rows


def sales_at_application(applications: list[Application]) -> dict[int, int]:
    """Application pk → the enterprise's yearly sales when it applied: the value before
    the first later change of `annual_sales` in the audit trail, else today's value."""
    by_enterprise = {str(a.enterprise_id): a for a in applications}
    later = ChangeRecord.objects.filter(
        entity="registry.enterprise",
        entity_id__in=list(by_enterprise),
        changes__has_key="annual_sales",
    ).order_by("created_at", "id")
    result = {a.pk: a.enterprise.annual_sales for a in applications}
    seen = set()
    for record in later:
        application = by_enterprise[record.entity_id]
        if record.created_at > application.applied_at and application.pk not in seen:
            seen.add(application.pk)
            result[application.pk] = int(record.changes["annual_sales"][0] or 0)
    return result


def _follow_up_totals(
    follow_ups: list[FollowUp], applications: list[Application], today: dt.date
) -> FollowUpTotals:
    done = [f for f in follow_ups if f.done_on is not None]
    baseline = sales_at_application([f.application for f in done]) if done else {}
    changes = {
        f.pk: f.monthly_sales - _monthly(baseline[f.application_id])
        for f in done
        if f.monthly_sales is not None
    }
    return FollowUpTotals(
        scheduled=len(follow_ups),
        done=len(done),
        due=sum(1 for f in follow_ups if f.done_on is None and f.due_on <= today),
        mean_sales_change=rupiah_mean(list(changes.values())),
        sales_change=changes,
    )


def _monthly(yearly: int) -> int:
    """Yearly sales ÷ 12, rounded half-up to whole Rupiah."""
    return int((Decimal(yearly) / 12).quantize(Decimal(1), ROUND_HALF_UP))


def _tests(participants: list[Application]) -> tuple[Decimal | None, ...]:
    pre = [a.pre_test for a in participants if a.pre_test is not None]
    post = [a.post_test for a in participants if a.post_test is not None]
    gains = [
        a.post_test - a.pre_test
        for a in participants
        if a.pre_test is not None and a.post_test is not None
    ]
    return mean(pre), mean(post), mean(gains)


def _regency_names(codes: set[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def programme_report(*, programme: Programme) -> ProgrammeReport:
    """Every figure of the report, computed from the programme's rows (bounded by its
    applications; a programme has at most a few thousand)."""
    today = timezone.localdate()
    applications = list(
        programme.applications.select_related("enterprise__owner", "enterprise__village")
        .prefetch_related("outcomes")
        .order_by("enterprise__name", "id")
    )
    participants = [a for a in applications if a.status in RECEIVED_STATUSES]
    names = _regency_names({a.enterprise.regency_code for a in applications})
    regencies = Counter(names.get(a.enterprise.regency_code, "–") for a in participants)
    areas = Counter(area_kind(a.enterprise.village_id) for a in participants)
    women = sum(1 for a in participants if a.enterprise.owner and a.enterprise.owner.gender == "P")
    outcomes = [o for a in applications for o in a.outcomes.all()]
    totals = _outcome_totals(outcomes)
    follow_ups = list(
        FollowUp.objects.filter(application__programme=programme)
        .select_related("application__enterprise")
        .order_by("due_on", "application__enterprise__name", "id")
    )
    pre, post, gain = _tests(participants)
    return ProgrammeReport(
        programme=programme,
        today=today,
        counts=_counts(applications),
        by_regency=sorted(regencies.items(), key=lambda kv: (-kv[1], kv[0])),
        by_area={k: areas[k] for k in (DESA, KELURAHAN, UNKNOWN)},
        women_owned=women,
        women_share=Fraction(women, len(participants)) if participants else None,
        women_percent=percent(women, len(participants)),
        budget=programme.budget,
        budget_used=totals.reimbursement,
        budget_remaining=programme.budget - totals.reimbursement,
        outcomes=totals,
        attendance=_attendance(programme),
        pre_test_mean=pre,
        post_test_mean=post,
        gain_mean=gain,
        follow_ups=_follow_up_totals(follow_ups, applications, today),
        applications=applications,
        outcome_rows=sorted(outcomes, key=lambda o: (o.recorded_at, o.pk)),
        follow_up_rows=follow_ups,
        regency_names=names,
    )
