"""Headers and values → a suggested mapping {source column: canonical field}.

Headers are matched in English, Turkish and Czech after folding (case, diacritics, Turkish
İ/I/ı, camelCase and punctuation), using the header words of `headers.py`. Qualtrics
question text
and SurveyMonkey sub-headers (`header_hints`) count too, a little less than the header.
Where the header does not say which scale a score is on ("Hodnocení", "Score"), its values
decide; an unlabeled column of 0–10 or 1–5 numbers becomes NPS or CSAT.

The cost per column is kept small for wide files (thousands of columns): the synonyms are
folded and indexed by their first word once, a header is only checked against the synonyms
one of its words can start, and each column's sample is read once into plain strings and
their counts, with each distinct value parsed as a score once per file.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.ingest import headers
from cxcore.ingest.scores import parse_score

if TYPE_CHECKING:
    from cxcore.ingest.reading import SurveyTable

__all__ = ["sample_cells", "suggest_mapping"]

_HEADER_EXACT: Final = 8
_HEADER_WORDS: Final = 6
_HINT_WORDS: Final = 4
_VALUES: Final = 2
_WEAK: Final = 1

_SAMPLE_ROWS: Final = 2000
_BLOCK_COLUMNS: Final = 256
# A category column: values at most this long (median) and this many distinct ones.
_CATEGORY_CHARS: Final = 40
_CATEGORY_DISTINCT: Final = 200
_CAMEL: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NUMERIC: Final = re.compile(r"\s*[-+]?\d+([.,]\d+)?\s*")
_WORD: Final = re.compile(r"[^\W\d_]{2,}")
_MACHINE: Final = re.compile(r"\S+@\S+\.\S+|https?://\S+")


class _Values:
    """A column's sampled cells (stripped, non-empty text) and how often each occurs."""

    __slots__ = ("cells", "counts")

    def __init__(self, cells: list[str]) -> None:
        self.cells = cells
        self.counts = Counter(cells)

    @property
    def empty(self) -> bool:
        return not self.cells

    def share(self, test: Any) -> float:
        """The share of cells whose value passes `test` (each distinct value tried once)."""
        hits = sum(n for value, n in self.counts.items() if test(value))
        return hits / len(self.cells) if self.cells else 0.0


@dataclass(frozen=True)
class _Suggestion:
    """One column's claim on one field, and how strong it is."""

    strength: int
    rank: int
    position: int
    column: str
    field: str

    def order(self) -> tuple[int, int, int, int]:
        return (-self.strength, _FIELD_PRIORITY[self.field], self.rank, self.position)


# Scores and the comment first: a header naming both a score and a channel is a score.
_FIRST_FIELDS: Final = (F.NPS, F.CSAT, F.CES, F.SCORE, F.SCORE_TYPE, F.COMMENT, F.SUBMITTED_AT)
_FIELD_PRIORITY: Final[dict[str, int]] = {
    field: rank
    for rank, field in enumerate(
        _FIRST_FIELDS + tuple(f for f in F.MAPPABLE_FIELDS if f not in _FIRST_FIELDS)
    )
}


# --- folding and matching ------------------------------------------------------------------


def _fold(text: str) -> str:
    """Header text → lower-case ASCII words: Turkish İ/I/ı → i, camelCase split, '#' kept."""
    text = _CAMEL.sub(" ", text)
    text = text.replace("İ", "i").replace("I", "ı").lower().replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9#]+", " ", plain).split())


class _Synonyms:
    """Folded synonyms in rank order, indexed by their first word so a header is checked
    only against the synonyms one of its words can start (a plain or exact entry's first
    word is a word of the header, a stem's first word begins one)."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.entries: tuple[tuple[str, str], ...] = tuple(
            (
                "exact" if e.startswith("=") else "stem" if e.endswith("*") else "word",
                _fold(e.strip("=*")),
            )
            for e in entries
        )
        self.exact: dict[str, int] = {}
        self._by_word: dict[str, list[int]] = {}
        self._by_stem: dict[str, list[int]] = {}
        self._always: list[int] = []  # an entry that folds to nothing: checked every time
        for rank, (kind, synonym) in enumerate(self.entries):
            self.exact.setdefault(synonym, rank)
            first = synonym.split(" ", 1)[0]
            index = self._by_stem if kind == "stem" else self._by_word
            (index.setdefault(first, []) if first else self._always).append(rank)

    def __getitem__(self, rank: int) -> tuple[str, str]:
        return self.entries[rank]

    def best(self, text: str) -> int | None:
        """Rank of the first synonym found in folded `text`, or None."""
        if not text:
            return None
        words, prefixes = _words_and_prefixes(text)
        firsts = (self._by_word.keys() & words) | (self._by_stem.keys() & prefixes)
        if not firsts and not self._always:
            return None  # most headers, for most fields
        candidates = set(self._always)
        for first in firsts:
            candidates.update(self._by_word.get(first, ()), self._by_stem.get(first, ()))
        for rank in sorted(candidates):
            if _matches(*self.entries[rank], text):
                return rank
        return None


@lru_cache(maxsize=4_096)
def _words_and_prefixes(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of folded `text`, and every start of each (for stems); made once per header."""
    words = frozenset(text.split(" "))
    return words, frozenset(word[:end] for word in words for end in range(1, len(word) + 1))


