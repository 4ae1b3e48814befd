"""Language and polarity of each comment: Turkish, Czech and English, offline.

- Language: `cxcore.text.language` (letters only Turkish or Czech use, then lingua).
- Turkish and Czech: our lexicons with their morphology (`cxcore.text.lexicon`,
  `data/sentiment/*.yaml`). English: VADER, TextBlob and our lexicon together.
- `score_responses` also learns from the survey's own NPS/CSAT where an import has enough
  scored comments in a language, cross-fitted so no response's score touches its own comment.
- Each distinct comment is scored once per process (cached across imports); large batches
  use every core.

The method and its accuracy are in docs/sentiment.md and docs/benchmarks.md.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import sys
import types
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.languages import CODES, lexicon_of
from cxcore.text.language import MAIN_LANGUAGES, detect_language, detect_languages
from cxcore.text.lexicon import Term, fold_case, load_lexicon, score_terms, score_text

__all__ = [
    "LanguageFit",
    "LearnedScores",
    "NEUTRAL_BAND",
    "cache_info",
    "clear_cache",
    "detect_language",
    "explain",
    "fit_learned_scores",
    "flag_disagreements",
    "label_for",
    "ScoringAhead",
    "score_ahead",
    "start_workers_early",
    "score_responses",
    "score_targets",
    "score_texts",
]

NEUTRAL_BAND = 0.05
# Learning from the survey's own scores (issue: sentiment as well as a person would).
MIN_LEARNING_COMMENTS = 200  # scored comments in one language...
MIN_CLASS_COMMENTS = 30  # ...with at least this many low and high scores each
FOLDS = 5
LEXICON_SHARE = 0.3  # blend = share * lexicon + (1 - share) * (2p - 1)
MAX_TRAINING_ROWS = 30_000  # distinct pairs per fold; keeps a 1M-row import to seconds
MIN_DF = 2  # a word or character n-gram must occur in this many distinct comments
CHAR_NGRAMS = (3, 5)  # character n-grams within words (2-grams: more work, same AUC)
MAX_CHAR_FEATURES = 300_000  # the most frequent
DISAGREEMENT = 0.4  # |polarity| that counts as clearly positive / negative

# English: weights of VADER compound, TextBlob polarity and our lexicon. Measured on both
# English sets (docs/benchmarks.md): VADER beats TextBlob, our lexicon beats both, and
# adding TextBlob to VADER + lexicon gains < 0.003 AUC for twice the time, so it is left out.
_ENGLISH_WEIGHTS = {"vader": 0.5, "textblob": 0.0, "lexicon": 0.5}
_CACHE_SIZE = 1_000_000
_PARALLEL_MIN = 50_000  # distinct new texts before a batch is worth other processes
_CHUNK = 20_000
_HINT_WORDS = 3
# What worker processes start with, imported once by the process they fork from: this
# module, and scikit-learn's parts a worker learning a language needs (a second's import).
_WORKER_MODULES = [__name__, "sklearn.feature_extraction.text", "sklearn.linear_model"]

# Least recently used last out: a hit moves to the end (dicts keep insertion order). Not an
# OrderedDict: taking a million-row import's 340,000 new scores cost it 0.9 s, a dict 0.05 s.
_cache: dict[str, tuple[str, float, str]] = {}
_counts = {"hits": 0, "misses": 0}


def label_for(polarity: float) -> str:
    """negative / neutral / positive for a polarity in -1..1."""
    if polarity <= -NEUTRAL_BAND:
        return "negative"
    if polarity >= NEUTRAL_BAND:
        return "positive"
    return "neutral"


def _labels(polarity: np.ndarray) -> np.ndarray:
    """`label_for` of each polarity at once, None where it is NaN."""
    labels = np.where(
        polarity <= -NEUTRAL_BAND,
        "negative",
        np.where(polarity >= NEUTRAL_BAND, "positive", "neutral"),
    ).astype(object)
    labels[np.isnan(polarity)] = None
    return labels


def _normalize(text: str) -> str:
    """The cache key of a comment: NFC, single spaces, no outer blanks.

    `str.split` splits on exactly the characters `\\s` matches, at half a regex's cost.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


@cache
def _vader() -> Any:
    """VADER's analyzer, built once per process (it reads its lexicon on creation)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _textblob() -> Any:
    """TextBlob's English pattern scorer (the same one TextBlob(...).sentiment uses)."""
    from textblob.en import sentiment

    return sentiment


def _english_part(name: str, text: str) -> float:
    """One English scorer's polarity in -1..1."""
    if name == "vader":
        return float(_vader().polarity_scores(text)["compound"])
    if name == "textblob":
        return float(_textblob()(text)[0])
    return score_text(text, load_lexicon("en"))


