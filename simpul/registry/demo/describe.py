"""Business names, addresses, postal codes and map pins of demo enterprises."""

from __future__ import annotations

import random
from decimal import Decimal

from .lampung import HAMLETS, LANES, REGENCIES, STREETS_TOWN, Product
from .names import BUSINESS_WORDS, KOPERASI_KINDS, PersonName

CV_SUFFIXES = ("Lampung", "Mandiri", "Abadi", "Sejahtera", "Nusantara", "Perkasa", "Utama")


def place_name(name: str) -> str:
    """Region names come as registered ("Korpri jaya"); signs capitalise every word."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def business_name(
    rng: random.Random, *, product: Product, person: PersonName, legal_form: str, place: str
) -> str:
    word, label = rng.choice(BUSINESS_WORDS), product.label
    if legal_form == "ud":
        return rng.choice((f"UD {word}", f"UD {label} {word}"))
    if legal_form == "cv":
        return rng.choice((f"CV {word} {rng.choice(CV_SUFFIXES)}", f"CV {label} {place}"))
    if legal_form == "pt":
        return rng.choice((f"PT {label} {word}", f"PT {label} Lampung {rng.choice(CV_SUFFIXES)}"))
    if legal_form == "pt_perorangan":
        return f"PT {label} {person.first} {rng.choice(CV_SUFFIXES)}"
    if legal_form == "koperasi":
        return f"{rng.choice(KOPERASI_KINDS)} {label} {rng.choice((word, place))}"
    return rng.choice(
        (
            f"{label} {person.honorific} {person.first}",
            f"{label} {person.honorific} {person.first}",
            f"{label} {word}",
            f"{label} {place}",
        )
    )


def address(rng: random.Random, *, village_name: str, is_kelurahan: bool) -> str:
    rt, rw = rng.randint(1, 12), rng.randint(1, 6)
    if is_kelurahan:
        street = rng.choice(STREETS_TOWN)
        if rng.random() < 0.4:
            street = f"{rng.choice(LANES)}, {street}"
        base = f"{street} No. {rng.randint(1, 240)}"
    else:
        village = place_name(village_name)
        base = (
            rng.choice(
                (f"Jl. Raya {village}", f"Jl. Poros Desa {village}", f"Jl. Masjid {village}")
            )
            + f", {rng.choice(HAMLETS)}"
        )
    return f"{base}, RT {rt:03d}/RW {rw:03d}"


def postal_code(regency: str, district: str) -> str:
    """One code per district, counted up from the area's first code, as the post office
    numbers them."""
    return str(REGENCIES[regency].postal_base + (int(district[-2:]) - 1) % 40)


def coordinates(rng: random.Random, regency: str) -> tuple[Decimal, Decimal]:
    lat, lon = REGENCIES[regency].center
    spread = 0.03 if regency in {"18.71", "18.72"} else 0.15
    return (
        Decimal(f"{lat + rng.uniform(-spread, spread):.6f}"),
        Decimal(f"{lon + rng.uniform(-spread, spread):.6f}"),
    )
