"""One checker per rule kind. A checker reads the rule's params, looks at the enterprise (and
the answers) and returns a Verdict whose reason names the figures it compared, so applicant
and officer see *why*: "KBLI utama harus diawali 10 atau 11 (KBLI utama usaha: 13121)".

A checker raises BrokenRule when the params are not what its kind needs; the engine turns
that into a failed result with the reason, never a crash."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from simpul.core.money import format_rupiah
from simpul.regions.models import Region
from simpul.registry.choices import (
    EnterpriseStatus,
    Gender,
    SizeClassPermenperin,
    SizeClassPP7,
)

from ..choices import RECEIVED_STATUSES, ApplicationStatus, ProgrammeKind, RuleKind
from . import answers as answer_text

_REGION_CODE = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
_NIB = re.compile(r"^\d{13}$")
MAX_YEARS = 50


class BrokenRule(Exception):  # noqa: N818 - it is a verdict on the rule, not a failure of ours
    """The rule's params do not fit its kind; the message says what is wrong."""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str


@dataclass(frozen=True)
class Context:
    programme: Any
    enterprise: Any
    answers: Mapping[str, Any]
    today: dt.date
    # Which statuses count as aid already had; selection also counts a place held elsewhere.
    aid_statuses: tuple[str, ...] = RECEIVED_STATUSES


