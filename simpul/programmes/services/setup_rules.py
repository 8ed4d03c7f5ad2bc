"""A programme's custom questions and eligibility rules. Both decide who is eligible, so
they are frozen once the first application has come in: changing them then would judge
applicants by rules they did not apply under. Every change is audited on the programme."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change
from simpul.core.scope import RegionScope
from simpul.regions.models import Region
from simpul.registry.choices import SizeClassPermenperin, SizeClassPP7

from ..choices import ProgrammeKind, QuestionKind, RuleKind
from ..eligibility import answers as answer_text
from ..models import EligibilityRule, Programme, Question
from .programmes import has_applications, require_setup

MAX_YEARS = 50
MAX_OPTIONS = 30
_PREFIX = re.compile(r"^\d{1,5}$")


def _require_not_applied(programme: Programme) -> None:
    # Row lock: an application service that locks the programme too cannot slip in between.
    Programme.objects.select_for_update().get(pk=programme.pk)
    if has_applications(programme):
        raise ValidationError(
            _(
                "Pertanyaan dan syarat tidak dapat diubah lagi: program ini sudah memiliki "
                "pendaftar, dan mereka dinilai dengan syarat saat mendaftar."
            )
        )


def _next_position(queryset: Any) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


# --- questions -------------------------------------------------------------------------


def _clean_question(text: str, kind: str, options: list[str] | None) -> tuple[str, list[str]]:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Pertanyaan wajib diisi.")})
    if len(text) > 300:
        raise ValidationError({"text": _("Pertanyaan paling panjang 300 huruf.")})
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Jenis jawaban tidak dikenal.")})
    if kind != QuestionKind.CHOICE:
        return text, []
    cleaned = [" ".join(str(o).split()) for o in options or []]
    cleaned = list(dict.fromkeys(o for o in cleaned if o))
    if not 2 <= len(cleaned) <= MAX_OPTIONS:
        raise ValidationError({"options": _("Pertanyaan pilihan perlu 2 sampai 30 pilihan.")})
    return text, cleaned


def _audit(programme: Programme, action: str, provenance: Provenance, what: str, old, new):
    record_change(
        instance=programme, action=action, provenance=provenance, changes={what: [old, new]}
    )


@transaction.atomic
def question_add(
    *,
    provenance: Provenance,
    programme: Programme,
    text: str,
    kind: str,
    options: list[str] | None = None,
    required: bool = True,
) -> Question:
    require_setup(provenance.actor, programme)
    _require_not_applied(programme)
    text, options = _clean_question(text, kind, options)
    question = Question.objects.create(
        programme=programme,
        position=_next_position(programme.questions),
        text=text,
        kind=kind,
        options=options,
        required=required,
    )
    new = {"id": question.pk, "text": text, "kind": kind, "options": options}
    _audit(programme, "question_added", provenance, "question", None, new)
    return question


@transaction.atomic
def question_update(
    *,
    provenance: Provenance,
    question: Question,
    text: str,
    kind: str,
    options: list[str] | None = None,
    required: bool = True,
) -> Question:
    programme = question.programme
    require_setup(provenance.actor, programme)
    _require_not_applied(programme)
    text, options = _clean_question(text, kind, options)
    old = {"text": question.text, "kind": question.kind, "options": question.options}
    question.text, question.kind, question.options = text, kind, options
    question.required = required
    for rule in programme.rules.filter(kind=RuleKind.ANSWER):
        if str(rule.params.get("question")) == str(question.pk):
            # The rule must still make sense for the changed question.
            _answer_params(programme, rule.params, question_override=question)
    question.save()
    new = {"text": text, "kind": kind, "options": options}
    _audit(programme, "question_updated", provenance, f"question {question.pk}", old, new)
    return question


@transaction.atomic
def question_remove(*, provenance: Provenance, question: Question) -> None:
    programme = question.programme
    require_setup(provenance.actor, programme)
    _require_not_applied(programme)
    if any(
        str(r.params.get("question")) == str(question.pk)
        for r in programme.rules.filter(kind=RuleKind.ANSWER)
    ):
        raise ValidationError(_("Pertanyaan ini dipakai oleh syarat; hapus syaratnya dulu."))
    _audit(programme, "question_removed", provenance, "question", question.text, None)
    question.delete()


# --- rule params, one checker per kind --------------------------------------------------


def _classes(choices: Any) -> Callable[[Programme, dict[str, Any]], dict[str, Any]]:
    def check(programme: Programme, params: dict[str, Any]) -> dict[str, Any]:
        values = params.get("classes")
        if not isinstance(values, list) or not values:
            raise ValidationError(_("Pilih paling sedikit satu kelas usaha."))
        if any(v not in choices.values for v in values):
            raise ValidationError(_("Kelas usaha tidak dikenal."))
        return {"classes": [v for v in choices.values if v in values]}

    return check


def _prefix_params(programme: Programme, params: dict[str, Any]) -> dict[str, Any]:
    values = params.get("prefixes")
    if not isinstance(values, list) or not values:
        raise ValidationError(_("Tulis paling sedikit satu awalan KBLI, misalnya 10."))
    values = [str(v).strip() for v in values]
    bad = [v for v in values if not _PREFIX.match(v)]
    if bad:
        raise ValidationError(
            _("Awalan KBLI hanya berisi 1 sampai 5 angka: %(bad)s") % {"bad": ", ".join(bad)}
        )
    return {"prefixes": list(dict.fromkeys(values))}


def _region_params(programme: Programme, params: dict[str, Any]) -> dict[str, Any]:
    code = str(params.get("region") or "").strip()
    if not Region.objects.filter(code=code).exists():
        raise ValidationError(_("Kode wilayah “%(code)s” tidak dikenal.") % {"code": code})
    if not RegionScope(prefix=programme.region_code).covers_region(code):
        raise ValidationError(_("Wilayah syarat harus di dalam wilayah program."))
    return {"region": code}


def _no_params(programme: Programme, params: dict[str, Any]) -> dict[str, Any]:
    return {}


def _whole(value: Any, low: int, high: int | None, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(message)
    if value < low or (high is not None and value > high):
        raise ValidationError(message)
    return value


def _capital_params(programme: Programme, params: dict[str, Any]) -> dict[str, Any]:
    message = _("Modal usaha maksimum harus jumlah Rupiah bulat lebih dari 0.")
    return {"max": _whole(params.get("max"), 1, 2**63 - 1, message)}


def _double_aid_params(programme: Programme, params: dict[str, Any]) -> dict[str, Any]:
    years = _whole(params.get("years"), 1, MAX_YEARS, _("Jangka waktu harus 1 sampai 50 tahun."))
    kinds = params.get("kinds") or [programme.kind]
    if not isinstance(kinds, list) or any(k not in ProgrammeKind.values for k in kinds):
        raise ValidationError(_("Jenis program tidak dikenal."))
    return {"years": years, "kinds": [k for k in ProgrammeKind.values if k in kinds]}


def _accepted(question: Question, accepted: list[Any]) -> list[str]:
    kind = question.kind
    if kind == QuestionKind.YES_NO:
        values = [answer_text.yes_no(a) for a in accepted]
        if None in values:
            raise ValidationError(_("Jawaban pertanyaan ya/tidak hanya “ya” atau “tidak”."))
        return list(dict.fromkeys(values))
    if kind == QuestionKind.NUMBER:
        numbers = [answer_text.parse_number(a) for a in accepted]
        if None in numbers:
            raise ValidationError(_("Jawaban yang diterima harus angka."))
        return list(dict.fromkeys(answer_text.number_text(n) for n in numbers))
    values = [" ".join(str(a).split()) for a in accepted if str(a).strip()]
    if kind == QuestionKind.CHOICE:
        options = {answer_text.normalise(o): o for o in question.options}
        if any(answer_text.normalise(v) not in options for v in values):
            raise ValidationError(_("Jawaban yang diterima harus salah satu pilihan."))
        values = [options[answer_text.normalise(v)] for v in values]
    return list(dict.fromkeys(values))


def _answer_params(
    programme: Programme, params: dict[str, Any], question_override: Question | None = None
) -> dict[str, Any]:
    key = params.get("question")
    question = question_override or next(
        (q for q in programme.questions.all() if str(q.pk) == str(key)), None
    )
    if question is None or isinstance(key, bool):
        raise ValidationError(_("Pilih salah satu pertanyaan program ini."))
    accepted = params.get("accepted")
    values = _accepted(question, accepted) if isinstance(accepted, list) else []
    if not values:
        raise ValidationError(_("Tulis paling sedikit satu jawaban yang diterima."))
    return {"question": question.pk, "accepted": values}


PARAM_CHECKERS: dict[str, Callable[[Programme, dict[str, Any]], dict[str, Any]]] = {
    RuleKind.SIZE_CLASS_PERMENPERIN: _classes(SizeClassPermenperin),
    RuleKind.SIZE_CLASS_PP7: _classes(SizeClassPP7),
    RuleKind.KBLI_PREFIX: _prefix_params,
    RuleKind.REGION: _region_params,
    RuleKind.VERIFIED: _no_params,
    RuleKind.NIB_PRESENT: _no_params,
    RuleKind.CAPITAL_MAX: _capital_params,
    RuleKind.WOMEN_OWNED: _no_params,
    RuleKind.NO_DOUBLE_AID: _double_aid_params,
    RuleKind.ANSWER: _answer_params,
}


def rule_params_clean(*, programme: Programme, kind: str, params: Any) -> dict[str, Any]:
    """The rule's params in their stored form, or a ValidationError saying what is wrong."""
    checker = PARAM_CHECKERS.get(kind)
    if checker is None:
        raise ValidationError(_("Jenis syarat tidak dikenal."))
    if not isinstance(params, dict):
        raise ValidationError(_("Parameter syarat tidak sah."))
    return checker(programme, params)


@transaction.atomic
def rule_add(
    *, provenance: Provenance, programme: Programme, kind: str, params: dict[str, Any]
) -> EligibilityRule:
    require_setup(provenance.actor, programme)
    _require_not_applied(programme)
    cleaned = rule_params_clean(programme=programme, kind=kind, params=params)
    rule = EligibilityRule.objects.create(
        programme=programme,
        position=_next_position(programme.rules),
        kind=kind,
        params=cleaned,
    )
    new = {"id": rule.pk, "kind": kind, "params": cleaned}
    _audit(programme, "rule_added", provenance, "rule", None, new)
    return rule


@transaction.atomic
def rule_remove(*, provenance: Provenance, rule: EligibilityRule) -> None:
    programme = rule.programme
    require_setup(provenance.actor, programme)
    _require_not_applied(programme)
    old = {"id": rule.pk, "kind": rule.kind, "params": rule.params}
    _audit(programme, "rule_removed", provenance, "rule", old, None)
    rule.delete()
