"""Themes of comments: the words and two-word phrases most comments mention, per language.

Compared after Turkish-aware folding ("İADE", "iade" and "ıade" are one theme), every
language's stop words removed first (a comment's detected language can be wrong, and a
Czech "vás" says nothing in a Turkish-tagged comment either), and each theme shown as it is
most often written, diacritics kept ("çağrı merkezinde", never "cagri merkezinde").
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from cxcore import fields as F
from cxcore.analysis.metrics import numeric_column
from cxcore.text.stopwords import ALL_STOP_WORDS
from cxcore.text.taxonomy import fold_text

__all__ = ["themes"]

_TOKEN = re.compile(r"[^\W\d_]{2,}")


def _written(token: str) -> str:
    """A word as a theme shows it: lower case, Turkish İ as i (not i plus a combining dot)."""
    return token.replace("İ", "i").lower()


def _themes_of(text: str, stop: frozenset[str]) -> list[tuple[str, str]]:
    """(folded theme, as written here) of each word and two-word phrase of a comment, stop
    words removed first, each theme once.

    "Fatura çok yüksek" gives the phrase "fatura yüksek": the phrase of what is left.
    """
    words = [
        (folded, _written(token))
        for token in _TOKEN.findall(unicodedata.normalize("NFC", text))
        if (folded := fold_text(token)) not in stop
    ]
    found = dict(reversed(words))  # a word written twice: its first form
    for (key_a, word_a), (key_b, word_b) in zip(words, words[1:], strict=False):
        found.setdefault(f"{key_a} {key_b}", f"{word_a} {word_b}")
    return sorted(found.items())


def _themes_per_comment(comments: pd.Series) -> list[list[tuple[str, str]]]:
    """The themes of each comment; each distinct comment read once (surveys repeat their
    comments: "ok", "teşekkürler", templated complaints)."""
    texts = comments.astype(str).tolist()
    read = {text: _themes_of(text, ALL_STOP_WORDS) for text in dict.fromkeys(texts)}
    return [read[text] for text in texts]


def _most_written(found: pd.DataFrame) -> pd.Series:
    """The form each (language, theme) is most often written in; on a tie the one with
    more letters beyond ASCII (its diacritics), then the first alphabetically."""
    forms = found.groupby(["language", "theme", "written"]).size().rename("uses").reset_index()
    forms["accents"] = [sum(not c.isascii() for c in w) for w in forms["written"]]
    forms = forms.sort_values(
        ["language", "theme", "uses", "accents", "written"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
    return forms.drop_duplicates(["language", "theme"]).set_index(["language", "theme"])["written"]


def themes(responses: pd.DataFrame, top: int = 10, min_count: int = 2) -> pd.DataFrame:
    """language, theme, kind (word/phrase), count (comments), sentiment (their mean).

    The `top` themes per language by number of comments, largest first, stop words of every
    language removed; a theme is compared folded and shown as most often written.
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
            "pair": _themes_per_comment(with_text[F.COMMENT]),
        }
    ).explode("pair")
    found = found[found["pair"].notna()]
    if found.empty:
        return pd.DataFrame(columns=columns)
    found["theme"] = [pair[0] for pair in found["pair"]]
    found["written"] = [pair[1] for pair in found["pair"]]
    counted = (
        found.groupby(["language", "theme"])
        .agg(count=("theme", "size"), sentiment=("sentiment", "mean"))
        .reset_index()
    )
    counted = counted[counted["count"] >= min_count]
    if counted.empty:
        return pd.DataFrame(columns=columns)
    counted = counted.sort_values(["language", "count", "theme"], ascending=[True, False, True])
    counted = counted.groupby("language").head(top)
    written = _most_written(found)
    counted["theme"] = [
        written[(lang, key)]
        for lang, key in zip(counted["language"], counted["theme"], strict=True)
    ]
    counted["kind"] = np.where(counted["theme"].str.contains(" "), "phrase", "word")
    counted = counted.sort_values(["count", "language", "theme"], ascending=[False, True, True])
    return counted.reset_index(drop=True)[columns]
