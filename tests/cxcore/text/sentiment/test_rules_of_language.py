"""The failure classes of issue 21, each a rule of the language, in Turkish, Czech and English.

Every sentence here was written for these tests; none comes from a labelled set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.text import sentiment
from cxcore.text.polarity import mask_names
from cxcore.text.sentiment import rules


def scored(text: str) -> tuple[float, str]:
    row = sentiment.score_texts([text]).iloc[0]
    return float(row[F.SENTIMENT]), str(row[F.SENTIMENT_LABEL])


NEGATIVE = [
    # names and handles that hold a sentiment word
    ("tr", "Superonline bugün de çöktü"),
    ("tr", "@SuperHat iki gündür cevap yok"),
    ("cs", "@SuperSit internet zase vypadává"),
    ("en", "@BestTelco my line has been down since Monday"),
    # irony: praise beside a complaint, with a cue
    ("tr", "Süper, yine faturaya ek ücret yansımış 🙄"),
    ("tr", "Sağ olun ya yine kesinti var"),
    ("cs", "Skvělé, zase dva dny bez internetu 🙄"),
    ("cs", "Fakt díky, opět nefunguje aplikace"),
    ("en", "Brilliant, the app crashed again 🙃"),
    ("en", "Great, another dropped call 👏 nobody knows why"),
    # contrast: the clause after the pivot weighs more
    ("tr", "Paket sağlam geldi ama ürün kırık çıktı"),
    ("cs", "Personál je milý, ale signál pořád vypadává"),
    ("en", "The staff were polite, but my refund still took forever"),
    # idioms
    ("tr", "Yeter artık, her ay aynı sorun"),
    ("tr", "Fena değil ama daha iyi olabilirdi"),
    ("cs", "Na pobočce nikdo nic neví"),
    ("cs", "Čekal jsem víc, tohle je nic moc"),
    ("en", "The new plan is okay at best"),
    ("en", "Honestly I expected better from a bank this size"),
    # complaint words of service comments
    ("tr", "Reklamdaki kampanya yanıltıcı"),
    ("tr", "Evde sinyal yok, telefon çekmiyor"),
    ("tr", "Bir departmandan diğerine aktarıldım, kimse bir şey bilmiyor"),
    ("cs", "Týden bez signálu po přenosu čísla"),
    ("cs", "Přehazují mě z oddělení do oddělení"),
    ("cs", "Klamavá nabídka, skryté poplatky"),
    ("en", "Total letdown, the broadband keeps dropping"),
    ("en", "Another outage this week and no reply from support"),
    ("en", "The offer was misleading"),
    # emoticons never flip a complaint
    ("tr", "Kargo yine 5 gün gecikti :D"),
    ("cs", "Technik nepřišel a nikdo se neozval :-D"),
    ("en", "Delivery late again and nobody answered :D"),
]

POSITIVE = [
    # litotes and double negation
    ("tr", "Hizmetten memnun değilim desem yalan olur"),
    ("tr", "Kötü diyemem, fena değil"),
    ("tr", "Şikayetim yok, her şey yolunda"),
    ("cs", "Nemůžu si stěžovat, vše běží"),
    ("cs", "Nemám si na co stěžovat"),
    ("cs", "Ten tarif není špatný"),
    ("en", "Could not be happier with the new router"),
    ("en", "Can't complain, the engineer sorted it"),
    ("en", "No complaints at all"),
    # negation stays in its clause
    ("tr", "Teslimat hızlıydı, sorun çıkmadı"),
    ("tr", "Kurulum kolaydı, hiç sorun yaşamadım"),
    ("cs", "Doručení rychlé, bez problémů"),
    ("en", "Setup was quick, no problems"),
    # praise with a cue but no complaint is not irony
    ("tr", "Harika iş çıkardınız 👏"),
    ("cs", "Super, zase o něco rychlejší internet"),
    ("en", "Great job again, thank you 👏"),
]


@pytest.mark.parametrize(("language", "text"), NEGATIVE)
def test_complaints_read_negative(language, text):
    polarity, label = scored(text)
    assert polarity < 0, (text, polarity)
    assert label == "negative"


@pytest.mark.parametrize(("language", "text"), POSITIVE)
def test_praise_and_litotes_read_positive(language, text):
    polarity, label = scored(text)
    assert polarity > 0, (text, polarity)
    assert label == "positive"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("@SuperDestek yazdım https://example.com/harika", "yazdım"),
        ("TurkTelekom ve SuperOnline", "ve"),
        ("#KötüHizmet yine", "#Kötü Hizmet yine"),
        ("#rezalet", "#rezalet"),
    ],
)
def test_handles_urls_and_names_are_masked_hashtags_kept(text, kept):
    assert " ".join(mask_names(text).split()) == kept


def test_hashtag_words_count():
    assert scored("Fatura yine yanlış #rezalet")[0] < scored("Fatura yine yanlış")[0]


def test_explanation_names_the_words_that_moved_it():
    words = [word for word, _share in sentiment.explain("Memnun değilim desem yalan olur")]
    assert "memnun değilim desem" in words
    shares = sentiment.explain("Harika, yine 2 saat bekledim 👏")
    assert dict(shares)["harika"] < 0


@pytest.mark.parametrize(
    ("polarity", "model", "label"),
    [
        (-0.01, "lexicon-tr", "negative"),
        (0.08, "lexicon-tr", "neutral"),
        (0.15, "lexicon-tr", "neutral"),
        (0.27, "lexicon-tr", "neutral"),
        (0.28, "lexicon-tr", "positive"),
        (0.19, "lexicon-cs", "neutral"),
        (0.21, "lexicon-cs", "positive"),
        (0.34, "vader+lexicon-en", "neutral"),
        (0.36, "vader+lexicon-en", "positive"),
        (-0.0009, "lexicon-cs", "neutral"),  # where the neutral model pulls a complaint to
        (0.04, None, "neutral"),
        (-0.04, "emoji-de", "neutral"),
    ],
)
def test_each_model_has_its_neutral_band(polarity, model, label):
    assert sentiment.label_for(polarity, model) == label


def test_labels_of_many_use_each_rows_model():
    polarity = np.array([0.21, 0.21, np.nan])
    models = np.array(["vader+lexicon-en", "lexicon-cs", None], dtype=object)
    assert rules._labels(polarity, models).tolist() == ["neutral", "positive", None]


def test_the_band_is_learned_from_passives():
    rng = np.random.default_rng(7)
    classes = np.array(["negative"] * 100 + ["neutral"] * 100 + ["positive"] * 100, dtype=object)
    centre = {"negative": -0.5, "neutral": 0.2, "positive": 0.7}
    polarity = np.array([centre[c] for c in classes]) + rng.normal(0, 0.08, len(classes))
    low, high = sentiment.neutral_band(polarity, classes)
    assert -0.35 <= low <= 0.0
    assert 0.35 <= high <= 0.55
    labels = rules._labels(polarity, np.array(["m"] * len(classes)), {"m": (low, high)})
    assert np.mean(labels == classes) > 0.9


def test_no_band_without_enough_passives():
    classes = np.array(["negative"] * 50 + ["neutral"] * 5 + ["positive"] * 50, dtype=object)
    assert sentiment.neutral_band(np.linspace(-1, 1, len(classes)), classes) is None


def test_score_classes_follow_nps_then_csat():
    frame = pd.DataFrame({F.NPS: [3, 7, 8, 10, None], F.CSAT: [5, 1, 3, 1, 3]})
    assert sentiment.score_classes(frame).tolist() == [
        "negative",
        "neutral",
        "neutral",
        "positive",
        "neutral",
    ]
