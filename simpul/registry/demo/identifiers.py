"""Demo identifiers that pass the same checks as real ones: NIK (`PPKKCC DDMMYY NNNN`,
women's day + 40), Indonesian mobile numbers in E.164, 13-digit NIB and 15-digit NPWP with
its Luhn check digit. Each generator keeps a set of what it issued, so they stay unique."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from stdnum import luhn

from .lampung import MOBILE_PREFIXES


@dataclass
class IdentifierBook:
    rng: random.Random
    niks: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    nibs: set[str] = field(default_factory=set)

    def nik(self, district_code: str, birth: dt.date, *, female: bool) -> str:
        """`district_code` like "18.71.03": the NIK starts with its six digits."""
        day = birth.day + (40 if female else 0)
        stem = district_code.replace(".", "") + f"{day:02d}{birth:%m%y}"
        while True:
            nik = stem + f"{self.rng.randint(1, 9999):04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik

    def phone(self) -> str:
        while True:
            number = "+628" + self.rng.choice(MOBILE_PREFIXES)[1:]
            number += "".join(str(self.rng.randint(0, 9)) for _ in range(8))
            if number not in self.phones:
                self.phones.add(number)
                return number

    def nib(self) -> str:
        # NIBs issued by OSS-RBA since 2021 start with 9120, older OSS ones with 8120.
        while True:
            prefix = "9120" if self.rng.random() < 0.7 else "8120"
            nib = prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(9))
            if nib not in self.nibs:
                self.nibs.add(nib)
                return nib

    def npwp(self, kpp: str) -> str:
        """A badan NPWP: 01 (entity) + serial + Luhn check digit + tax office + 000."""
        body = "01" + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
        return body + luhn.calc_check_digit(body) + kpp + "000"
