"""A learned second opinion on a comment's stage and touchpoint: n-grams, a logistic model.

The rules (`comment_rules.py`) speak first. Where they give a stage, but no phrase names it
and their words weigh less than `Model.firm` for it, and this model is confident of another
stage, or of no stage at all, it overrules them (the veto, `Model.veto`); where they give
none and it is confident of a stage, it gives that one (the fallback, `Model.fallback`, for
comments of `Model.fallback_words` words or more; thresholds and their measurements in
docs/benchmarks.md); where they give none but their words named the stage it is sure of
(too weakly, or tied with another), it may choose that one in a comment of two words or more
(`Model.choose`); where they give a stage it disagrees with, but not surely enough to
overrule, and it gives their stage less than `Model.withhold` of its probability, it
withholds their stage (the comment waits unplaced: a wrong stage costs more than none).
`tagging.py` asks it only for the comment's
own words: a file's column, a confirmed category and a lead's hand placement outrank it, as
they outrank the rules. Its classes are the default journey model's stages and
"unassigned"; it gives its opinion only with the default model's shipped words
(`stage_model`). The weights are learned from the labelled sets in
`bench/` by `bench/placement_learn.py`, which writes `cxcore/data/stage_model.json`.

The touchpoint model (`touchpoint_model`, `touchpoint_opinion`; round eight) is a `Model` of
the same features with the touchpoints and "unassigned" as classes, written by
`bench/touchpoint_learn.py` to `cxcore/data/touchpoint_model.json`: it withholds a weak rule
touchpoint it doubts, gives another where it is sure, and fills one in where the rules name
none.

Features, read on the folded text the rules read (`comment_words`): each word ("w:"), each
pair of neighbouring words ("b:") and the 3- to 5-letter pieces of each word padded with a
space ("c:"), as counts divided by the square root of how many features the comment has. A
word's weights with its letter pieces are summed once per process and remembered; a batch of
comments is then a few array operations over their words (`Model.probabilities`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Final

import numpy as np

from cxcore.text.ngrams import char_features, ngram_features
from cxcore.text.taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "MODEL_PATH",
    "TOUCHPOINT_MODEL_PATH",
    "Model",
    "features",
    "load_model",
    "second_opinion",
    "stage_model",
    "touchpoint_model",
    "touchpoint_opinion",
]

MODEL_PATH: Final = Path(__file__).parent.parent / "data" / "stage_model.json"
TOUCHPOINT_MODEL_PATH: Final = MODEL_PATH.with_name("touchpoint_model.json")
_CHUNK: Final = 100_000  # comments scored in one array pass (memory stays small)
_NONE: Final = "unassigned"
_SHOWN: Final = 3  # words that explain a placement


def features(folded: str) -> list[str]:
    """The features of a folded comment, repeated as often as they occur (for training)."""
    return ngram_features(folded.split())


class _WordRows(dict):
    """word → its row in `Model._table`, added the first time the word is seen."""

    def __init__(self, model: Model) -> None:
        super().__init__()
        self.model = model

    def __missing__(self, word: str) -> int:
        row = self[word] = self.model._add_word(word)
        return row


@dataclass(eq=False)
class Model:
    """Weights per feature and class, intercepts, and the two thresholds of its opinion."""

    classes: tuple[str, ...]
    weights: dict[str, np.ndarray]
    intercept: np.ndarray
    veto: float
    fallback: float
    firm: float = float("inf")  # a stage the rules' words weigh this much for is not overruled
    fallback_words: int = 0  # the fallback places only comments of at least this many words
    # where the rules gave no stage but their words named the model's stage: its threshold,
    # for comments of at least `choose_words` words (one word is too little to go on)
    choose: float = float("inf")
    choose_words: int = 2
    # where the rules gave a weak stage the model's top class is not, and it gives that stage
    # less than this probability: no stage (0: never)
    withhold: float = 0.0
    _rows: list[np.ndarray] = field(default_factory=list, repr=False)
    _counts: list[int] = field(default_factory=list, repr=False)
    _table: np.ndarray = field(init=False, repr=False)
    _sizes: np.ndarray = field(init=False, repr=False)
    _words: _WordRows = field(init=False, repr=False)
    _pairs: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._words = _WordRows(self)
        self._table = np.zeros((0, len(self.classes)))
        self._sizes = np.zeros(0)
        self._pairs = {k[2:]: w for k, w in self.weights.items() if k.startswith("b:")}

    def _add_word(self, word: str) -> int:
        zero = np.zeros(len(self.classes))
        total = self.weights.get(f"w:{word}", zero).copy()
        pieces = char_features(word)
        for piece in pieces:
            weight = self.weights.get(piece)
            if weight is not None:
                total += weight
        self._rows.append(total)
        self._counts.append(1 + len(pieces))
        return len(self._rows) - 1

    def _scores(self, folded: list[str]) -> np.ndarray:
        split = [text.split() for text in folded]
        lengths = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
        ids = np.fromiter(
            map(self._words.__getitem__, chain.from_iterable(split)),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        if len(self._rows) > len(self._table):
            self._table = np.vstack(self._rows)
            self._sizes = np.asarray(self._counts, dtype=float)
        owner = np.repeat(np.arange(len(split)), lengths)
        n = len(split)
        table = self._table[ids]
        sums = np.stack(
            [np.bincount(owner, table[:, k], minlength=n) for k in range(len(self.classes))],
            axis=1,
        )
        sizes = np.bincount(owner, self._sizes[ids], minlength=n) + np.maximum(lengths - 1, 0)
        if self._pairs:
            get = self._pairs.get
            for i, words in enumerate(split):
                for a, b in zip(words, words[1:], strict=False):
                    weight = get(f"{a} {b}")
                    if weight is not None:
                        sums[i] += weight
        scores = self.intercept + sums / np.sqrt(np.maximum(sizes, 1.0))[:, None]
        scores[lengths == 0] = -np.inf
        scores[lengths == 0, self.classes.index(_NONE)] = 0.0
        return scores

    def probabilities(self, folded: list[str]) -> np.ndarray:
        """Per folded comment, the probability of each class (rows sum to 1)."""
        out = np.zeros((len(folded), len(self.classes)))
        for start in range(0, len(folded), _CHUNK):
            scores = self._scores(folded[start : start + _CHUNK])
            scores -= scores.max(axis=1, keepdims=True)
            exp = np.exp(scores)
            out[start : start + _CHUNK] = exp / exp.sum(axis=1, keepdims=True)
        return out

    def words_for(self, folded: str, stage: str, most: int = _SHOWN) -> tuple[str, ...]:
        """The words of a folded comment that weighed most for `stage` against the others."""
        k = self.classes.index(stage)
        weighed = []
        for word in dict.fromkeys(folded.split()):
            row = self._rows[self._words[word]]
            weighed.append((row[k] - np.delete(row, k).mean(), word))
        shown = [w for v, w in sorted(weighed, reverse=True) if v > 0 and len(w) >= 3]
        return tuple(shown[:most])


def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The model written by bench/placement_learn.py, or None when there is none."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    scale = float(data.get("scale", 1))
    return Model(
        classes=tuple(data["classes"]),
        weights={k: np.asarray(v, dtype=float) / scale for k, v in data["weights"].items()},
        intercept=np.asarray(data["intercept"], dtype=float),
        veto=float(data["veto"]),
        fallback=float(data["fallback"]),
        firm=float(data.get("firm", "inf")),
        fallback_words=int(data.get("fallback_words", 0)),
        choose=float(data.get("choose", "inf")),
        choose_words=int(data.get("choose_words", 2)),
        withhold=float(data.get("withhold", 0.0)),
    )


@cache
def _shipped() -> Model | None:
    return load_model()


@cache
def _shipped_touchpoints() -> Model | None:
    return load_model(TOUCHPOINT_MODEL_PATH)


def _words(taxonomy: Taxonomy) -> tuple:
    """What the rules read of a journey model: its words, phrase rules and settings."""
    return (
        [(s.key, s.words) for s in taxonomy.stages],
        [(t.key, t.words, t.usual_stage) for t in taxonomy.touchpoints],
        taxonomy.rules,
        taxonomy.tagging,
    )


@cache
def _shipped_words() -> tuple:
    return _words(load_taxonomy())


def stage_model(taxonomy: Taxonomy) -> Model | None:
    """The shipped model for a journey model with the shipped default's words; else None.

    The model learned where those rules go wrong; a journey model of another industry, or
    one whose words a lead changed (a rule added from the Unassigned page), has other
    rules, and there they alone speak (with the lead's own learned placements).
    """
    model = _shipped()
    if model is None or [c for c in model.classes if c != _NONE] != taxonomy.stage_keys():
        return None
    return model if _words(taxonomy) == _shipped_words() else None


def touchpoint_model(taxonomy: Taxonomy) -> Model | None:
    """The shipped touchpoint model (bench/touchpoint_learn.py), under the same condition as
    `stage_model`: the journey model's touchpoints and words are the shipped default's."""
    model = _shipped_touchpoints()
    if model is None or [c for c in model.classes if c != _NONE] != taxonomy.touchpoint_keys():
        return None
    return model if _words(taxonomy) == _shipped_words() else None


def touchpoint_opinion(
    model: Model,
    folded: list[str],
    rule_touchpoints: np.ndarray,
    weight: Callable[[int, str], float],
) -> tuple[np.ndarray, np.ndarray]:
    """Per folded comment and the touchpoint the rules' words gave it (None for none):
    (touchpoint, changed).

    Where the rules named a touchpoint that `weight(i, touchpoint)` (what their words weigh
    for it; infinite for a phrase) puts under `Model.firm` and the model's top class is
    another: that one if it is a touchpoint of at least `Model.veto`, else none if the model
    gives theirs less than `Model.withhold` (a wrong touchpoint costs more than none). Where
    they named none: the model's touchpoint if it is at least `Model.fallback` sure of it, in
    a comment of `Model.fallback_words` words or more. `changed` marks what the model decided.
    """
    touchpoints = np.asarray(rule_touchpoints, dtype=object)
    if not len(folded):
        return touchpoints.copy(), np.zeros(0, dtype=bool)
    probability = model.probabilities(folded)
    said = np.asarray(model.classes, dtype=object)[probability.argmax(axis=1)]
    sure = probability.max(axis=1)
    placed = np.array([t is not None for t in touchpoints], dtype=bool)
    index = {c: k for k, c in enumerate(model.classes)}
    column = np.array([index.get(t, -1) if t is not None else -1 for t in touchpoints])
    kept = np.where(column >= 0, probability[np.arange(len(folded)), column], 1.0)
    other = placed & (column >= 0) & (said != touchpoints)
    overrule = other & (said != _NONE) & (sure >= model.veto)
    doubt = other & ~overrule & (kept < model.withhold)
    for i in np.flatnonzero(overrule | doubt):
        if weight(int(i), touchpoints[i]) >= model.firm:
            overrule[i] = doubt[i] = False
    fill = ~placed & (said != _NONE) & (sure >= model.fallback)
    for i in np.flatnonzero(fill):
        fill[i] = len(folded[i].split()) >= model.fallback_words
    out = touchpoints.copy()
    out[overrule | fill] = said[overrule | fill]
    out[doubt] = None
    return out, overrule | fill | doubt


def second_opinion(
    model: Model,
    folded: list[str],
    rule_stages: np.ndarray,
    weight: Callable[[int], float] | None = None,
    named: Callable[[int, str], float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Per folded comment and the stage the rules gave it (None for none): (stage, changed).

    `stage` is the rules' stage, another stage or None where the model overrules them (the
    veto) or fills in where they gave none (the fallback, for a comment of at least
    `Model.fallback_words` words: a word or two is too little to go on); `changed` marks the
    comments the model decided, whose source is then `model`. `weight(i)`, how firmly the
    rules' words place comment `i` (`Rules.firmness`), is asked only where the model would
    overrule or withhold their stage: from `Model.firm` on the rules' stage stands.
    `named(i, stage)`, what the rules' words weigh for `stage` on comment `i`, is asked only
    where they gave no stage and the model is at least `Model.choose` sure of one: where
    their words named it (a weight above 0), the model chooses it in a comment of
    `Model.choose_words` words or more.
    Where the rules gave a stage under `Model.firm` that the model does not overrule, but its
    top class is another and it gives the rules' stage less than `Model.withhold`, the stage
    is withheld (None, marked changed).
    """
    stages = np.asarray(rule_stages, dtype=object)
    if not len(folded):
        return stages.copy(), np.zeros(0, dtype=bool)
    probability = model.probabilities(folded)
    said = np.asarray(model.classes, dtype=object)[probability.argmax(axis=1)]
    sure = probability.max(axis=1)
    placed = np.array([s is not None for s in stages], dtype=bool)
    overrule = placed & (said != stages) & (sure >= model.veto)
    doubt = placed & ~overrule & (said != stages)
    if model.withhold > 0 and doubt.any():
        index = {c: k for k, c in enumerate(model.classes)}
        rows = np.flatnonzero(doubt)
        kept = [probability[i, index[stages[i]]] if stages[i] in index else 1.0 for i in rows]
        doubt[rows] = np.asarray(kept) < model.withhold
    else:
        doubt[:] = False
    if weight is not None:
        for i in np.flatnonzero(overrule | doubt):
            if weight(int(i)) >= model.firm:
                overrule[i] = doubt[i] = False
    fill = ~placed & (said != _NONE) & (sure >= model.fallback)
    for i in np.flatnonzero(fill):
        fill[i] = len(folded[i].split()) >= model.fallback_words
    if named is not None:
        chosen = ~placed & ~fill & (said != _NONE) & (sure >= model.choose)
        for i in np.flatnonzero(chosen):
            long_enough = len(folded[i].split()) >= model.choose_words
            fill[i] = long_enough and named(int(i), said[i]) > 0
    out = stages.copy()
    out[overrule | fill] = said[overrule | fill]
    out[doubt] = None
    out[out == _NONE] = None
    return out, overrule | fill | doubt