def _english_polarity(text: str) -> float:
    """The English blend (weights in _ENGLISH_WEIGHTS; a zero weight skips the scorer)."""
    return sum(w * _english_part(k, text) for k, w in _ENGLISH_WEIGHTS.items() if w)


def _english_model() -> str:
    """Name of the English model, from the parts that carry weight."""
    names = [k for k, w in _ENGLISH_WEIGHTS.items() if w > 0]
    return "+".join(names) + "-en"


def _score_one(text: str, language: str) -> tuple[float, str]:
    """(polarity, model) of one normalized text in a known language."""
    if language == "en":
        return _english_polarity(text), _english_model()
    if lexicon := lexicon_of(language):
        return score_text(text, load_lexicon(lexicon)), f"lexicon-{lexicon}"
    # Other languages: only emoji and emoticons count; the English file is used for them
    # because English words are the ones most often mixed into foreign comments.
    return score_text(text, load_lexicon("en")), f"emoji-{language}"


def _with_vocabulary_hint(text: str, language: str) -> str:
    """The main language whose lexicon knows the words of a 1–3 word comment.

    Lingua cannot tell "bad" from Portuguese or "Berbat" from English; our lexicons can.
    """
    if len(text.split()) > _HINT_WORDS:
        return language
    if language in MAIN_LANGUAGES and load_lexicon(language).knows(text):
        return language
    for candidate in CODES:
        if candidate != language and load_lexicon(candidate).knows(text):
            return candidate
    return language


def _score_chunk(items: list[tuple[str, str]]) -> list[tuple[float, str]]:
    """(polarity, model) of (normalized text, language) pairs; runs in a worker when large."""
    return [_score_one(text, language) for text, language in items]


def _detect(keys: list[str]) -> list[str]:
    """Language of each normalized text, with the vocabulary hint for very short ones."""
    detected = detect_languages(keys)
    return [_with_vocabulary_hint(k, lang) for k, lang in zip(keys, detected, strict=True)]


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


class ScoringAhead:
    """Distinct comments whose tone worker processes score while this process goes on.

    Made by `score_ahead` (or `_score_new`); `collect` gives the scores. Leaving it as a
    context manager ends the workers, cancelling what is left (an error on the way).
    Batches too small for other processes, and hosts that cannot start them, start
    nothing: their comments are scored when asked for, on one core.
    """

    def __init__(self) -> None:
        self._stack = ExitStack()
        self.keys: list[str] = []  # normalised distinct texts handed to the workers
        self.languages: list[str] = []  # each key's language, known once started
        self.pool: Executor | None = None
        self._pending: list[Future[list[tuple[float, str]]]] = []
        # Each text `score_ahead` was given, normalised: collecting needs not do it again.
        self.normalized: dict[str, str] = {}

    def __enter__(self) -> ScoringAhead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stack.close()

    def start(self, keys: list[str], progress: Callable[[float], None]) -> bool:
        """Detect the languages of `keys` here and hand their scoring to workers; False when
        the batch is too small or the host cannot run them (nothing started)."""
        workers = min(os.cpu_count() or 1, 8)
        if len(keys) < _PARALLEL_MIN or workers < 2:
            return False
        started = _start_workers(keys, workers, progress, self._stack)
        if started is None:
            return False
        self.keys = keys
        self.languages, self._pending, self.pool = started
        return True

    def collect(self, progress: Callable[[float], None]) -> list[tuple[str, float, str]]:
        """(language, polarity, model) of each key in order, scored here where the
        workers could not (one was killed, say)."""
        try:
            scores = _collect(self._pending, progress)
        except (BrokenProcessPool, RuntimeError, OSError):
            scores = _score_chunk(list(zip(self.keys, self.languages, strict=True)))
        return _joined(self.languages, scores)


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


def _joined(languages: list[str], scores: list[tuple[float, str]]) -> list[tuple[str, float, str]]:
    return [(lang, pol, model) for lang, (pol, model) in zip(languages, scores, strict=True)]


def _start_workers(
    keys: list[str], workers: int, progress: Callable[[float], None], stack: ExitStack
) -> tuple[list[str], list[Future[list[tuple[float, str]]]], Executor] | None:
    """Detect the languages chunk by chunk, handing each chunk to `workers` processes.

    Returns (languages, the chunks' pending scores, the pool), or None when the host
    cannot run the processes. The pool lives as long as `stack`, which cancels what is
    left on an error. `progress` hears of each chunk detected here and each chunk
    collected (`_collect`).
    """
    context = _worker_context()
    languages: list[str] = []
    pending: list[Future[list[tuple[float, str]]]] = []
    chunks = math.ceil(len(keys) / _CHUNK)
    try:
        # Worker processes start as chunks are submitted, all of them within this block.
        with _bare_main():
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_in_background)
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                detected = _detect(chunk)
                languages += detected
                pending.append(pool.submit(_score_chunk, list(zip(chunk, detected, strict=True))))
                progress(len(pending) / (2 * chunks))
    except (BrokenProcessPool, RuntimeError, OSError):
        return None  # a host that cannot start processes still gets scores, on one core
    return languages, pending, _Spare(pool, pending)