_COMPILED: Final = {field: _Synonyms(entries) for field, entries in headers.SYNONYMS.items()}
_COMPILED_GENERIC: Final = _Synonyms(headers.GENERIC_SCORE)
_COMPILED_NEVER: Final = _Synonyms(headers.NEVER_MAPPED)
_COMPILED_NOT_FOR: Final = {field: _Synonyms(entries) for field, entries in headers.NOT_FOR.items()}
_COMPILED_NOT_BY_VALUES: Final = _Synonyms(headers.NOT_BY_VALUES)


def _matches(kind: str, synonym: str, text: str) -> bool:
    """Does folded `text` contain `synonym` the way its kind asks?"""
    if not text:
        return False
    if kind == "exact":
        return text == synonym
    if kind == "stem":
        return f" {text}".find(f" {synonym}") >= 0
    return f" {synonym} " in f" {text} "


def _best_match(synonyms: _Synonyms, text: str) -> int | None:
    """Rank of the first synonym found in `text`, or None."""
    return synonyms.best(text)


def _any_match(synonyms: _Synonyms, *texts: str) -> bool:
    return any(synonyms.best(text) is not None for text in texts)


# --- suggesting ----------------------------------------------------------------------------


def suggest_mapping(table: SurveyTable) -> dict[str, str]:
    """A read table → {source column: canonical field} for the columns it recognises."""
    frame = table.frame
    hints = {column: _fold(table.header_hints.get(column, "")) for column in frame.columns}
    has_score_type = any(
        _best_match(_COMPILED[F.SCORE_TYPE], _fold(str(column))) is not None
        for column in frame.columns
    )
    suggestions: list[_Suggestion] = []
    for position, column, cells in _columns_of(frame.head(_SAMPLE_ROWS * 5)):
        values = _Values(_sample(cells))
        if len(frame) and values.empty:
            continue  # an empty column has nothing to map
        suggestions += _column_suggestions(
            position, str(column), hints[column], values, has_score_type
        )
    return _assign(suggestions)


def _columns_of(head: pd.DataFrame) -> Iterator[tuple[int, Any, np.ndarray]]:
    """(position, name, cells) of each column, taken out of pandas a block at a time (one
    column at a time cost more than the rest of its suggestion)."""
    names = list(head.columns)
    for start in range(0, len(names), _BLOCK_COLUMNS):
        block = head.iloc[:, start : start + _BLOCK_COLUMNS].to_numpy(dtype=object)
        for offset in range(block.shape[1]):
            yield start + offset, names[start + offset], block[:, offset]


def _column_suggestions(
    position: int, column: str, hint: str, values: _Values, has_score_type: bool
) -> list[_Suggestion]:
    """Every field one column could be, with strengths from header, hint and values."""
    name = _fold(column)
    if _any_match(_COMPILED_NEVER, name, hint) or headers.CHOICE_TEXT.search(f"{name} | {hint}"):
        return []
    found: list[_Suggestion] = []
    for field, synonyms in _COMPILED.items():
        if field in _COMPILED_NOT_FOR and _any_match(_COMPILED_NOT_FOR[field], name, hint):
            continue
        strength, rank = _header_strength(synonyms, name, hint)
        if strength and _plausible(field, values):
            found.append(_Suggestion(strength, rank, position, column, field))
    named_scale = any(s.field in F.SCORE_FIELDS for s in found)
    generic_strength, generic_rank = _header_strength(_COMPILED_GENERIC, name, hint)
    if generic_strength and not named_scale:  # "Hodnocení", "Score": the values decide
        field = F.SCORE if has_score_type else _scale_from_values(values, distinct=1)
        if field:
            found.append(_Suggestion(generic_strength, generic_rank, position, column, field))
    if any(s.field == F.CATEGORY for s in found):
        # "Důvod", "Reason": a category when its values repeat, else the free-text comment.
        found = [s for s in found if s.field != F.COMMENT]
    if not found and not generic_strength and not _any_match(_COMPILED_NOT_BY_VALUES, name):
        found += _value_suggestions(position, column, hint, values)
    if headers.TEXT_ENTRY_ID.search(hint) and not _scale_from_values(values, distinct=2):
        # A Qualtrics text-entry question (QIDn_TEXT) holding text is a comment, whatever
        # its question says ("Puanınızın ana nedeni nedir?" names a score but asks why).
        found = [s for s in found if s.field != F.COMMENT]
        found.append(_Suggestion(_HEADER_WORDS, 0, position, column, F.COMMENT))
    return found


def _header_strength(synonyms: _Synonyms, name: str, hint: str) -> tuple[int, int]:
    """(strength, synonym rank) of the best way the header or its hint names the field."""
    exact = synonyms.exact.get(name)
    if exact is not None:
        return _HEADER_EXACT, exact
    rank = synonyms.best(name)
    if rank is not None:
        return _HEADER_WORDS, rank
    rank = synonyms.best(hint)
    if rank is not None and synonyms[rank][0] != "exact":
        return _HINT_WORDS, rank
    return 0, 0


