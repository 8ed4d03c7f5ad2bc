"""The parsed-value type, the cell helpers every parser shares, and the plain text
and yes/no parsers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _


@dataclass
class ParsedValue:
    value: Any
    warning: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


# Ways of saying "nothing here" in office lists.
_BLANKS: frozenset[str] = frozenset({"", "-", "--", "–", "—", ".", "n/a", "na", "#n/a"})
_SPACES = re.compile(r"\s+")


def _text(value: object) -> str:
    """A cell as stripped text; the leading apostrophe spreadsheets use to force text
    ("'-7.58", "'0812…") is not part of the value."""
    if value is None:
        return ""
    text = _SPACES.sub(" ", str(value)).strip()
    return text[1:].strip() if text.startswith("'") else text


def _is_blank(text: str) -> bool:
    return text.lower() in _BLANKS


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _numeric_cell(value: object) -> int | None:
    """Whole numbers that a spreadsheet stored as numbers (int or integral float)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
        return int(value)
    return None


# --- text ----------------------------------------------------------------------------


def parse_text(value: object, *, zero_is_blank: bool = False) -> ParsedValue:
    """Free text with spaces tidied; dashes mean empty. `zero_is_blank` for names, where
    a 0 is a spreadsheet's way of leaving the cell empty, not a name."""
    text = _text(value)
    if _is_blank(text) or (zero_is_blank and text == "0"):
        return ParsedValue(None)
    return ParsedValue(text)


def parse_name(value: object) -> ParsedValue:
    return parse_text(value, zero_is_blank=True)


def parse_email(value: object) -> ParsedValue:
    text = _text(value).lower()
    if _is_blank(text):
        return ParsedValue(None)
    try:
        validate_email(text)
    except ValidationError:
        return ParsedValue(
            None, error=_("Alamat e-mail “%(value)s” tidak valid.") % {"value": text}
        )
    return ParsedValue(text)


# --- yes/no --------------------------------------------------------------------------

_YES: frozenset[str] = frozenset(
    {"ya", "y", "iya", "ada", "1", "true", "v", "✓", "✔", "√", "yes", "sudah"}
)
_NO: frozenset[str] = frozenset(
    {"tidak", "tdk", "t", "no", "0", "-", "belum", "false", "tidak ada", "n", "x", "✗"}
)


def parse_yes_no(value: object) -> ParsedValue:
    """Ya/tidak in the words lists use. An empty cell is unknown (None), not "tidak"."""
    if isinstance(value, bool):
        return ParsedValue(value)
    text = _text(value).lower().rstrip(".")
    if isinstance(value, int | float) and value in (0, 1):
        text = str(int(value))
    if text in _YES:
        return ParsedValue(True)
    if text in _NO:
        return ParsedValue(False)
    if not text:
        return ParsedValue(None)
    return ParsedValue(
        None,
        error=_("“%(value)s” bukan jawaban ya/tidak; tulis ya atau tidak.") % {"value": text},
    )
