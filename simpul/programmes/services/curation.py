"""Multi-stage curation and selection.

A panel scores each application of its stage against the stage's weighted criteria
(`review_submit`); officers who run the programme move the best of a stage to the next
one (`stage_advance`) and, after the last stage, fill the quota, the waitlist and reject
the rest (`selection_finalise`), or decide one application at a time
(`application_decide`). Every status change goes through `application_transition`, which
checks the move, keeps the quota, audits and tells the owner.

A review's total is Σ(weight × value / max) / Σweight × 100, kept exact as a Decimal with
two decimals (half up). An application's stage score is the mean of the totals of the
reviews it received in that stage, also to two decimals; ties rank the earlier applicant
first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change

from ..choices import ApplicationStatus
from ..models import Application, Criterion, Programme, Review, ReviewScore, Stage
from ..permissions import can_review, can_run, require
from .transitions import application_transition, lock_programme, quota_taken

S = ApplicationStatus
CENT = Decimal("0.01")
# Single decisions an officer may take on one application (the machine checks the move).
DECISIONS = (S.SELECTED, S.WAITLISTED, S.REJECTED)
MAX_NOTE = 1000

__all__ = [
    "AdvanceResult",
    "RankedApplication",
    "SelectionSummary",
    "application_decide",
    "curation_start",
    "missing_reviews",
    "review_submit",
    "selection_finalise",
    "stage_advance",
    "stage_ranking",
    "weighted_total",
]


# --- reviews ----------------------------------------------------------------------------


def weighted_total(criteria: list[Criterion], values: Mapping[int, int]) -> Decimal:
    """Σ(weight × value / max) / Σweight × 100, to two decimals (half up)."""
    weights = sum(c.weight for c in criteria)
    if not criteria or weights <= 0 or any(c.max_score <= 0 for c in criteria):
        raise ValidationError(_("Kriteria tahap ini belum lengkap (bobot dan nilai maksimum)."))
    points = sum(Decimal(c.weight) * Decimal(values[c.pk]) / Decimal(c.max_score) for c in criteria)
    return (points / Decimal(weights) * 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _clean_scores(criteria: list[Criterion], scores: Mapping[Any, Any]) -> dict[int, int]:
    """Every criterion of the stage once, each a whole number 0..max; errors keyed
    "c_<criterion id>" like the scoring form."""
    by_id = {c.pk: c for c in criteria}
    given: dict[int, Any] = {}
    for key, value in scores.items():
        try:
            given[int(key)] = value
        except (TypeError, ValueError):
            raise ValidationError(_("Kriteria penilaian tidak dikenal.")) from None
    if set(given) - set(by_id):
        raise ValidationError(_("Ada nilai untuk kriteria yang bukan milik tahap ini."))
    cleaned, errors = {}, {}
    for pk, criterion in by_id.items():
        value = given.get(pk)
        if value is None or value == "":
            errors[f"c_{pk}"] = [_("Beri nilai untuk kriteria ini.")]
        elif isinstance(value, bool) or not isinstance(value, int):
            errors[f"c_{pk}"] = [_("Nilai harus bilangan bulat.")]
        elif not 0 <= value <= criterion.max_score:
            errors[f"c_{pk}"] = [_("Nilai harus 0 sampai %(max)d.") % {"max": criterion.max_score}]
        else:
            cleaned[pk] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _review_state(review: Review) -> dict[str, Any]:
    # The scores as one readable line ("Potensi usaha: 7/10; …"): criteria cannot change
    # once a stage is scored, and the history page shows it as it is.
    scores = review.scores.select_related("criterion").order_by("criterion_id")
    line = "; ".join(f"{s.criterion.name}: {s.value}/{s.criterion.max_score}" for s in scores)
    return {"total": str(review.total), "comment": review.comment, "nilai": line}


@transaction.atomic
def review_submit(
    *,
    provenance: Provenance,
    application: Application,
    stage: Stage,
    scores: Mapping[int, int],
    comment: str = "",
) -> Review:
    """A panelist of `stage` scores an application sitting in it; sending again replaces
    the panelist's own scores (audited with before and after)."""
    # The lock makes a review and an officer's advance of the stage happen one after the
    # other, so nobody scores an application that has just left the stage.
    application = Application.objects.select_for_update().get(pk=application.pk)
    actor = provenance.actor
    require(application.status == S.CURATION and can_review(actor, application, stage))
    criteria = list(stage.criteria.all())
    if not criteria:
        raise ValidationError(_("Tahap ini belum memiliki kriteria penilaian."))
    values = _clean_scores(criteria, scores)
    comment = (comment or "").strip()
    if len(comment) > MAX_NOTE:
        raise ValidationError({"comment": _("Komentar paling banyak 1000 karakter.")})
    total = weighted_total(criteria, values)
    review = Review.objects.filter(application=application, stage=stage, panelist=actor).first()
    before = _review_state(review) if review else None
    if review is None:
        review = Review(application=application, stage=stage, panelist=actor)
    review.total, review.comment = total, comment
    review.save()
    for pk, value in values.items():
        ReviewScore.objects.update_or_create(
            review=review, criterion_id=pk, defaults={"value": value}
        )
    after = _review_state(review)
    changes = {k: [(before or {}).get(k), v] for k, v in after.items()}
    if before is not None:
        changes = {k: pair for k, pair in changes.items() if pair[0] != pair[1]}
    record_change(
        instance=review,
        action="review_updated" if before else "review_submitted",
        provenance=provenance,
        changes=changes,
        note=str(stage),
    )
    return review


