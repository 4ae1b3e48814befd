"""The text model learned from a survey's own scores, blended with the lexicon where it helps.

Cross-fitted per language: each comment's probability comes from a model that never saw
its own response's score. One language may be learned by a spare worker (`_Handover`).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text.sentiment.features import _features, _keep_columns
from cxcore.text.sentiment.rules import _normalize
from cxcore.text.sentiment.scoring import score_texts

__all__ = [
    "LanguageFit",
    "LearnedScores",
    "fit_learned_scores",
    "neutral_band",
    "score_classes",
    "score_targets",
]

# Learning from the survey's own scores (issue: sentiment as well as a person would).
MIN_LEARNING_COMMENTS = 200  # scored comments in one language...
MIN_CLASS_COMMENTS = 30  # ...with at least this many low and high scores each
FOLDS = 5
LEXICON_SHARE = 0.3  # blend = share * lexicon + (1 - share) * (2p - 1)
MAX_TRAINING_ROWS = 30_000  # distinct pairs per fold; keeps a 1M-row import to seconds


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


PASSIVES_FOR_A_BAND = 30  # passives (NPS 7–8, CSAT 3) needed to learn where neutral lies
_BAND_STEPS = np.round(np.arange(0.0, 0.61, 0.025), 3)


def score_classes(responses: pd.DataFrame) -> pd.Series:
    """negative / neutral / positive from the score: NPS 0–6 / 7–8 / 9–10, else CSAT
    1–2 / 3 / 4–5; None where there is no score."""
    classes = pd.Series(None, index=responses.index, dtype=object)
    if F.CSAT in responses:
        csat = pd.to_numeric(responses[F.CSAT], errors="coerce")
        classes = classes.mask(csat <= 2, "negative").mask(csat == 3, "neutral")
        classes = classes.mask(csat >= 4, "positive")
    if F.NPS in responses:
        nps = pd.to_numeric(responses[F.NPS], errors="coerce")
        classes = classes.mask(nps.notna(), None).mask(nps <= 6, "negative")
        classes = classes.mask(nps.between(7, 8), "neutral").mask(nps >= 9, "positive")
    return classes


def neutral_band(polarity: np.ndarray, classes: np.ndarray) -> tuple[float, float] | None:
    """(highest negative, lowest positive polarity) where the labels agree most with the
    score classes, or None with fewer than PASSIVES_FOR_A_BAND passives.

    A choice: the band is learned from the passives of the same survey, so a model learned
    from its scores says "neutral" where its customers are neither promoters nor detractors.
    """
    known = np.isfinite(polarity) & pd.notna(classes)
    p, named = polarity[known], np.asarray(classes, dtype=object)[known]
    # The classes as -1 / 0 / 1: the grid below compares small integers, not strings.
    c = np.where(named == "negative", -1, np.where(named == "neutral", 0, 1)).astype(np.int8)
    if int((c == 0).sum()) < PASSIVES_FOR_A_BAND:
        return None
    best: tuple[float, float, float] | None = None
    for low in _BAND_STEPS:
        negative = p <= -low if low else p < 0
        for high in _BAND_STEPS:
            positive = (p >= high if high else p > 0) & ~negative
            labels = np.where(negative, -1, np.where(positive, 1, 0)).astype(np.int8)
            agree = float(np.mean(labels == c))
            if best is None or agree > best[0] + 1e-12:
                best = (agree, -low if low else -0.001, high if high else 0.001)
    assert best is not None
    return best[1], best[2]


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
    instead of five.
    """
    for folds in range(2, FOLDS):
        if pairs * (folds - 1) // folds >= MAX_TRAINING_ROWS:
            return folds
    return FOLDS


def _classifier() -> Any:
    from sklearn.linear_model import LogisticRegression

    # newton-cg reaches the same optimum as lbfgs in a few Newton steps, faster on these
    # wide sparse problems (docs/benchmarks.md).
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
    A worker runs at a lower priority, so it is handed the smallest language, and only
    once the tone chunks are scored (`_Spare.busy`): beside them it would finish last.
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
