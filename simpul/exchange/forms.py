"""Forms of the import screens. They only collect input; the rules (which mapping is
valid, which status a batch may move to) live in services.py, which the views call."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.registry.choices import EnterpriseStatus

from .choices import ErrorPolicy
from .mapping import FIELDS
from .models import ImportBatch

ACCEPT = ".csv,.xlsx,.xls,.ods"
IGNORE = ""  # the select's value for a column the import leaves out


class UploadForm(forms.Form):
    # An empty file is let through on purpose: the reader's own message for it is the
    # one the officer should read, the same as for every other bad file.
    file = forms.FileField(
        label=_("Berkas daftar IKM"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class SheetForm(forms.Form):
    sheet = forms.ChoiceField(label=_("Sheet"))

    def __init__(self, *args: Any, batch: ImportBatch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(name, name) for name in batch.sheets]
        self.fields["sheet"].initial = batch.sheet


def field_choices() -> list[tuple[str, str]]:
    return [(IGNORE, _("— abaikan —")), *FIELDS.items()]


class MappingForm(forms.Form):
    """One select per file column (named by position: headers may hold any character),
    the status new records get, and an optional name to save the mapping under."""

    new_status = forms.ChoiceField(
        label=_("Status IKM baru dari berkas ini"),
        choices=ImportBatch._meta.get_field("new_status").choices,
        widget=forms.RadioSelect,
        initial=EnterpriseStatus.DRAFT,
    )
    save_as = forms.CharField(
        label=_("Simpan pemetaan sebagai"),
        required=False,
        max_length=120,
        help_text=_("Beri nama agar berkas berikutnya dengan kolom yang sama langsung terpetakan."),
    )

    def __init__(self, *args: Any, batch: ImportBatch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.fields["new_status"].initial = batch.new_status
        choices = field_choices()
        for index, column in enumerate(batch.columns):
            self.fields[self.column_field(index)] = forms.ChoiceField(
                label=column,
                choices=choices,
                required=False,
                initial=batch.mapping.get(column) or IGNORE,
            )

    @staticmethod
    def column_field(index: int) -> str:
        return f"col_{index}"

    def column_rows(self, samples: dict[str, list[str]], unsure: set[str]) -> list[dict[str, Any]]:
        """What the template draws per column: its header, a few sample values, the
        select, and whether the suggestion was only a near match."""
        return [
            {
                "column": column,
                "samples": samples.get(column, []),
                "field": self[self.column_field(index)],
                "unsure": column in unsure,
            }
            for index, column in enumerate(self.batch.columns)
        ]

    def mapping(self) -> dict[str, str | None]:
        data = self.cleaned_data
        return {
            column: data.get(self.column_field(index)) or None
            for index, column in enumerate(self.batch.columns)
        }


class CommitForm(forms.Form):
    error_policy = forms.ChoiceField(
        label=_("Baris yang salah"),
        choices=ErrorPolicy.choices,
        widget=forms.RadioSelect,
        initial=ErrorPolicy.SKIP,
    )
