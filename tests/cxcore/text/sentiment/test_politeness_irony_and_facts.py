"""Sentiment of what service comments say without a feeling word: greetings, wishes, irony
without a known complaint, waits with nothing, having nothing to complain of, and the
complaint facts of service comments.

Every sentence here was written for these tests; none comes from a labelled set.
"""

from __future__ import annotations

import pytest

from cxcore import fields as F
from cxcore.text import sentiment
from cxcore.text.lexicon import load_lexicon
from cxcore.text.polarity import score_terms


def scored(text: str) -> tuple[float, str, str]:
    row = sentiment.score_texts([text]).iloc[0]
    return float(row[F.SENTIMENT]), str(row[F.SENTIMENT_LABEL]), str(row[F.LANGUAGE])


@pytest.mark.parametrize(
    ("language", "text", "greeting"),
    [
        ("cs", "Dobrý den, kdy mi přijde vyúčtování za prosinec?", "dobrý"),
        ("cs", "Dobry den, jak si zmenim tarif?", "dobry"),
        ("tr", "İyi günler, faturamın son ödeme tarihi ne zaman?", "iyi"),
        ("en", "Good morning, when does the new tariff start?", "good"),
    ],
)
def test_a_greeting_is_not_praise(language: str, text: str, greeting: str) -> None:
    _polarity, terms = score_terms(text, load_lexicon(language))
    assert not any(greeting in t.text.split() and t.value > 0 for t in terms)
    assert scored(text)[1] != "positive"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Bylo by fajn mít v aplikaci tmavý režim."),
        ("tr", "Uygulamada karanlık mod olsa daha iyi olur."),
        ("en", "Would love a dark mode in the app."),
    ],
)
def test_a_wish_is_not_praise(language: str, text: str) -> None:
    polarity, _terms = score_terms(text, load_lexicon(language))
    assert polarity <= 0.05
    assert scored(text)[1] != "positive"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Balík ležel tři dny na depu. Perfektní 🙃"),
        ("tr", "Paketim üç gündür depoda bekliyormuş. Mükemmel 🙄"),
        ("en", "The parcel sat in the depot for three days. Perfect 🙃"),
    ],
)
def test_praise_beside_an_eye_roll_is_irony_without_a_known_complaint(
    language: str, text: str
) -> None:
    polarity, label, _language = scored(text)
    assert polarity < 0 and label == "negative"


def test_clapping_alone_beside_praise_stays_praise() -> None:
    # 👏 is often meant: only a known complaint beside it makes it irony
    assert scored("Kurulum yarım saatte bitti, harika iş 👏")[1] == "positive"


@pytest.mark.parametrize(
    "text",
    ["Param iade edildi dediler ama 10 gündür yok", "Teknisyen 2 haftadır yok, arayan da yok"],
)
def test_a_span_of_waiting_with_nothing_complains(text: str) -> None:
    polarity, terms = score_terms(text, load_lexicon("tr"))
    assert polarity < 0
    assert scored(text)[1] == "negative"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("tr", "Üç yıldır müşterinizim, şikayet edecek bir şey bulamadım."),
        ("tr", "Siparişlerimde hiç şikayet edeceğim bir şey olmadı."),
        ("cs", "Jsem u vás šest let a nemám důvod odcházet."),
        ("en", "Zero problems since the new router arrived."),
    ],
)
def test_nothing_to_complain_of_is_praise(language: str, text: str) -> None:
    polarity, label, _language = scored(text)
    assert polarity > 0 and label == "positive"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Reklamace trvala strašně dlouho a bez upozornění mi zrušili objednávku."),
        ("cs", "Po druhém praní se mikina rozpadla."),
        ("cs", "Doprava za 150 Kč k objednávce za 200? To si nechte."),
        ("tr", "Bankamatik kartımı yuttu, şubede de kimse ilgilenmedi."),
        ("en", "The fine print says the price goes up after six months."),
        ("en", "The payment page times out every time I try to pay."),
        ("en", "Rang the helpline twice and it hung up on me both times."),
        ("en", "£3 fee to pay by card. Sneaky."),
        # a fault that repeats, an ongoing wait, sarcasm spelled out, a vow never to return
        ("en", "The app logs me out halfway through a transfer every single day."),
        ("en", "A reliable router, said no one ever"),
        ("cs", "Na vrácení peněz za bundu čekám už 16 dní."),
        ("cs", "Poplatek za výběr z bankomatu 40 Kč, to je vtip."),
        ("tr", "Bu kargo firmasına bir daha adım atarsam iki olsun."),
        ("tr", "Üç ay üst üste faturam yanlış geldi."),
    ],
)
def test_complaint_facts_of_service_comments_are_negative(language: str, text: str) -> None:
    polarity, label, detected = scored(text)
    assert detected == language
    assert polarity < 0 and label == "negative"


def test_fine_alone_is_an_answer_not_praise() -> None:
    assert scored("Fine.")[1] == "neutral"
