"""Language and polarity of each comment (first version: TextBlob, English only)."""

from __future__ import annotations

import pandas as pd
from textblob import TextBlob

from cxcore import fields as F

__all__ = ["label_for", "score_responses", "score_texts"]

NEUTRAL_BAND = 0.05


def label_for(polarity: float) -> str:
    """negative / neutral / positive for a polarity in -1..1."""
    if polarity <= -NEUTRAL_BAND:
        return "negative"
    if polarity >= NEUTRAL_BAND:
        return "positive"
    return "neutral"


def score_texts(texts: list[str]) -> pd.DataFrame:
    """language, sentiment, sentiment_label, sentiment_model for each text, in order."""
    polarity = [float(TextBlob(t).sentiment.polarity) if t else 0.0 for t in texts]
    return pd.DataFrame(
        {
            F.LANGUAGE: ["und"] * len(texts),
            F.SENTIMENT: polarity,
            F.SENTIMENT_LABEL: [label_for(p) for p in polarity],
            F.SENTIMENT_MODEL: ["textblob"] * len(texts),
        }
    )


def score_responses(responses: pd.DataFrame) -> pd.DataFrame:
    """A copy of `responses` with the derived sentiment columns; no comment -> no score."""
    out = responses.copy()
    comments = out[F.COMMENT] if F.COMMENT in out else pd.Series(None, index=out.index)
    has_text = comments.notna() & (comments.astype("string").str.strip() != "")
    scored = score_texts(comments[has_text].astype(str).tolist())
    scored.index = out.index[has_text]
    for column in (F.LANGUAGE, F.SENTIMENT, F.SENTIMENT_LABEL, F.SENTIMENT_MODEL):
        out[column] = scored[column].reindex(out.index)
    return out
