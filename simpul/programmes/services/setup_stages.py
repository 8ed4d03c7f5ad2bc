"""Curation stages of a programme, their weighted criteria and their panels. A panel member
is either staff of the organising office or an outside person (bank, OJK, university)
invited by e-mail: they get a "panelist" account without an office, which opens only the
applications of the stages they sit on."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from simpul.accounts.links import set_password_url
from simpul.accounts.models import User
from simpul.core.audit import Provenance, record_change
from simpul.notifications.services import notify

from ..models import Criterion, Programme, Stage
from .programmes import require_setup

MAX_STAGES = 10
MAX_WEIGHT = 100
MAX_SCORE = 1000


def _audit(programme: Programme, action: str, provenance: Provenance, what: str, old, new):
    record_change(
        instance=programme, action=action, provenance=provenance, changes={what: [old, new]}
    )


def _name(value: str, field: str, limit: int) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise ValidationError({field: _("Nama wajib diisi.")})
    if len(name) > limit:
        raise ValidationError({field: _("Nama terlalu panjang.")})
    return name


@transaction.atomic
def stage_add(*, provenance: Provenance, programme: Programme, name: str) -> Stage:
    """Stage N+1 of the programme's curation."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    require_setup(provenance.actor, programme)
    name = _name(name, "name", 120)
    top = programme.stages.aggregate(m=Max("number"))["m"] or 0
    if top >= MAX_STAGES:
        raise ValidationError(_("Paling banyak 10 tahap kurasi."))
    stage = Stage.objects.create(programme=programme, number=top + 1, name=name)
    _audit(programme, "stage_added", provenance, "stage", None, str(stage))
    return stage


@transaction.atomic
def stage_remove(*, provenance: Provenance, stage: Stage) -> None:
    """Only a stage nobody sits in and nobody has scored; later stages move up one."""
    programme = Programme.objects.select_for_update().get(pk=stage.programme_id)
    require_setup(provenance.actor, programme)
    if stage.application_set.exists() or stage.reviews.exists():
        raise ValidationError(
            _("Tahap ini tidak dapat dihapus: sudah ada pendaftar atau penilaian di dalamnya.")
        )
    _audit(programme, "stage_removed", provenance, "stage", str(stage), None)
    number = stage.number
    stage.delete()
    # One by one, lowest first, so the unique (programme, number) never collides.
    for later in programme.stages.filter(number__gt=number).order_by("number"):
        Stage.objects.filter(pk=later.pk).update(number=F("number") - 1)


def _require_unscored(stage: Stage) -> None:
    if stage.reviews.exists():
        raise ValidationError(
            _("Kriteria tahap ini tidak dapat diubah: panelis sudah mulai menilai.")
        )


