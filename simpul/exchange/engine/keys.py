"""Normalised keys that decide whether two rows describe the same enterprise."""

from __future__ import annotations

import re
import unicodedata

# Legal-form words and filler that lists add or drop at will: "UD. Sari Rasa",
# "Sari Rasa, UD" and "SARI RASA" are one business.
_NOISE = frozenset({"ud", "cv", "pt", "tbk", "koperasi", "kop", "fa", "firma", "usaha", "ikm"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def name_key(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    words = _NON_WORD.sub(" ", text.lower()).split()
    kept = [word for word in words if word not in _NOISE]
    return " ".join(kept or words)


# Forms of address lists put before a person's name: "HJ. SALAMAH" is Salamah.
_HONORIFICS = frozenset(
    {"h", "hj", "haji", "hajah", "hajjah", "bu", "ibu", "pak", "bapak", "bpk", "sdr", "sdri"}
)


def person_key(name: object) -> str:
    """A person's name as sorted words without forms of address ('' when unknown)."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    words = {word for word in _NON_WORD.sub(" ", text.lower()).split()}
    return " ".join(sorted(words - _HONORIFICS))


def person_id(name: object, nik_hash: str = "") -> str:
    """What the name rule compares about an owner: the person key and, when known, the
    start of the NIK's blind index (enough to tell two NIKs apart)."""
    key = person_key(name)
    return f"{key}#{nik_hash[:16]}" if nik_hash else key


def same_person(a: str, b: str) -> bool:
    """Could two owners (person_id) be the same person? Two different NIKs never are. An
    unknown name could be anyone, and a shorter name written inside a longer one ("Siti"
    in "Siti Aminah") is taken as the same; two names without such inclusion are two
    people."""
    name_a, _, nik_a = a.partition("#")
    name_b, _, nik_b = b.partition("#")
    if nik_a and nik_b:
        return nik_a == nik_b
    if not name_a or not name_b:
        return True
    left, right = set(name_a.split()), set(name_b.split())
    return left <= right or right <= left
