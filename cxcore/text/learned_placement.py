"""Placing from the lead's own hand placements: a small text model per database.

The responses a lead placed by hand (source `manual`: the Unassigned page, the stage page)
train one model for the stage and one for the touchpoint: TF-IDF over the folded
comment's letter groups, and a logistic regression. A model places a response
only where the rules left it unassigned and only where it is confident (source
`learned`); it never changes a tag from a column, a category, the rules, the survey or a
person. Confident means a probability at or above the lowest threshold whose placements
were right at least TARGET_PRECISION of the time in cross-validation over the hand
placements; when no threshold gets there, the model places nothing.

Training takes well under a second for thousands of hand placements
(docs/benchmarks.md), so the model is fitted when needed and never stored.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text.taxonomy import fold_text

__all__ = [
    "LEARNED_SOURCE",
    "MIN_EXAMPLES",
    "TARGET_PRECISION",
    "PlacementModel",
    "TargetModel",
    "fit_placement",
    "learned_confidence",
    "place_learned",
    "predict_placement",
]

LEARNED_SOURCE: Final = "learned"
MIN_EXAMPLES: Final = 20  # hand placements of one kind before a model is trained
MIN_PER_CLASS: Final = 3  # a stage placed fewer times than this is not learned
TARGET_PRECISION: Final = 0.9
MAX_EXAMPLES: Final = 20_000  # the newest hand placements, when there are more
_THRESHOLDS: Final = tuple(round(t, 2) for t in np.arange(0.6, 0.96, 0.05))
_MIN_PLACED: Final = 10  # a threshold judged on fewer cross-validated placements is no proof
_FOLDS: Final = 5
_MANUAL: Final = "manual"
_TARGETS: Final = ((F.STAGE, F.STAGE_SOURCE), (F.TOUCHPOINT, F.TOUCHPOINT_SOURCE))


@dataclass(frozen=True)
class TargetModel:
    """One target's model (stage or touchpoint) and how far it can be trusted."""

    target: str
    estimator: Any  # a fitted scikit-learn pipeline
    examples: int  # hand placements it learned from
    threshold: float  # smallest probability it places at; inf: it places nothing
    cv_precision: float | None  # cross-validated precision at `threshold`
    cv_coverage: float  # share of the hand placements it would have placed, cross-validated


@dataclass(frozen=True)
class PlacementModel:
    """The stage and touchpoint models (None where too few hand placements exist)."""

    stage: TargetModel | None
    touchpoint: TargetModel | None

    def models(self) -> list[TargetModel]:
        return [m for m in (self.stage, self.touchpoint) if m is not None]


def _vectorizer() -> Any:
    # Imported here: scikit-learn costs a second to import and most runs never train.
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Letter groups inside words: Turkish and Czech endings ("faturamı", "faktuře") and
    # comments written without diacritics meet (docs/benchmarks.md compares the choices).
    return TfidfVectorizer(
        preprocessor=fold_text, analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True
    )


def _classifier() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=10.0, solver="saga", max_iter=100, tol=1e-2)


def _fit_quietly(classifier: Any, features: Any, labels: np.ndarray) -> Any:
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        # A hundred passes are plenty for ranking by confidence; saga may still ask for more.
        warnings.simplefilter("ignore", ConvergenceWarning)
        return classifier.fit(features, labels)


def _threshold(confidence: np.ndarray, right: np.ndarray) -> tuple[float, float | None, float]:
    """(threshold, precision there, coverage there): the lowest one reaching the target."""
    for threshold in _THRESHOLDS:
        placed = confidence >= threshold
        if placed.sum() >= _MIN_PLACED and right[placed].mean() >= TARGET_PRECISION:
            return threshold, float(right[placed].mean()), float(placed.mean())
    return float("inf"), None, 0.0


