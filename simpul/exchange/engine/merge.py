"""The update rule: which value wins when a row matches an enterprise already registered.

1. An empty cell never erases anything.
2. A field that is empty in the registry takes the file's value.
3. A filled field takes the file's value only while the enterprise is not verified;
   verified data was checked by an officer and stays, and the difference is reported.
   A name that differs only in case, punctuation or a legal-form word ("SARI RASA" for
   "UD. Sari Rasa") is the same name and keeps the registered spelling.
4. The owner's identity (name, NIK) is never replaced by an import, only completed.
5. The workforce is one figure: when a row splits it into men and women, the unsplit
   count goes (as when an officer splits it); a row with only a total does not replace a
   split already registered, and says so when the two disagree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from simpul.exchange.mapping import FIELDS
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

from .keys import name_key

# Row data key → Enterprise attribute (foreign keys by their id column).
ENTERPRISE_FIELDS: dict[str, str] = {
    "name": "name",
    "legal_form": "legal_form",
    "nib": "nib",
    "address": "address",
    "products": "products",
    "kbli": "kbli_id",
    "sentra": "sentra_id",
    "year_started": "year_started",
    "workers_male": "workers_male",
    "workers_female": "workers_female",
    "workers_unspecified": "workers_unspecified",
    "investment_value": "investment_value",
    "production_capacity": "production_capacity",
    "production_value": "production_value",
    "annual_sales": "annual_sales",
    "latitude": "latitude",
    "longitude": "longitude",
    "region": "region_code",
}
EMPTY = (None, "", 0)
# Row keys that are not import fields themselves → the field an officer maps.
_LABEL_FIELD = {"region": "village", "workers_unspecified": "workers_total"}


def field_label(key: str) -> str:
    """The name an officer knows a row key by ("Nilai investasi (Rp)", not the key)."""
    return str(FIELDS.get(_LABEL_FIELD.get(key, key), key))


def _same(key: str, current: Any, new: Any) -> bool:
    if current is None or new is None:
        return False
    if key == "region":  # a district-level row does not undo a known village
        return str(current).startswith(str(new))
    if key == "name":  # "SARI RASA" is the registered "UD. Sari Rasa" in capitals
        return name_key(current) == name_key(new)
    if key in ("latitude", "longitude"):
        return Decimal(str(current)) == Decimal(str(new))
    return str(current) == str(new)


def plan_update(enterprise: Enterprise, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The changes the rule allows (row key → new value) and warnings for the values kept."""
    verified = enterprise.status == EnterpriseStatus.VERIFIED
    changes: dict[str, Any] = {}
    kept: list[str] = []
    for key, attr in ENTERPRISE_FIELDS.items():
        new = data.get(key)
        if new in EMPTY or (key == "kbli" and data.get("kbli_suggested")):
            continue  # rule 1; a guessed KBLI never replaces a stored one
        current = getattr(enterprise, attr)
        if _same(key, current, new) or (key == "legal_form" and new == "perorangan"):
            continue
        if current in EMPTY or not verified:
            changes[key] = new
        else:
            kept.append(key)
    warnings = _workforce(enterprise, data, changes)
    if kept:
        message = _("Data terverifikasi dipertahankan untuk: %(f)s.")
        warnings.insert(0, message % {"f": ", ".join(field_label(k) for k in kept)})
    return changes, warnings


def _workforce(enterprise: Enterprise, data: dict[str, Any], changes: dict[str, Any]) -> list[str]:
    """Rule 5 on the planned changes; returns its warning, if any."""
    if "workers_male" in changes or "workers_female" in changes:
        if enterprise.workers_unspecified:
            changes["workers_unspecified"] = 0
        return []
    total = changes.get("workers_unspecified")
    split = (enterprise.workers_male or 0) + (enterprise.workers_female or 0)
    if total is None or not split:
        return []
    del changes["workers_unspecified"]
    if total == split:
        return []
    message = _(
        "Jumlah tenaga kerja %(t)d tidak dipakai: data sudah dirinci laki-laki %(m)d dan "
        "perempuan %(f)d."
    )
    return [message % {"t": total, "m": enterprise.workers_male, "f": enterprise.workers_female}]


def owner_fill(owner: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Owner fields the row may fill (only those still empty; rule 4)."""
    if owner is None:
        return {}
    wanted = {
        "full_name": data.get("owner_name"),
        "phone": data.get("phone"),
        "email": data.get("email"),
    }
    if data.get("nik_hash") and not owner.nik_hash:
        wanted.update({k: data[k] for k in ("nik_hash", "nik_encrypted", "nik_masked", "gender")})
    return {k: v for k, v in wanted.items() if v and not getattr(owner, k)}