def _plausible(field: str, values: _Values) -> bool:
    """Values that rule a header match out.

    An ID column holding one repeated value (MS Forms writes 'anonymous' for all); a
    "recommend" column holding only 0/1 (a yes/no, not a 0–10 NPS); a "feedback" column
    holding numbers ("Positive Feedback Count"), which is no comment.
    """
    if values.empty:
        return True
    if field in (F.RESPONSE_ID, F.CUSTOMER_ID):
        return len(values.counts) != 1 or len(values.cells) < 2
    if field == F.NPS:
        return not set(values.counts) <= {"0", "1"}
    if field == F.COMMENT:
        return values.share(_NUMERIC.fullmatch) < 0.5
    if field == F.CATEGORY:
        return _categorical(values)
    return True


def _categorical(values: _Values) -> bool:
    """A category's values: words (not ids), short, and repeating across rows."""
    if values.empty:
        return False
    wordy = values.share(_WORD.search) >= 0.8
    short = statistics.median(map(len, values.cells)) <= _CATEGORY_CHARS
    distinct = len(values.counts)
    repeating = distinct <= min(_CATEGORY_DISTINCT, 0.5 * len(values.cells))
    return bool(wordy and short and repeating)


def _value_suggestions(position: int, column: str, hint: str, values: _Values) -> list[_Suggestion]:
    """Fields an unrecognised column's values point to: a score scale, or free text."""
    scale = _scale_from_values(values, distinct=2)
    if scale:
        return [_Suggestion(_VALUES, 0, position, column, scale)]
    if any(f" {h}" in f" {hint}" for h in headers.FREE_TEXT_HINTS) or headers.TEXT_ENTRY_ID.search(
        hint
    ):
        return [_Suggestion(_VALUES, 0, position, column, F.COMMENT)]
    if _looks_like_comments(values):
        return [_Suggestion(_WEAK, 0, position, column, F.COMMENT)]
    return []


def _scale_from_values(values: _Values, *, distinct: int) -> str | None:
    """CSAT (1–5 or verbal), NPS (0–10, some above 7) or None.

    1–7 is never guessed from values: it is CES only when the header says effort, and
    then the header has already decided.
    """
    if values.empty:
        return None
    for field in (F.CSAT, F.NPS):
        points = _points(field, values)
        if points is None or len(points) < distinct:
            continue
        if field == F.NPS and not any(p > 7 for p in points):
            continue
        return field
    return None


def _points(field: str, values: _Values) -> set[float] | None:
    """The distinct points of values read on `field`'s scale, or None when too many are
    not scores on it."""
    parsed = {value: _parsed(field, value) for value in values.counts}
    if values.share(lambda value: parsed[value][0]) < 0.95:
        return None
    return {points for read, points in parsed.values() if read and points is not None}


@lru_cache(maxsize=16_384)
def _parsed(field: str, value: str) -> tuple[bool, float | None]:
    """(whether `value` is a score on `field`'s scale, its points): a wide file repeats the
    same few answers ("1"…"5", "Yes") in column after column."""
    try:
        return True, parse_score(field, value)
    except ValueError:
        return False, None


def _looks_like_comments(values: _Values) -> bool:
    """Free text: mostly several words, varied, not e-mails or links."""
    # Whole values that are e-mail addresses or links; a comment may mention @someone.
    if len(values.cells) < 2 or values.share(_MACHINE.fullmatch) > 0.1:
        return False
    wordy = values.share(lambda value: len(_WORD.findall(value)) >= 3) >= 0.5  # three words
    return bool(wordy and len(values.counts) >= 0.5 * len(values.cells))


def _assign(suggestions: list[_Suggestion]) -> dict[str, str]:
    """Strongest suggestions first; each column and each field used at most once."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for suggestion in sorted(suggestions, key=_Suggestion.order):
        if suggestion.column in mapping or suggestion.field in used:
            continue
        mapping[suggestion.column] = suggestion.field
        used.add(suggestion.field)
    positions = {s.column: s.position for s in suggestions}
    return dict(sorted(mapping.items(), key=lambda item: positions[item[0]]))


def sample_cells(column: pd.Series) -> pd.Series:
    """Up to _SAMPLE_ROWS non-empty cells of a column, stripped, as `str`."""
    return pd.Series(_sample(column.head(_SAMPLE_ROWS * 5).to_numpy()), dtype=object)


def _sample(cells: Any) -> list[str]:
    """Up to _SAMPLE_ROWS non-empty cells of `cells` (the first of a column), stripped, as str."""
    try:  # cells read from a file are str or None: one pass in C-speed comprehensions
        texts = [cell.strip() for cell in cells if cell is not None]
    except AttributeError:  # another type (a number, NaN): each cell on its own
        texts = []
        for cell in cells:
            if cell is None or pd.isna(cell):
                continue
            texts.append(str(cell).strip())
    return [text for text in texts if text][:_SAMPLE_ROWS]
