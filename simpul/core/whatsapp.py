"""WhatsApp click-to-chat links (https://wa.me/<digits>?text=…), the way Indonesian
buyers and officers first reach a business. Which number may be used is the caller's
decision: public pages only a published business phone, office staff also the owner's."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from simpul.core.validation import normalize_phone_or_none


def wa_me(phone_e164: str, message: str) -> str:
    """The link for a number in E.164 (with or without "+") and a ready message."""
    return f"https://wa.me/{phone_e164.lstrip('+')}?text={quote(message, safe='')}"


def owner_or_business_phone(enterprise: Any) -> str | None:
    """For office staff: the owner's own phone in E.164, else the business phone, else
    None when neither is a valid number."""
    owner = enterprise.owner
    for raw in ((owner.phone if owner else ""), enterprise.business_phone):
        phone = normalize_phone_or_none(raw or "")
        if phone:
            return phone
    return None