class _Spare(Executor):
    """The scoring workers' pool, `busy` while tone chunks are still pending.

    Work handed over meanwhile would share a core with the last chunks at the workers'
    lower priority: a language handed to it then finished 7 s after this process's own
    (`_Handover` waits until it is not busy).
    """

    def __init__(self, pool: Executor, pending: list[Future[list[tuple[float, str]]]]) -> None:
        self._pool, self._pending = pool, pending

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._pool.submit(fn, *args, **kwargs)

    def busy(self) -> bool:
        return not all(future.done() for future in self._pending)


def start_workers_early(distinct_texts: int) -> None:
    """Start the process scoring workers are forked from, for a batch of about
    `distinct_texts` new comments that will need them (see `_PARALLEL_MIN`).

    It imports this module, numpy and pandas once (a second or two) while the caller goes
    on reading and mapping the file on this core; otherwise the first worker waited for it.
    """
    if distinct_texts < _PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        return
    from multiprocessing import forkserver

    _worker_context()
    try:
        with _bare_main():  # the server would run the main script first (see there)
            forkserver.ensure_running()
    except OSError:  # a host that cannot start processes: scored on one core later
        pass


def _worker_context() -> Any:
    """The multiprocessing context scoring workers start from: a fork server that has
    imported _WORKER_MODULES. Not fork(): the parent runs lingua's threads, and fork() with
    threads can hang."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_WORKER_MODULES)
    return context


def _in_background() -> None:
    """A worker yields the CPU to the importing process, whose steps (checking, tagging,
    learning, storing) are the import's critical path: the workers take what is left."""
    try:
        os.nice(10)
    except OSError:  # not allowed here: the same work at the same priority
        pass


def _collect(
    pending: list[Future[list[tuple[float, str]]]], progress: Callable[[float], None]
) -> list[tuple[float, str]]:
    """The workers' scores, chunk by chunk in order (the second half of the progress)."""
    scores: list[tuple[float, str]] = []
    for position, done in enumerate(pending, start=len(pending) + 1):
        scores += done.result()
        progress(position / (2 * len(pending)))
    return scores


@contextmanager
def _bare_main() -> Iterator[None]:
    """`__main__` as an empty module while worker processes start.

    multiprocessing runs the main script again in each new worker when `__main__` has a
    file. In the dashboard `__main__` is the Streamlit page being run: run again in a
    worker, it ended the worker ("terminated abruptly"), and every large import made in
    the dashboard was scored on one core.
    """
    real = sys.modules.get("__main__")
    bare = types.ModuleType("__main__")
    sys.modules["__main__"] = bare
    try:
        yield
    finally:
        if real is not None and sys.modules.get("__main__") is bare:
            sys.modules["__main__"] = real  # unless a page run has set its own meanwhile


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
            F.SENTIMENT_LABEL: pd.Series(_labels(polarity), dtype=object),
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
    taken by their codes: a million rows, 600,000 comments, cost 2–3 s as lists per row."""
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

    Shares sum to the lexicon polarity (for English, the lexicon part of the blend).
    """
    key = _normalize(text)
    if not key:
        return []
    language = _score_keys([key])[key][0]
    polarity, terms = score_terms(key, load_lexicon(lexicon_of(language) or "en"))
    return _shares(polarity, terms)


def _shares(polarity: float, terms: list[Term]) -> list[tuple[str, float]]:
    """Each term's raw value rescaled so the values sum to the polarity."""
    total = sum(t.value for t in terms)
    scale = polarity / total if total else 0.0
    shares = [(t.text, t.value * scale) for t in terms]
    return sorted(shares, key=lambda s: -abs(s[1]))


def score_targets(responses: pd.DataFrame) -> pd.Series:
    """1.0 for a high score, 0.0 for a low one, NaN otherwise (NPS first, else CSAT).

    NPS 9–10 is high and 0–6 low (promoters vs detractors); CSAT 4–5 high and 1–2 low.
    Passives and CSAT 3 teach nothing about words, so they stay NaN.
    """
    target = pd.Series(np.nan, index=responses.index)
    if F.CSAT in responses:
        csat = pd.to_numeric(responses[F.CSAT], errors="coerce")
        target = target.mask(csat >= 4, 1.0).mask(csat <= 2, 0.0)
    if F.NPS in responses:
        nps = pd.to_numeric(responses[F.NPS], errors="coerce")
        target = target.mask(nps.notna(), np.nan).mask(nps >= 9, 1.0).mask(nps <= 6, 0.0)
    return target


