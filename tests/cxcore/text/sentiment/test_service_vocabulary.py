"""Round three of issue 21: short English text, service complaints and chat emoticons.

Every sentence here was written for these tests; none comes from a labelled set.
"""

from __future__ import annotations

import pytest

from cxcore import fields as F
from cxcore.text import sentiment
from cxcore.text.lexicon import load_lexicon
from cxcore.text.polarity import score_text


def scored(text: str) -> tuple[float, str, str]:
    row = sentiment.score_texts([text]).iloc[0]
    return float(row[F.SENTIMENT]), str(row[F.SENTIMENT_LABEL]), str(row[F.LANGUAGE])


@pytest.mark.parametrize(
    "text",
    [
        # lingua calls these Dutch and Turkish
        "Selma and me want to go too",
        "Mama made me go to bed",
        "Hana told me to stay in bed",
    ],
)
def test_short_ascii_text_of_english_words_is_english(text: str) -> None:
    assert scored(text)[2] == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("to je dobre, dekuji moc", "cs"),
        ("cok iyi ya, tesekkurler", "tr"),
        ("Boa noite a todos", "pt"),
    ],
)
def test_ascii_text_of_other_words_keeps_its_language(text: str, language: str) -> None:
    assert scored(text)[2] == language


@pytest.mark.parametrize(
    "text",
    [
        # English contractions without the apostrophe, and calls not returned
        "the router doesnt work since monday",
        "They never called back about my bill",
        "App keeps freezing at checkout, so laggy",
        # Czech: money taken or billed without cause
        "Strhli mi z účtu dvakrát stejnou částku",
        "Naúčtovali mi příplatek za papírovou fakturu",
        # Turkish: a refund refused, calls not returned, a thing that does not help
        "İade etmediler, paramı hâlâ alamadım",
        "Müşteri hizmetleri geri dönmedi",
        "Uygulama işe yaramıyor, sürekli takıldı",
        # idioms of service: a price called robbery, an app that crawls or breaks
        "Forty quid to cancel early? Daylight robbery",
        "The portal crawls every evening, basically unusable",
        "Chtějí po mně pokutu za výpověď, to je vydírání",
        "Aplikace spadne pokaždé, když otevřu fakturu",
        "Şikayet ettim, sonuç sıfır",
    ],
)
def test_service_complaints_are_negative(text: str) -> None:
    polarity, label, _language = scored(text)
    assert polarity < 0 and label == "negative", (text, polarity)


@pytest.mark.parametrize(
    ("language", "text", "sign"),
    [
        # an emoticon typed against the word before it
        ("tr", "Yeni tarife geldi:)", 1),
        ("cs", "Tak zase zítra:(", -1),
        # mouths typed many times, and a row of bare brackets as a smile
        ("tr", "Hafta sonu geliyoruz :)))))", 1),
        ("tr", "Otobüsü kaçırdım ;(((((", -1),
        ("cs", "Tak zítra ve škole ))))", 1),
    ],
)
def test_emoticons_typed_in_chat_count(language: str, text: str, sign: int) -> None:
    assert score_text(text, load_lexicon(language)) * sign > 0


def test_closing_brackets_of_a_remark_are_no_smile() -> None:
    assert score_text("Fatura geldi (ekim (kasım))", load_lexicon("tr")) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Changing the plan was dead easy, no fuss at all",
        "The new router was plug and play",
        "Banka nabídla nejnižší úrok ze všech",
        "Verdiğiniz bilgi gerçekten işime yaradı",
        "Kurulum beklentimin üstündeydi",
    ],
)
def test_service_praise_is_positive(text: str) -> None:
    polarity, label, _language = scored(text)
    assert polarity > 0 and label == "positive", (text, polarity)


@pytest.mark.parametrize(
    "text",
    [
        "Kargo yine gecikti, kutu ezik geldi. Tebrikler.",
        "Internet vypadl na celý víkend. Gratuluji!",
        "The app crashed twice during payment. Well done.",
    ],
)
def test_praise_closing_a_complaint_alone_is_irony(text: str) -> None:
    polarity, label, _language = scored(text)
    assert polarity < 0 and label == "negative", (text, polarity)


@pytest.mark.parametrize(
    "text",
    [
        "Ürün harika, paketleme özenli. Tebrikler.",  # praise closing praise
        "Paket gecikti ama ürün güzel. Bravo!",  # the sentences before praise on balance
        "Kargo geç geldi. Teşekkürler.",  # thanks are meant
    ],
)
def test_closing_praise_after_praise_or_thanks_is_not_irony(text: str) -> None:
    assert scored(text)[0] >= 0
