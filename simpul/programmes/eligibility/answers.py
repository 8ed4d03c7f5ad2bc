"""Answers to a programme's custom questions: how they are read when submitted and how they
are compared with an ANSWER rule's accepted values. Shared by the application services
(which refuse a badly typed answer) and the eligibility engine (which compares them)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..choices import QuestionKind

YES, NO = "ya", "tidak"
_YES_WORDS = {"ya", "y", "yes", "iya", "true", "1"}
_NO_WORDS = {"tidak", "t", "no", "n", "false", "0", "tdk"}
# "1.500.000" or "1.500,5": dots group thousands (the Indonesian way).
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
MAX_TEXT = 1000


def normalise(value: Any) -> str:
    """Case- and space-insensitive form of an answer or accepted value."""
    if isinstance(value, bool):
        return YES if value else NO
    return " ".join(str(value).split()).casefold()


def yes_no(value: Any) -> str | None:
    """ "ya" / "tidak" for the ways people say yes and no; None when it is neither."""
    word = normalise(value)
    if word in _YES_WORDS:
        return YES
    if word in _NO_WORDS:
        return NO
    return None


def parse_number(value: Any) -> Decimal | None:
    """`12`, `2,5`, `2.5`, `1.500.000` → Decimal; None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = str(value).strip().replace(" ", "")
    if _GROUPED.match(text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def number_text(number: Decimal) -> str:
    """The stored form of a number answer: `1500000`, `2.5` (no exponent, no trailing 0)."""
    text = f"{number.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def clean_answer(question: Any, raw: Any) -> str:
    """The stored form of one answer (text), or a ValidationError in Indonesian. An empty
    answer comes back as "" (the caller decides whether the question was required)."""
    if raw is None or not str(raw).strip():
        return ""
    if question.kind == QuestionKind.YES_NO:
        answer = yes_no(raw)
        if answer is None:
            raise ValidationError(_("Jawab “ya” atau “tidak”."))
        return answer
    if question.kind == QuestionKind.NUMBER:
        number = parse_number(raw)
        if number is None:
            raise ValidationError(_("Tulis angka, misalnya 12 atau 2,5."))
        return number_text(number)
    if question.kind == QuestionKind.CHOICE:
        options = {normalise(o): str(o) for o in question.options or []}
        if normalise(raw) not in options:
            raise ValidationError(_("Pilih salah satu pilihan yang tersedia."))
        return options[normalise(raw)]
    text = str(raw).strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("Jawaban terlalu panjang: paling banyak %(n)d huruf.") % {"n": MAX_TEXT}
        )
    return text


def matches(question: Any, answer: Any, accepted: list[Any]) -> bool:
    """Whether `answer` is one of `accepted`, compared the way the question's kind reads."""
    if question.kind == QuestionKind.YES_NO:
        return yes_no(answer) is not None and yes_no(answer) in {yes_no(a) for a in accepted}
    if question.kind == QuestionKind.NUMBER:
        number = parse_number(answer)
        return number is not None and number in {parse_number(a) for a in accepted}
    return normalise(answer) in {normalise(a) for a in accepted}


def display(question: Any, answer: Any) -> str:
    """An answer as the applicant reads it back ("Ya" rather than "ya")."""
    if question.kind == QuestionKind.YES_NO:
        return {YES: _("Ya"), NO: _("Tidak")}.get(yes_no(answer) or "", str(answer))
    return str(answer)
