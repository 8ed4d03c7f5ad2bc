"""Yearly figures (laporan berkala) of an enterprise: what it employed, invested,
produced and sold in one calendar year. The registry's Enterprise keeps the latest
declared values; these rows keep the history that growth and trends are computed from."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.core.models import Source
from simpul.core.scope import ScopeFields

from .choices import FigureStatus


class YearlyFigure(models.Model):
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="yearly_figures"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    workforce_men = models.PositiveIntegerField(_("tenaga kerja laki-laki"), null=True, blank=True)
    workforce_women = models.PositiveIntegerField(
        _("tenaga kerja perempuan"), null=True, blank=True
    )
    investment_value = models.BigIntegerField(
        _("nilai investasi (Rp, tanpa tanah dan bangunan)"), null=True, blank=True
    )
    production_value = models.BigIntegerField(_("nilai produksi (Rp)"), null=True, blank=True)
    sales_value = models.BigIntegerField(_("nilai penjualan (Rp)"), null=True, blank=True)
    online_sales_percent = models.PositiveSmallIntegerField(
        _("bagian penjualan online (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    export_value = models.BigIntegerField(_("nilai ekspor (Rp)"), null=True, blank=True)
    raw_materials = models.CharField(_("bahan baku utama"), max_length=300, blank=True)
    capacity_use_percent = models.PositiveSmallIntegerField(
        _("utilisasi kapasitas (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FigureStatus.choices, default=FigureStatus.SUBMITTED
    )
    # Plausibility findings against the previous year, in words ("Penjualan naik 12 kali
    # lipat dari 2024"), kept so the officer and the owner read the same question.
    flags = models.JSONField(default=list, blank=True)
    # len(flags), kept by the service: the review queue puts questionable figures first
    # and pages through them by a plain integer column.
    flag_count = models.PositiveSmallIntegerField(default=0)
    review_note = models.TextField(_("catatan petugas"), blank=True)
    source = models.CharField(
        max_length=20, choices=Source.choices, default=Source.SELF_REGISTRATION
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    scope_fields = ScopeFields(
        "enterprise__province_code",
        "enterprise__regency_code",
        "enterprise__district_code",
        "enterprise__village_id",
        "enterprise__owner__user",
    )

    class Meta:
        ordering = ["enterprise_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="figure_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1945) & models.Q(year__lte=2100),
                name="figure_year_plausible",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "status"], name="figure_year_status"),
            models.Index(
                fields=["status", "-flag_count", "submitted_at", "id"], name="figure_queue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.year}"

    @property
    def workforce(self) -> int | None:
        if self.workforce_men is None and self.workforce_women is None:
            return None
        return (self.workforce_men or 0) + (self.workforce_women or 0)
