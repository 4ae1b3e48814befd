"""A survey's responses with each comment's language and tone, and where score and words disagree.

The tone comes from the lexicon (`scoring`), blended with what the survey's own NPS/CSAT
teach (`learned`); the model learns while worker processes score the tone.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.text.sentiment.learned import (
    _blended,
    _language_array,
    _learn,
    _Learned,
    neutral_band,
    score_classes,
    score_targets,
)
from cxcore.text.sentiment.rules import _labels
from cxcore.text.sentiment.scoring import _scored_rows
from cxcore.text.sentiment.workers import ScoringAhead

__all__ = ["flag_disagreements", "score_responses"]

DISAGREEMENT = 0.4  # |polarity| that counts as clearly positive / negative


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
    bands: dict[str, tuple[float, float]] = {}  # neutral bands the passives taught
    if learned:
        langs, fitted = learned[0]
        blend = _blended(fitted, target, langs, polarity)
        blended_models = np.asarray(blend.models, dtype=object)  # a list, one model a row
        used = blended_models != ""
        polarity = np.where(used, blend.polarity, polarity)
        models = np.where(used, blended_models, models)
        classes = score_classes(out[scores].loc[has_text]).to_numpy(dtype=object)
        for model in set(blend.models) - {""}:
            rows = models == model
            band = neutral_band(polarity[rows], classes[rows])
            if band is not None:
                bands[model] = band

    def every_row(values: np.ndarray, missing: Any) -> np.ndarray:
        full = np.full(len(out), missing, dtype=values.dtype)
        full[has_text] = values
        return full

    out[F.SENTIMENT] = every_row(polarity, np.nan)
    for column, values in (
        (F.LANGUAGE, languages),
        (F.SENTIMENT_LABEL, _labels(polarity, models, bands)),
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
