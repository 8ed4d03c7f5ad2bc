"""Eligibility rules as plain Indonesian sentences ("KBLI harus diawali 10 atau 11"), for
the call page, the officer's rule list and the eligibility engine's explanations. A rule
with params that do not fit its kind still gets a sentence (never an exception): the text
says what it can."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from simpul.core.money import format_rupiah
from simpul.regions.models import Region
from simpul.registry.choices import SizeClassPermenperin, SizeClassPP7

from .choices import ProgrammeKind, RuleKind
from .eligibility import answers as answer_text

__all__ = ["join_or", "rule_sentence"]


def join_or(items: list[str]) -> str:
    """ "10", "10 atau 11", "10, 11 atau 12"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s atau %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _list(params: Mapping[str, Any], key: str) -> list[Any]:
    value = params.get(key)
    return value if isinstance(value, list) else []


def _labels(values: list[Any], choices: Any) -> str:
    known = {v: str(label).lower() for v, label in choices.choices}
    return join_or([known.get(v, str(v)) for v in values])


def _size(choices: Any, regime: str) -> Callable[[Mapping[str, Any], Any], str]:
    def sentence(params: Mapping[str, Any], rule: Any) -> str:
        return _("Kelas usaha menurut %(regime)s harus %(classes)s") % {
            "regime": regime,
            "classes": _labels(_list(params, "classes"), choices),
        }

    return sentence


def _kbli(params: Mapping[str, Any], rule: Any) -> str:
    return _("KBLI harus diawali %(prefixes)s") % {"prefixes": join_or(_list(params, "prefixes"))}


def _region(params: Mapping[str, Any], rule: Any) -> str:
    code = str(params.get("region") or "")
    region = Region.objects.filter(code=code).only("name").first() if code else None
    return _("Lokasi usaha harus di %(region)s") % {"region": region.name if region else code}


def _capital(params: Mapping[str, Any], rule: Any) -> str:
    amount = params.get("max")
    shown = format_rupiah(amount) if isinstance(amount, int) else str(amount)
    return _("Modal usaha paling banyak %(max)s") % {"max": shown}


def _double_aid(params: Mapping[str, Any], rule: Any) -> str:
    kinds = _list(params, "kinds") or [getattr(rule.programme, "kind", "")]
    return _("Belum menerima %(kinds)s dalam %(years)s tahun terakhir") % {
        "kinds": _labels(kinds, ProgrammeKind),
        "years": params.get("years", "?"),
    }


def _answer(params: Mapping[str, Any], rule: Any) -> str:
    question_id = str(params.get("question", ""))
    question = next((q for q in rule.programme.questions.all() if str(q.pk) == question_id), None)
    if question is None:
        return _("Jawaban pertanyaan yang sudah dihapus")
    accepted = [answer_text.display(question, a) for a in _list(params, "accepted")]
    return _("Jawaban “%(question)s” harus %(accepted)s") % {
        "question": question.text,
        "accepted": join_or(accepted),
    }


_SENTENCES: dict[str, Callable[[Mapping[str, Any], Any], str]] = {
    RuleKind.SIZE_CLASS_PERMENPERIN: _size(SizeClassPermenperin, "Permenperin 64/2016"),
    RuleKind.SIZE_CLASS_PP7: _size(SizeClassPP7, "PP 7/2021"),
    RuleKind.KBLI_PREFIX: _kbli,
    RuleKind.REGION: _region,
    RuleKind.VERIFIED: lambda params, rule: _("Data IKM harus sudah diverifikasi Dinas"),
    RuleKind.NIB_PRESENT: lambda params, rule: _("Usaha harus memiliki NIB"),
    RuleKind.CAPITAL_MAX: _capital,
    RuleKind.WOMEN_OWNED: lambda params, rule: _("Usaha harus dimiliki perempuan"),
    RuleKind.NO_DOUBLE_AID: _double_aid,
    RuleKind.ANSWER: _answer,
}


def rule_sentence(rule: Any) -> str:
    """One EligibilityRule (or anything with kind, params and programme) as a sentence."""
    render = _SENTENCES.get(rule.kind)
    if render is None:
        return _("Syarat “%(kind)s”") % {"kind": rule.kind}
    params = rule.params if isinstance(rule.params, dict) else {}
    return render(params, rule)