# --- ranking ----------------------------------------------------------------------------


@dataclass
class RankedApplication:
    application: Application
    mean: Decimal | None  # None: nobody has scored it yet
    reviews: int
    rank: int = 0
    reviewer_ids: set[int] = field(default_factory=set)


def stage_ranking(*, stage: Stage) -> list[RankedApplication]:
    """Applications in the stage, best mean first (unscored last), ties by earlier
    application. Two queries whatever the number of applications."""
    applications = list(
        stage.application_set.filter(status=S.CURATION)
        .select_related("enterprise")
        .order_by("applied_at", "id")
    )
    totals: dict[int, list[Decimal]] = defaultdict(list)
    reviewers: dict[int, set[int]] = defaultdict(set)
    rows = Review.objects.filter(stage=stage, application__in=applications).values_list(
        "application_id", "panelist_id", "total"
    )
    for application_id, panelist_id, total in rows:
        totals[application_id].append(Decimal(total))
        reviewers[application_id].add(panelist_id)
    ranked = []
    for a in applications:
        marks = totals.get(a.pk, [])
        mean = (sum(marks) / len(marks)).quantize(CENT, ROUND_HALF_UP) if marks else None
        ranked.append(RankedApplication(a, mean, len(marks), reviewer_ids=reviewers[a.pk]))
    # Stable sort: applications are already in application order, so ties keep it.
    ranked.sort(key=lambda r: (r.mean is None, -(r.mean or 0)))
    for number, row in enumerate(ranked, start=1):
        row.rank = number
    return ranked


def missing_reviews(stage: Stage, ranking: list[RankedApplication]) -> tuple[int, int]:
    """(reviews still missing, applications not yet scored by every panelist)."""
    panel = set(stage.panelists.values_list("pk", flat=True))
    gaps = [len(panel - row.reviewer_ids) for row in ranking]
    return sum(gaps), sum(1 for gap in gaps if gap)


