"""The tone of one comment: its cache key, its language hint and the scorer its language uses.

Turkish and Czech: our lexicons (`cxcore.text.polarity`). English: VADER and our lexicon.
Other languages: emoji and emoticons only. Worker processes run `_score_chunk`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

import numpy as np

from cxcore.languages import CODES, lexicon_of
from cxcore.text.language import MAIN_LANGUAGES, detect_languages
from cxcore.text.lexicon import load_lexicon
from cxcore.text.polarity import has_known_word, mask_names, score_ruled, score_text
from cxcore.text.sentiment.neutral import PULL, load_neutral
from cxcore.text.sentiment.prior import feature_keys, load_prior
from cxcore.text.stopwords import stop_words

__all__ = ["NEUTRAL_BAND", "NEUTRAL_BANDS", "label_for"]

NEUTRAL_BAND = 0.05
# Where neutral lies, per model: (highest negative, lowest positive polarity). Chosen on the
# tune parts with the learned prior and the neutral model blended in
# (bench/sentiment_prior_grid.py --neutral, round eight of issue 21, docs/benchmarks.md) so the
# label agrees with people: the service files (scored by priors and neutral models that never
# saw them) weigh half, the public tune halves with a neutral class the
# other half. A model learned from a survey's scores finds its own band from the passives
# (`learned.neutral_band`). Models not listed use ±NEUTRAL_BAND.
NEUTRAL_BANDS: dict[str, tuple[float, float]] = {
    "lexicon-tr": (-0.001, 0.275),
    "lexicon-cs": (-0.001, 0.20),
    "vader+lexicon-en": (-0.001, 0.35),
}
# English: weights of VADER compound, TextBlob polarity and our lexicon. Measured on both
# English sets (docs/benchmarks.md): VADER beats TextBlob, our lexicon beats both, and
# adding TextBlob to VADER + lexicon gains < 0.003 AUC for twice the time, so it is left out.
_ENGLISH_WEIGHTS = {"vader": 0.5, "textblob": 0.0, "lexicon": 0.5}
# Where a rule of the language decided the lexicon's score (an idiom, litotes, irony),
# VADER, which knows none of them, keeps only this share of the blend.
_VADER_SHARE_RULED = 0.15
_HINT_WORDS = 3
# A short ASCII text is English when most of its words are English stop words or words of
# the English lexicon: lingua calls short English tweets German or Slovak ("Stupid hayfever").
_ENGLISH_WORDS_MAX = 25
_ENGLISH_KNOWN_MIN = 2
_ENGLISH_KNOWN_SHARE = 0.6
# Everyday English words beside the stop words; none is a Czech or Turkish word.
_ENGLISH_EVERYDAY = frozenset(
    "go goes going went gone want wants wanted make makes made tell told say says said stay "
    "home bed work need needs know knew think see saw come came take took give gave look "
    "feel felt keep kept tonight tomorrow yesterday morning night week now here where why "
    "how who which off out up down back over into yet never ever always".split()
)
_ASCII_WORD = re.compile(r"[a-z]{2,}")
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|&\w+;")
# Words VADER counts as positive that tweets use for tone, not feeling: "lol" follows a
# complaint as often as a joke ("my flight got cancelled lol").
_VADER_NEUTRAL = ("lol", "lols")


def _band(model: str | None) -> tuple[float, float]:
    """The neutral band of a model (±NEUTRAL_BAND when it has none of its own)."""
    return NEUTRAL_BANDS.get(model or "", (-NEUTRAL_BAND, NEUTRAL_BAND))


def label_for(polarity: float, model: str | None = None) -> str:
    """negative / neutral / positive for a polarity in -1..1 from `model` (its band)."""
    low, high = _band(model)
    if polarity <= low:
        return "negative"
    if polarity >= high:
        return "positive"
    return "neutral"


def _labels(
    polarity: np.ndarray,
    models: np.ndarray | None = None,
    bands: dict[str, tuple[float, float]] | None = None,
) -> np.ndarray:
    """`label_for` of each polarity at once, None where it is NaN. `bands` adds or
    replaces bands of models (those a survey's scores taught)."""
    polarity = np.asarray(polarity, dtype=float)
    low = np.full(len(polarity), -NEUTRAL_BAND)
    high = np.full(len(polarity), NEUTRAL_BAND)
    if models is not None:
        models = np.asarray(models, dtype=object)
        for model, (lo, hi) in {**NEUTRAL_BANDS, **(bands or {})}.items():
            rows = models == model
            low[rows], high[rows] = lo, hi
    # Indexing an object array shares its three strs (np.where(...).astype(object) made a
    # new str per row: a million labels, 50 MB).
    names = np.array(["negative", "neutral", "positive"], dtype=object)
    labels = names[np.where(polarity <= low, 0, np.where(polarity >= high, 2, 1))]
    labels[np.isnan(polarity)] = None
    return labels


def _normalize(text: str) -> str:
    """The cache key of a comment: NFC, single spaces, no outer blanks.

    `str.split` splits on exactly the characters `\\s` matches, at half a regex's cost.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


@cache
def _vader() -> Any:
    """VADER's analyzer, built once per process (it reads its lexicon on creation)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    for word in _VADER_NEUTRAL:
        analyzer.lexicon.pop(word, None)
    return analyzer


@cache
def _textblob() -> Any:
    """TextBlob's English pattern scorer (the same one TextBlob(...).sentiment uses)."""
    from textblob.en import sentiment

    return sentiment


def _english_part(name: str, text: str) -> float:
    """One English scorer's polarity in -1..1."""
    if name == "vader":
        return float(_vader().polarity_scores(text)["compound"])
    if name == "textblob":
        return float(_textblob()(text)[0])
    return score_text(text, load_lexicon("en"))


def _english_polarity(text: str) -> float:
    """The English blend (weights in _ENGLISH_WEIGHTS; a zero weight skips the scorer)."""
    return _english_ruled(text)[0]


def _english_ruled(text: str) -> tuple[float, bool]:
    """(the English blend, whether a rule of the language decided the lexicon's score).

    Every scorer reads the text without URLs, handles and names; where a rule of the
    language decided our lexicon's score, VADER's share falls to _VADER_SHARE_RULED.
    """
    masked = mask_names(text)
    lexicon, _terms, ruled = score_ruled(masked, load_lexicon("en"))
    weights = dict(_ENGLISH_WEIGHTS)
    if ruled:
        weights = {"vader": _VADER_SHARE_RULED, "textblob": 0.0, "lexicon": 1 - _VADER_SHARE_RULED}
    parts = {"lexicon": lexicon}
    blend = sum(
        w * (parts[k] if k in parts else _english_part(k, masked)) for k, w in weights.items() if w
    )
    return blend, ruled


def _english_model() -> str:
    """Name of the English model, from the parts that carry weight."""
    names = [k for k, w in _ENGLISH_WEIGHTS.items() if w > 0]
    return "+".join(names) + "-en"


def _rules_and_share(text: str, language: str) -> tuple[float, float | None, str | None]:
    """(the rules' polarity, the prior's share of the score, the prior's language).

    The prior file of the language holds two shares (`Prior.shares`, chosen on the tune
    parts by bench/sentiment_prior_grid.py): "beside" where the rules found a word, so the
    score is (1 − beside) × rules + beside × prior, and "alone" where the text holds no
    word the lexicon knows (alone × prior). None where a rule of the language decided (an
    idiom or other phrase, litotes, irony: the words' weights are not the point) or where
    the lexicon knows the words and they weigh nothing ("ne zaman").
    """
    lexicon = "en" if language == "en" else lexicon_of(language)
    beside, alone = load_prior(lexicon).shares if lexicon else (0.0, 0.0)
    polarity, gate, lexicon = _prior_gate(text, language, known=bool(alone))
    if lexicon is None or gate not in ("beside", "alone"):
        return polarity, None, lexicon
    return polarity, beside if gate == "beside" else alone, lexicon


def _prior_gate(text: str, language: str, known: bool = True) -> tuple[float, str, str | None]:
    """(the rules' polarity, where the prior may go: beside / alone / ruled / known /
    none, the lexicon's language or None). `known=False` skips looking for a known word
    in a text the rules scored 0 (it is "alone" then): no prior would go there anyway."""
    if language == "en":
        polarity, ruled = _english_ruled(text)
        lexicon = "en"
    elif found := lexicon_of(language):
        lexicon = found
        polarity, _terms, ruled = score_ruled(text, load_lexicon(lexicon))
    else:
        return score_text(text, load_lexicon("en")), "none", None
    if ruled:
        return polarity, "ruled", lexicon
    if polarity:
        return polarity, "beside", lexicon
    if known and has_known_word(text, load_lexicon(lexicon)):
        return polarity, "known", lexicon
    return polarity, "alone", lexicon


def _cold_start(text: str, language: str) -> tuple[float, str | None, bool]:
    """(the cold-start polarity, the lexicon's language or None, whether the neutral model
    pulled it toward 0).

    The rules, then the learned prior by its share (`_rules_and_share`), then the neutral
    model (`neutral.py`): where it is confident people would call the comment neutral, the
    score keeps PULL of itself, so its sign stays and its label is neutral. Not where a rule
    of the language decided (an idiom, litotes, irony: those are meant).
    """
    polarity, share, lexicon = _rules_and_share(text, language)
    if lexicon is None or share is None or not (polarity or share):
        return polarity, lexicon, False
    keys = feature_keys(text, lexicon)
    if share:
        polarity = (1 - share) * polarity + share * load_prior(lexicon).score_keys(keys)
    if polarity and load_neutral(lexicon).is_neutral(keys, text.count(" ") + 1):
        return polarity * PULL, lexicon, True
    return polarity, lexicon, False


def _score_one(text: str, language: str) -> tuple[float, str]:
    """(polarity, model) of one normalized text in a known language."""
    polarity, lexicon, _pulled = _cold_start(text, language)
    if language == "en":
        return polarity, _english_model()
    if lexicon:
        return polarity, f"lexicon-{lexicon}"
    # Other languages: only emoji and emoticons count; the English file is used for them
    # because English words are the ones most often mixed into foreign comments.
    return polarity, f"emoji-{language}"


def _with_vocabulary_hint(text: str, language: str) -> str:
    """The main language whose lexicon knows the words of a 1–3 word comment.

    Lingua cannot tell "bad" from Portuguese or "Berbat" from English; our lexicons can.
    """
    if len(text.split()) > _HINT_WORDS:
        return language
    if language in MAIN_LANGUAGES and has_known_word(text, load_lexicon(language)):
        return language
    for candidate in CODES:
        if candidate != language and has_known_word(text, load_lexicon(candidate)):
            return candidate
    return language


@cache
def _english_word(word: str) -> bool:
    """Whether a lower-case ASCII word is an English stop word or a word of the English lexicon."""
    if word in _ENGLISH_EVERYDAY or word in stop_words("en"):
        return True
    entry = load_lexicon("en").word(word)
    return bool(entry.weight is not None or entry.intensity or entry.negator or entry.contrast)


def _english_by_vocabulary(text: str, language: str) -> str:
    """en for a short ASCII text most of whose words English knows, else `language`."""
    if language == "en" or not text.isascii():
        return language
    words = _ASCII_WORD.findall(_NOT_WORDS.sub(" ", text).lower())
    if not words or len(words) > _ENGLISH_WORDS_MAX:
        return language
    known = sum(map(_english_word, words))
    if known >= _ENGLISH_KNOWN_MIN and known >= _ENGLISH_KNOWN_SHARE * len(words):
        return "en"
    return language


def _score_chunk(items: list[tuple[str, str]]) -> list[tuple[float, str]]:
    """(polarity, model) of (normalized text, language) pairs; runs in a worker when large."""
    return [_score_one(text, language) for text, language in items]


def _detect(keys: list[str]) -> list[str]:
    """Language of each normalized text, with the vocabulary hint for very short ones."""
    detected = detect_languages(keys)
    return [
        _english_by_vocabulary(k, _with_vocabulary_hint(k, lang))
        for k, lang in zip(keys, detected, strict=True)
    ]


def _joined(languages: list[str], scores: list[tuple[float, str]]) -> list[tuple[str, float, str]]:
    return [(lang, pol, model) for lang, (pol, model) in zip(languages, scores, strict=True)]
