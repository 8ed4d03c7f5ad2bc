"""Demo offices (Kemenperin, Dinas Provinsi Lampung, one Dinas per regency/city) and their
staff accounts. All demo accounts share one password: it is a demo, never production."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from simpul.accounts.models import Office, User
from simpul.accounts.services import staff_create
from simpul.core.audit import Provenance, record_change
from simpul.core.models import Source
from simpul.regions.models import Region

from .lampung import PROVINCE_CODE
from .names import person_name

# Demo only: printed by `simpul demo_logins`; never a production credential.
DEMO_PASSWORD = "demo-simpul-2026"  # noqa: S105
DEMO_DOMAIN = "demo.simpul.id"
NATIONAL = ""  # jurisdiction key of Kemenperin


@dataclass
class Staff:
    offices: dict[str, Office] = field(default_factory=dict)  # jurisdiction → office
    officers: dict[str, User] = field(default_factory=dict)  # jurisdiction → officer
    accounts: list[User] = field(default_factory=list)  # every demo login


def email_tag(jurisdiction: str) -> str:
    """'' → nasional, '18' → 18, '18.71' → 18-71 (as in petugas.18-71@demo.simpul.id)."""
    return jurisdiction.replace(".", "-") if jurisdiction else "nasional"


def _office(code: str, name: str, kind: str, region: Region | None) -> Office:
    office, created = Office.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind, "region": region}
    )
    if created:
        record_change(
            instance=office,
            action="created",
            provenance=Provenance(actor=None, source=Source.SYSTEM),
        )
    return office


def create_offices(regencies: list[Region]) -> dict[str, Office]:
    province = Region.objects.get(code=PROVINCE_CODE)
    offices = {
        NATIONAL: _office(
            "kemenperin", "Kementerian Perindustrian — Ditjen IKMA", Office.Kind.KEMENPERIN, None
        ),
        PROVINCE_CODE: _office(
            f"dinas-{PROVINCE_CODE}",
            f"Dinas Perindustrian Provinsi {province.name}",
            Office.Kind.PROVINCE,
            province,
        ),
    }
    for regency in regencies:
        offices[regency.code] = _office(
            f"dinas-{email_tag(regency.code)}",
            f"Dinas Perindustrian {regency.name}",
            Office.Kind.REGENCY,
            regency,
        )
    return offices


def _admin(rng: random.Random, office: Office, email: str) -> User:
    """The first admin of an office has nobody to create them: bootstrap it, as
    `createsuperuser` would, and record that the system did it."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=None,
            full_name=person_name(rng, female=rng.random() < 0.5).full_name,
            role=User.Role.OFFICE_ADMIN,
            office=office,
        )
        record_change(
            instance=user,
            action="staff_created",
            provenance=Provenance(actor=None, source=Source.SYSTEM),
            changes={"role": [None, user.role], "office": [None, office.code]},
        )
    return user


def _member(rng: random.Random, admin: User, email: str, role: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        name = person_name(rng, female=rng.random() < 0.5).full_name
        user = staff_create(
            actor=admin, office=admin.office, full_name=name, email=email, role=role, password=None
        )
    return user


def create_staff(rng: random.Random, regencies: list[Region]) -> Staff:
    staff = Staff(offices=create_offices(regencies))
    for jurisdiction, office in staff.offices.items():
        tag = email_tag(jurisdiction)
        admin = _admin(rng, office, f"admin.{tag}@{DEMO_DOMAIN}")
        officer = _member(rng, admin, f"petugas.{tag}@{DEMO_DOMAIN}", User.Role.OFFICER)
        staff.officers[jurisdiction] = officer
        staff.accounts += [admin, officer]
        if office.kind != Office.Kind.REGENCY:
            staff.accounts.append(
                _member(rng, admin, f"analis.{tag}@{DEMO_DOMAIN}", User.Role.ANALYST)
            )
    return staff


def set_demo_password(users: list[User]) -> None:
    # Hashed once: Argon2 per account would cost seconds for one shared demo password.
    User.objects.filter(pk__in=[u.pk for u in users]).update(password=make_password(DEMO_PASSWORD))
