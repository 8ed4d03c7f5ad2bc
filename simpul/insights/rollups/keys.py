"""An enterprise's rollup key: computed in SQL, so the incremental path (one enterprise)
and the rebuild (all of them, INSERT … SELECT) use the very same expressions — including
the year in Asia/Jakarta time, which Python and the database could otherwise disagree on
around New Year's Eve."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass

from django.db.models import Case, CharField, IntegerField, QuerySet, Value, When
from django.db.models.functions import Coalesce, ExtractYear, Substr

from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

# Facets of EnterpriseRollup: name → how its value derives from a key.
FACETS = {
    "all": lambda k: "",
    "gp": lambda k: k.gp,
    "size_perm": lambda k: k.size_perm,
    "size_pp7": lambda k: k.size_pp7,
    "owner_gender": lambda k: k.owner_gender,
    "area": lambda k: k.area,
    # Crosses for the open-data table "regency × golongan pokok × size class".
    "gp_size_perm": lambda k: f"{k.gp}|{k.size_perm}",
    "gp_size_pp7": lambda k: f"{k.gp}|{k.size_pp7}",
}


@dataclass(frozen=True)
class Key:
    province_code: str
    regency_code: str
    district_code: str
    area: str
    gp: str
    size_perm: str
    size_pp7: str
    status: str
    owner_gender: str
    registered_year: int
    verified_year: int

    def levels(self) -> Iterator[tuple[str, str | None]]:
        """(region code, parent code) of every level the enterprise is counted at."""
        yield "", None
        if self.province_code:
            yield self.province_code, ""
        if self.regency_code:
            yield self.regency_code, self.province_code
        if self.district_code:
            yield self.district_code, self.regency_code

    @property
    def figure_cell(self) -> tuple[str, str] | None:
        """(district, golongan pokok) whose figure sums this enterprise's reports feed:
        only verified enterprises with a village (verification requires one) count."""
        if self.status != EnterpriseStatus.VERIFIED or not self.district_code:
            return None
        return self.district_code, self.gp


KEY_FIELDS = tuple(Key.__dataclass_fields__)


def key_annotations() -> dict:
    """The key columns as expressions over Enterprise, in KEY_FIELDS order."""
    text = CharField()
    return {
        "k_province_code": Coalesce("province_code", Value(""), output_field=text),
        "k_regency_code": Coalesce("regency_code", Value(""), output_field=text),
        "k_district_code": Coalesce("district_code", Value(""), output_field=text),
        # Kemendagri village code 18.71.01.1001: the 10th character is 1 (kelurahan) or 2.
        "k_area": Substr(Coalesce("village_id", Value(""), output_field=text), 10, 1),
        "k_gp": Substr(Coalesce("kbli_id", Value(""), output_field=text), 1, 2),
        "k_size_perm": Coalesce("size_class_permenperin", Value(""), output_field=text),
        "k_size_pp7": Coalesce("size_class_pp7", Value(""), output_field=text),
        "k_status": Coalesce("status", Value(""), output_field=text),
        "k_owner_gender": Coalesce("owner__gender", Value(""), output_field=text),
        "k_registered_year": ExtractYear("created_at"),
        # Only a verified enterprise has a meaningful verification year; 0 keeps the
        # rows of the other statuses fewer.
        "k_verified_year": Case(
            When(
                status=EnterpriseStatus.VERIFIED,
                verified_at__isnull=False,
                then=ExtractYear("verified_at"),
            ),
            default=Value(0),
            output_field=IntegerField(),
        ),
    }


def keyed(queryset: QuerySet[Enterprise]) -> QuerySet:
    """`queryset` as rows (pk, key columns…), ready to read or to INSERT … SELECT."""
    names = list(key_annotations())
    return queryset.annotate(**key_annotations()).values_list("pk", *names)


def current_keys(ids: Iterable[int]) -> dict[int, Key]:
    rows = keyed(Enterprise.objects.filter(pk__in=list(ids)))
    return {row[0]: Key(*row[1:]) for row in rows}


def key_of_row(row) -> Key:
    """A Key from an EnterpriseKey row."""
    return Key(*(getattr(row, name) for name in KEY_FIELDS))


def key_values(key: Key) -> dict:
    return dict(zip(KEY_FIELDS, astuple(key), strict=True))
