"""Panel scores for the demo: each applicant has a hidden quality, and each panelist scores
near it with a little disagreement, so rankings look like a real panel's."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from simpul.accounts.models import User

from ..models import Application, Stage
from ..services.curation import review_submit
from .common import Days, by

COMMENTS = (
    "Dokumen lengkap dan jelas.",
    "Produk sudah punya pasar tetap; layak dibantu.",
    "Perlu perbaikan pencatatan bahan baku.",
    "Pemilik sangat antusias dan siap mengikuti pendampingan.",
    "Tempat produksi cukup bersih, alur produksi perlu dipisah.",
    "Kapasitas produksi masih kecil dibanding permintaan.",
    "Rencana usaha realistis.",
    "Data omzet perlu dicek saat kunjungan lapangan.",
)


def draw_quality(rng: random.Random) -> float:
    return rng.uniform(0.35, 0.95)


def _scores(rng: random.Random, stage: Stage, quality: float) -> dict[int, int]:
    scores = {}
    for criterion in stage.criteria.all():
        raw = quality * criterion.max_score + rng.gauss(0, criterion.max_score * 0.08)
        scores[criterion.pk] = max(0, min(criterion.max_score, round(raw)))
    return scores


def review_stage(
    days: Days,
    *,
    stage: Stage,
    panel: list[User],
    applications: list[Application],
    quality: dict[int, float],
    first: dt.date,
    last: dt.date,
    done: Callable[[User, Application], bool] = lambda user, application: True,
) -> int:
    """Every panelist of `panel` scores the applications for which `done` says so, on
    office days between `first` and `last`, in time order. Returns the reviews made."""
    rng = days.rng
    span = max((last - first).days, 0)
    events = []
    for user in panel:
        for application in applications:
            if done(user, application):
                when = days.office_hours(first + dt.timedelta(days=rng.randint(0, span)))
                events.append((when, user.pk, application.pk, user, application))
    events.sort(key=lambda e: e[:3])
    for when, _u, _a, user, application in events:
        days.at(when)
        comment = rng.choice(COMMENTS) if rng.random() < 0.4 else ""
        review_submit(
            provenance=by(user),
            application=application,
            stage=stage,
            scores=_scores(rng, stage, quality[application.pk]),
            comment=comment,
        )
    return len(events)
