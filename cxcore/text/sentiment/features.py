"""TF-IDF features of comments for the learned model, as scikit-learn's vectorizers give them.

Word 1–2-grams and character 3–5-grams within words, counted with arrays over all texts
at once (`tests/cxcore/text/sentiment` checks they equal `TfidfVectorizer`'s).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from cxcore.text.lexicon import fold_case

__all__: list[str] = []

MIN_DF = 2  # a word or character n-gram must occur in this many distinct comments
CHAR_NGRAMS = (3, 5)  # character n-grams within words (2-grams: more work, same AUC)
MAX_CHAR_FEATURES = 300_000  # the most frequent


def _features(
    texts: list[str], language: str, words_done: Callable[[], None] = lambda: None
) -> tuple[Any, Any]:
    """TF-IDF rows of `texts`: word 1–2-grams and character 3–5-grams within words.

    Fitted on the texts alone (vocabulary and IDF; no score is read), once per language,
    so each distinct comment is analysed once rather than once per fold. The same features
    as scikit-learn's `TfidfVectorizer(ngram_range=(1, 2))` and `(analyzer="char_wb")`
    (columns in another order), counted with arrays over all texts at once instead of a
    dict lookup per term and text. Character n-grams within words depend only on the word,
    so they are counted
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

    # int32 throughout: copies of every non-zero's column are part of the memory peak.
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
    # In place, in float32: temporary copies of every value would be the import's peak.
    np.log(counts.data, out=counts.data)
    counts.data += 1
    counts.data *= idf[counts.indices]
    return normalize(counts, copy=False)