def or_list(items: list[str]) -> str:
    """ "10", "10 atau 11", "10, 11 atau 12"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s atau %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _codes(params: Mapping[str, Any], key: str, allowed: Any = None) -> list[str]:
    values = params.get(key)
    if not isinstance(values, list) or not values:
        raise BrokenRule(_("parameter “%(key)s” harus berupa daftar yang berisi") % {"key": key})
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise BrokenRule(_("parameter “%(key)s” harus berisi teks") % {"key": key})
    values = [v.strip() for v in values]
    unknown = [v for v in values if allowed is not None and v not in allowed]
    if unknown:
        raise BrokenRule(_("nilai tidak dikenal: %(values)s") % {"values": ", ".join(unknown)})
    return values


def _whole(params: Mapping[str, Any], key: str, low: int, high: int | None = None) -> int:
    value = params.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise BrokenRule(_("parameter “%(key)s” harus bilangan bulat") % {"key": key})
    if high is not None and value > high:
        raise BrokenRule(_("parameter “%(key)s” terlalu besar") % {"key": key})
    return value


def _size_class(field: str, choices: Any, regime: str) -> Callable[..., Verdict]:
    def check(params: Mapping[str, Any], ctx: Context) -> Verdict:
        classes = _codes(params, "classes", choices.values)
        wanted = or_list([str(choices(c).label).lower() for c in classes])
        actual = getattr(ctx.enterprise, field)
        if not actual:
            return Verdict(
                False,
                _("kelas usaha (%(regime)s) harus %(wanted)s; kelas usaha belum dapat ditentukan")
                % {"regime": regime, "wanted": wanted},
            )
        label = str(choices(actual).label).lower()
        if actual in classes:
            return Verdict(True, _("%(label)s (%(regime)s)") % {"label": label, "regime": regime})
        return Verdict(
            False,
            _("kelas usaha (%(regime)s) harus %(wanted)s (kelas usaha: %(label)s)")
            % {"regime": regime, "wanted": wanted, "label": label},
        )

    return check


def check_kbli_prefix(params: Mapping[str, Any], ctx: Context) -> Verdict:
    prefixes = _codes(params, "prefixes")
    if not all(p.isdigit() and len(p) <= 5 for p in prefixes):
        raise BrokenRule(_("awalan KBLI harus 1 sampai 5 angka"))
    code = ctx.enterprise.kbli_id or ""
    hit = next((p for p in prefixes if code.startswith(p)), None)
    if code and hit:
        return Verdict(True, _("KBLI %(code)s diawali %(prefix)s") % {"code": code, "prefix": hit})
    # Only the main KBLI counts: say so when another KBLI of the enterprise would have fit.
    others = [k for k in ctx.enterprise.other_kbli.values_list("code", flat=True)]
    fitting = [k for k in others if any(k.startswith(p) for p in prefixes)]
    reason = _("KBLI utama harus diawali %(prefixes)s (KBLI utama usaha: %(code)s)") % {
        "prefixes": or_list(prefixes),
        "code": code or _("belum diisi"),
    }
    if fitting:
        reason += _("; KBLI lain (%(codes)s) tidak dihitung") % {"codes": ", ".join(fitting)}
    return Verdict(False, reason)


def _region_name(code: str) -> str:
    region = Region.objects.filter(code=code).only("name").first()
    return region.name if region else code


def check_region(params: Mapping[str, Any], ctx: Context) -> Verdict:
    code = params.get("region")
    if not isinstance(code, str) or not _REGION_CODE.match(code.strip()):
        raise BrokenRule(_("kode wilayah tidak sah"))
    code = code.strip()
    where = ctx.enterprise.region_code or ""
    name = _region_name(code)
    if where == code or where.startswith(code + "."):
        return Verdict(True, _("lokasi usaha di %(region)s") % {"region": name})
    # The enterprise's place at the rule's level: "Kota Bandar Lampung" against a regency.
    actual = _region_name(where[: len(code)]) if where else _("belum diisi")
    return Verdict(
        False,
        _("lokasi usaha harus di %(region)s (lokasi usaha: %(actual)s)")
        % {"region": name, "actual": actual},
    )


def check_verified(params: Mapping[str, Any], ctx: Context) -> Verdict:
    status = ctx.enterprise.status
    if status == EnterpriseStatus.VERIFIED:
        return Verdict(True, _("data IKM sudah diverifikasi Dinas"))
    return Verdict(
        False,
        _("data IKM harus sudah diverifikasi Dinas (status sekarang: %(status)s)")
        % {"status": EnterpriseStatus(status).label},
    )


def check_nib(params: Mapping[str, Any], ctx: Context) -> Verdict:
    nib = (ctx.enterprise.nib or "").strip()
    if _NIB.match(nib):
        return Verdict(True, _("NIB %(nib)s tercatat") % {"nib": nib})
    if not nib:
        return Verdict(False, _("usaha harus memiliki NIB (13 angka); NIB belum diisi"))
    return Verdict(False, _("NIB harus 13 angka (NIB tercatat: “%(nib)s”)") % {"nib": nib})


def check_capital_max(params: Mapping[str, Any], ctx: Context) -> Verdict:
    limit = _whole(params, "max", 0)
    capital = ctx.enterprise.business_capital or 0
    # 0 is what an empty box leaves behind: unknown, so not shown to be small enough.
    if capital <= 0:
        return Verdict(
            False,
            _("modal usaha paling banyak %(max)s; modal usaha belum diisi")
            % {"max": format_rupiah(limit)},
        )
    values = {"max": format_rupiah(limit), "capital": format_rupiah(capital)}
    if capital <= limit:
        return Verdict(True, _("modal usaha %(capital)s, tidak lebih dari %(max)s") % values)
    return Verdict(
        False, _("modal usaha paling banyak %(max)s (modal usaha: %(capital)s)") % values
    )


def check_women_owned(params: Mapping[str, Any], ctx: Context) -> Verdict:
    owner = ctx.enterprise.owner
    gender = owner.gender if owner else ""
    if gender == Gender.FEMALE:
        return Verdict(True, _("pemilik usaha perempuan"))
    actual = Gender(gender).label if gender else _("belum diisi")
    return Verdict(
        False,
        _("pemilik usaha harus perempuan (jenis kelamin pemilik: %(gender)s)")
        % {"gender": str(actual).lower()},
    )


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def check_no_double_aid(params: Mapping[str, Any], ctx: Context) -> Verdict:
    from ..models import Application

    years = _whole(params, "years", 1, MAX_YEARS)
    # Without kinds the rule means "the same kind as this programme".
    kinds = _codes(params, "kinds", ProgrammeKind.values) if params.get("kinds") else []
    kinds = kinds or [ctx.programme.kind]
    labels = or_list([str(ProgrammeKind(k).label).lower() for k in kinds])
    cutoff = _years_ago(ctx.today, years)
    received = (
        Application.objects.filter(
            enterprise=ctx.enterprise,
            status__in=ctx.aid_statuses,
            programme__kind__in=kinds,
        )
        .exclude(programme_id=ctx.programme.pk)
        .annotate(ended=Coalesce("programme__period_end", "programme__apply_closes"))
        # A programme still running counts too: its participant is receiving it now.
        .filter(ended__gte=cutoff)
        .select_related("programme")
        .order_by("-ended")
        .first()
    )
    values = {"years": years, "kinds": labels}
    if received is None:
        return Verdict(True, _("belum menerima %(kinds)s dalam %(years)d tahun terakhir") % values)
    if received.status == ApplicationStatus.SELECTED:
        return Verdict(
            False,
            _("sudah terpilih di “%(programme)s”; %(kinds)s hanya sekali dalam %(years)d tahun")
            % {**values, "programme": received.programme.title},
        )
    return Verdict(
        False,
        _(
            "sudah menerima “%(programme)s” (%(year)d) dalam %(years)d tahun terakhir; "
            "%(kinds)s hanya sekali dalam %(years)d tahun"
        )
        % {**values, "programme": received.programme.title, "year": received.ended.year},
    )


def check_answer(params: Mapping[str, Any], ctx: Context) -> Verdict:
    question_id = params.get("question")
    if isinstance(question_id, bool) or not isinstance(question_id, int | str):
        raise BrokenRule(_("pertanyaan tidak disebut"))
    questions = ctx.programme.questions.all()
    question = next((q for q in questions if str(q.pk) == str(question_id)), None)
    if question is None:
        raise BrokenRule(_("pertanyaan tidak ada pada program ini"))
    accepted = params.get("accepted")
    if not isinstance(accepted, list) or not accepted:
        raise BrokenRule(_("jawaban yang diterima belum ditentukan"))
    wanted = or_list([answer_text.display(question, a) for a in accepted])
    answer = ctx.answers.get(str(question.pk), "")
    values = {"question": question.text, "wanted": wanted}
    if str(answer).strip() and answer_text.matches(question, answer, accepted):
        values["answer"] = answer_text.display(question, answer)
        return Verdict(True, _("jawaban “%(answer)s” untuk “%(question)s”") % values)
    values["answer"] = (
        answer_text.display(question, answer) if str(answer).strip() else _("belum dijawab")
    )
    return Verdict(
        False, _("jawaban untuk “%(question)s” harus %(wanted)s (jawaban: %(answer)s)") % values
    )


CHECKERS: dict[str, Callable[[Mapping[str, Any], Context], Verdict]] = {
    RuleKind.SIZE_CLASS_PERMENPERIN: _size_class(
        "size_class_permenperin", SizeClassPermenperin, "Permenperin 64/2016"
    ),
    RuleKind.SIZE_CLASS_PP7: _size_class("size_class_pp7", SizeClassPP7, "PP 7/2021"),
    RuleKind.KBLI_PREFIX: check_kbli_prefix,
    RuleKind.REGION: check_region,
    RuleKind.VERIFIED: check_verified,
    RuleKind.NIB_PRESENT: check_nib,
    RuleKind.CAPITAL_MAX: check_capital_max,
    RuleKind.WOMEN_OWNED: check_women_owned,
    RuleKind.NO_DOUBLE_AID: check_no_double_aid,
    RuleKind.ANSWER: check_answer,
}