@dataclass(frozen=True)
class LanguageFit:
    """How learning went for one language of an import."""

    language: str
    comments: int  # comments with a usable score
    lexicon_auc: float  # lexicon polarity vs the score label, on held-out folds
    blend_auc: float  # the blend, on held-out folds
    used: bool  # whether the blend replaced the lexicon


@dataclass(frozen=True)
class LearnedScores:
    """Per-comment results of `fit_learned_scores`, aligned with its inputs."""

    probability: np.ndarray  # P(high score) from a model that never saw this comment's score
    polarity: np.ndarray  # the blend where it was used, else the lexicon polarity
    models: list[str]  # sentiment_model per comment
    fits: dict[str, LanguageFit]


def _fold_of(text: str, folds: int = FOLDS) -> int:
    """Fold of a comment from its text, so identical comments share a fold."""
    return zlib.crc32(text.encode("utf-8")) % folds


def _fold_count(pairs: int) -> int:
    """FOLDS, or fewer where fewer folds still leave each model its MAX_TRAINING_ROWS.

    Each model learns from at most MAX_TRAINING_ROWS (text, score) pairs. With 60,000
    pairs or more, two folds' models each sample as many as five folds' would, from a
    pool that is still larger than the sample: the same models in quality, for two fits
    instead of five (a million-row import: 15 fits → 6).
    """
    for folds in range(2, FOLDS):
        if pairs * (folds - 1) // folds >= MAX_TRAINING_ROWS:
            return folds
    return FOLDS


def _features(
    texts: list[str], language: str, words_done: Callable[[], None] = lambda: None
) -> tuple[Any, Any]:
    """TF-IDF rows of `texts`: word 1–2-grams and character 3–5-grams within words.

    Fitted on the texts alone (vocabulary and IDF; no score is read), once per language,
    so each distinct comment is analysed once rather than once per fold. The same features
    as scikit-learn's `TfidfVectorizer(ngram_range=(1, 2))` and `(analyzer="char_wb")`
    (columns in another order), counted with arrays over all texts at once instead of a
    dict lookup per term and text: 187,000 distinct Turkish comments in 4.1 s instead of
    6.1 s. Character n-grams within words depend only on the word, so they are counted
    once per distinct word and summed into texts with a sparse product. Returns (words,
    characters), each block normalised to unit length as in a feature union.
    """
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    folded = [fold_case(t, language) for t in texts]
    word_features = _weighted(_term_counts(folded, _TOKENS, pairs=True)[0])
    words_done()  # about half the work: the progress moves
    words_in_texts, words = _term_counts(folded, _WORDS)
    if not len(words):
        return word_features, sp.csr_matrix((len(folded), 0), dtype=np.float32)
    ngrams_in_words = CountVectorizer(
        analyzer="char_wb", ngram_range=CHAR_NGRAMS, lowercase=False, dtype=np.float32
    ).fit_transform(words.tolist())
    counts = (words_in_texts @ ngrams_in_words).tocsr()
    del words_in_texts, ngrams_in_words
    return word_features, _weighted(counts, MAX_CHAR_FEATURES)


# Texts are tokenised all at once, joined by a character that is neither a word character
# nor a space: one call over a joined string costs about half of one call per text.
_SEPARATOR = "\x01"
# scikit-learn's default token: two or more word characters (one-letter words left out).
_TOKENS = re.compile(r"(?u)\b\w\w+\b|\x01")
_WORDS = re.compile(r"[^\s\x01]+|\x01")  # as str.split(): the words of the char n-grams


def _term_counts(
    texts: list[str], tokens: re.Pattern[str], pairs: bool = False
) -> tuple[Any, np.ndarray]:
    """Documents × terms counts of the `tokens` of each text, and the distinct terms; with
    `pairs`, each two tokens in a row of one text count too, as columns after the terms'."""
    import scipy.sparse as sp

    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):  # a text holds one: a space
        joined = _SEPARATOR.join(t.replace(_SEPARATOR, " ") for t in texts)
    codes, terms = pd.factorize(np.array(tokens.findall(joined), dtype=object))
    rows = np.zeros(len(codes), dtype=np.int64)  # one text
    found = np.flatnonzero(terms == _SEPARATOR)
    if len(found):
        between = codes == found[0]
        rows = np.cumsum(between)[~between]
        codes = codes[~between]
        codes -= codes > found[0]  # the separator is no term
        terms = np.delete(terms, found[0])
    columns, width = codes, len(terms)
    if pairs and len(codes) > 1:
        within = rows[1:] == rows[:-1]
        pair_codes, pair_terms = pd.factorize(
            codes[:-1][within].astype(np.int64) * len(terms) + codes[1:][within]
        )
        rows = np.concatenate([rows, rows[:-1][within]])
        columns = np.concatenate([codes, len(terms) + pair_codes])
        width += len(pair_terms)
    counts = sp.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), (rows, columns)),
        shape=(len(texts), width),
    )
    counts.sum_duplicates()  # one entry per text and term, as the IDF needs
    return counts, terms


