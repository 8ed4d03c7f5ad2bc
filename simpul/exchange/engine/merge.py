"""The update rule: which value wins when a row matches an enterprise already registered.

1. An empty cell never erases anything.
2. A field that is empty in the registry takes the file's value.
3. A filled field takes the file's value only while the enterprise is not verified;
   verified data was checked by an officer and stays, and the difference is reported.
4. The owner's identity (name, NIK) is never replaced by an import, only completed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

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


def _same(key: str, current: Any, new: Any) -> bool:
    if current is None or new is None:
        return False
    if key == "region":  # a district-level row does not undo a known village
        return str(current).startswith(str(new))
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
    if kept:
        message = _("Data terverifikasi dipertahankan untuk: %(f)s.")
        return changes, [message % {"f": ", ".join(kept)}]
    return changes, []


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
