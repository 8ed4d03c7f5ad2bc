"""Rollup tables behind the regional indicators (see README.md in this app for the
design: grain, levels, facets, and how they are kept current).

None of these tables is a source of truth: `simpul insights_rebuild` recomputes all of
them from the registry and the yearly figures, and the incremental maintenance must end
in exactly the same rows (a test compares them row by row)."""

from __future__ import annotations

from django.db import models


class EnterpriseKey(models.Model):
    """What one enterprise currently contributes to EnterpriseRollup: its cell.

    The incremental path subtracts this row's key and adds the freshly computed one, so
    the old key never has to be guessed from a pre_save snapshot (which bulk paths and
    concurrent edits would make wrong). Locking this row serialises the refreshes of one
    enterprise. No database constraint: the row must outlive the enterprise's deletion
    until the post_delete receiver has subtracted it."""

    enterprise = models.OneToOneField(
        "registry.Enterprise",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="insights_key",
    )
    province_code = models.CharField(max_length=2)
    regency_code = models.CharField(max_length=5)
    district_code = models.CharField(max_length=8)
    area = models.CharField(max_length=1)  # 4th digit of the village: '1' kelurahan, '2' desa
    gp = models.CharField(max_length=2)  # KBLI golongan pokok, '' when no KBLI
    size_perm = models.CharField(max_length=10)
    size_pp7 = models.CharField(max_length=10)
    status = models.CharField(max_length=16)
    owner_gender = models.CharField(max_length=1)  # 'P', 'L' or '' (unknown)
    registered_year = models.PositiveSmallIntegerField()
    verified_year = models.PositiveSmallIntegerField()  # 0 unless status is verified

    class Meta:
        indexes = [models.Index(fields=["district_code", "gp", "status"], name="ins_key_cell")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.district_code or self.province_code} · {self.gp}"


class EnterpriseRollup(models.Model):
    """Count of enterprises per region cell × facet value × status × year of registration
    × year of verification. Each enterprise is counted once per level (national, its
    province, regency and district) and per facet, so any region reads only its own rows
    (a few thousand) and its children read theirs through `parent_code`."""

    region_code = models.CharField(max_length=8)  # '' national
    parent_code = models.CharField(max_length=5, null=True)  # None for the national row
    facet = models.CharField(max_length=14)
    value = models.CharField(max_length=24)
    status = models.CharField(max_length=16)
    registered_year = models.PositiveSmallIntegerField()
    verified_year = models.PositiveSmallIntegerField()
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "region_code",
                    "facet",
                    "value",
                    "status",
                    "registered_year",
                    "verified_year",
                ],
                name="ins_ent_rollup_key",
            )
        ]
        indexes = [models.Index(fields=["parent_code", "facet"], name="ins_ent_children")]

    def __str__(self) -> str:
        return f"{self.region_code or 'nasional'} {self.facet}={self.value}: {self.count}"


class FigureRollup(models.Model):
    """Sums of the yearly figures of verified enterprises per region cell × KBLI golongan
    pokok × year, at the four levels like EnterpriseRollup. Money in whole Rupiah."""

    region_code = models.CharField(max_length=8)
    parent_code = models.CharField(max_length=5, null=True)
    gp = models.CharField(max_length=2)
    year = models.PositiveSmallIntegerField()
    reporting = models.BigIntegerField(default=0)  # enterprises with a figure this year
    reporting_prev = models.BigIntegerField(default=0)  # … that also have one for year − 1
    workforce_men = models.BigIntegerField(default=0)
    workforce_women = models.BigIntegerField(default=0)
    investment_value = models.BigIntegerField(default=0)
    production_value = models.BigIntegerField(default=0)
    sales_value = models.BigIntegerField(default=0)
    online_sales_value = models.BigIntegerField(default=0)  # Σ round(sales × share / 100)
    online_base_sales = models.BigIntegerField(default=0)  # Σ sales where a share is given
    export_value = models.BigIntegerField(default=0)
    # Enterprises whose sales fell two years in a row: sales(Y) < sales(Y−1) < sales(Y−2).
    sales_fell = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "gp", "year"], name="ins_fig_rollup_key")
        ]
        indexes = [models.Index(fields=["parent_code", "year"], name="ins_fig_children")]

    def __str__(self) -> str:
        return f"{self.region_code or 'nasional'} {self.gp} {self.year}"


class FigureCellLock(models.Model):
    """One row per district × golongan pokok, locked while that cell's figure sums are
    recomputed, so two transactions never both write a sum computed without the other."""

    district_code = models.CharField(max_length=8)
    gp = models.CharField(max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district_code", "gp"], name="ins_fig_lock_key")
        ]

    def __str__(self) -> str:
        return f"{self.district_code} {self.gp}"


# The measure columns of FigureRollup, in one order used everywhere.
FIGURE_MEASURES = (
    "reporting",
    "reporting_prev",
    "workforce_men",
    "workforce_women",
    "investment_value",
    "production_value",
    "sales_value",
    "online_sales_value",
    "online_base_sales",
    "export_value",
    "sales_fell",
)
