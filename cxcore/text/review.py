"""The review queue: unassigned responses grouped by the words their comments share.

A support lead tags a whole group at once and may keep its words as a rule. Words are
folded like the tagger folds them; Turkish and Czech words are cut to their first 5
letters, so "faturam", "faturamı" and "faturanız" meet; English loses a plural "s".
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from cxcore import fields as F
from cxcore.text.stopwords import ALL_STOP_WORDS
from cxcore.text.taxonomy import fold_text

__all__ = ["STOP_WORDS", "unassigned_groups"]

# Every language's stop words, whatever the comment's language.
STOP_WORDS: frozenset[str] = ALL_STOP_WORDS
_LETTERS = re.compile(r"[^\W\d_]+")
_STEM_LENGTH = 5  # tr and cs: suffixes carry the grammar, the first letters the meaning
_MIN_WORD = 3
_COLUMNS = ["words", "n", "response_ids", "examples", "terms", "language"]


def _stem(folded: str, language: str | None) -> str:
    if language == "en":
        return folded[:-1] if len(folded) > 3 and folded.endswith("s") else folded
    return folded[:_STEM_LENGTH]


def _content_words(text: str, language: str | None) -> dict[str, str]:
    """Stem → the word as written (lower case), for the content words of `text`."""
    # "İ".lower() is i plus a combining dot; drop the dot so the word stays whole.
    lowered = text.lower().replace("\u0307", "")
    found: dict[str, str] = {}
    for word in _LETTERS.findall(lowered):
        folded = fold_text(word)
        if len(folded) >= _MIN_WORD and folded not in STOP_WORDS:
            found.setdefault(_stem(folded, language), word)
    return found


def _common_prefix(words: list[str]) -> str:
    """The start all `words` share, compared folded ("faktura", "faktuře" → "faktur")."""
    folded = [fold_text(w) for w in words]
    first, last = min(folded), max(folded)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    # Shown as the first comment wrote it, accents kept, where folding kept the length.
    return words[0][:size] if len(folded[0]) == len(words[0]) else first[:size]


def _term(forms: list[str], language: str | None) -> str:
    """The taxonomy term for one shared word: a stem ("faturam*") unless all wrote it alike."""
    prefix = _common_prefix(forms)
    if len(set(forms)) == 1 and language == "en":
        return prefix
    return f"{prefix}*" if len(fold_text(prefix)) >= _MIN_WORD else prefix


def unassigned_groups(responses: pd.DataFrame, min_size: int = 2, top: int = 30) -> pd.DataFrame:
    """Unassigned responses grouped by shared content words, largest group first.

    Greedy and disjoint: the word most unassigned comments share makes a group, its
    responses leave the pool, and so on. `words` lists every word all of a group share,
    in the order the first comment writes them.
    Columns: words, n, response_ids, examples (up to 3 comments), terms (for add_rule),
    language (the group's most common language).
    """
    unassigned = (responses[F.STAGE] == F.UNASSIGNED) | (responses[F.TOUCHPOINT] == F.UNASSIGNED)
    pool = responses.loc[unassigned & responses[F.COMMENT].notna()]
    languages = pool[F.LANGUAGE] if F.LANGUAGE in pool else pd.Series(None, index=pool.index)
    words = {
        index: _content_words(str(comment), language)
        for index, comment, language in zip(pool.index, pool[F.COMMENT], languages, strict=True)
    }
    open_rows = {i for i, w in words.items() if w}
    groups: list[dict[str, object]] = []
    while open_rows and len(groups) < top:
        counts = Counter(stem for i in open_rows for stem in words[i])
        stem, n = min(counts.items(), key=lambda item: (-item[1], item[0]))
        if n < min_size:
            break
        members = [i for i in pool.index if i in open_rows and stem in words[i]]
        open_rows.difference_update(members)
        groups.append(_group(pool.loc[members], [words[i] for i in members], languages))
    return pd.DataFrame(groups, columns=_COLUMNS)


def _group(
    rows: pd.DataFrame, words: list[dict[str, str]], languages: pd.Series
) -> dict[str, object]:
    # In the order the first comment says them, so the words read as written.
    common = set.intersection(*(set(w) for w in words))
    shared = [s for s in words[0] if s in common]
    language = languages.loc[rows.index].mode()
    lang = str(language.iloc[0]) if len(language) else None
    forms = {s: [w[s] for w in words] for s in shared}
    return {
        "words": " ".join(_common_prefix(forms[s]) for s in shared),
        "n": len(rows),
        "response_ids": [int(i) for i in rows["id"]],
        "examples": [str(c) for c in rows[F.COMMENT].head(3)],
        "terms": [_term(forms[s], lang) for s in shared],
        "language": lang,
    }
