"""The learned prior of a language: word weights learned offline from public labelled comments.

Each language (tr, cs, en) has a file `data/sentiment/prior/<language>.tsv` written by
`bench/sentiment_prior_build.py`: weights of words, word pairs and word beginnings, the
words found the way the lexicon finds them (names and handles masked, the language's lower
case, accents dropped). A comment's prior is tanh(Σ weights / 2), the 2p − 1 of the
logistic model, without its intercept, so a comment with no known feature scores 0. The
cold-start score blends it with the lexicon by the two shares in the file's header
(`Prior.shares`, `rules`); its strongest features are shown in the explanation beside the
lexicon's words.

    PriorFileError   the file is missing or cannot be read: rebuild it (message says how)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from cxcore.text.lexicon import DATA_DIR, _plain, fold_case
from cxcore.text.polarity import mask_names

__all__ = [
    "PRIOR_DIR",
    "Prior",
    "PriorFileError",
    "feature_keys",
    "load_prior",
    "prior_features",
]

PRIOR_DIR = DATA_DIR / "prior"
FORMAT = "cx-sentiment-prior 1"  # the first line of every prior file
PREFIX = 5  # word beginnings of this many letters stand for inflected forms
_REBUILD = "rebuild it with `python bench/sentiment_prior_build.py` or restore it from git"
_WORD = re.compile(r"[^\W\d_]+")


class PriorFileError(RuntimeError):
    """A prior file that is missing or cannot be read."""


def prior_features(text: str, language: str) -> list[tuple[str, str]]:
    """(feature, words as shown) of a text, each feature once: words, pairs of words in a
    row and, for words longer than PREFIX letters, their beginning (`memnu~`)."""
    words = _WORD.findall(fold_case(mask_names(text), language))
    keys = [_plain(w) for w in words]
    found: dict[str, str] = {}
    for i, key in enumerate(keys):
        found.setdefault(key, words[i])
        if len(key) > PREFIX:
            found.setdefault(key[:PREFIX] + "~", words[i])
        if i:
            found.setdefault(f"{keys[i - 1]} {key}", f"{words[i - 1]} {words[i]}")
    return list(found.items())


@lru_cache(maxsize=1 << 18)
def _word_keys(word: str) -> tuple[str, str | None]:
    """(the word's feature, its beginning's feature or None), once per distinct word."""
    plain = _plain(word)
    return plain, plain[:PREFIX] + "~" if len(plain) > PREFIX else None


def feature_keys(text: str, language: str) -> dict[str, None]:
    """The features of `prior_features` without the words as shown (the fast path), in
    the order they occur: a sum over them is the same in every process."""
    keys: list[str] = []
    found: list[str] = []
    for word in _WORD.findall(fold_case(mask_names(text), language)):
        plain, beginning = _word_keys(word)
        keys.append(plain)
        found.append(plain)
        if beginning is not None:
            found.append(beginning)
    found += map(" ".join, zip(keys, keys[1:], strict=False))
    return dict.fromkeys(found)


@dataclass
class Prior:
    """The weights of one language's prior and the header lines of its file."""

    language: str
    weights: dict[str, float]
    header: dict[str, str]

    @cached_property
    def shares(self) -> tuple[float, float]:
        """(share beside the rules' words, share alone where no word is known), from the
        header lines `share_beside` and `share_alone` (0 when absent)."""
        return float(self.header.get("share_beside", 0)), float(self.header.get("share_alone", 0))

    def score(self, text: str) -> float:
        """The prior's polarity of a text in -1..1 (0 when no feature is known)."""
        return self.score_keys(feature_keys(text, self.language))

    def score_keys(self, keys: dict[str, None]) -> float:
        """The prior's polarity from a text's features (`feature_keys`)."""
        # Summed in the order the features occur (not a set's, which differs between
        # processes): worker processes score to the last digit as the importing one does.
        get = self.weights.get
        return math.tanh(sum(get(f, 0.0) for f in keys) / 2)

    def terms(self, text: str) -> tuple[float, list[tuple[str, float]]]:
        """(polarity, [(words as shown, summed weight)]) of the features that moved it."""
        by_shown: dict[str, float] = {}
        for feature, shown in prior_features(text, self.language):
            weight = self.weights.get(feature)
            if weight:
                by_shown[shown] = by_shown.get(shown, 0.0) + weight
        return math.tanh(math.fsum(by_shown.values()) / 2), list(by_shown.items())


def read_prior(
    path: Path, language: str, what: str = "sentiment prior", rebuild: str = _REBUILD
) -> Prior:
    """A prior file's weights; PriorFileError naming the file and line when it is broken.
    `what` and `rebuild` name the file's kind and its builder in the messages (the neutral
    model's files share this format)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise PriorFileError(f"The {what} {path} is missing: {rebuild}.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PriorFileError(f"The {what} {path} cannot be read ({error}): {rebuild}.") from error
    if not lines or lines[0].strip() != f"# {FORMAT}":
        raise PriorFileError(f"The {what} {path} does not start with '# {FORMAT}': {rebuild}.")
    header: dict[str, str] = {}
    weights: dict[str, float] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith("#"):
            name, _, value = line[1:].partition(":")
            name, value = name.strip(), value.strip()
            # a repeated line (one `source:` per training file) keeps every value
            header[name] = f"{header[name]} | {value}" if name in header else value
            continue
        feature, tab, value = line.partition("\t")
        try:
            weight = float(value) if tab and feature else math.nan
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight):
            raise PriorFileError(
                f"The {what} {path}, line {number}, is not 'feature<TAB>weight': {rebuild}."
            )
        weights[feature] = weight
    if not weights:
        raise PriorFileError(f"The {what} {path} holds no weights: {rebuild}.")
    for name in ("share_beside", "share_alone"):
        try:
            share = float(header.get(name, 0))
        except ValueError:
            share = math.nan
        if not 0 <= share <= 1:
            raise PriorFileError(
                f"The {what} {path}: '{name}' must be a number from 0 to 1: {rebuild}."
            )
    return Prior(language, weights, header)


@cache
def load_prior(language: str) -> Prior:
    """The prior of a language (tr, cs, en), read once per process."""
    return read_prior(PRIOR_DIR / f"{language}.tsv", language)
