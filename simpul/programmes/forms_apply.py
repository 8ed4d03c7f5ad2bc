"""The application form, built from the programme: one of the owner's enterprises, a field
per custom question (by its kind) and an upload per required document. The form checks
shapes; the services decide (answers typed, documents checked by content) and their errors
come back on these fields ("q_<id>", "doc_<n>", "enterprise")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import QuestionKind
from .eligibility.answers import MAX_TEXT, NO, YES
from .models import Programme
from .selectors.applications import Candidate
from .services.applications import required_documents

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def question_field(question: Any) -> forms.Field:
    common = {"label": question.text, "required": question.required}
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Ya")), (NO, _("Tidak"))], widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.CHOICE:
        options = [(str(o), str(o)) for o in question.options or []]
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        return forms.CharField(
            max_length=40,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            help_text=_("Angka, misalnya 12 atau 2,5."),
            **common,
        )
    return forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}), **common)


class ApplyForm(forms.Form):
    enterprise = forms.TypedChoiceField(
        label=_("Usaha yang mendaftar"),
        coerce=int,
        error_messages={"invalid_choice": _("Pilih salah satu usaha Anda.")},
    )

    def __init__(
        self, *args: Any, programme: Programme, candidates: Sequence[Candidate], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.candidates = {c.enterprise.pk: c for c in candidates if not c.applied}
        self.fields["enterprise"].choices = [
            (pk, c.enterprise.name) for pk, c in self.candidates.items()
        ]
        if len(self.candidates) == 1:
            self.fields["enterprise"].initial = next(iter(self.candidates))
        self.question_names = []
        for question in programme.questions.all():
            name = f"q_{question.pk}"
            self.fields[name] = question_field(question)
            self.question_names.append(name)
        self.document_names = []
        for index, label in enumerate(required_documents(programme)):
            name = f"doc_{index}"
            self.fields[name] = forms.FileField(
                label=label,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                help_text=_("PDF, JPG, atau PNG; paling besar 5 MB."),
            )
            self.document_names.append(name)

    def clean_enterprise(self) -> Any:
        candidate = self.candidates.get(self.cleaned_data["enterprise"])
        if candidate is None:  # a forged id: not one of this owner's open choices
            raise ValidationError(_("Pilih salah satu usaha Anda."))
        return candidate.enterprise

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.question_names]

    def document_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.document_names]

    def answers(self) -> dict[str, Any]:
        return {
            name.removeprefix("q_"): self.cleaned_data.get(name, "") for name in self.question_names
        }

    def documents(self) -> list[tuple[str, Any]]:
        labels = required_documents(self.programme)
        return [
            (labels[index], self.cleaned_data[name])
            for index, name in enumerate(self.document_names)
            if self.cleaned_data.get(name)
        ]
