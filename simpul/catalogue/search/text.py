"""Indonesian text → the words the search indexes and queries use.

Documents and queries pass through the same steps, so `keripik`, `kripik` and
`keripiknya` meet at one word: lowercase letter runs, spelling variants unified (the KBLI
suggester's table), then a light affix stripper. Both search backends index these
normalised words, never the raw text."""

from __future__ import annotations

from functools import lru_cache

from simpul.kbli.suggest import Stemmer, words

# Only the safe rules (suffixes, nasal prefixes): without a corpus vocabulary the stemmer
# does not strip di-/ber-/ter-, which would ruin plain words.
_STEMMER = Stemmer()


@lru_cache(maxsize=100_000)
def normal_word(word: str) -> str:
    return _STEMMER.stem(word)


def normal_words(text: str) -> list[str]:
    return [normal_word(w) for w in words(text) if len(w) > 1]


def normal_text(*parts: str) -> str:
    return " ".join(w for part in parts if part for w in normal_words(part))
