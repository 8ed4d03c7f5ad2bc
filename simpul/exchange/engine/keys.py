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
