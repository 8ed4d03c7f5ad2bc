"""The NIK cell of an uploaded row is personal data: an ImportRow keeps it masked in the
original values and encrypted beside them. Only the error report, which goes back to the
office that uploaded the file, opens it again."""

from __future__ import annotations

from typing import Any

from simpul.core import crypto


def seal_original(values: dict[str, str], nik_column: str | None) -> tuple[dict[str, str], str]:
    """(original values with the NIK cell masked, that cell encrypted or '')."""
    cell = values.get(nik_column, "") if nik_column else ""
    if not cell:
        return values, ""
    return {**values, nik_column: crypto.mask_nik(cell)}, crypto.encrypt(cell)


def original_cell(row: Any, column: str, nik_column: str | None) -> str:
    """The cell as the file had it (the NIK decrypted), for the error report."""
    sealed = row.sealed_nik if column == nik_column else ""
    return crypto.decrypt(sealed) if sealed else str(row.original.get(column, ""))
