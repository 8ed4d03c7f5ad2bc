"""Is this row an enterprise already registered, or one seen earlier in the same file?

Rules, strongest first: the Simpul code (from an export), the NIB, the owner's NIK
(through its keyed hash) together with the business name, and the normalised business
name within the same desa/kelurahan. Lookups run per chunk of rows, a few queries each,
and always inside the office's jurisdiction.

The name rule is the weakest: lists often name a business by what it makes ("TERASI",
"KERUPUK IKAN"), so one village can hold several businesses of the same name. When both
sides name an owner and they are plainly two people (two NIKs, or two names neither of
which contains the other: keys.same_person), the name rule does not match them; without
an owner on either side it still does."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from simpul.core.scope import RegionScope
from simpul.exchange.choices import MatchRule, RowAction
from simpul.registry.models import Enterprise, Owner

from .keys import name_key, person_id, same_person
from .rowparse import ParsedRow


@dataclass
class Verdict:
    action: str
    target_id: int | None = None
    rule: str = ""
    duplicate_of: int | None = None


def row_keys(row: ParsedRow) -> list[tuple[str, tuple[str, ...]]]:
    """The identifying keys of a row, strongest first (rule, key)."""
    data, name = row.data, row.name_key
    keys = []
    if data.get("code"):
        keys.append((MatchRule.CODE, (data["code"],)))
    if data.get("nib"):
        keys.append((MatchRule.NIB, (data["nib"],)))
    if data.get("nik_hash") and name:
        keys.append((MatchRule.NIK, (data["nik_hash"], name)))
    if len(data.get("region") or "") == 13 and name:
        keys.append((MatchRule.NAME_VILLAGE, (name, data["region"])))
    return keys


@dataclass
class _Known:
    """Existing enterprises of one chunk, per rule and key."""

    by_rule: dict[str, dict[tuple[str, ...], int]] = field(default_factory=dict)
    # (name key, village) → [(enterprise id, keys.person_id of its owner)], oldest first
    by_name: dict[tuple[str, ...], list[tuple[int, str]]] = field(default_factory=dict)
    nib_elsewhere: set[str] = field(default_factory=set)
    owners: dict[str, int] = field(default_factory=dict)  # nik_hash → owner id

    def target(self, rule: str, key: tuple[str, ...], owner: str) -> int | None:
        if rule != MatchRule.NAME_VILLAGE:
            return self.by_rule.get(rule, {}).get(key)
        found = self.by_name.get(key, ())
        return next((pk for pk, other in found if same_person(owner, other)), None)


class Matcher:
    def __init__(self, prefix: str) -> None:
        self.scope = RegionScope(prefix=prefix)
        # Digest of (rule, key) → first row number. Digests keep a million-row file's
        # keys in a few hundred megabytes; 128 bits make a false match impossible in practice.
        self.seen: dict[bytes, int] = {}
        # The name rule keeps every row of a name and village, and the owner of those
        # rows that name one, so two owners of a "TERASI" stay two businesses.
        self.seen_names: dict[bytes, list[int]] = {}
        self.owner_of: dict[int, str] = {}

    def judge(self, chunk: list[tuple[int, ParsedRow]]) -> list[Verdict]:
        known = self._known([row for _, row in chunk if not row.errors])
        return [self._judge_row(number, row, known) for number, row in chunk]

    def _judge_row(self, number: int, row: ParsedRow, known: _Known) -> Verdict:
        if row.errors:
            return Verdict(RowAction.ERROR)
        keys = row_keys(row)
        nib = row.data.get("nib")
        if nib and nib in known.nib_elsewhere:
            row.errors.append(
                _("NIB: %(nib)s sudah terdaftar untuk IKM di luar wilayah Anda.") % {"nib": nib}
            )
            return Verdict(RowAction.ERROR)
        owner = person_id(row.data.get("owner_name"), row.data.get("nik_hash") or "")
        digests = [_digest(key) for key in keys]
        for key, digest in zip(keys, digests, strict=True):
            first = self._seen_before(key[0], digest, owner)
            if first is not None:
                row.warnings.append(
                    _("Sama dengan baris %(n)d (%(rule)s); baris ini dilewati.")
                    % {"n": first, "rule": MatchRule(key[0]).label}
                )
                return Verdict(RowAction.DUPLICATE, rule=key[0], duplicate_of=first)
        for key, digest in zip(keys, digests, strict=True):
            if key[0] == MatchRule.NAME_VILLAGE:
                self.seen_names.setdefault(digest, []).append(number)
                if owner:
                    self.owner_of[number] = owner
            else:
                self.seen[digest] = number
        if row.data.get("nik_hash") in known.owners:
            row.data["owner_id"] = known.owners[row.data["nik_hash"]]
        for rule, key in keys:
            target = known.target(rule, key, owner)
            if target is not None:
                return Verdict(RowAction.UPDATE, target_id=target, rule=rule)
        if row.data.get("code"):
            row.errors.append(_("Kode IKM: tidak dikenal di wilayah Anda."))
            return Verdict(RowAction.ERROR)
        return Verdict(RowAction.NEW)

    def _seen_before(self, rule: str, digest: bytes, owner: str) -> int | None:
        if rule != MatchRule.NAME_VILLAGE:
            return self.seen.get(digest)
        rows = self.seen_names.get(digest, ())
        return next((n for n in rows if same_person(owner, self.owner_of.get(n, ""))), None)

    # --- lookups ---------------------------------------------------------------------

    def _known(self, rows: list[ParsedRow]) -> _Known:
        known = _Known()
        scoped = self.scope.apply(Enterprise.objects.all())
        codes = {r.data["code"] for r in rows if r.data.get("code")}
        nibs = {r.data["nib"] for r in rows if r.data.get("nib")}
        known.by_rule[MatchRule.CODE] = _pairs(scoped.filter(public_key__in=codes), "public_key")
        known.by_rule[MatchRule.NIB] = _pairs(scoped.filter(nib__in=nibs), "nib")
        found_nibs = {key[0] for key in known.by_rule[MatchRule.NIB]}
        elsewhere = Enterprise.objects.filter(nib__in=nibs - found_nibs)
        known.nib_elsewhere = set(elsewhere.values_list("nib", flat=True))
        self._owners(known, scoped, {r.data["nik_hash"] for r in rows if r.data.get("nik_hash")})
        villages = {r.data["region"] for r in rows if len(r.data.get("region") or "") == 13}
        in_villages = scoped.filter(village_id__in=villages).order_by("id")
        fields = ("id", "name", "village_id", "owner__full_name", "owner__nik_hash")
        for pk, name, village, owner, nik_hash in in_villages.values_list(*fields):
            found = known.by_name.setdefault((name_key(name), village), [])
            found.append((pk, person_id(owner, nik_hash or "")))
        return known

    def _owners(self, known: _Known, scoped, hashes: Iterable[str]) -> None:
        owners = Owner.objects.filter(nik_hash__in=set(hashes)).values_list("id", "nik_hash")
        known.owners = {nik_hash: pk for pk, nik_hash in owners}
        by_owner = {pk: nik_hash for nik_hash, pk in known.owners.items()}
        rows = scoped.filter(owner_id__in=by_owner).order_by("id")
        by_nik: dict[tuple[str, ...], int] = {}
        for pk, owner_id, name in rows.values_list("id", "owner_id", "name"):
            by_nik.setdefault((by_owner[owner_id], name_key(name)), pk)
        known.by_rule[MatchRule.NIK] = by_nik


def _digest(key: tuple[str, tuple[str, ...]]) -> bytes:
    return hashlib.blake2b("\x1f".join((key[0], *key[1])).encode(), digest_size=16).digest()


def _pairs(queryset, column: str) -> dict[tuple[str, ...], int]:
    """Key → the oldest enterprise carrying it."""
    found: dict[tuple[str, ...], int] = {}
    for pk, value in queryset.order_by("id").values_list("id", column):
        found.setdefault((value,), pk)
    return found
