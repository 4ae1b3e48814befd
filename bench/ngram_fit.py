"""Feature counts for the shipped second-opinion models, as both rebuild scripts fit them.

bench/handoff_learn.py (cxcore/data/handoff_model.json) and bench/placement_learn.py
(cxcore/data/stage_model.json) count the n-gram features of cxcore/text/ngrams.py and scale
each comment's counts by the square root of its number of features, as the product's
`Model` classes do when they score; `read_labelled` reads their labelled sets and `refuse_held_out`
is the guard every script that fits one of them runs first.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

__all__ = ["matrix", "new_vectorizer", "read_labelled", "refuse_held_out"]


def new_vectorizer(features: Callable[[str], list[str]]) -> CountVectorizer:
    """Counts of `features` of a folded comment, each kept when two comments have it."""
    return CountVectorizer(analyzer=features, lowercase=False, min_df=2)


def matrix(vectorizer: CountVectorizer, folded: pd.Series, fit: bool) -> sparse.csr_matrix:
    """Feature counts over the square root of the comment's number of features."""
    counts = vectorizer.fit_transform(folded) if fit else vectorizer.transform(folded)
    sizes = np.array([max(len(vectorizer.analyzer(f)), 1) for f in folded], dtype=float)
    return sparse.diags(1.0 / np.sqrt(sizes)) @ counts


def refuse_held_out(sets: Iterable[str], held_out: Collection[str]) -> bool:
    """True, with a message, when any of `sets` is held out: a model never trains on one."""
    named = sorted(set(sets) & set(held_out))
    if named:
        print(f"error: {', '.join(named)} is held out: never trained on", file=sys.stderr)
    return bool(named)


def read_labelled(sets: Mapping[str, Path], names: Iterable[str]) -> pd.DataFrame:
    """The rows of the named labelled sets in one frame, text as written, with `set` (its name)."""
    parts = [
        pd.read_csv(sets[name], dtype=str, keep_default_na=False).assign(set=name) for name in names
    ]
    return pd.concat(parts, ignore_index=True)
