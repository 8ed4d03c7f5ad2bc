"""Corrections of query words the index does not know ("robsta" → "robusta").

The backend proposes indexed words that look alike (trigram similarity on PostgreSQL,
same first letter and length on SQLite); the pick is made here, the same way on both:
the closest spelling by difflib's ratio, the more common word on a tie. Only words of at
least MIN_LENGTH letters are corrected, and only to a word at least MIN_RATIO alike."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .backends import SearchBackend

MIN_LENGTH = 4
MIN_RATIO = 0.75


def best_correction(word: str, candidates: list[tuple[str, int]]) -> str:
    """The candidate closest to `word` ("" when the word is known or none is close)."""
    if any(term == word for term, _ in candidates):
        return ""
    scored = [
        (SequenceMatcher(None, word, term).ratio(), count, term)
        for term, count in candidates
        if abs(len(term) - len(word)) <= 2
    ]
    scored = [row for row in scored if row[0] >= MIN_RATIO]
    return max(scored)[2] if scored else ""


def corrections(engine: SearchBackend, words: list[str]) -> dict[str, str]:
    """{unknown word: its correction} for the query words that have one."""
    fixed = {}
    for word in words:
        if len(word) < MIN_LENGTH:
            continue
        better = best_correction(word, engine.candidates(word))
        if better:
            fixed[word] = better
    return fixed
