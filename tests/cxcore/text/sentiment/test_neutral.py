"""The neutral model (issue 21, round seven): questions, requests and plain statements read
neutral where it is confident, complaints and praise keep their labels, rules of the language
are not overruled, a long review is left alone, the explanation says why, and a broken file
says what to do. Sentences written for these tests."""

from __future__ import annotations

import pytest

from cxcore.analysis.stage_detail import explain_words
from cxcore.text import sentiment
from cxcore.text.lexicon import _pattern_matches, load_lexicon
from cxcore.text.polarity import score_terms
from cxcore.text.sentiment import rules
from cxcore.text.sentiment.neutral import PULL, load_neutral, read_neutral
from cxcore.text.sentiment.prior import PriorFileError, feature_keys


def _scored(text: str) -> tuple[str, float, str]:
    sentiment.clear_cache()
    row = sentiment.score_texts([text]).iloc[0]
    return row["language"], float(row["sentiment"]), row["sentiment_label"]


@pytest.mark.parametrize("language", ["tr", "cs", "en"])
def test_each_language_has_a_neutral_model_with_its_sources(language: str) -> None:
    model = load_neutral(language)
    assert model.prior.header["language"] == language
    assert 10 <= model.max_words <= 60
    assert 0 < model.threshold
    sources = model.prior.header["source"].split(" | ")
    assert any("bench/journey_train1_set.csv" in s for s in sources)
    assert all("neutral)" in s for s in sources)
    assert 500 <= len(model.prior.weights) <= 50_000


# Questions and requests about a problem: a person calls them neutral, the rules find a
# complaint or praise word in them.
QUESTIONS = [
    ("tr", "Yeni modem kurulumu için teknisyen hangi gün gelecek, bilgi verebilir misiniz?"),
    ("cs", "Kdy mi prosím přijde nová SIM karta a kolik stojí aktivace?"),
    ("en", "Can you tell me when the new router will be sent, please?"),
]


@pytest.mark.parametrize(("language", "text"), QUESTIONS)
def test_a_question_reads_neutral_where_the_model_is_confident(language: str, text: str) -> None:
    model = load_neutral(language)
    if model.threshold >= 1:
        pytest.skip(f"the neutral model is off for {language} (neutral_from ≥ 1)")
    key = rules._normalize(text)
    assert model.probability(feature_keys(key, language)) >= model.threshold
    _cold, _lexicon, pulled = rules._cold_start(key, language)
    assert pulled  # the rules and the prior gave it a score, the model took it back
    found_language, polarity, label = _scored(text)
    assert found_language == language
    assert label == "neutral"
    assert 0 < abs(polarity) < 0.001


# Complaints and praise stay what they are.
POLAR = [
    ("tr", "Üç gündür internet yok, müşteri hizmetleri de hiç yardımcı olmadı.", "negative"),
    ("tr", "Kurye paketi kapıma kadar getirdi, çok teşekkür ederim, harikasınız.", "positive"),
    ("cs", "Už týden nefunguje internet a na lince mi nikdo nepomohl, hrůza.", "negative"),
    ("cs", "Technik přišel přesně na čas a všechno vysvětlil, jsem moc spokojený.", "positive"),
    ("en", "Four days without broadband and nobody on the helpline could help, awful.", "negative"),
    ("en", "The installer was on time, friendly and tidied up afterwards, brilliant.", "positive"),
]


@pytest.mark.parametrize(("language", "text", "label"), POLAR)
def test_complaints_and_praise_keep_their_label(language: str, text: str, label: str) -> None:
    found_language, _polarity, found = _scored(text)
    assert (found_language, found) == (language, label)


def test_a_rule_of_the_language_is_not_overruled_by_the_neutral_model() -> None:
    # irony decided by a rule: the neutral model does not look at it
    for text in ("Harika, yine 2 saat bekledim 👏", "Fakt díky, tři dny bez signálu 🙄"):
        assert _scored(text)[2] == "negative"


@pytest.mark.parametrize("language", ["tr", "cs", "en"])
def test_a_long_review_is_left_alone(language: str) -> None:
    model = load_neutral(language)
    words = ["x"] * (model.max_words + 1)
    assert not model.is_neutral(feature_keys(" ".join(words), language), len(words))


@pytest.mark.parametrize(("language", "text"), QUESTIONS)
def test_the_explanation_names_the_neutral_models_words(language: str, text: str) -> None:
    if load_neutral(language).threshold >= 1:
        pytest.skip(f"the neutral model is off for {language}")
    shares = dict(sentiment.explain(text))
    neutral = [w for w in shares if w.startswith(sentiment.NEUTRAL_TERM)]
    assert len(neutral) == 1 and len(neutral[0]) > len(sentiment.NEUTRAL_TERM)
    total = sum(shares.values())
    assert abs(total) < 0.001  # what is listed adds up to the pulled score
    others = sum(v for w, v in shares.items() if not w.startswith(sentiment.NEUTRAL_TERM))
    assert shares[neutral[0]] == pytest.approx(-(1 - PULL) * others)


@pytest.mark.parametrize(("language", "text"), QUESTIONS)
def test_the_stage_pages_why_says_neutral_in_the_leads_language(language: str, text: str) -> None:
    # the "why" column of the stage page: the model's entry in the lead's words, not "neutral:"
    if load_neutral(language).threshold >= 1:
        pytest.skip(f"the neutral model is off for {language}")
    why = {lang: explain_words(text, top=5, lang=lang) for lang in ("tr", "cs", "en")}
    assert "nötr okunuyor (" in why["tr"]
    assert "čte se jako neutrální (" in why["cs"]
    assert "reads as neutral (" in why["en"]
    assert not any(sentiment.NEUTRAL_TERM in shown for shown in why.values())


def test_a_broken_neutral_file_says_how_to_rebuild_it(tmp_path) -> None:
    with pytest.raises(PriorFileError, match=r"neutral model .*missing: rebuild it with"):
        read_neutral(tmp_path / "tr.tsv", "tr")
    path = tmp_path / "cs.tsv"
    path.write_text("# cx-sentiment-prior 1\n# intercept: -1\nkdy\t0.5\n", encoding="utf-8")
    with pytest.raises(PriorFileError, match="sentiment_neutral_build.py"):
        read_neutral(path, "cs")


# A phrase word may list alternatives ("since monday|tuesday"): one entry for the weekdays.
def test_a_phrase_word_lists_alternatives() -> None:
    assert _pattern_matches("monday|tuesday", "tuesday")
    assert _pattern_matches("pondel*|uter*", "uterka")
    assert not _pattern_matches("monday|tuesday", "mondays")
    for day in ("Monday", "Thursday", "Sunday", "yesterday"):
        _polarity, terms = score_terms(f"No signal since {day}", load_lexicon("en"))
        assert [t.text for t in terms][-1].lower() == f"since {day}".lower()
        assert _scored(f"The app has been down since {day}")[2] == "negative"
