"""Readable labels of facet values (golongan pokok titles, size classes, gender, area)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from simpul.kbli.models import Kbli
from simpul.registry.choices import Gender, SizeClassPermenperin, SizeClassPP7

UNKNOWN = _("Tidak diketahui")
AREA = {"1": _("Kelurahan (perkotaan)"), "2": _("Desa (perdesaan)"), "": _("Tanpa desa")}


def labels(facet: str, values: Iterable[str]) -> dict[str, str]:
    values = list(values)
    if facet == "gp":
        titles = dict(Kbli.objects.filter(code__in=values).values_list("code", "title"))
        return {v: f"{v} {titles.get(v, '')}".strip() if v else str(UNKNOWN) for v in values}
    choices = {
        "size_perm": dict(SizeClassPermenperin.choices),
        "size_pp7": dict(SizeClassPP7.choices),
        "owner_gender": dict(Gender.choices),
        "area": AREA,
    }.get(facet, {})
    return {v: str(choices.get(v, v or UNKNOWN)) for v in values}
