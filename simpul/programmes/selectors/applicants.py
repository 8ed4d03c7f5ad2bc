"""Reads for curation: the officers' applicants list and one application with its reviews
and history, and the panel's queue and scoring page.

Officers see the applicants of programmes inside their jurisdiction (`can_see_applicants`,
then `RegionScope.apply` on the applications; anything else is a 404). A panelist sees
only applications sitting in a stage they sit on, and never the owner's identity or
contact details (NIK, phone, e-mail): the panel gets a `PanelApplication` built from the
enterprise's business facts only, never the Application object with its owner."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from simpul.core.models import ChangeRecord
from simpul.core.scope import RegionScope, scoped_get_or_404
from simpul.regions.models import Region

from .. import eligibility
from ..choices import QUOTA_STATUSES, ApplicationStatus
from ..eligibility.answers import display as answer_display
from ..models import Application, Programme, Review, Stage
from ..permissions import can_see_applicants

S = ApplicationStatus
CENT = Decimal("0.01")
MAX_QUEUE = 500
MAX_HISTORY = 200
# The enterprise's column for each length of region code.
_ENTERPRISE_REGION = {
    2: "enterprise__province_code",
    5: "enterprise__regency_code",
    8: "enterprise__district_code",
    13: "enterprise__village_id",
}


# --- officers ---------------------------------------------------------------------------


def programme_for_staff(*, user: Any, key: str) -> Programme:
    """The programme `key` if the user may see its applicants, else 404."""
    programme = scoped_get_or_404(
        RegionScope.for_user(user),
        Programme.objects.select_related("office", "region"),
        public_key=key,
    )
    if not can_see_applicants(user, programme):
        raise Http404
    return programme


def _regency_name() -> Subquery:
    return Subquery(
        Region.objects.filter(code=OuterRef("enterprise__regency_code")).values("name")[:1]
    )


def applicants_for_staff(
    *,
    user: Any,
    programme: Programme,
    status: str | None = None,
    stage: Stage | None = None,
    region: str | None = None,
) -> QuerySet[Application]:
    """The programme's applications the user may see, in application order, with the
    enterprise, its owner and its regency's name (`regency_name`). Filters narrow it
    (an unknown status or an ill-formed region code matches nothing)."""
    if not can_see_applicants(user, programme):
        raise Http404
    queryset = RegionScope.for_user(user).apply(Application.objects.filter(programme=programme))
    if status:
        queryset = queryset.filter(status=status) if status in S.values else queryset.none()
    if stage is not None:
        queryset = queryset.filter(stage=stage)
    if region:
        column = _ENTERPRISE_REGION.get(len(region.strip()))
        queryset = queryset.filter(**{column: region.strip()}) if column else queryset.none()
    return (
        queryset.select_related("programme", "enterprise__owner", "enterprise__kbli", "stage")
        .annotate(regency_name=_regency_name())
        .order_by("applied_at", "id")
    )


@dataclass
class Score:
    """The mean of the reviews of the latest stage an application was scored in."""

    mean: Decimal | None = None
    stage_number: int | None = None
    reviews: int = 0


def latest_scores(applications: list[Application]) -> dict[int, Score]:
    """{application id: Score} in one query."""
    marks: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    rows = Review.objects.filter(application__in=applications).values_list(
        "application_id", "stage__number", "total"
    )
    for application_id, number, total in rows:
        marks[(application_id, number)].append(Decimal(total))
    scores: dict[int, Score] = {}
    for (application_id, number), totals in sorted(marks.items()):
        mean = (sum(totals) / len(totals)).quantize(CENT, ROUND_HALF_UP)
        scores[application_id] = Score(mean, number, len(totals))  # the highest stage wins
    return scores


@dataclass
class Counts:
    by_status: list[tuple[str, str, int]]  # (status, label, count), statuses with any
    total: int
    quota_used: int
    quota_free: int


def applicant_counts(*, user: Any, programme: Programme) -> Counts:
    """How many applicants in each status, and the quota used and free."""
    rows = dict(
        applicants_for_staff(user=user, programme=programme)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    by_status = [(s.value, s.label, rows[s.value]) for s in S if rows.get(s.value)]
    used = sum(rows.get(s, 0) for s in QUOTA_STATUSES)
    return Counts(by_status, sum(rows.values()), used, max(programme.quota - used, 0))


def applicant_regencies(*, user: Any, programme: Programme) -> list[tuple[str, str]]:
    """(code, name) of the regencies the programme's applicants come from, for the filter."""
    codes = (
        applicants_for_staff(user=user, programme=programme)
        .exclude(enterprise__regency_code="")
        .order_by()
        .values_list("enterprise__regency_code", flat=True)
        .distinct()
    )
    return list(Region.objects.filter(code__in=codes).order_by("name").values_list("code", "name"))


def application_for_staff(*, user: Any, key: str) -> Application:
    """One application of a programme the user may see the applicants of, else 404."""
    queryset = Application.objects.select_related(
        "programme__office", "enterprise__owner", "enterprise__kbli", "enterprise__village", "stage"
    ).prefetch_related("documents", "programme__questions")
    application = scoped_get_or_404(RegionScope.for_user(user), queryset, public_key=key)
    if not can_see_applicants(user, application.programme):
        raise Http404
    return application


