"""Headers and values → a suggested mapping {source column: canonical field}.

Headers are matched in English, Turkish and Czech after folding (case, diacritics, Turkish
İ/I/ı, camelCase and punctuation), using the header words of `headers.py`. Qualtrics
question text
and SurveyMonkey sub-headers (`header_hints`) count too, a little less than the header.
Where the header does not say which scale a score is on ("Hodnocení", "Score"), its values
decide; an unlabeled column of 0–10 or 1–5 numbers becomes NPS or CSAT.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

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
# A category column: values at most this long (median) and this many distinct ones.
_CATEGORY_CHARS: Final = 40
_CATEGORY_DISTINCT: Final = 200
_CAMEL: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


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


def _compile(entries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Synonyms → (kind, folded text) pairs; kind is 'word', 'stem' or 'exact'."""
    compiled = []
    for entry in entries:
        kind = "exact" if entry.startswith("=") else "stem" if entry.endswith("*") else "word"
        compiled.append((kind, _fold(entry.strip("=*"))))
    return tuple(compiled)


_COMPILED: Final = {field: _compile(entries) for field, entries in headers.SYNONYMS.items()}
_COMPILED_GENERIC: Final = _compile(headers.GENERIC_SCORE)
_COMPILED_NEVER: Final = _compile(headers.NEVER_MAPPED)
_COMPILED_NOT_FOR: Final = {field: _compile(entries) for field, entries in headers.NOT_FOR.items()}
_COMPILED_NOT_BY_VALUES: Final = _compile(headers.NOT_BY_VALUES)


def _matches(kind: str, synonym: str, text: str) -> bool:
    """Does folded `text` contain `synonym` the way its kind asks?"""
    if not text:
        return False
    if kind == "exact":
        return text == synonym
    if kind == "stem":
        return f" {text}".find(f" {synonym}") >= 0
    return f" {synonym} " in f" {text} "


def _best_match(synonyms: tuple[tuple[str, str], ...], text: str) -> int | None:
    """Rank of the first synonym found in `text`, or None."""
    for rank, (kind, synonym) in enumerate(synonyms):
        if _matches(kind, synonym, text):
            return rank
    return None


def _any_match(synonyms: tuple[tuple[str, str], ...], *texts: str) -> bool:
    return any(_best_match(synonyms, text) is not None for text in texts)


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
    for position, column in enumerate(frame.columns):
        values = sample_cells(frame[column])
        if len(frame) and values.empty:
            continue  # an empty column has nothing to map
        suggestions += _column_suggestions(
            position, str(column), hints[column], values, has_score_type
        )
    return _assign(suggestions)


def _column_suggestions(
    position: int, column: str, hint: str, values: pd.Series, has_score_type: bool
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


def _header_strength(
    synonyms: tuple[tuple[str, str], ...], name: str, hint: str
) -> tuple[int, int]:
    """(strength, synonym rank) of the best way the header or its hint names the field."""
    exact = next((i for i, (_, synonym) in enumerate(synonyms) if synonym == name), None)
    if exact is not None:
        return _HEADER_EXACT, exact
    rank = _best_match(synonyms, name)
    if rank is not None:
        return _HEADER_WORDS, rank
    rank = _best_match(synonyms, hint)
    if rank is not None and synonyms[rank][0] != "exact":
        return _HINT_WORDS, rank
    return 0, 0


def _plausible(field: str, values: pd.Series) -> bool:
    """Values that rule a header match out.

    An ID column holding one repeated value (MS Forms writes 'anonymous' for all); a
    "recommend" column holding only 0/1 (a yes/no, not a 0–10 NPS); a "feedback" column
    holding numbers ("Positive Feedback Count"), which is no comment.
    """
    if values.empty:
        return True
    if field in (F.RESPONSE_ID, F.CUSTOMER_ID):
        return values.nunique() != 1 or len(values) < 2
    if field == F.NPS:
        return not set(values.str.strip().unique()) <= {"0", "1"}
    if field == F.COMMENT:
        numeric = values.str.fullmatch(r"\s*[-+]?\d+([.,]\d+)?\s*", na=False).mean()
        return bool(numeric < 0.5)
    if field == F.CATEGORY:
        return _categorical(values)
    return True


def _categorical(values: pd.Series) -> bool:
    """A category's values: words (not ids), short, and repeating across rows."""
    if values.empty:
        return False
    wordy = values.str.contains(r"[^\W\d_]{2,}", na=False).mean() >= 0.8
    short = values.str.len().median() <= _CATEGORY_CHARS
    distinct = values.nunique()
    repeating = distinct <= min(_CATEGORY_DISTINCT, 0.5 * len(values))
    return bool(wordy and short and repeating)


def _value_suggestions(
    position: int, column: str, hint: str, values: pd.Series
) -> list[_Suggestion]:
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


def _scale_from_values(values: pd.Series, *, distinct: int) -> str | None:
    """CSAT (1–5 or verbal), NPS (0–10, some above 7) or None.

    1–7 is never guessed from values: it is CES only when the header says effort, and
    then the header has already decided.
    """
    if values.empty:
        return None
    for field in (F.CSAT, F.NPS):
        points = _points(field, values)
        if points is None or points.nunique() < distinct:
            continue
        if field == F.NPS and not (points > 7).any():
            continue
        return field
    return None


def _points(field: str, values: pd.Series) -> pd.Series | None:
    """Values read on `field`'s scale, or None when too many are not scores on it."""
    parsed: dict[str, float | None] = {}
    for value in values.unique():
        try:
            parsed[value] = parse_score(field, value)
        except ValueError:
            continue
    read = values.map(lambda v: v in parsed)
    if read.mean() < 0.95:
        return None
    return values[read].map(parsed).dropna()


def _looks_like_comments(values: pd.Series) -> bool:
    """Free text: mostly several words, varied, not e-mails or links."""
    # Whole values that are e-mail addresses or links; a comment may mention @someone.
    machine = values.str.fullmatch(r"\S+@\S+\.\S+|https?://\S+", na=False).mean()
    if len(values) < 2 or machine > 0.1:
        return False
    wordy = values.str.count(r"[^\W\d_]{2,}").ge(3).mean() >= 0.5  # three words of letters
    return bool(wordy and values.nunique() >= 0.5 * len(values))


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
    head = column.head(_SAMPLE_ROWS * 5).dropna().astype("str").str.strip()
    return head[head != ""].head(_SAMPLE_ROWS)
