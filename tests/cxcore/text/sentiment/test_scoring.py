"""Sentiment as a person reads it: Turkish, Czech and English comments, offline."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.text import sentiment
from cxcore.text.lexicon import fold_case
from cxcore.text.sentiment import rules, scoring
from cxcore.text.sentiment.prior import load_prior


def polarity(text: str) -> float:
    return float(sentiment.score_texts([text])[F.SENTIMENT].iloc[0])


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Turkish
        ("Harika bir hizmet, çok teşekkürler", 1),
        ("Kargo çok hızlı geldi, memnunum", 1),
        ("Personel çok ilgiliydi ve nazikti", 1),
        ("Sorunsuz kurulum, tavsiye ederim", 1),
        ("Berbat bir deneyim, rezalet", -1),
        ("Bir haftadır bekliyorum, hâlâ gelmedi", -1),
        ("Sorunum çözülmedi, internet sürekli kesildi", -1),
        ("Çağrı merkezinde 40 dakika beklettiler", -1),
        ("urun cok guzel tesekkurler", 1),
        # Czech
        ("Skvělá služba, děkuji", 1),
        ("Velmi rychlé doručení, jsem spokojená", 1),
        ("Ochotný a příjemný personál", 1),
        ("Hrozná zkušenost, aplikace nefunguje", -1),
        ("Čekal jsem na lince hodinu, nikdo to nebral", -1),
        ("Nedoporučuji, zboží přišlo rozbité", -1),
        ("dekuji, vse v poradku", 1),
        # English
        ("Great service, thank you!", 1),
        ("The staff were friendly and helpful", 1),
        ("Terrible, I waited 40 minutes", -1),
        ("My flight was delayed and my bag was lost", -1),
        ("Rude agent, never again", -1),
    ],
)
def test_clear_comments_get_the_sign_a_person_gives(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("memnun değilim", -1),
        ("hiç memnun kalmadım", -1),
        ("hizmetten memnuniyetsizim", -1),
        ("ürünü beğenmedim", -1),
        ("kimseye tavsiye etmem", -1),
        ("hiçbir sorun yaşamadım", 1),
        ("sorun yok, her şey yolunda", 1),
        ("fena değil", 1),
        ("nejsem spokojený", -1),
        ("nespokojená zákaznice", -1),
        ("nikdy nefungovalo", -1),
        ("bez problémů", 1),
        ("nemá chybu", 1),
        ("nejlepší obsluha", 1),  # "nej-" is the superlative, not a negation
        ("not bad", 1),
        ("not good at all", -1),
        ("I wasn't happy with the support", -1),
    ],
)
def test_negation_turns_the_meaning(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("ürün güzel ama kargo berbattı", -1),
        ("kargo biraz geç geldi ama ürün harika", 1),
        ("Film byl hezký, ale konec strašný", -1),
        ("Doručení trvalo dlouho, ale obsluha byla skvělá", 1),
        ("The product is nice but the delivery was awful", -1),
    ],
)
def test_the_clause_after_a_contrast_weighs_more(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        ("çok iyi", "iyi"),
        ("gerçekten harika", "harika"),
        ("velmi dobrý", "dobrý"),
        ("moc spokojený", "spokojený"),
        ("very good", "good"),
    ],
)
def test_intensifiers_strengthen(stronger, weaker):
    assert polarity(stronger) > polarity(weaker) > 0


@pytest.mark.parametrize(
    ("softened", "plain"),
    [("biraz yavaş", "yavaş"), ("trochu pomalé", "pomalé")],
)
def test_softeners_weaken(softened, plain):
    assert polarity(plain) < polarity(softened) < 0


def test_hrozne_intensifies_when_a_sentiment_word_follows():
    assert polarity("hrozně se mi to líbilo") > 0 > polarity("bylo to hrozné")


@pytest.mark.parametrize(
    ("text", "sign"),
    [("👍", 1), ("😡", -1), ("👍🏽👍🏽", 1), ("kargo 👎", -1), ("díky :)", 1), ("ok :(", -1)],
)
def test_emoji_and_emoticons_count(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Kargo çok hızlıydı, thanks a lot!", 1),
        ("Super služba, thank you", 1),
        ("Uygulama berbat, totally useless", -1),
    ],
)
def test_mixed_language_comments(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "folded"),
    [("İYİ", "iyi"), ("IŞIK", "ışık"), ("KIRIK", "kırık"), ("İade", "iade")],
)
def test_turkish_case_folding(text, folded):
    assert fold_case(text, "tr") == folded


def test_upper_case_turkish_scores_like_lower_case():
    assert polarity("İYİ") == polarity("iyi") > 0
    assert polarity("KARGO ÇOK YAVAŞ") < 0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Harika bir hizmet", "tr"),
        ("kargo gec geldi", "tr"),
        ("memnun kalmadım", "tr"),
        ("urun cok guzel", "tr"),
        ("Skvělá služba", "cs"),
        ("nejsem spokojený", "cs"),
        ("Velmi rychlé doručení, děkuji", "cs"),
        ("The app keeps crashing", "en"),
        ("Great service, thank you!", "en"),
        ("not bad", "en"),
        ("Danke, alles gut", "de"),
    ],
)
def test_language_of_short_comments(text, language):
    assert sentiment.detect_language(text) == language


def test_each_distinct_text_is_scored_once():
    sentiment.clear_cache()
    sentiment.score_texts(["Harika bir hizmet", "Harika bir hizmet", " Harika  bir hizmet "])
    assert sentiment.cache_info() == {"hits": 0, "misses": 1, "size": 1}
    sentiment.score_texts(["Harika bir hizmet", "Berbat bir hizmet"])
    assert sentiment.cache_info() == {"hits": 1, "misses": 2, "size": 2}


def test_the_cache_drops_the_least_recently_used_score(monkeypatch):
    monkeypatch.setattr(scoring, "_CACHE_SIZE", 3)
    sentiment.clear_cache()
    sentiment.score_texts(["Harika", "Berbat", "Skvělé"])
    sentiment.score_texts(["Harika"])  # used again: now the most recent
    sentiment.score_texts(["Hrozné", "Rezalet"])  # two new: the two least recent go
    assert sentiment.cache_info() == {"hits": 1, "misses": 5, "size": 3}
    sentiment.score_texts(["Harika"])  # kept
    assert sentiment.cache_info() == {"hits": 2, "misses": 5, "size": 3}
    sentiment.score_texts(["Skvělé"])  # dropped: the least recently used
    assert sentiment.cache_info() == {"hits": 2, "misses": 6, "size": 3}
    sentiment.clear_cache()


def test_score_texts_keeps_order_and_handles_empty_texts():
    scored = sentiment.score_texts(["Skvělá služba", "", "Berbat"])
    assert list(scored.columns) == [F.LANGUAGE, F.SENTIMENT, F.SENTIMENT_LABEL, F.SENTIMENT_MODEL]
    assert scored[F.LANGUAGE].tolist() == ["cs", None, "tr"]
    assert scored[F.SENTIMENT_MODEL].tolist() == ["lexicon-cs", None, "lexicon-tr"]
    assert math.isnan(scored[F.SENTIMENT].iloc[1])


@pytest.mark.parametrize("dtype", [object, "str"])  # as checked rows hold them, as read
def test_blank_comments_are_not_scored_whatever_the_column_holds(dtype):
    comments = pd.Series(["Harika hizmet", None, "  ", "\u00a0\t", "Terrible support"], dtype=dtype)
    out = sentiment.score_responses(pd.DataFrame({F.COMMENT: comments, F.NPS: [10, 3, 5, 5, 0]}))
    assert out[F.LANGUAGE].tolist() == ["tr", None, None, None, "en"]
    assert out[F.SENTIMENT_LABEL].tolist() == ["positive", None, None, None, "negative"]


def test_labels_of_many_polarities_are_those_of_one():
    polarity = np.array([-1, -0.05, -0.0499, 0, 0.0499, 0.05, 1, np.nan])
    expected = [sentiment.label_for(p) for p in polarity[:-1]] + [None]
    assert rules._labels(polarity).tolist() == expected
    assert expected[:3] == ["negative", "negative", "neutral"]


def test_a_comment_is_normalised_on_every_kind_of_space():
    spaces = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # all 29 of them
    text = f"{spaces}Çok{spaces}iyi\u0301 hizmet{spaces}"
    assert rules._normalize(text) == "Çok iy\u00ed hizmet"  # NFC: i + accent, one letter


def test_score_responses_adds_columns_and_leaves_no_comment_unscored():
    responses = pd.DataFrame(
        {F.COMMENT: ["Harika hizmet", None, "  ", "Terrible support"], F.NPS: [10, 3, 5, 0]}
    )
    out = sentiment.score_responses(responses)
    assert F.LANGUAGE not in responses  # the input is not changed
    assert out[F.LANGUAGE].tolist() == ["tr", None, None, "en"]
    assert out[F.SENTIMENT_LABEL].tolist() == ["positive", None, None, "negative"]
    assert out[F.SENTIMENT].isna().tolist() == [False, True, True, False]
    assert out[F.SENTIMENT_MODEL].iloc[0] == "lexicon-tr"


@pytest.mark.parametrize(
    ("polarity_value", "label"),
    [(-0.5, "negative"), (-0.05, "negative"), (0.0, "neutral"), (0.05, "positive")],
)
def test_label_for(polarity_value, label):
    assert sentiment.label_for(polarity_value) == label


def test_explain_lists_the_words_that_moved_the_score():
    text = "ürün güzel ama kargo berbattı"
    terms = sentiment.explain(text)
    assert terms[0][0] == "berbattı" and terms[0][1] < 0
    assert ("güzel", pytest.approx(terms[1][1])) == terms[1] and terms[1][1] > 0
    # the lexicon's words carry its whole part; the prior's part is shown by its three
    # strongest words (round five's prior knows more of them), so the rest is at most its share
    beside, _alone = load_prior("tr").shares
    assert sum(v for _, v in terms) == pytest.approx(polarity(text), abs=beside)


def test_explain_shows_the_negation_with_its_word():
    shares = sentiment.explain("memnun değilim")
    # the lexicon's term first; the learned prior's words after it, with smaller shares
    assert shares[0][0] == "memnun değilim" and shares[0][1] < 0
    assert all(abs(v) < abs(shares[0][1]) for _w, v in shares[1:])
    assert sentiment.explain("") == []


@pytest.mark.parametrize(
    "link", ["https://ornek.com/berbat-rezalet", "http://x.tr/harika", "www.harika-urun.com/iyi"]
)
def test_words_inside_a_link_do_not_count(link):
    assert polarity(f"Kargo geç geldi {link}") == polarity("Kargo geç geldi")
    assert polarity(link) == 0.0


@pytest.mark.parametrize(
    ("nps", "csat", "value", "flagged"),
    [
        (10, None, -0.6, True),
        (9, None, -0.3, False),
        (None, 5, -0.4, True),
        (2, None, 0.5, True),
        (None, 1, 0.4, True),
        (5, None, 0.9, False),
        (10, None, float("nan"), False),
    ],
)
def test_flag_disagreements(nps, csat, value, flagged):
    responses = pd.DataFrame({F.NPS: [nps], F.CSAT: [csat], F.SENTIMENT: [value]}, dtype=float)
    assert sentiment.flag_disagreements(responses).tolist() == [flagged]
