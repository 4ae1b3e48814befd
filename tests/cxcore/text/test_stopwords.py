"""The one stop-word list: per language, folded, every language's for an unknown one."""

from __future__ import annotations

from cxcore.text.stopwords import ALL_STOP_WORDS, STOP_WORDS_BY_LANGUAGE, stop_words


def test_each_language_has_its_own_folded_words():
    assert {"cok", "icin", "yani", "degil"} <= stop_words("tr")
    assert {"the", "on", "no", "which"} <= stop_words("en")  # "on" and "no" stay words in YAML
    assert {"ze", "kdyz", "dekuji"} <= stop_words("cs")
    assert "the" not in stop_words("tr")


def test_an_unknown_language_gets_every_languages_words():
    assert stop_words("de") == stop_words(None) == ALL_STOP_WORDS
    assert ALL_STOP_WORDS == frozenset().union(*STOP_WORDS_BY_LANGUAGE.values())
    assert all(isinstance(w, str) for w in ALL_STOP_WORDS)
