"""Rules of the language of round eight (issue 21): praise that names no hassle (no
paperwork, no mess, no fault found, credit given) and scorn without a complaint word (a
laughable offer, no longer funny, the same theatre, not one word, sent round and round),
in each language. Sentences written for these tests."""

from __future__ import annotations

import pytest

from cxcore.text import sentiment

CASES = [
    ("tr", "Teknisyen salonu tertemiz bıraktı, hiç dağınıklık yok.", "positive", "tertemiz"),
    ("tr", "Kartı şubeye gitmeden aldım, tek kağıt doldurmadım.", "positive", "kağıt doldurmadım"),
    ("tr", "Her fatura döneminde aynı tiyatro, sistem yine kapalı.", "negative", "aynı tiyatro"),
    (
        "cs",
        "Pojistku jsem sjednal v appce, bez jediného papíru.",
        "positive",
        "bez jediného papíru",
    ),
    ("cs", "Od vás kupuju deset let a nikdy jsem se nespálil.", "positive", "nespálil"),
    ("cs", "Věrnostní sleva dvacet korun je k smíchu.", "negative", "k smíchu"),
    ("cs", "Třetí zdražení za rok, už to přestává být vtipné.", "negative", "přestává být vtipné"),
    ("cs", "Dvě SMS denně s nabídkami, trochu moc.", "negative", "trochu moc"),
    ("en", "Top marks to the fitter, tidy job.", "positive", "top marks"),
    ("en", "Changed my tariff on the app, zero faff.", "positive", "zero faff"),
    ("en", "Really chuffed with how quick the switch was.", "positive", "chuffed"),
    ("en", "Credit to the call centre lad, he stayed on till it worked.", "positive", "credit to"),
    ("en", "Dispute raised in March, not a single update.", "negative", "not a single update"),
    ("en", "Tariff went up again and not one word from you.", "negative", "not one word"),
    (
        "en",
        "Phone line says the shop, shop says the phone line, round and round.",
        "negative",
        "round and round",
    ),
    (
        "en",
        "Late again and they still took the fee. Love that for me.",
        "negative",
        "love that for me",
    ),
]


@pytest.mark.parametrize(("language", "text", "label", "phrase"), CASES)
def test_no_hassle_is_praise_and_scorn_complains(language: str, text: str, label: str, phrase: str):
    sentiment.clear_cache()
    row = sentiment.score_texts([text]).iloc[0]
    assert (row["language"], row["sentiment_label"]) == (language, label)
    assert phrase in [word.lower() for word, _share in sentiment.explain(text)]
