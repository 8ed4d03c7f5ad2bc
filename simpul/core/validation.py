"""Validation and normalisation of Indonesian identifiers: NIK, NIB, NPWP, phone numbers and
postal codes.

Every check raises a ValidationError whose message says exactly what is wrong, in Bahasa
Indonesia, because most bad values come from owners typing on a phone or from office Excel
lists, and a vague "tidak valid" leaves them guessing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import npwp as stdnum_npwp

# Excel turns long digit strings into floats and shows them as "1,87101E+15" / "1.87101E+15";
# the digits past the 15th are then lost for good, so the value cannot be repaired.
_SCIENTIFIC = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*[eE]\s*\+?\s*\d+\s*$")
_NIK_SEPARATORS = re.compile(r"[\s.\-]")
_SPACES = re.compile(r"\s")

FEMALE_DAY_OFFSET = 40


def looks_scientific(value: str) -> bool:
    """True for numbers that Excel has rewritten in scientific notation."""
    return bool(_SCIENTIFIC.match(value))


# --- NIK ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str  # "18"
    regency_code: str  # "18.71"
    district_code: str  # "18.71.01"
    birth_date: date
    gender: str  # "L" or "P"


def validate_nik(
    value: str,
    *,
    gender: str | None = None,
    birth_date: date | None = None,
    region_exists: Callable[[str], bool] | None = None,
) -> NikInfo:
    """Check a NIK (`PPKKCC DDMMYY NNNN`) and return what it encodes.

    `gender` and `birth_date`, when given, must agree with the number; `region_exists`
    answers whether a Kemendagri code is known (default: the Region table)."""
    nik = _nik_digits(value)
    _check_nik_region(nik, region_exists or _region_exists_in_db)
    encoded_date, encoded_gender = _nik_birth(nik)
    if nik[12:] == "0000":
        raise ValidationError(_("Nomor urut NIK (4 digit terakhir) tidak boleh 0000."))
    if gender is not None:
        _check_nik_gender(encoded_gender, gender)
    if birth_date is not None:
        # The NIK only holds two year digits; a matching birth date settles the century.
        encoded_date = _check_nik_birth_date(encoded_date, birth_date)
    return NikInfo(
        nik=nik,
        province_code=nik[:2],
        regency_code=f"{nik[:2]}.{nik[2:4]}",
        district_code=f"{nik[:2]}.{nik[2:4]}.{nik[4:6]}",
        birth_date=encoded_date,
        gender=encoded_gender,
    )


def _nik_digits(value: str) -> str:
    raw = str(value).strip()
    if looks_scientific(raw):
        raise ValidationError(
            _(
                "NIK %(value)s rusak karena diubah Excel menjadi notasi ilmiah; digit "
                "terakhirnya sudah hilang. Format kolom NIK sebagai Teks lalu ketik ulang."
            )
            % {"value": raw}
        )
    nik = _NIK_SEPARATORS.sub("", raw)
    if not nik.isdigit():
        raise ValidationError(_("NIK hanya boleh berisi angka."))
    if len(nik) != 16:
        raise ValidationError(
            _("NIK harus 16 digit angka; yang diisi %(count)d digit.") % {"count": len(nik)}
        )
    return nik


def _region_exists_in_db(code: str) -> bool:
    # Imported here so that this module stays usable without the regions app loaded.
    from simpul.regions.models import Region

    if Region.objects.filter(code=code).exists():
        return True
    # An empty table means the region list is not loaded yet: nothing to check against.
    return not Region.objects.exists()


def _check_nik_region(nik: str, region_exists: Callable[[str], bool]) -> None:
    province, regency = nik[:2], f"{nik[:2]}.{nik[2:4]}"
    if not region_exists(province):
        raise ValidationError(
            _("Kode provinsi %(code)s pada NIK (digit 1–2) tidak dikenal.") % {"code": province}
        )
    # Only down to the regency: kecamatan are split often and a NIK keeps its old code.
    if not region_exists(regency):
        raise ValidationError(
            _("Kode kabupaten/kota %(code)s pada NIK (digit 1–4) tidak dikenal.")
            % {"code": regency}
        )


def _nik_birth(nik: str) -> tuple[date, str]:
    """Decode DDMMYY: women's day is +40; the century is the latest that is not in the future."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = "P" if day > FEMALE_DAY_OFFSET else "L"
    if gender == "P":
        day -= FEMALE_DAY_OFFSET
    if not 1 <= day <= 31:
        raise ValidationError(
            _(
                "Tanggal lahir pada NIK (digit 7–8) harus 01–31 untuk laki-laki atau 41–71 "
                "untuk perempuan; tertulis %(value)s."
            )
            % {"value": nik[6:8]}
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Bulan lahir pada NIK (digit 9–10) harus 01–12; tertulis %(value)s.")
            % {"value": nik[8:10]}
        )
    return _nik_date(day, month, year), gender


