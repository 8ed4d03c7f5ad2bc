"""Read one cell of an imported list into the value the registry stores.

Every parser returns a ParsedValue and never raises: an import reports all problems of a
file at once, row by row, next to the original value. `error` means the value cannot be
used as written; `warning` means it was repaired or interpreted and the officer should
glance at it. Cells arrive as text (CSV) or as numbers, dates and booleans (spreadsheets)."""

from __future__ import annotations

from collections.abc import Callable

from .base import ParsedValue, parse_email, parse_name, parse_text, parse_yes_no
from .dates import parse_date, parse_year
from .geo import parse_coordinate, parse_lat_lng, parse_latitude, parse_longitude
from .identity import parse_nib, parse_nik, parse_phone
from .numbers import parse_amount, parse_count

__all__ = [
    "FIELD_PARSERS",
    "ParsedValue",
    "parse_amount",
    "parse_coordinate",
    "parse_count",
    "parse_date",
    "parse_email",
    "parse_lat_lng",
    "parse_latitude",
    "parse_longitude",
    "parse_name",
    "parse_nib",
    "parse_nik",
    "parse_phone",
    "parse_text",
    "parse_year",
    "parse_yes_no",
]

# Which parser reads which import field (see mapping.FIELDS).
FIELD_PARSERS: dict[str, Callable[[object], ParsedValue]] = {
    "code": parse_text,
    "village_code": parse_text,
    "name": parse_name,
    "owner_name": parse_name,
    "address": parse_text,
    "village": parse_text,
    "district": parse_text,
    "regency": parse_text,
    "products": parse_text,
    "kbli": parse_text,
    "workers_male": parse_count,
    "workers_female": parse_count,
    "workers_total": parse_count,
    "investment_value": parse_amount,
    "production_capacity": parse_text,  # a quantity with its unit ("5 ton/bulan")
    "production_value": parse_amount,
    "annual_sales": parse_amount,
    "nib": parse_nib,
    "nik": parse_nik,
    "phone": parse_phone,
    "year_started": parse_year,
    "sentra": parse_text,
    "latitude": parse_latitude,
    "longitude": parse_longitude,
    "legal_form": parse_text,
    "email": parse_email,
}
