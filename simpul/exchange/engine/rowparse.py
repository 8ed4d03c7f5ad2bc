"""One data row → the values the registry stores, with every problem named.

Nothing here raises on bad data: each problem becomes an error (the row cannot be
imported) or a warning (imported, but an officer should look), worded in Indonesian
and prefixed with the column it came from.

A broken contact detail or founding year is a warning, not an error: a phone number Excel wrecked
("8.52348e+010") or a mistyped e-mail is left empty and the business is still imported.
Rejecting the whole row would lose a real business over a detail that can be asked for
later; the warning says what was dropped so the officer can ask for it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from simpul.core import crypto
from simpul.exchange.mapping import FIELDS
from simpul.exchange.values import FIELD_PARSERS, ParsedValue
from simpul.kbli.suggest import SUGGESTION_THRESHOLD
from simpul.registry.choices import LegalForm

from .context import LEGAL_FORMS, ImportContext
from .keys import name_key

TEXT_LIMITS = {"name": 200, "owner_name": 150, "address": 300, "products": 300}
CAPACITY_LIMIT = 120
# Fields whose unreadable value is dropped with a warning instead of failing the row.
DROPPABLE = frozenset({"phone", "email", "year_started"})
# Personal details an export masks ("1871**********01", "+62812****0001"): such a cell
# says "known but not shown", so it is skipped without a word and never stored.
MASKABLE = frozenset({"nik", "phone", "email"})
_WORDS = re.compile(r"[0-9a-z]+")


@dataclass
class ParsedRow:
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name_key(self) -> str:
        return name_key(self.data.get("name"))


class RowParser:
    """Parses the records of one file with one mapping (column → field)."""

    def __init__(self, mapping: dict[str, str | None], context: ImportContext) -> None:
        self.columns = {f: c for c, f in mapping.items() if f}
        self.context = context

    def parse(self, values: dict[str, str]) -> ParsedRow:
        row = ParsedRow()
        cells = {f: values.get(c, "") for f, c in self.columns.items()}
        parsed = {f: self._cell(row, f, cell) for f, cell in cells.items()}
        self._identity(row, parsed)
        self._owner(row, parsed)
        self._region(row, cells)
        self._activity(row, parsed)
        self._figures(row, parsed)
        return row

    def _cell(self, row: ParsedRow, name: str, cell: str) -> Any:
        if name in MASKABLE and "*" in cell:
            return None
        result: ParsedValue = FIELD_PARSERS[name](cell)
        label = self.columns[name]
        if result.error and name in DROPPABLE:
            dropped = _("Kolom ini dikosongkan; baris tetap diimpor.")
            row.warnings.append(f"{label}: {result.error} {dropped}")
        elif result.error:
            row.errors.append(f"{label}: {result.error}")
        if result.warning:
            row.warnings.append(f"{label}: {result.warning}")
        return result.value

    def _note(self, row: ParsedRow, name: str, message: str, *, error: bool = False) -> None:
        label = self.columns.get(name) or str(FIELDS[name])
        (row.errors if error else row.warnings).append(f"{label}: {message}")

    # --- the enterprise --------------------------------------------------------------

    def _identity(self, row: ParsedRow, parsed: dict[str, Any]) -> None:
        data = row.data
        for name, limit in TEXT_LIMITS.items():
            text = parsed.get(name)
            if text and len(text) > limit:
                self._note(row, name, _("dipotong menjadi %(n)d huruf.") % {"n": limit})
                text = text[:limit]
            data[name] = text or ""
        if not data["name"]:
            self._note(row, "name", _("nama usaha kosong."), error=True)
        data["code"] = (parsed.get("code") or "").lower()
        data["nib"] = parsed.get("nib") or ""
        data["legal_form"] = self._legal_form(row, parsed.get("legal_form"))
        data["year_started"] = parsed.get("year_started")

    def _legal_form(self, row: ParsedRow, text: str | None) -> str:
        if not text:
            return LegalForm.PERORANGAN
        # The whole text first ("PT Perorangan" is not "Perorangan"), then without the
        # noise words name_key drops, then its first word ("Koperasi Serba Usaha").
        words = _WORDS.findall(text.lower())
        keys = (" ".join(words), name_key(text), words[0] if words else "")
        found = next((LEGAL_FORMS[k] for k in keys if k in LEGAL_FORMS), None)
        if found is None:
            self._note(row, "legal_form", _("“%(v)s” dicatat sebagai Lainnya.") % {"v": text})
            return LegalForm.LAINNYA
        return found

    # --- the owner -------------------------------------------------------------------

    def _owner(self, row: ParsedRow, parsed: dict[str, Any]) -> None:
        data = row.data
        data["phone"] = parsed.get("phone") or ""
        data["email"] = parsed.get("email") or ""
        nik = parsed.get("nik")
        if nik and nik[:2] + "." + nik[2:4] not in self.context.regency_codes:
            message = _("kode kabupaten/kota pada NIK (%(code)s) tidak dikenal.")
            self._note(row, "nik", message % {"code": nik[:4]}, error=True)
            nik = None
        if not nik:
            return
        info_gender = "P" if int(nik[6:8]) > 40 else "L"
        data.update(
            nik_hash=crypto.blind_index(nik),
            nik_encrypted=crypto.encrypt(nik),
            nik_masked=crypto.mask_nik(nik),
            gender=info_gender,
        )

    # --- where -----------------------------------------------------------------------

    def _region(self, row: ParsedRow, cells: dict[str, str]) -> None:
        code = (cells.get("village_code") or "").strip()
        resolver = self.context.resolver
        if code and len(code) == 13 and code in resolver.index:
            row.data["region"] = code
            return
        if code:
            message = _("kode “%(code)s” bukan desa/kelurahan di wilayah Anda; dipakai nama.")
            self._note(row, "village_code", message % {"code": code})
        match = resolver.resolve(
            village=cells.get("village", ""),
            district=cells.get("district", ""),
            regency=cells.get("regency", ""),
            lat=cells.get("latitude"),
            lng=cells.get("longitude"),
        )
        if match.error:
            # A candidate the message already names is not repeated as a hint.
            others = [c for c in match.candidates if c not in match.error]
            hint = _(" Mungkin: %(c)s.") % {"c": "; ".join(others)}
            row.errors.append(_("Wilayah: %(e)s") % {"e": match.error} + (hint if others else ""))
            return
        if match.warning:
            row.warnings.append(_("Wilayah: %(w)s") % {"w": match.warning})
        row.data["region"] = match.code

    # --- what it makes -----------------------------------------------------------------

    def _activity(self, row: ParsedRow, parsed: dict[str, Any]) -> None:
        data = row.data
        data["sentra"] = self._sentra(row, parsed.get("sentra"))
        code = "".join(ch for ch in (parsed.get("kbli") or "") if ch.isdigit())
        titles = self.context.kbli_titles
        if code in titles:
            data.update(kbli=code, kbli_suggested=False)
            return
        if code:
            self._note(row, "kbli", _("kode “%(c)s” tidak ada di KBLI 2020.") % {"c": code})
        self._suggest_kbli(row)

    def _suggest_kbli(self, row: ParsedRow) -> None:
        text = row.data.get("products") or row.data.get("name") or ""
        found = self.context.suggester.suggest(text, limit=1) if text else []
        if not found or found[0].score < SUGGESTION_THRESHOLD:
            row.data.update(kbli=None, kbli_suggested=False)
            return
        best = found[0]
        row.data.update(kbli=best.code, kbli_suggested=True)
        row.warnings.append(
            _("KBLI: %(code)s (%(title)s) disarankan dari “%(text)s”; pastikan saat verifikasi.")
            % {"code": best.code, "title": best.title, "text": text[:60]}
        )

    def _sentra(self, row: ParsedRow, text: str | None) -> int | None:
        if not text:
            return None
        found = self.context.sentra.get(name_key(text))
        if found is None:
            message = _("sentra “%(s)s” tidak ada di wilayah Anda; dikosongkan.")
            self._note(row, "sentra", message % {"s": text})
        return found

    # --- figures -----------------------------------------------------------------------

    def _figures(self, row: ParsedRow, parsed: dict[str, Any]) -> None:
        data = row.data
        for name in ("investment_value", "production_value", "annual_sales"):
            data[name] = parsed.get(name)
        capacity = parsed.get("production_capacity") or ""
        data["production_capacity"] = capacity[:CAPACITY_LIMIT]
        for name in ("latitude", "longitude"):
            value = parsed.get(name)
            data[name] = None if value is None else str(value)
        self._workers(row, parsed)

    def _workers(self, row: ParsedRow, parsed: dict[str, Any]) -> None:
        male, female = parsed.get("workers_male"), parsed.get("workers_female")
        total = parsed.get("workers_total")
        data = row.data
        data.update(workers_male=male, workers_female=female, workers_unspecified=None)
        if male is None and female is None:
            data["workers_unspecified"] = total
            return
        split = (male or 0) + (female or 0)
        if total is None or total == split:
            return
        if total > split:
            # The part of the total not split by sex (all of it in an export of an
            # unsplit count, where L and P are 0) is kept as such.
            data["workers_unspecified"] = total - split
            if split:
                message = _("jumlah %(t)d lebih dari L + P = %(s)d; %(r)d dicatat belum dirinci.")
                self._note(
                    row, "workers_total", message % {"t": total, "s": split, "r": total - split}
                )
            return
        message = _("jumlah %(t)d tidak sama dengan L + P = %(s)d; dipakai L dan P.")
        self._note(row, "workers_total", message % {"t": total, "s": split})