def _require_complete(
    stage: Stage, ranking: list[RankedApplication], force: bool, reason: str
) -> str:
    """Refuse while reviews are missing, unless forced with a reason (returned, stripped)."""
    reason = (reason or "").strip()[:MAX_NOTE]
    if not stage.panelists.exists() and not force:
        raise ValidationError(_("Tahap %(stage)s belum memiliki panelis.") % {"stage": stage})
    missing, applications = missing_reviews(stage, ranking)
    if missing and not force:
        raise ValidationError(
            _(
                "Masih ada %(n)d penilaian panelis yang belum masuk (%(apps)d pendaftar "
                "belum dinilai semua panelis %(stage)s). Tunggu penilaian lengkap, atau "
                "lanjutkan tanpa menunggu dengan menuliskan alasannya."
            )
            % {"n": missing, "apps": applications, "stage": stage}
        )
    if force and not reason:
        raise ValidationError({"reason": _("Tuliskan alasan melanjutkan tanpa menunggu.")})
    return reason


def _count(value: Any, field_name: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValidationError(
            {field_name: _("Harus bilangan bulat %(n)d atau lebih.") % {"n": low}}
        )
    if high is not None and value > high:
        raise ValidationError(
            {field_name: _("Paling banyak %(n)d (jumlah pendaftar di tahap ini).") % {"n": high}}
        )
    return value


# --- moving through the stages ----------------------------------------------------------


@transaction.atomic
def curation_start(*, provenance: Provenance, programme: Programme) -> list[Application]:
    """Every ELIGIBLE application enters stage 1 (again later for late eligible ones)."""
    require(can_run(provenance.actor, programme))
    programme = lock_programme(programme)
    first = programme.stages.order_by("number").first()
    if first is None:
        raise ValidationError(
            _("Program ini tidak memiliki tahap kurasi: lakukan seleksi langsung.")
        )
    if not first.criteria.exists() or not first.panelists.exists():
        raise ValidationError(
            _("Lengkapi kriteria dan panelis %(stage)s sebelum kurasi dimulai.") % {"stage": first}
        )
    eligible = list(programme.applications.filter(status=S.ELIGIBLE).order_by("applied_at", "id"))
    if not eligible:
        raise ValidationError(_("Tidak ada pendaftar yang memenuhi syarat untuk dikurasi."))
    note = _("Masuk kurasi %(stage)s.") % {"stage": first}
    moved = [
        application_transition(
            application=a, to=S.CURATION, stage=first, provenance=provenance, note=note
        )
        for a in eligible
    ]
    record_change(
        instance=programme,
        action="curation_started",
        provenance=provenance,
        changes={"curation": [None, {"stage": first.number, "applications": len(moved)}]},
    )
    return moved


@dataclass
class AdvanceResult:
    passed: list[Application]
    rejected: list[Application]


@transaction.atomic
def stage_advance(
    *,
    provenance: Provenance,
    stage: Stage,
    pass_count: int,
    force: bool = False,
    reason: str = "",
) -> AdvanceResult:
    """The best `pass_count` of the stage go to the next stage, the rest are rejected.
    Refused while a panelist has not scored an application, unless forced with a reason."""
    programme = stage.programme
    require(can_run(provenance.actor, programme))
    lock_programme(programme)
    following = programme.stages.filter(number__gt=stage.number).order_by("number").first()
    if following is None:
        raise ValidationError(_("Ini tahap terakhir: lanjutkan dengan finalisasi seleksi."))
    ranking = stage_ranking(stage=stage)
    if not ranking:
        raise ValidationError(_("Tidak ada pendaftar di %(stage)s.") % {"stage": stage})
    pass_count = _count(pass_count, "pass_count", 1, len(ranking))
    reason = _require_complete(stage, ranking, force, reason)
    result = AdvanceResult([], [])
    for row in ranking:
        if row.rank <= pass_count:
            note = _("Lolos %(stage)s (peringkat %(rank)d), masuk %(next)s.")
            note %= {"stage": stage, "rank": row.rank, "next": following}
            result.passed.append(_move(row.application, S.CURATION, provenance, note, following))
        else:
            note = _("Tidak lolos %(stage)s (peringkat %(rank)d dari %(n)d).")
            note %= {"stage": stage, "rank": row.rank, "n": len(ranking)}
            result.rejected.append(_move(row.application, S.REJECTED, provenance, note))
    record_change(
        instance=programme,
        action="stage_advanced",
        provenance=provenance,
        changes={"stage": [stage.number, following.number], "passed": [None, pass_count]},
        note=reason,
    )
    return result


def _move(
    application: Application, to: str, provenance: Provenance, note: str, stage: Stage | None = None
) -> Application:
    return application_transition(
        application=application, to=to, provenance=provenance, note=note, stage=stage
    )


@dataclass
class SelectionSummary:
    selected: list[Application] = field(default_factory=list)
    waitlisted: list[Application] = field(default_factory=list)
    rejected: list[Application] = field(default_factory=list)
    free_before: int = 0


def _finalists(programme: Programme, force: bool, reason: str) -> tuple[list[Application], str]:
    """Who is selected from, best first: the last stage's ranking, or (no stages) the
    ELIGIBLE applications in application order."""
    stages = list(programme.stages.order_by("number"))
    if not stages:
        eligible = programme.applications.filter(status=S.ELIGIBLE).order_by("applied_at", "id")
        return list(eligible), (reason or "").strip()[:MAX_NOTE]
    last = stages[-1]
    earlier = programme.applications.filter(status=S.CURATION).exclude(stage=last)
    if earlier.exists():
        raise ValidationError(
            _("Masih ada pendaftar di %(stage)s: selesaikan tahap itu dahulu.")
            % {"stage": earlier.select_related("stage").first().stage}
        )
    ranking = stage_ranking(stage=last)
    reason = _require_complete(last, ranking, force, reason) if ranking else reason
    return [row.application for row in ranking], reason


@transaction.atomic
def selection_finalise(
    *,
    provenance: Provenance,
    programme: Programme,
    waitlist_size: int,
    force: bool = False,
    reason: str = "",
) -> SelectionSummary:
    """The best fill the free places (SELECTED), the next `waitlist_size` wait in rank
    order (WAITLISTED), the rest are REJECTED."""
    require(can_run(provenance.actor, programme))
    programme = lock_programme(programme)
    waitlist_size = _count(waitlist_size, "waitlist_size", 0)
    finalists, reason = _finalists(programme, force, reason)
    if not finalists:
        raise ValidationError(_("Tidak ada pendaftar yang dapat diseleksi."))
    summary = SelectionSummary(free_before=max(programme.quota - quota_taken(programme), 0))
    total = len(finalists)
    for rank, application in enumerate(finalists, start=1):
        values = {"rank": rank, "n": total}
        if len(summary.selected) < summary.free_before:
            note = _("Terpilih sebagai peserta (peringkat %(rank)d dari %(n)d).") % values
            summary.selected.append(_move(application, S.SELECTED, provenance, note))
        elif len(summary.waitlisted) < waitlist_size:
            note = _("Masuk daftar tunggu (peringkat %(rank)d dari %(n)d).") % values
            summary.waitlisted.append(_move(application, S.WAITLISTED, provenance, note))
        else:
            note = _("Tidak terpilih (peringkat %(rank)d dari %(n)d).") % values
            summary.rejected.append(_move(application, S.REJECTED, provenance, note))
    counts = [len(summary.selected), len(summary.waitlisted), len(summary.rejected)]
    record_change(
        instance=programme,
        action="selection_finalised",
        provenance=provenance,
        changes={"selected_waitlisted_rejected": [None, counts]},
        note=reason,
    )
    return summary


@transaction.atomic
def application_decide(
    *, provenance: Provenance, application: Application, to: str, note: str = ""
) -> Application:
    """One officer decision (select, waitlist, reject) through the status machine, which
    refuses a move it does not allow and a selection past the quota."""
    require(can_run(provenance.actor, application.programme))
    if to not in DECISIONS:
        raise ValidationError({"to": _("Pilih keputusan: terpilih, daftar tunggu, atau tolak.")})
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": _("Catatan paling banyak 1000 karakter.")})
    return application_transition(application=application, to=to, provenance=provenance, note=note)
