"""Programmes and everything that happens inside one: rules, questions, applications,
curation, sessions, outcomes and follow-ups; and the offices' yearly targets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.core.scope import ScopeFields
from simpul.core.storage import private_storage
from simpul.registry.models import new_public_key

from .choices import (
    ApplicationStatus,
    OutcomeKind,
    ProgrammeKind,
    ProgrammeStatus,
    QuestionKind,
    RuleKind,
    TargetIndicator,
)

USER = settings.AUTH_USER_MODEL


class Programme(models.Model):
    """A facility an office offers: its region (inside the office's jurisdiction; none =
    national) decides who may run it and see its applicants."""

    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    title = models.CharField(_("nama program"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=ProgrammeKind.choices)
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="programmes"
    )
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=2, blank=True, db_index=True)
    regency_code = models.CharField(max_length=5, blank=True, db_index=True)
    district_code = models.CharField(max_length=8, blank=True, db_index=True)
    description = models.TextField(_("keterangan"), blank=True)
    required_documents = models.JSONField(_("dokumen wajib"), default=list, blank=True)
    period_start = models.DateField(_("pelaksanaan mulai"), null=True, blank=True)
    period_end = models.DateField(_("pelaksanaan selesai"), null=True, blank=True)
    apply_opens = models.DateField(_("pendaftaran dibuka"))
    apply_closes = models.DateField(_("pendaftaran ditutup"))
    quota = models.PositiveIntegerField(_("kuota peserta"))
    budget = models.BigIntegerField(_("anggaran (Rp)"), default=0)
    reimbursement_percent = models.PositiveSmallIntegerField(
        _("penggantian (% harga mesin)"), null=True, blank=True
    )
    reimbursement_min = models.BigIntegerField(_("penggantian minimum (Rp)"), null=True, blank=True)
    reimbursement_max = models.BigIntegerField(
        _("penggantian maksimum (Rp)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_fields = ScopeFields("province_code", "regency_code", "district_code", "region_id")

    class Meta:
        ordering = ["-apply_opens", "-id"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        constraints = [
            models.CheckConstraint(
                condition=Q(apply_closes__gte=models.F("apply_opens")),
                name="programme_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(reimbursement_percent__isnull=True) | Q(reimbursement_percent__lte=100),
                name="programme_reimbursement_percent_max_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.region_id or ""


class Question(models.Model):
    """A custom question of the application form; an ANSWER rule may test its answer."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("pertanyaan"), max_length=300)
    kind = models.CharField(_("jenis jawaban"), max_length=8, choices=QuestionKind.choices)
    options = models.JSONField(_("pilihan"), default=list, blank=True)
    required = models.BooleanField(_("wajib dijawab"), default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class EligibilityRule(models.Model):
    """One declared condition; `params` holds its values (classes, prefixes, a region
    code, an amount, years and kinds, a question and the accepted answers)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("syarat"), max_length=20, choices=RuleKind.choices)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Stage(models.Model):
    """Curation stage N of a programme, scored by its panel against weighted criteria."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("tahap ke"))
    name = models.CharField(_("nama tahap"), max_length=120)
    panelists = models.ManyToManyField(USER, blank=True, related_name="panel_stages")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="stage_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Criterion(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kriteria"), max_length=160)
    weight = models.PositiveSmallIntegerField(_("bobot"), default=1)
    max_score = models.PositiveSmallIntegerField(_("nilai maksimum"), default=10)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    """An enterprise's application to (or an officer's nomination for) a programme."""

    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
        db_index=True,
    )
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.PROTECT)
    nominated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField(default=dict, blank=True)
    eligibility = models.JSONField(default=list, blank=True)
    waitlist_rank = models.PositiveIntegerField(null=True, blank=True)
    pre_test = models.PositiveSmallIntegerField(_("nilai pre-test"), null=True, blank=True)
    post_test = models.PositiveSmallIntegerField(_("nilai post-test"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    # Applicants are the organising office's business: seen through the programme's
    # region, and by the owner of the applying enterprise.
    scope_fields = ScopeFields(
        "programme__province_code",
        "programme__regency_code",
        "programme__district_code",
        "programme__region_id",
        owner_user="enterprise__owner__user",
    )

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "enterprise"], name="application_once_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.programme}"

    @property
    def owner_url(self) -> str:
        """Where the owner follows this application (linked from notifications)."""
        return reverse("programmes:application", args=[self.public_key])


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("dokumen"), max_length=160)
    file = models.FileField(upload_to="programmes/documents/%Y/%m/", storage=private_storage)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """One panelist's scoring of one application in one stage."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="reviews")
    panelist = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="reviews")
    comment = models.TextField(_("komentar"), blank=True)
    # Weighted score on a 0–100 scale, kept to two decimals (exact, not a float).
    total = models.DecimalField(max_digits=5, decimal_places=2)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage", "panelist"], name="review_once_per_panelist"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.stage} · {self.panelist}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Session(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("sesi"), max_length=200)
    starts_at = models.DateTimeField(_("waktu"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.application}"


class Outcome(models.Model):
    """What the facility produced for one participant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("hasil"), max_length=20, choices=OutcomeKind.choices)
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=80, blank=True)
    issued_on = models.DateField(_("tanggal"), null=True, blank=True)
    machine_value = models.BigIntegerField(_("nilai mesin (Rp)"), null=True, blank=True)
    reimbursement_value = models.BigIntegerField(_("nilai penggantian (Rp)"), null=True, blank=True)
    shop_url = models.URLField(_("alamat toko"), blank=True)
    contract_value = models.BigIntegerField(_("nilai kontrak (Rp)"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class FollowUp(models.Model):
    """A checkpoint months after the programme: help does not end at the last session."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="follow_ups"
    )
    months_after = models.PositiveSmallIntegerField(_("bulan setelah program"))
    due_on = models.DateField(_("jatuh tempo"))
    done_on = models.DateField(_("dilakukan"), null=True, blank=True)
    monthly_sales = models.BigIntegerField(_("omzet per bulan (Rp)"), null=True, blank=True)
    workforce = models.PositiveIntegerField(_("tenaga kerja"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "months_after"], name="follow_up_once_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} +{self.months_after}"


class Target(models.Model):
    """An office's development target for a year: a count, or a growth in percent."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    indicator = models.CharField(_("indikator"), max_length=20, choices=TargetIndicator.choices)
    programme_kind = models.CharField(
        _("jenis program"), max_length=16, choices=ProgrammeKind.choices, blank=True
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["-year", "indicator", "programme_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "indicator", "programme_kind"], name="target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.year} {self.get_indicator_display()}"