@dataclass
class StageReviews:
    stage: Stage
    reviews: list[Review]
    mean: Decimal | None


def reviews_by_stage(application: Application) -> list[StageReviews]:
    """The application's reviews grouped by stage (with panelist names and scores)."""
    reviews = (
        application.reviews.select_related("panelist", "stage")
        .prefetch_related("scores__criterion")
        .order_by("stage__number", "submitted_at", "id")
    )
    grouped: dict[int, StageReviews] = {}
    for review in reviews:
        group = grouped.setdefault(review.stage_id, StageReviews(review.stage, [], None))
        group.reviews.append(review)
    for group in grouped.values():
        totals = [r.total for r in group.reviews]
        group.mean = (sum(totals) / len(totals)).quantize(CENT, ROUND_HALF_UP)
    return list(grouped.values())


def application_history(application: Application) -> list[ChangeRecord]:
    """The audit trail of the application and of its reviews, newest first."""
    review_ids = [str(pk) for pk in application.reviews.values_list("pk", flat=True)]
    records = ChangeRecord.objects.filter(
        Q(entity=Application._meta.label_lower, entity_id=str(application.pk))
        | Q(entity=Review._meta.label_lower, entity_id__in=review_ids)
    )
    return list(records.select_related("actor").order_by("-created_at", "-id")[:MAX_HISTORY])


def answers_of(application: Application) -> list[tuple[str, str]]:
    """(question, answer as the applicant reads it) for each question of the programme."""
    stored = application.answers if isinstance(application.answers, dict) else {}
    return [
        (question.text, answer_display(question, stored.get(str(question.pk), "")))
        for question in application.programme.questions.all()
    ]


# --- panel ------------------------------------------------------------------------------


def _panel_applications(user: Any) -> QuerySet[Application]:
    """Applications sitting in a stage the user sits on, and only those."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Application.objects.none()
    return Application.objects.filter(status=S.CURATION, stage__panelists=user)


@dataclass
class QueueItem:
    key: str
    enterprise: str
    programme: str
    stage: Stage
    regency: str
    reviewed: bool


def panel_queue(*, user: Any) -> list[QueueItem]:
    """What the panelist has to score: applications in their stages, with whether they
    already did. Business facts only (no owner)."""
    applications = (
        _panel_applications(user)
        .select_related("programme", "stage", "enterprise")
        .annotate(regency_name=_regency_name())
        .order_by("programme__title", "programme_id", "stage__number", "applied_at", "id")
    )[:MAX_QUEUE]
    applications = list(applications)
    reviewed = set(
        Review.objects.filter(
            panelist=user,
            application__in=applications,
            stage_id__in={a.stage_id for a in applications},
        ).values_list("application_id", "stage_id")
    )
    return [
        QueueItem(
            key=a.public_key,
            enterprise=a.enterprise.name,
            programme=a.programme.title,
            stage=a.stage,
            regency=a.regency_name or "",
            reviewed=(a.pk, a.stage_id) in reviewed,
        )
        for a in applications
    ]


@dataclass
class PanelApplication:
    """What a panelist reads of an application: the business, never its owner's NIK,
    phone or e-mail."""

    key: str
    programme: Programme
    stage: Stage
    enterprise: str
    region: list[str]
    kbli: str
    size_permenperin: str
    size_pp7: str
    products: str
    answers: list[tuple[str, str]]
    results: list[eligibility.RuleResult]
    documents: list[tuple[int, str, int]]  # (id, name, size) for the download link


def _region_names(enterprise: Any) -> list[str]:
    codes = [enterprise.village_id, enterprise.district_code, enterprise.regency_code]
    names = dict(
        Region.objects.filter(code__in=[c for c in codes if c]).values_list("code", "name")
    )
    return [names[c] for c in codes if c and c in names]


def panel_application_get(*, user: Any, key: str) -> Application:
    """One application in a stage the user sits on; 404 otherwise (another stage, another
    programme, or an application that has moved on). For the service call: pages get
    `panel_view` of it, never the Application with its owner."""
    application = (
        _panel_applications(user)
        .select_related("programme", "stage", "enterprise__kbli")
        .prefetch_related("documents", "programme__questions")
        .filter(public_key=key)
        .first()
    )
    if application is None:
        raise Http404
    return application


def panel_view(application: Application, *, user: Any) -> PanelApplication:
    """What a panel member reads. Documents (a KTP carries the NIK) only for office
    staff: a panelist from outside the office judges the business, not the person."""
    e = application.enterprise
    documents = application.documents.all() if user.is_office_staff else []
    return PanelApplication(
        key=application.public_key,
        programme=application.programme,
        stage=application.stage,
        enterprise=e.name,
        region=_region_names(e),
        kbli=f"{e.kbli_id} {e.kbli.title}" if e.kbli_id else "",
        size_permenperin=e.get_size_class_permenperin_display(),
        size_pp7=e.get_size_class_pp7_display(),
        products=e.products,
        answers=answers_of(application),
        results=eligibility.results_from_json(application.eligibility),
        documents=[(d.pk, d.name, d.size) for d in documents],
    )


def own_review(*, user: Any, application: Application) -> Review | None:
    return (
        Review.objects.filter(application=application, stage_id=application.stage_id, panelist=user)
        .prefetch_related("scores")
        .first()
    )
