"""Writes to the registry. Every function is keyword-only, atomic and audited; views,
forms and imports call these and never save registry models themselves."""

from .enterprise import (
    enterprise_create_draft,
    enterprise_update,
    missing_for_submission,
)
from .owner import enterprise_owner_save, nik_reveal, owner_save
from .sentra import sentra_create
from .workflow import (
    enterprise_reject,
    enterprise_request_revision,
    enterprise_submit,
    enterprise_verify,
)

__all__ = [
    "enterprise_create_draft",
    "enterprise_owner_save",
    "enterprise_reject",
    "enterprise_request_revision",
    "enterprise_submit",
    "enterprise_update",
    "enterprise_verify",
    "missing_for_submission",
    "nik_reveal",
    "owner_save",
    "sentra_create",
]
