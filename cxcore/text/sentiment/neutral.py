"""Whether people would call a comment neutral: a learned model per language, neutral vs polar.

Each language (tr, cs, en) has a file `data/sentiment/neutral/<language>.tsv` in the prior's
format (`prior.read_prior`), written by `bench/sentiment_neutral_build.py` from the
project's own service comments with their three labels: weights of the prior's features
(words, pairs of words, word beginnings; names masked, accents dropped) for "a person calls
this neutral" (questions, requests, plain statements of a problem). Its header holds the
logistic model's `intercept`, `neutral_from`, the probability from which the comment is
taken for neutral (chosen on the tune parts; 1 or more: the model is off for the language),
and `max_words`, the longest comment it decides for (the length of the comments it learned
from: it leaves a long review alone).
Where it is, the cold-start score is pulled to PULL of itself: the sign stays (the ranking
of complaints and praise barely moves) and the label falls inside the neutral band of every
model, which counts a polarity from -0.001 to its positive bound as neutral.

    PriorFileError   the file is missing or cannot be read: rebuild it (message says how)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from cxcore.text.lexicon import DATA_DIR
from cxcore.text.sentiment.prior import Prior, PriorFileError, prior_features, read_prior

__all__ = ["NEUTRAL_DIR", "PULL", "NeutralModel", "load_neutral", "read_neutral"]

NEUTRAL_DIR = DATA_DIR / "neutral"
# A neutral comment keeps this share of its score: far inside the band (|polarity| < 0.001).
PULL = 0.0005
WORDS_SHOWN = 3  # the model's strongest words in the explanation
_REBUILD = "rebuild it with `python bench/sentiment_neutral_build.py` or restore it from git"


@dataclass
class NeutralModel:
    """One language's neutral-vs-polar weights and where it decides."""

    prior: Prior

    @cached_property
    def intercept(self) -> float:
        """The logistic model's intercept (header line `intercept`)."""
        return float(self.prior.header["intercept"])

    @cached_property
    def max_words(self) -> int:
        """The longest comment (in words) it decides for (header line `max_words`): about
        the longest of the comments it learned from; longer texts (reviews) it leaves alone."""
        return int(self.prior.header["max_words"])

    @cached_property
    def threshold(self) -> float:
        """The probability from which a comment is neutral (header line `neutral_from`)."""
        return float(self.prior.header["neutral_from"])

    def probability(self, keys: dict[str, None]) -> float:
        """P(neutral) of a comment from its features (`prior.feature_keys`)."""
        get = self.prior.weights.get
        z = self.intercept + sum(get(f, 0.0) for f in keys)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def within(self, keys: dict[str, None], words: int) -> float:
        """P(neutral) of a comment of `words` words, 0 where it is longer than `max_words`
        (the model decides nothing there)."""
        return self.probability(keys) if words <= self.max_words else 0.0

    def is_neutral(self, keys: dict[str, None], words: int) -> bool:
        """Whether the model is confident people would call a comment of `words` words
        and these features neutral."""
        return self.threshold < 1 and self.within(keys, words) >= self.threshold

    def words(self, text: str) -> list[str]:
        """The words (as shown) that pull the comment most toward neutral, strongest first."""
        found: dict[str, float] = {}
        for feature, shown in prior_features(text, self.prior.language):
            weight = self.prior.weights.get(feature)
            if weight and weight > 0:
                found[shown] = found.get(shown, 0.0) + weight
        return sorted(found, key=lambda w: -found[w])[:WORDS_SHOWN]


def read_neutral(path: Path, language: str) -> NeutralModel:
    """A neutral model's file; PriorFileError when it is broken or lacks its two numbers."""
    found = read_prior(path, language, "neutral model", _REBUILD)
    try:
        model = NeutralModel(found)
        ok = math.isfinite(model.intercept) and 0 <= model.threshold and model.max_words > 0
    except (KeyError, ValueError):
        ok = False
    if not ok:
        raise PriorFileError(
            f"The neutral model {path} needs header lines 'intercept', 'neutral_from' and "
            f"'max_words' (numbers): {_REBUILD}."
        )
    return model


@cache
def load_neutral(language: str) -> NeutralModel:
    """The neutral model of a language (tr, cs, en), read once per process."""
    return read_neutral(NEUTRAL_DIR / f"{language}.tsv", language)
