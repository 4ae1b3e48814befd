"""Language of a comment, offline, as an ISO 639-1 code ("tr", "cs", "en", ...).

Letters only one of our main languages uses decide first (Turkish ı ğ ş, Czech ř ě ů);
everything else goes to lingua, restricted to the languages customers actually write in,
which keeps it accurate on 2–20 word comments. Lingua ships its models in the wheel.
"""

from __future__ import annotations

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from cxcore.languages import CODES

__all__ = ["MAIN_LANGUAGES", "UNDETERMINED", "detect_language", "detect_languages"]

MAIN_LANGUAGES = CODES
UNDETERMINED = "und"  # ISO 639-2 "undetermined": emoji only, digits only, ...

# The languages we let lingua choose from: the survey languages, their neighbours
# (Slovak next to Czech) and the languages of expats and tourists we see in exports.
# Azerbaijani is left out on purpose: it would steal short Turkish comments.
_CANDIDATES = (
    Language.TURKISH,
    Language.CZECH,
    Language.ENGLISH,
    Language.SLOVAK,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.DUTCH,
    Language.POLISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.ARABIC,
)
_TURKISH_ONLY = frozenset("ıİğĞşŞ")
_CZECH_ONLY = frozenset("řŘěĚůŮ")
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|&\w+;")
_LETTER = re.compile(r"[^\W\d_]")
# Function words that only one main language uses: none is a word in the others, nor in
# German or Dutch ("ve" is Czech too, "to" and "my" are Czech, "we" and "is" are Dutch).
# Two of one language and none of another decide a comment without lingua, which is most
# of the cost of scoring a comment.
_FUNCTION_WORDS = {
    "tr": frozenset(
        "bir çok cok için icin ama bu ile gibi daha hiç hic değil degil kadar sonra biz "
        "olarak diye şey sey hem ürün urun kargo gün gun yok var çünkü cunku ancak fakat "
        "tavsiye ederim geldi oldu her kez ise bile artık artik hala hâlâ tek iki olan "
        "gerek lazım lazim güzel guzel iyi kötü kotu berbat rezalet hizmet sipariş siparis "
        "fatura teşekkürler tesekkurler".split()
    ),
    "en": frozenset(
        "the and with very you this that for not it have but they our are were been "
        "your just would what when there their has had day days today again thanks thank "
        "please service staff happy great good bad time times hours minutes never still "
        "got get after about from will can all out".split()
    ),
    "cs": frozenset(
        "jsem jsme jste se byl bylo byla pro velmi není když také taky mě moc ještě jestli "
        "proto protože což který která které jsou bude je ale už uz jen jak za ani nebo "
        "děkuji dekuji dobrý dobry nic vše vse všechno vsechno den dní dni krát krat".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
# Lingua's low-accuracy mode is as good as the full one on long texts, and ~10x faster;
# on shorter ones we trust it only when it is sure.
_LONG_TEXT = 120
_SURE_WORDS = 4
_SURE_CONFIDENCE = 0.8
# A short text that lingua gives to a minor language goes to a main one this close to it.
_SHORT_WORDS = 6
_MAIN_MARGIN = 0.6


@cache
def _detector(low_accuracy: bool = False) -> LanguageDetector:
    """The lingua detector, built once per process (models load on first use)."""
    builder = LanguageDetectorBuilder.from_languages(*_CANDIDATES)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def _clean(text: str) -> str:
    """Text without URLs, @mentions, #tags and HTML entities, which are not language."""
    return _NOISE.sub(" ", text).strip()


def _by_letters(text: str) -> str | None:
    """tr or cs when the text uses letters only that language has, else None."""
    turkish = sum(map(text.count, _TURKISH_ONLY))
    czech = sum(map(text.count, _CZECH_ONLY))
    if turkish > czech:
        return "tr"
    if czech > turkish:
        return "cs"
    return None


def _by_function_words(text: str) -> str | None:
    """tr, cs or en when 2+ function words of one and none of the others appear."""
    words = set(_WORD.findall(text.lower()))
    hits = {code: len(words & vocabulary) for code, vocabulary in _FUNCTION_WORDS.items()}
    found = [code for code, n in hits.items() if n]
    if len(found) == 1 and hits[found[0]] >= 2:
        return found[0]
    return None


def _code(language: Language | None) -> str:
    """ISO 639-1 code of a lingua language."""
    return UNDETERMINED if language is None else language.iso_code_639_1.name.lower()


def _prefer_main(text: str, code: str) -> str:
    """A main language instead of a minor one when lingua hesitates on a short text."""
    if code in MAIN_LANGUAGES or len(text.split()) > _SHORT_WORDS:
        return code
    confidences = _detector().compute_language_confidence_values(text)
    top = confidences[0].value if confidences else 0.0
    for candidate in confidences:
        name = _code(candidate.language)
        if name in MAIN_LANGUAGES and candidate.value >= _MAIN_MARGIN * top:
            return name
    return code


def _lingua(texts: list[str], long_texts: bool) -> list[str]:
    """Lingua's codes for texts: the fast low-accuracy mode first, the full one where unsure.

    Low-accuracy mode costs a tenth as much; it is kept only for texts of _SURE_WORDS or
    more words where it is at least _SURE_CONFIDENCE sure, where both modes agree.
    """
    codes = [UNDETERMINED] * len(texts)
    unsure: list[int] = []
    ranked = _detector(True).compute_language_confidence_values_in_parallel(texts)
    for i, (text, values) in enumerate(zip(texts, ranked, strict=True)):
        sure = values and values[0].value >= _SURE_CONFIDENCE
        if sure and (long_texts or len(text.split()) >= _SURE_WORDS):
            codes[i] = _code(values[0].language)
        else:
            unsure.append(i)
    if unsure:
        found = _detector().detect_languages_in_parallel_of([texts[i] for i in unsure])
        for i, language in zip(unsure, found, strict=True):
            codes[i] = _code(language)
    return codes


def detect_languages(texts: list[str]) -> list[str]:
    """ISO 639-1 code of each text, in order; "und" when a text has no letters."""
    codes: list[str | None] = []
    pending: dict[bool, list[int]] = {False: [], True: []}
    cleaned = [_clean(t) for t in texts]
    for i, text in enumerate(cleaned):
        if not _LETTER.search(text):
            codes.append(UNDETERMINED)
            continue
        codes.append(_by_letters(text) or _by_function_words(text))
        if codes[-1] is None:
            pending[len(text) > _LONG_TEXT].append(i)
    for low_accuracy, indices in pending.items():
        if not indices:
            continue
        found = _lingua([cleaned[i] for i in indices], low_accuracy)
        for i, code in zip(indices, found, strict=True):
            codes[i] = _prefer_main(cleaned[i], code)
    return [c or UNDETERMINED for c in codes]


def detect_language(text: str) -> str:
    """ISO 639-1 code of one text ("tr", "cs", "en", ...); "und" when it has no letters."""
    return detect_languages([text])[0]
