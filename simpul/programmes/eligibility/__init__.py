"""The eligibility engine: a programme's rules are rows (kind + params), not code. Each rule
gives a RuleResult whose message explains the verdict in Indonesian, the same sentence for
the applicant and for the officer ("Tidak memenuhi: KBLI utama harus diawali 10 atau 11
(KBLI utama usaha: 13121)"). An application is eligible when every rule is met; a rule of
an unknown kind or with broken params is not met and says so, it never crashes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from ..choices import QUOTA_STATUSES, RuleKind
from .rules import CHECKERS, BrokenRule, Context, Verdict

__all__ = [
    "RuleResult",
    "double_aid_refusals",
    "evaluate",
    "is_eligible",
    "results_from_json",
    "summary",
]


@dataclass(frozen=True)
class RuleResult:
    rule_id: int | None
    kind: str
    ok: bool
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _verdict(rule: Any, ctx: Context) -> Verdict:
    checker = CHECKERS.get(rule.kind)
    if checker is None:
        return Verdict(False, _("syarat “%(kind)s” tidak dikenal") % {"kind": rule.kind})
    params = rule.params if isinstance(rule.params, dict) else None
    try:
        if params is None:
            raise BrokenRule(_("parameter syarat harus berupa objek"))
        return checker(params, ctx)
    except BrokenRule as exc:
        return Verdict(
            False,
            _("syarat “%(rule)s” tidak dapat diperiksa: %(why)s. Hubungi Dinas penyelenggara.")
            % {"rule": rule.get_kind_display(), "why": exc},
        )


def evaluate(
    *,
    programme: Any,
    enterprise: Any,
    answers: Mapping[str, Any] | None,
    today: dt.date,
) -> list[RuleResult]:
    """Every rule of `programme` checked against `enterprise` and the applicant's answers
    (keyed by question id as text), in the rules' order."""
    ctx = Context(programme=programme, enterprise=enterprise, answers=answers or {}, today=today)
    results = []
    for rule in programme.rules.all():
        verdict = _verdict(rule, ctx)
        prefix = _("Memenuhi: %(reason)s") if verdict.ok else _("Tidak memenuhi: %(reason)s")
        results.append(
            RuleResult(rule.pk, rule.kind, verdict.ok, prefix % {"reason": verdict.reason})
        )
    return results


def double_aid_refusals(*, programme: Any, enterprise: Any, today: dt.date) -> list[str]:
    """The programme's no-double-aid rules checked again when a place is given (selection,
    waitlist promotion, the start), now also counting a place held in another programme:
    an IKM that applied to two calls of the same kind at once gets only the first."""
    ctx = Context(
        programme=programme,
        enterprise=enterprise,
        answers={},
        today=today,
        aid_statuses=tuple(QUOTA_STATUSES),
    )
    refusals = []
    for rule in programme.rules.filter(kind=RuleKind.NO_DOUBLE_AID):
        verdict = _verdict(rule, ctx)
        if not verdict.ok:
            refusals.append(_("Tidak memenuhi: %(reason)s") % {"reason": verdict.reason})
    return refusals


def is_eligible(results: list[RuleResult]) -> bool:
    """All rules met (a programme without rules is open to everyone)."""
    return all(r.ok for r in results)


def results_from_json(stored: Any) -> list[RuleResult]:
    """The results kept in Application.eligibility, back as RuleResults (bad rows skipped)."""
    if not isinstance(stored, list):
        return []
    return [
        RuleResult(row.get("rule_id"), row.get("kind", ""), bool(row.get("ok")), row["message"])
        for row in stored
        if isinstance(row, dict) and isinstance(row.get("message"), str)
    ]


def summary(results: list[RuleResult]) -> str:
    """One line for a status note: the unmet rules, or that all were met."""
    failed = [r.message for r in results if not r.ok]
    if not failed:
        return _("Semua syarat terpenuhi (%(n)d syarat).") % {"n": len(results)}
    return " ".join(failed)
