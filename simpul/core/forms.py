"""Form fields for Indonesian values. Each one cleans through simpul.core.validation or
simpul.core.money, so a form, an import and the API reject a value with the same message."""

from __future__ import annotations

from typing import Any

from django import forms

from simpul.core.money import group_thousands, parse_rupiah
from simpul.core.validation import (
    clean_nib,
    clean_npwp,
    clean_postal_code,
    normalize_phone,
    validate_nik,
)


class DateBox(forms.DateInput):
    """The browser's date picker. Its value must be ISO (2026-12-07): a date written the
    Indonesian way (07-12-2026) is dropped by the picker, so an edit page would come back
    with the box empty and the saved date lost."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _numeric_input() -> forms.TextInput:
    # A text box, not type=number: browsers mangle leading zeros and "1.500.000" there.
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class RupiahField(forms.CharField):
    """Accepts `1.500.000`, `Rp 2,5 juta`, `1,5 M` …; cleans to whole Rupiah (int).
    An empty, optional box cleans to 0."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _numeric_input())
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return parse_rupiah(value)
        text = super().to_python(value)
        return parse_rupiah(text) if text else None

    def clean(self, value: Any) -> int:
        amount = super().clean(value)
        return 0 if amount is None else amount

    def prepare_value(self, value: Any) -> Any:
        # Show a stored amount the way people write it, so re-saving parses it back.
        if isinstance(value, int) and not isinstance(value, bool):
            return group_thousands(value)
        return value


class _NormalisedCharField(forms.CharField):
    """A CharField whose non-empty value is passed through `normalise`."""

    def normalise(self, value: str) -> str:
        raise NotImplementedError

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return self.normalise(text) if text else text


class PhoneField(_NormalisedCharField):
    """Any common spelling of a phone number → E.164."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        )
        super().__init__(**kwargs)

    def normalise(self, value: str) -> str:
        return normalize_phone(value)


class _DigitsField(_NormalisedCharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _numeric_input())
        super().__init__(**kwargs)


class NibField(_DigitsField):
    def normalise(self, value: str) -> str:
        return clean_nib(value)


class NpwpField(_DigitsField):
    def normalise(self, value: str) -> str:
        return clean_npwp(value)


class PostalCodeField(_DigitsField):
    def normalise(self, value: str) -> str:
        return clean_postal_code(value)


class NikField(_DigitsField):
    """Format, date and region of the NIK only; whether it matches the gender and birth date
    entered alongside is the form's clean() business."""

    def normalise(self, value: str) -> str:
        return validate_nik(value).nik
