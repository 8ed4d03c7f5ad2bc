"""Forms of the curation pages: the applicants filter, the panel's scoring form, and the
officers' actions (advance a stage, finalise the selection, decide one application,
nominate an IKM). They only check the shape of the input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ApplicationStatus
from .models import Criterion, Review, Stage
from .services.curation import DECISIONS

S = ApplicationStatus


class ApplicantFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    tahap = forms.ChoiceField(label=_("Tahap kurasi"), required=False)
    wilayah = forms.ChoiceField(label=_("Kabupaten/kota usaha"), required=False)

    def __init__(
        self, *args: Any, stages: list[Stage], regencies: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        self.fields["status"].choices = everything + list(S.choices)
        self.fields["tahap"].choices = everything + [(str(s.number), str(s)) for s in stages]
        self.fields["wilayah"].choices = everything + regencies
        self.stages = {str(s.number): s for s in stages}

    def stage(self) -> Stage | None:
        return self.stages.get(self.cleaned_data.get("tahap") or "")


def criterion_field_name(criterion: Criterion) -> str:
    return f"c_{criterion.pk}"


class ReviewForm(forms.Form):
    """One whole-number box per criterion of the stage (its weight and maximum shown)."""

    comment = forms.CharField(
        label=_("Komentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: Any, criteria: list[Criterion], review: Review | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.review = review
        given = {s.criterion_id: s.value for s in review.scores.all()} if review else {}
        for criterion in criteria:
            self.fields[criterion_field_name(criterion)] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                initial=given.get(criterion.pk),
                help_text=_("bobot %(w)d · nilai 0 sampai %(max)d")
                % {"w": criterion.weight, "max": criterion.max_score},
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        if review:
            self.fields["comment"].initial = review.comment
        # The comment last, after the scores.
        self.order_fields([criterion_field_name(c) for c in criteria] + ["comment"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[criterion_field_name(c)] for c in self.criteria}


class _ForceMixin(forms.Form):
    force = forms.BooleanField(
        label=_("Lanjutkan walau penilaian belum lengkap"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Alasan melanjutkan tanpa menunggu"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdvanceForm(_ForceMixin):
    pass_count = forms.IntegerField(
        label=_("Jumlah yang lolos ke tahap berikutnya"), min_value=1, max_value=100_000
    )
    field_order = ["pass_count", "force", "reason"]


class FinaliseForm(_ForceMixin):
    waitlist_size = forms.IntegerField(
        label=_("Jumlah daftar tunggu"), min_value=0, max_value=100_000, initial=0
    )
    field_order = ["waitlist_size", "force", "reason"]


class DecisionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Keputusan"), choices=[(s.value, s.label) for s in map(S, DECISIONS)]
    )
    note = forms.CharField(label=_("Catatan untuk pemilik"), required=False, max_length=1000)


class NominateForm(forms.Form):
    enterprise = forms.CharField(
        label=_("Kode IKM atau NIB"),
        max_length=13,
        min_length=8,
        help_text=_("Kode 8 karakter di alamat profil IKM, atau NIB 13 angka."),
    )
    note = forms.CharField(label=_("Alasan pengusulan"), required=False, max_length=1000)

    def clean_enterprise(self) -> str:
        return self.cleaned_data["enterprise"].strip()
