"""Stop words per language, read once from data/stopwords.yaml and folded like the comments.

One list for the review queue (grouping unassigned comments) and the stage page's themes.
Folded as `fold_text` folds a comment, so "için" is stored as "icin".
"""

from __future__ import annotations

from pathlib import Path

from cxcore.text.taxonomy import fold_text
from cxcore.yamlfile import load_yaml

__all__ = ["ALL_STOP_WORDS", "STOP_WORDS_BY_LANGUAGE", "stop_words"]

_PATH = Path(__file__).parent.parent / "data" / "stopwords.yaml"
STOP_WORDS_BY_LANGUAGE: dict[str, frozenset[str]] = {
    str(language): frozenset(fold_text(str(word)) for word in words)
    for language, words in load_yaml(_PATH.read_text(encoding="utf-8")).items()
}
ALL_STOP_WORDS: frozenset[str] = frozenset().union(*STOP_WORDS_BY_LANGUAGE.values())


def stop_words(language: str | None) -> frozenset[str]:
    """The folded stop words of `language`; every language's for one the list does not know."""
    return STOP_WORDS_BY_LANGUAGE.get(language or "", ALL_STOP_WORDS)
