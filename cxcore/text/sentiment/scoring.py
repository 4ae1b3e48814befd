"""Tone of many comments: each distinct one scored once per process and cached.

`score_texts` scores a list; `score_ahead` starts a batch in worker processes for the
caller to collect later; `explain` shows the terms behind one comment's score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.languages import lexicon_of
from cxcore.text.lexicon import load_lexicon
from cxcore.text.polarity import Term, score_terms
from cxcore.text.sentiment.neutral import PULL, load_neutral
from cxcore.text.sentiment.prior import load_prior
from cxcore.text.sentiment.rules import (
    _cold_start,
    _detect,
    _joined,
    _labels,
    _normalize,
    _rules_and_share,
    _score_chunk,
)
from cxcore.text.sentiment.workers import ScoringAhead

__all__ = [
    "NEUTRAL_TERM",
    "cache_info",
    "clear_cache",
    "explain",
    "score_ahead",
    "score_texts",
]

_CACHE_SIZE = 1_000_000
# How `explain` names the neutral model's entry (then its words): pages show it in the lead's
# language (`stage_detail.explain_words`), the CLI as it is.
NEUTRAL_TERM = "neutral: "

# Least recently used last out: a hit moves to the end (dicts keep insertion order). A dict,
# not an OrderedDict: far cheaper to fill with a large import's new scores.
_cache: dict[str, tuple[str, float, str]] = {}
_counts = {"hits": 0, "misses": 0}


def _score_new(
    keys: list[str],
    progress: Callable[[float], None] | None = None,
    on_languages: Callable[[list[str], Executor | None], None] | None = None,
) -> list[tuple[str, float, str]]:
    """(language, polarity, model) of texts not yet cached, using every core when large.

    Languages are found here, where lingua's models stay loaded and its Rust threads use
    every core; only the scoring goes to worker processes, chunk by chunk as soon as a
    chunk's languages are known, so the workers score while the rest is being detected.
    `on_languages(languages, spare)` is told every text's language once, as soon as all
    are known and before the workers' scores are collected: work that needs only the
    languages (learning from the survey's scores) runs then, beside the workers, and may
    hand part of itself to `spare`, the workers' pool (None on one core), whose processes
    take it up when their scoring is done.
    """
    report = progress or (lambda _f: None)
    tell = on_languages or (lambda _languages, _spare: None)
    with ScoringAhead() as ahead:
        if ahead.start(keys, report):
            tell(ahead.languages, ahead.pool)
            return ahead.collect(report)
    # Small batches, and hosts that cannot start processes: one core.
    languages = _detect(keys)
    tell(languages, None)
    return _joined(languages, _score_chunk(list(zip(keys, languages, strict=True))))


def score_ahead(
    texts: Sequence[Any] | None, progress: Callable[[float], None] | None = None
) -> ScoringAhead:
    """Start scoring the tone of `texts` in worker processes and return at once, so the
    caller can check and tag its rows on this core while the workers use the others.

    The caller passes the result to `score_responses` (which collects it) inside a `with`
    block. `progress(fraction)` hears 0 at once, then of the languages being detected (up
    to 0.5, as in `score_texts`).
    """
    ahead = ScoringAhead()
    if texts is None or not len(texts):
        return ahead
    report = progress or (lambda _f: None)
    report(0.0)  # the comments' keys take a second at a million rows: the bar shows first
    _codes, uniques = pd.factorize(pd.Series(texts, dtype=object))
    ahead.normalized = {t: _normalize(t) for t in uniques if isinstance(t, str)}
    keys = dict.fromkeys(ahead.normalized.values())
    new = [key for key in keys if key and key not in _cache]
    ahead.start(new, report)
    return ahead


def _remember(scores: dict[str, tuple[str, float, str]]) -> None:
    """Cache new scores, dropping the least recently used beyond _CACHE_SIZE."""
    _cache.update(scores)
    for key in list(islice(_cache, max(len(_cache) - _CACHE_SIZE, 0))):
        del _cache[key]


def _score_keys(
    keys: list[str],
    progress: Callable[[float], None] | None = None,
    on_languages: Callable[[dict[str, str], Executor | None], None] | None = None,
    ahead: ScoringAhead | None = None,
) -> dict[str, tuple[str, float, str]]:
    """Scores of distinct normalized texts, from the cache, from `ahead`, or computed once.

    `on_languages({key: language}, spare)` is told once, before the new scores are
    collected (see `_score_new`).
    """
    found: dict[str, tuple[str, float, str]] = {}
    missing: list[str] = []
    for key in keys:
        hit = _cache.get(key)
        if hit is None:
            missing.append(key)
        else:
            _cache[key] = _cache.pop(key)  # now the most recently used
            found[key] = hit
    _counts["hits"] += len(found)
    _counts["misses"] += len(missing)

    def tell(language_of: dict[str, str], spare: Executor | None) -> None:
        if on_languages is not None:
            on_languages({key: value[0] for key, value in found.items()} | language_of, spare)

    if ahead is None or not ahead.keys:

        def tell_new(languages: list[str], spare: Executor | None) -> None:
            tell(dict(zip(missing, languages, strict=True)), spare)

        if not missing:
            tell({}, None)
        else:
            new = dict(zip(missing, _score_new(missing, progress, tell_new), strict=True))
            _remember(new)
            found.update(new)
        return found
    # Started ahead: a text it did not start (normally none, the texts are the same) is
    # scored here first, unreported; then the workers' scores are collected.
    started = dict(zip(ahead.keys, ahead.languages, strict=True))
    rest = [key for key in missing if key not in started]
    if rest:
        new = dict(zip(rest, _score_new(rest), strict=True))
        _remember(new)
        found.update(new)
    tell(started, ahead.pool)
    collected = dict(zip(ahead.keys, ahead.collect(progress or (lambda _f: None)), strict=True))
    _remember(collected)
    found.update((key, collected[key]) for key in missing if key in collected)
    ahead.keys, ahead.languages = [], []  # collected once; the cache has them now
    return found


def cache_info() -> dict[str, int]:
    """Distinct texts found in the cache (hits), scored anew (misses), and cached (size)."""
    return {**_counts, "size": len(_cache)}


def clear_cache() -> None:
    """Forget every cached score and reset the counts."""
    _cache.clear()
    _counts.update(hits=0, misses=0)


_Meanwhile = Callable[[np.ndarray, np.ndarray, Executor | None], None]


def score_texts(
    texts: list[str],
    progress: Callable[[float], None] | None = None,
    meanwhile: _Meanwhile | None = None,
    ahead: ScoringAhead | None = None,
) -> pd.DataFrame:
    """language, sentiment, sentiment_label, sentiment_model for each text, in order.

    Lexicon (cold-start) scoring only; empty texts get language None and NaN. A large
    batch tells `progress(fraction)` how far it is. `meanwhile(keys, languages, spare)`,
    if given, is called once with each text as normalised for scoring ("" when empty) and
    its language (object arrays), as soon as the languages are known, while worker
    processes may still be scoring: the one core they leave the caller is its to use, and
    `spare` (the workers' pool, or None) takes work the workers start once their scoring
    is done. Texts that `ahead` (see `score_ahead`) started are collected from it, not
    scored again.
    """
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object), use_na_sentinel=True)
    raw = [u if isinstance(u, str) else "" for u in uniques]
    languages, polarity, models = _scored_rows(codes, raw, progress, meanwhile, ahead)
    return pd.DataFrame(
        {
            F.LANGUAGE: pd.Series(languages, dtype=object),
            F.SENTIMENT: polarity,
            F.SENTIMENT_LABEL: pd.Series(_labels(polarity, models), dtype=object),
            F.SENTIMENT_MODEL: pd.Series(models, dtype=object),
        }
    )


def _scored_rows(
    codes: np.ndarray,
    distinct: list[str],
    progress: Callable[[float], None] | None,
    meanwhile: _Meanwhile | None,
    ahead: ScoringAhead | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(language, polarity, model) arrays of rows whose text is `distinct[code]` ("" or a
    code of -1: no text). Each distinct text is handled once in Python and the rows are
    taken by their codes, not built as lists per row."""
    done = ahead.normalized if ahead is not None else {}
    normalized = [done.get(t) or _normalize(t) for t in distinct]
    keys = np.array([*normalized, ""], dtype=object)  # a code of -1 takes the last

    def tell(language_of: dict[str, str], spare: Executor | None) -> None:
        if meanwhile is not None:
            found = [language_of[k] if k else None for k in normalized]
            meanwhile(keys[codes], np.array([*found, None], dtype=object)[codes], spare)

    distinct_keys = list(dict.fromkeys(k for k in normalized if k))
    scores = _score_keys(distinct_keys, progress, tell, ahead)
    empty = (None, math.nan, None)
    table = [scores[k] if k else empty for k in normalized] + [empty]
    languages = np.array([t[0] for t in table], dtype=object)[codes]
    polarity = np.array([t[1] for t in table], dtype=float)[codes]
    models = np.array([t[2] for t in table], dtype=object)[codes]
    return languages, polarity, models


def explain(text: str) -> list[tuple[str, float]]:
    """The words and phrases that moved a comment's score, with signed shares, biggest first.

    The lexicon's terms share its part of the score (for English, the lexicon half of the
    rules' blend), and the learned prior's strongest words (at most PRIOR_WORDS_SHOWN)
    share the prior's part; a word found by both is listed once, with both shares. Where
    the neutral model pulled the score toward 0, one more entry, NEUTRAL_TERM and its
    strongest words, takes that part back.
    """
    key = _normalize(text)
    if not key:
        return []
    language = _score_keys([key])[key][0]
    lexicon = lexicon_of(language)
    polarity, terms = score_terms(key, load_lexicon(lexicon or "en"))
    _rules, share, prior_language = _rules_and_share(key, language)
    share = share or 0.0  # None where a rule of the language decided: no part for the prior
    found: dict[str, float] = dict(_shares((1 - share) * polarity, terms))
    if prior_language and share:
        prior, words = load_prior(prior_language).terms(key)
        for word, value in _scaled(share * prior, words)[:PRIOR_WORDS_SHOWN]:
            found[word] = found.get(word, 0.0) + value
    _polarity, lexicon_language, pulled = _cold_start(key, language)
    if pulled and lexicon_language:
        # the neutral model's words take back all but PULL of the score: they say why
        words = load_neutral(lexicon_language).words(key)
        found[NEUTRAL_TERM + ", ".join(words)] = -(1 - PULL) * sum(found.values())
    return sorted(found.items(), key=lambda s: -abs(s[1]))


PRIOR_WORDS_SHOWN = 3


def _scaled(total: float, values: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Each value rescaled so the values sum to `total`, biggest first."""
    raw = sum(v for _w, v in values)
    scale = total / raw if raw else 0.0
    return sorted(((w, v * scale) for w, v in values), key=lambda s: -abs(s[1]))


def _shares(polarity: float, terms: list[Term]) -> list[tuple[str, float]]:
    """Each term's raw value rescaled so the values sum to the polarity."""
    return _scaled(polarity, [(t.text, t.value) for t in terms])