def _nik_date(day: int, month: int, year: int) -> date:
    today = timezone.localdate()
    exists = False
    for century in (2000, 1900):
        try:
            candidate = date(century + year, month, day)
        except ValueError:
            continue
        exists = True
        if candidate <= today:
            return candidate
    shown = f"{day:02d}-{month:02d}-{year:02d}"
    if not exists:
        raise ValidationError(
            _("Tanggal lahir pada NIK (%(date)s) tidak ada di kalender.") % {"date": shown}
        )
    raise ValidationError(
        _("Tanggal lahir pada NIK (%(date)s) ada di masa depan.") % {"date": shown}
    )


def _check_nik_gender(encoded: str, given: str) -> None:
    if given == encoded:
        return
    if encoded == "P":
        message = _(
            "NIK ini milik perempuan (tanggal lahir ditambah 40), tetapi jenis kelamin yang "
            "dipilih laki-laki."
        )
    else:
        message = _(
            "NIK ini milik laki-laki (tanggal lahir tidak ditambah 40), tetapi jenis kelamin "
            "yang dipilih perempuan."
        )
    raise ValidationError(message)


def _check_nik_birth_date(encoded: date, given: date) -> date:
    if (given.day, given.month, given.year % 100) == (
        encoded.day,
        encoded.month,
        encoded.year % 100,
    ):
        return given
    raise ValidationError(
        _(
            "Tanggal lahir pada NIK (%(encoded)s) tidak sama dengan tanggal lahir yang diisi "
            "(%(given)s)."
        )
        % {"encoded": encoded.strftime("%d-%m-%y"), "given": given.strftime("%d-%m-%Y")}
    )


# --- NIB, NPWP, postal code --------------------------------------------------------------


def _digits_only(value: str, label: str) -> str:
    raw = str(value).strip()
    if looks_scientific(raw):
        raise ValidationError(
            _(
                "%(label)s %(value)s rusak karena diubah Excel menjadi notasi ilmiah; "
                "format kolomnya sebagai Teks lalu ketik ulang."
            )
            % {"label": label, "value": raw}
        )
    digits = _SPACES.sub("", raw)
    if not digits.isdigit():
        raise ValidationError(_("%(label)s hanya boleh berisi angka.") % {"label": label})
    return digits


def clean_nib(value: str) -> str:
    """NIB (Nomor Induk Berusaha from OSS): 13 digits."""
    nib = _digits_only(value, "NIB")
    if len(nib) != 13:
        raise ValidationError(
            _("NIB harus 13 digit angka; yang diisi %(count)d digit.") % {"count": len(nib)}
        )
    return nib


def clean_npwp(value: str) -> str:
    """NPWP as digits only: the old 15 digits, or 16 (a leading 0 + old number, or a NIK)."""
    npwp = _digits_only(re.sub(r"[.\-]", "", str(value)), "NPWP")
    if len(npwp) not in (15, 16):
        raise ValidationError(
            _("NPWP harus 15 atau 16 digit angka; yang diisi %(count)d digit.")
            % {"count": len(npwp)}
        )
    if len(npwp) == 16 and not npwp.startswith("0"):
        # Since 2024 a person's NPWP is their NIK. The region is not checked here: the
        # owner's own NIK field does that against the loaded region list.
        validate_nik(npwp, region_exists=lambda _code: True)
        return npwp
    try:
        # stdnum checks the Luhn check digit (the 9th digit of the old format).
        return stdnum_npwp.validate(npwp)
    except StdnumError:
        raise ValidationError(
            _("Digit pemeriksa NPWP tidak cocok; periksa kembali nomor NPWP.")
        ) from None


def clean_postal_code(value: str) -> str:
    """Indonesian postal codes: 5 digits, the first 1–9 (region), never 0."""
    code = _digits_only(value, _("Kode pos"))
    if len(code) != 5:
        raise ValidationError(
            _("Kode pos harus 5 digit angka; yang diisi %(count)d digit.") % {"count": len(code)}
        )
    if code.startswith("0"):
        raise ValidationError(_("Kode pos Indonesia tidak diawali angka 0."))
    return code


# --- Phone numbers -----------------------------------------------------------------------


def normalize_phone(value: str) -> str:
    """Any common spelling of a phone number → E.164 (`+6281234567890`).

    Numbers without a country code are read as Indonesian, including those whose leading 0
    was eaten by Excel (`81234567890`)."""
    raw = str(value).strip()
    if not raw:
        raise ValidationError(_("Nomor telepon belum diisi."))
    if looks_scientific(raw):
        raise ValidationError(
            _("Nomor telepon %(value)s rusak karena diubah Excel menjadi notasi ilmiah.")
            % {"value": raw}
        )
    if re.match(r"^00\s*62", raw):  # "0062…" written like a foreign call
        raw = "+" + raw.lstrip("0 ")
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("“%(value)s” bukan nomor telepon.") % {"value": raw}) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Nomor telepon %(value)s tidak valid; periksa jumlah digit dan awalannya.")
            % {"value": raw}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_phone_or_none(value: str | None) -> str | None:
    """Like normalize_phone, but None for anything that is not a valid number (login box)."""
    if not value:
        return None
    try:
        return normalize_phone(value)
    except ValidationError:
        return None
