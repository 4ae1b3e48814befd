"""Rules of the language of round seven (issue 21): a customer who will not go elsewhere is
praising, and idioms of praise and of being fed up, in each language. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from cxcore.text import sentiment

CASES = [
    ("tr", "Bu fiyata başka yere gitmem, hep buradan alırım.", "positive", "başka yere gitmem"),
    ("tr", "Yıllardır buradan alıyorum, başka yerden almam.", "positive", "başka yerden almam"),
    ("cs", "Jinam nejdu, tady jsem spokojená už roky.", "positive", "jinam nejdu"),
    ("cs", "Nikam jinam nechodím.", "positive", "nikam jinam"),
    ("en", "Been with you ten years and I'm not going anywhere.", "positive", "not going anywhere"),
    ("en", "Honestly I would not go anywhere else.", "positive", "not go anywhere else"),
    ("en", "The lad in the shop was an absolute star.", "positive", "absolute star"),
    ("en", "She went above and beyond for us.", "positive", "above and beyond"),
    ("en", "Pop-ups every five minutes, give it a rest.", "negative", "give it a rest"),
]


@pytest.mark.parametrize(("language", "text", "label", "phrase"), CASES)
def test_staying_and_idioms_read_as_meant(language: str, text: str, label: str, phrase: str):
    sentiment.clear_cache()
    row = sentiment.score_texts([text]).iloc[0]
    assert (row["language"], row["sentiment_label"]) == (language, label)
    assert phrase in [word.lower() for word, _share in sentiment.explain(text)]