def _small_int(value: Any, field: str, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise ValidationError({field: _("Harus bilangan bulat 1 sampai %(n)d.") % {"n": high}})
    return value


@transaction.atomic
def criterion_add(
    *, provenance: Provenance, stage: Stage, name: str, weight: int = 1, max_score: int = 10
) -> Criterion:
    require_setup(provenance.actor, stage.programme)
    _require_unscored(stage)
    criterion = Criterion.objects.create(
        stage=stage,
        name=_name(name, "name", 160),
        weight=_small_int(weight, "weight", MAX_WEIGHT),
        max_score=_small_int(max_score, "max_score", MAX_SCORE),
    )
    new = {"stage": stage.number, "name": criterion.name, "weight": weight, "max": max_score}
    _audit(stage.programme, "criterion_added", provenance, "criterion", None, new)
    return criterion


@transaction.atomic
def criterion_remove(*, provenance: Provenance, criterion: Criterion) -> None:
    stage = criterion.stage
    require_setup(provenance.actor, stage.programme)
    _require_unscored(stage)
    old = {"stage": stage.number, "name": criterion.name}
    _audit(stage.programme, "criterion_removed", provenance, "criterion", old, None)
    criterion.delete()


# --- panel -------------------------------------------------------------------------------


def can_sit_on_panel(user: User, programme: Programme) -> bool:
    if not user.is_active:
        return False
    return user.is_panelist or (user.is_office_staff and user.office_id == programme.office_id)


def _tell_panelist(user: User, stage: Stage) -> None:
    title = _("Anda menjadi panelis %(stage)s program %(programme)s") % {
        "stage": str(stage),
        "programme": stage.programme.title,
    }
    url = reverse("curation:panel")
    body = _("Masuk ke Simpul IKM untuk menilai pendaftar.")
    # Someone who has not set a password yet gets the invitation e-mail (with the link to
    # set one) instead: a second mail pointing at a login they cannot use only confuses.
    notify(user=user, title=title, body=body, url=url, email=user.has_usable_password())


@transaction.atomic
def panelist_add(*, provenance: Provenance, stage: Stage, user: User) -> Stage:
    """Put office staff of the organising office, or an invited outside panelist, on the
    stage's panel."""
    programme = stage.programme
    require_setup(provenance.actor, programme)
    if not can_sit_on_panel(user, programme):
        raise ValidationError(
            {"user": _("Panelis harus staf kantor penyelenggara atau panelis undangan.")}
        )
    if stage.panelists.filter(pk=user.pk).exists():
        return stage
    stage.panelists.add(user)
    _audit(programme, "panelist_added", provenance, f"stage {stage.number} panel", None, user.pk)
    _tell_panelist(user, stage)
    return stage


def _send_invitation(user: User, stage: Stage, inviter: Any) -> None:
    context = {
        "user": user,
        "stage": stage,
        "programme": stage.programme,
        "office": stage.programme.office,
        "inviter": inviter,
        "link": set_password_url(user),
    }
    body = render_to_string("programmes/manage/email_panelist_invite.txt", context)
    subject = _("Simpul IKM: undangan panelis %(programme)s") % {"programme": stage.programme.title}
    send_mail(" ".join(subject.split()), body, None, [user.email])


def _panelist_account(full_name: str, email: str) -> tuple[User, bool]:
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        user = User.objects.create_user(
            email=email, full_name=full_name, role=User.Role.PANELIST, password=None
        )
        return user, True
    return existing, False


@transaction.atomic
def panelist_invite(*, provenance: Provenance, stage: Stage, full_name: str, email: str) -> User:
    """Invite an outside person by e-mail: a panelist account (no office, no password until
    they choose one from the link in the invitation) on the stage's panel."""
    programme = stage.programme
    require_setup(provenance.actor, programme)
    full_name = _name(full_name, "full_name", 150)
    email = User.objects.normalize_email((email or "").strip()).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Alamat e-mail tidak sah.")}) from None
    user, created = _panelist_account(full_name, email)
    if not can_sit_on_panel(user, programme):
        raise ValidationError(
            {
                "email": _(
                    "Alamat e-mail ini sudah dipakai akun lain yang tidak dapat menjadi panelis."
                )
            }
        )
    if created:
        record_change(
            instance=user,
            action="panelist_invited",
            provenance=provenance,
            changes={"role": [None, user.role], "email": [None, email]},
        )
    panelist_add(provenance=provenance, stage=stage, user=user)
    if created or (user.is_panelist and not user.has_usable_password()):
        # Mail after commit, so a rolled-back invitation sends nothing.
        transaction.on_commit(lambda: _send_invitation(user, stage, provenance.actor))
    return user


@transaction.atomic
def panelist_remove(*, provenance: Provenance, stage: Stage, user: User) -> Stage:
    """Off the panel; scores already given stay (they are part of the record)."""
    require_setup(provenance.actor, stage.programme)
    if stage.panelists.filter(pk=user.pk).exists():
        stage.panelists.remove(user)
        change = f"stage {stage.number} panel"
        _audit(stage.programme, "panelist_removed", provenance, change, user.pk, None)
    return stage