def _weighted(counts: Any, most: int | None = None) -> Any:
    """TF-IDF of the terms found in MIN_DF documents or more (the `most` frequent of
    them when given, as max_features does)."""
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = np.flatnonzero(frequency >= MIN_DF)
    if most is not None and len(keep) > most:
        totals = np.bincount(counts.indices, weights=counts.data, minlength=counts.shape[1])
        keep = np.sort(keep[np.argsort(-totals[keep], kind="stable")[:most]])
    counts = _keep_columns(counts, keep)
    if not len(keep):  # nothing shared by two comments (a survey of one template)
        return counts
    return _tf_idf(counts, frequency[keep])


def _keep_columns(matrix: Any, keep: np.ndarray) -> Any:
    """`matrix[:, keep]` for sorted `keep`, by renumbering (scipy multiplies matrices)."""
    import scipy.sparse as sp

    # int32 throughout: at 25 million non-zeros each int64 copy here cost 200 MB more.
    column = np.full(matrix.shape[1], -1, dtype=np.int32)
    column[keep] = np.arange(len(keep), dtype=np.int32)
    new = column[matrix.indices]
    kept = new >= 0
    dropped = np.flatnonzero(~kept)
    indptr = matrix.indptr - np.searchsorted(dropped, matrix.indptr)
    data, indices = (matrix.data, new) if not len(dropped) else (matrix.data[kept], new[kept])
    return sp.csr_matrix(
        (data, indices, indptr.astype(np.int64)), shape=(matrix.shape[0], len(keep))
    )


def _tf_idf(counts: Any, frequency: np.ndarray) -> Any:
    """Sublinear TF × smooth IDF, rows to unit length (as TfidfVectorizer does)."""
    from sklearn.preprocessing import normalize

    idf = (np.log((1 + counts.shape[0]) / (1 + frequency)) + 1).astype(np.float32)
    # In place, in float32: temporary copies of 25 million values were the import's peak.
    np.log(counts.data, out=counts.data)
    counts.data += 1
    counts.data *= idf[counts.indices]
    return normalize(counts, copy=False)


def _classifier() -> Any:
    from sklearn.linear_model import LogisticRegression

    # newton-cg reaches the same optimum as lbfgs in a few Newton steps: about 3× faster
    # on these wide sparse problems (bench/learned_speed.py), same AUC.
    return LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", solver="newton-cg")