def _cross_validated(features: Any, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per hand placement: the confidence and rightness of a model that never saw it.

    The letter-group weights are counted once over all hand placements (they see no
    labels); only the classifier is refitted per fold, which keeps training to a second.
    """
    from sklearn.model_selection import StratifiedKFold

    smallest = int(pd.Series(labels).value_counts().min())
    folds = StratifiedKFold(n_splits=min(_FOLDS, smallest), shuffle=True, random_state=0)
    confidence = np.zeros(len(labels))
    right = np.zeros(len(labels), dtype=bool)
    for train, test in folds.split(np.zeros(len(labels)), labels):
        classifier = _fit_quietly(_classifier(), features[train], labels[train])
        probabilities = classifier.predict_proba(features[test])
        confidence[test] = probabilities.max(axis=1)
        right[test] = classifier.classes_[probabilities.argmax(axis=1)] == labels[test]
    return confidence, right


def _fit_target(manual: pd.DataFrame, target: str, source: str) -> TargetModel | None:
    from sklearn.pipeline import make_pipeline

    placed = manual.loc[
        (manual[source] == _MANUAL) & manual[F.COMMENT].notna() & (manual[target] != F.UNASSIGNED)
    ].head(MAX_EXAMPLES)
    counts = placed[target].value_counts()
    placed = placed[placed[target].isin(counts[counts >= MIN_PER_CLASS].index)]
    if len(placed) < MIN_EXAMPLES or placed[target].nunique() < 2:
        return None
    texts = [str(c) for c in placed[F.COMMENT]]
    labels = placed[target].to_numpy(dtype=object).astype(str)
    vectorizer = _vectorizer()
    features = vectorizer.fit_transform(texts)
    confidence, right = _cross_validated(features, labels)
    threshold, precision, coverage = _threshold(confidence, right)
    classifier = _fit_quietly(_classifier(), features, labels)
    estimator = make_pipeline(vectorizer, classifier)
    return TargetModel(target, estimator, len(placed), threshold, precision, coverage)


def fit_placement(manual: pd.DataFrame) -> PlacementModel:
    """Hand-placed responses (comment, stage, stage_source, touchpoint, touchpoint_source)
    → the stage and touchpoint models, each None where too few were placed by hand."""
    stage, touchpoint = (_fit_target(manual, target, source) for target, source in _TARGETS)
    return PlacementModel(stage, touchpoint)


def predict_placement(model: TargetModel, comments: pd.Series) -> pd.DataFrame:
    """The model's best key and its probability per comment: columns key, confidence."""
    texts = comments.fillna("").astype(str)
    if texts.empty:
        return pd.DataFrame({"key": [], "confidence": []}, index=comments.index)
    codes, uniques = pd.factorize(texts)
    probabilities = model.estimator.predict_proba(list(uniques))
    keys = model.estimator.classes_[probabilities.argmax(axis=1)]
    return pd.DataFrame(
        {"key": keys[codes], "confidence": probabilities.max(axis=1)[codes]}, index=comments.index
    )


def place_learned(tagged: pd.DataFrame, model: PlacementModel | None) -> pd.DataFrame:
    """A copy of tagged responses where the models confidently place what is unassigned
    (source `learned`); every other tag stays as it is."""
    out = tagged.copy(deep=False)
    if model is None or out.empty or F.COMMENT not in out:
        return out
    has_comment = out[F.COMMENT].notna() & (out[F.COMMENT].astype(str).str.strip() != "")
    for target_model in model.models():
        target = target_model.target
        source = F.STAGE_SOURCE if target == F.STAGE else F.TOUCHPOINT_SOURCE
        open_rows = has_comment & (out[source] == F.UNASSIGNED)
        if not open_rows.any() or not np.isfinite(target_model.threshold):
            continue
        found = predict_placement(target_model, out.loc[open_rows, F.COMMENT])
        sure = found.index[found["confidence"] >= target_model.threshold]
        if len(sure):
            out[target] = out[target].astype(object)
            out[source] = out[source].astype(object)
            out.loc[sure, target] = found.loc[sure, "key"]
            out.loc[sure, source] = LEARNED_SOURCE
    return out


def learned_confidence(responses: pd.DataFrame, model: PlacementModel | None) -> pd.DataFrame:
    """Responses the model placed (source `learned`), with how sure it is of each tag
    now: columns id, comment, stage, touchpoint, confidence; least sure first."""
    columns = ["id", F.COMMENT, F.STAGE, F.TOUCHPOINT, "confidence"]
    if model is None or responses.empty:
        return pd.DataFrame(columns=columns)
    confidence = pd.Series(np.inf, index=responses.index)
    for target_model in model.models():
        target = target_model.target
        source = F.STAGE_SOURCE if target == F.STAGE else F.TOUCHPOINT_SOURCE
        rows = responses[source] == LEARNED_SOURCE
        if rows.any():
            found = predict_placement(target_model, responses.loc[rows, F.COMMENT])
            confidence[rows] = np.minimum(confidence[rows], found["confidence"])
    shown = responses.assign(confidence=confidence.where(np.isfinite(confidence)))
    shown = shown.dropna(subset=["confidence"]).sort_values("confidence", kind="stable")
    return shown[columns].reset_index(drop=True)
