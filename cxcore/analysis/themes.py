"""Themes of comments: the words and two-word phrases most comments mention, per language.

Compared after Turkish-aware folding, stop words removed first.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.analysis.metrics import numeric_column
from cxcore.text.stopwords import stop_words
from cxcore.text.taxonomy import fold_text

__all__ = ["themes"]

_TOKEN = re.compile(r"[^\W\d_]{2,}")


def _themes_of(text: str, stop: frozenset[str]) -> set[str]:
    """The words and two-word phrases of a comment, stop words removed first (each once).

    "Fatura çok yüksek" gives the phrase "fatura yuksek": the phrase of what is left.
    """
    words = [w for w in _TOKEN.findall(fold_text(text)) if w not in stop]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _themes_per_comment(comments: pd.Series, languages: pd.Series) -> list[list[str]]:
    """The sorted themes of each comment; each distinct (comment, language) read once
    (surveys repeat their comments: "ok", "teşekkürler", templated complaints)."""
    pairs = list(zip(comments.astype(str), languages, strict=True))
    read = {pair: sorted(_themes_of(pair[0], stop_words(pair[1]))) for pair in dict.fromkeys(pairs)}
    return [read[pair] for pair in pairs]


def themes(responses: pd.DataFrame, top: int = 10, min_count: int = 2) -> pd.DataFrame:
    """language, theme, kind (word/phrase), count (comments), sentiment (their mean).

    The `top` themes per language by number of comments, stop words removed, compared
    after Turkish-aware folding ("İADE", "iade" and "ıade" are one theme).
    """
    columns = ["language", "theme", "kind", "count", "sentiment"]
    with_text = responses[responses[F.COMMENT].notna()] if len(responses) else responses
    if with_text.empty:
        return pd.DataFrame(columns=columns)
    languages = with_text[F.LANGUAGE].astype(object).where(with_text[F.LANGUAGE].notna(), "?")
    found = pd.DataFrame(
        {
            "language": languages.to_numpy(),
            "sentiment": numeric_column(with_text, F.SENTIMENT).to_numpy(),
            "theme": _themes_per_comment(with_text[F.COMMENT], languages),
        }
    ).explode("theme")
    found = found[found["theme"].notna()]
    if found.empty:
        return pd.DataFrame(columns=columns)
    counted = (
        found.groupby(["language", "theme"])
        .agg(count=("theme", "size"), sentiment=("sentiment", "mean"))
        .reset_index()
    )
    counted = counted[counted["count"] >= min_count]
    counted = counted.sort_values(["language", "count", "theme"], ascending=[True, False, True])
    counted["kind"] = np.where(counted["theme"].str.contains(" "), "phrase", "word")
    return counted.groupby("language").head(top).reset_index(drop=True)[columns]