def _training_set(counted: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Text codes, targets and weights of distinct (text, target, n) pairs, sorted by text.

    Surveys repeat comments ("ok", "teşekkürler"): fitting each distinct pair once, weighted,
    gives the same model for a fraction of the work. At most MAX_TRAINING_ROWS pairs,
    spread evenly (deterministic).
    """
    if len(counted) > MAX_TRAINING_ROWS:
        step = len(counted) / MAX_TRAINING_ROWS
        counted = counted.iloc[(np.arange(MAX_TRAINING_ROWS) * step).astype(int)]
    return counted["code"].to_numpy(), counted["target"].to_numpy(), counted["n"].to_numpy()


def _cross_fit(
    texts: list[str],
    target: np.ndarray,
    language: str,
    on_fold: Callable[[int, int], None] = lambda _k, _folds: None,
    on_features: Callable[[int, float], None] = lambda _folds, _built: None,
) -> np.ndarray:
    """P(high) for every text from a model trained only on the other folds' scores.

    Each distinct text is turned into features once (`_features`); the models, one per
    fold (`_fold_count`), are fitted on row subsets of those features and each distinct
    text is predicted once, by the model of its own fold. `on_fold(k, folds)` is told as
    fold k starts, `on_features(folds, built)` as the features are built (0.5: the words' ones,
    1.0: all of them, past the memory peak).
    """
    import scipy.sparse as sp

    codes, distinct = pd.factorize(pd.Series(texts, dtype=object), sort=True)
    distinct = distinct.tolist()
    counted = (
        pd.DataFrame({"code": codes, "target": target})
        .dropna(subset=["target"])
        .groupby(["code", "target"], sort=True)
        .size()
        .reset_index(name="n")
    )
    folds = _fold_count(len(counted))
    on_fold(0, folds)
    distinct_folds = np.fromiter(
        (_fold_of(t, folds) for t in distinct), dtype=np.int64, count=len(distinct)
    )
    pair_folds = distinct_folds[counted["code"].to_numpy()]
    words, chars = _features(distinct, language, lambda: on_features(folds, 0.5))
    on_features(folds, 1.0)
    split = words.shape[1]
    decision = np.full(len(distinct), np.nan)
    for k in range(folds):
        if k:
            on_fold(k, folds)
        scored = distinct_folds == k
        train, train_target, weights = _training_set(counted[pair_folds != k])
        if not scored.any() or len(set(train_target)) < 2:
            continue
        features = sp.hstack([words[train], chars[train]], format="csr")
        # Only columns the training rows use: the others would stay 0 (L2) but still cost
        # the solver time in each iteration.
        used = np.flatnonzero(np.bincount(features.indices, minlength=features.shape[1]))
        if not len(used):  # no word or n-gram shared by two comments: nothing to learn
            continue
        model = _classifier().fit(
            _keep_columns(features, used), train_target, sample_weight=weights
        )
        coef = np.zeros(features.shape[1])
        coef[used] = model.coef_.ravel()
        # Every row is multiplied and this fold's kept: a product is cheap, while taking
        # the fold's rows out first copied half the features (the import's memory peak).
        every = words @ coef[:split].astype(np.float32) + chars @ coef[split:].astype(np.float32)
        decision[scored] = every[scored] + model.intercept_[0]
    probability = 1 / (1 + np.exp(-decision))
    return probability[codes]


def _auc(target: np.ndarray, score: np.ndarray) -> float:
    """ROC AUC of a score against 0/1 targets (NaN when one class is missing)."""
    from sklearn.metrics import roc_auc_score

    keep = ~np.isnan(target) & ~np.isnan(score)
    if len(set(target[keep])) < 2:
        return math.nan
    return float(roc_auc_score(target[keep], score[keep]))


def _blend(lexicon: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """clip(share * lexicon + (1 - share) * (2p - 1)), the lexicon alone where p is NaN."""
    mixed = LEXICON_SHARE * lexicon + (1 - LEXICON_SHARE) * (2 * probability - 1)
    return np.where(np.isnan(probability), lexicon, np.clip(mixed, -1.0, 1.0))


def _enough_to_learn(target: np.ndarray) -> bool:
    """Whether a language has enough scored comments, with both classes represented."""
    high = int(np.nansum(target == 1))
    low = int(np.nansum(target == 0))
    return high + low >= MIN_LEARNING_COMMENTS and min(high, low) >= MIN_CLASS_COMMENTS


@dataclass(frozen=True)
class _Learned:
    """Held-out probabilities of every comment, and the languages a model was fitted for."""

    probability: np.ndarray  # NaN where no model learned
    languages: list[str]


def _learn(
    texts: Sequence[str],
    target: np.ndarray,
    langs: np.ndarray,
    report: Callable[[float, str], None],
    spare: Executor | None = None,
) -> _Learned:
    """Cross-fitted P(high score) of each normalised comment, per language with enough to
    learn from.

    Needs no lexicon score: it runs while the lexicon scoring is still in the workers.
    With a `spare` pool, one worker at a time learns other languages (`_Handover`) while
    this process learns the largest: the languages are independent, and the second core
    would otherwise wait.
    """
    texts = np.asarray(texts, dtype=object)
    probability = np.full(len(texts), np.nan)
    rows_of = {}
    for language in sorted(set(langs) - {""}):
        rows = np.flatnonzero(langs == language)
        if _enough_to_learn(target[rows]):
            rows_of[language] = rows
    by_size = sorted(rows_of, key=lambda lang: (-len(rows_of[lang]), lang))
    handover = _Handover(
        spare,
        [(texts[rows_of[lang]].tolist(), target[rows_of[lang]], lang) for lang in by_size],
    )
    done = 0  # languages learned here
    shown = [0.0]

    def tell(fraction: float, message: str) -> None:
        shown[0] = max(shown[0], min(fraction, 1.0))  # languages end out of order
        report(shown[0], message)

    while (job := handover.take()) is not None:
        texts_here, target_here, language = job

        def on_fold(k: int, folds: int, language: str = language, done: int = done) -> None:
            handover.feed()
            tell(
                (done + k / folds) / len(rows_of),
                f"Learning from the survey's scores ({language}, part {k + 1} of {folds})",
            )

        def on_features(
            folds: int, built: float, language: str = language, done: int = done
        ) -> None:
            if built == 1.0:
                handover.start()
            tell(
                (done + 0.5 * built / folds) / len(rows_of),
                f"Learning from the survey's scores ({language}, part 1 of {folds})",
            )

        probability[rows_of[language]] = _cross_fit(
            texts_here, target_here, language, on_fold, on_features
        )
        done += 1
    if handover.running:
        elsewhere = [job[2] for job, _ in handover.running]
        tell(done / len(rows_of), f"Learning from the survey's scores ({', '.join(elsewhere)})")
        for language, learned in handover.collect():
            probability[rows_of[language]] = learned
    return _Learned(probability, list(rows_of))


_Job = tuple[list[str], np.ndarray, str]  # (texts, targets, language) to cross-fit


class _Handover:
    """Languages to learn, shared with one worker of `pool` (None: all learned here).

    This process `take`s the largest waiting language; `feed` hands the smallest waiting
    one to the worker when it has none running and this process has `started` (built its
    first features). One worker at a time: each learning holds its features in memory.
    A worker runs at a lower priority: it is handed the smallest, and only once the
    tone chunks are scored (given the largest beside them, it was still learning 7 s
    after this process had finished, at a million rows).
    """

    def __init__(self, pool: Executor | None, jobs: list[_Job]) -> None:
        self.pool = pool
        self.waiting = list(jobs)  # largest first
        self.running: list[tuple[_Job, Future[np.ndarray] | None]] = []
        self.started = False

    def start(self) -> None:
        """This process has built its features (its memory peak is behind it): only now
        may a worker build its own, so the two peaks do not add up."""
        self.started = True
        self.feed()

    def take(self) -> _Job | None:
        return self.waiting.pop(0) if self.waiting else None

    def feed(self) -> None:
        if self.pool is None or not self.started or not self.waiting:
            return
        if any(future is not None and not future.done() for _job, future in self.running):
            return
        busy = getattr(self.pool, "busy", None)  # the scoring workers' (see _Spare)
        if busy is not None and busy():
            return
        job = self.waiting.pop()
        future = _submit(self.pool, _cross_fit, *job)
        if future is None:  # the pool can take no more: this process learns the rest
            self.pool = None
        self.running.append((job, future))

    def collect(self) -> Iterator[tuple[str, np.ndarray]]:
        """(language, probabilities) of what was handed over, learned here where the
        worker could not (it died, or the pool was gone)."""
        for job, future in self.running:
            learned = None
            if future is not None:
                try:
                    learned = future.result()
                except BrokenProcessPool:  # the worker was killed (out of memory, say)
                    pass
            yield job[2], learned if learned is not None else _cross_fit(*job)


def _submit(pool: Executor | None, *work: Any) -> Future[Any] | None:
    """`pool.submit(*work)`, or None when there is no pool or it can take no more work."""
    try:
        return pool.submit(*work) if pool is not None else None
    except (BrokenProcessPool, RuntimeError):  # a worker died, or the pool is shut down
        return None


def _blended(
    learned: _Learned, target: np.ndarray, langs: np.ndarray, lexicon: np.ndarray
) -> LearnedScores:
    """The lexicon blended with what was learned, language by language, where that helps."""
    polarity = lexicon.copy()
    models = np.full(len(lexicon), "", dtype=object)
    fits: dict[str, LanguageFit] = {}
    for language in learned.languages:
        rows = np.flatnonzero(langs == language)
        p = learned.probability[rows]
        blended = _blend(lexicon[rows], p)
        lexicon_auc = _auc(target[rows], lexicon[rows])
        blend_auc = _auc(target[rows], blended)
        learned_any = bool(np.isfinite(p).any())  # a model was fitted for some fold
        fits[language] = LanguageFit(
            language=language,
            comments=int((~np.isnan(target[rows])).sum()),
            lexicon_auc=lexicon_auc,
            blend_auc=blend_auc,
            used=learned_any and not blend_auc < lexicon_auc,
        )
        if fits[language].used:
            polarity[rows] = blended
            models[rows] = f"lexicon+learned-{language}"
    return LearnedScores(learned.probability, polarity, models.tolist(), fits)


def fit_learned_scores(
    comments: Sequence[str],
    targets: Sequence[float],
    languages: Sequence[str | None],
    lexicon_polarity: Sequence[float] | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> LearnedScores:
    """Cross-fitted text models per language, blended with the lexicon where that helps.

    `targets` holds 1 (high score), 0 (low) or NaN per comment (see `score_targets`).
    Comments are split into folds by their text (FOLDS, fewer for large surveys: see
    `_fold_count`); each is scored by a model trained on the other folds, so a response's
    own score never touches its own comment. The blend is kept only if, on those held-out
    predictions, its AUC against the score label is at least the lexicon's.
    """
    target = np.asarray(targets, dtype=float)
    if lexicon_polarity is None:
        lexicon = score_texts(list(comments))[F.SENTIMENT].to_numpy(dtype=float)
    else:
        lexicon = np.asarray(lexicon_polarity, dtype=float)
    normalized: dict[str, str] = {}  # surveys repeat comments: each normalised once
    texts = [normalized.get(c) or normalized.setdefault(c, _normalize(c)) for c in comments]
    langs = _language_array(languages)
    learned = _learn(texts, target, langs, progress or (lambda _f, _m: None))
    return _blended(learned, target, langs, lexicon)


def _language_array(languages: Sequence[str | None]) -> np.ndarray:
    """Each language as an object array, "" where none."""
    values = np.asarray(languages, dtype=object)
    return np.where(pd.isna(values), "", values).astype(object)


def score_responses(
    responses: pd.DataFrame,
    progress: Callable[[float, str], None] | None = None,
    ahead: ScoringAhead | None = None,
) -> pd.DataFrame:
    """A copy of `responses` with language, sentiment, label and model; no comment -> NaN.

    Where a language has enough comments with NPS/CSAT, the survey's own scores teach a
    text model (cross-fitted, see `fit_learned_scores`). The model learns while worker
    processes score the lexicon tone: it needs the languages, not the tone. `progress(
    fraction, message)` is told as the work goes on. `ahead`: the comments' tone started
    before the rows were checked (`score_ahead`), collected here.
    """
    report = progress or (lambda _f, _m: None)
    # Columns are replaced, never written into: a shallow copy (copy-on-write) is enough, and
    # a deep one held a second copy of a million rows through the learning below.
    out = responses.copy(deep=False)
    comments = out[F.COMMENT] if F.COMMENT in out else pd.Series(None, index=out.index)
    codes, distinct = _comment_texts(comments)
    has_text = codes >= 0
    codes = codes[has_text]
    scores = [c for c in (F.NPS, F.CSAT) if c in out]  # not every column: .loc copies them
    target = score_targets(out[scores].loc[has_text]).to_numpy(dtype=float)
    tone = "Reading each comment's language and tone"
    learned: list[tuple[np.ndarray, _Learned]] = []  # (each text's language, what was learned)

    def tone_progress(fraction: float) -> None:
        # Detecting is the first half of the tone's progress, collecting the workers' scores
        # the second; the learning comes between the two.
        report(0.4 * fraction if fraction <= 0.5 else 0.8 + 0.4 * (fraction - 0.5), tone)

    def learn(keys: np.ndarray, languages: np.ndarray, spare: Executor | None) -> None:
        langs = _language_array(languages)
        learned.append(
            (langs, _learn(keys, target, langs, lambda f, m: report(0.2 + 0.6 * f, m), spare))
        )

    report(0.0, tone)
    languages, polarity, models = _scored_rows(
        codes, distinct, tone_progress, learn if len(codes) else None, ahead
    )
    if learned:
        langs, fitted = learned[0]
        blend = _blended(fitted, target, langs, polarity)
        blended_models = np.asarray(blend.models, dtype=object)  # a list, one model a row
        used = blended_models != ""
        polarity = np.where(used, blend.polarity, polarity)
        models = np.where(used, blended_models, models)

    def every_row(values: np.ndarray, missing: Any) -> np.ndarray:
        full = np.full(len(out), missing, dtype=values.dtype)
        full[has_text] = values
        return full

    out[F.SENTIMENT] = every_row(polarity, np.nan)
    for column, values in (
        (F.LANGUAGE, languages),
        (F.SENTIMENT_LABEL, _labels(polarity)),
        (F.SENTIMENT_MODEL, models),
    ):  # object columns with None, as stored; pandas would make them strings with NaN
        out[column] = pd.Series(every_row(values, None), index=out.index, dtype=object)
    return out


def _comment_texts(comments: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each cell's code into the distinct texts (-1: missing or only blanks), and those
    texts. Blanks are looked for once per distinct cell, not once per row."""
    codes, uniques = pd.factorize(comments, use_na_sentinel=True)
    distinct = [u if isinstance(u, str) else str(u) for u in uniques]
    blank = np.array([not text.strip() for text in distinct] + [True], dtype=bool)
    return np.where(blank[codes], -1, codes), distinct


def flag_disagreements(responses: pd.DataFrame) -> pd.Series:
    """True where the score and the words disagree clearly.

    A promoter (NPS ≥ 9) or CSAT 5 with a clearly negative comment (≤ -0.4), or a
    detractor at NPS ≤ 3 or CSAT 1 with a clearly positive one (≥ 0.4).
    """
    index = responses.index
    polarity = pd.to_numeric(responses.get(F.SENTIMENT, pd.Series(np.nan, index)))
    nps = pd.to_numeric(responses.get(F.NPS, pd.Series(np.nan, index)), errors="coerce")
    csat = pd.to_numeric(responses.get(F.CSAT, pd.Series(np.nan, index)), errors="coerce")
    high = (nps >= 9) | (csat == 5)
    low = (nps <= 3) | (csat == 1)
    flagged = (high & (polarity <= -DISAGREEMENT)) | (low & (polarity >= DISAGREEMENT))
    return flagged.fillna(False).astype(bool)
