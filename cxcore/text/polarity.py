"""A text's polarity from a lexicon: the terms it holds and the words that turn them.

A text scores the sum of its terms (words, stems and phrases of `cxcore.text.lexicon`),
each turned by the words around it:

- negation flips a term (Turkish -me/-ma/-mez/-sız and "değil"/"yok" after it; Czech
  "ne-" on the word and "není"/"bez" before it; English "not"/"never" before it), within
  its clause; two negations keep it ("memnun değilim desem yalan olur");
- intensifiers and softeners before a term scale it (çok, velmi, very; biraz, trochu);
- after "ama/ale/but" a sentence's terms weigh more and before it less;
- emoji never flip a complaint, and praise beside a complaint with an irony cue counts
  against.

URLs, @handles and names with a capital inside are removed first (`mask_names`).

The sum s becomes a polarity s / sqrt(s² + 1) in -1..1.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from cxcore.text.lexicon import (
    _SKIN_AND_VARIATION,
    Lexicon,
    _flip,
    _pattern_matches,
    _plain,
    _Word,
    fold_case,
)

__all__ = ["Term", "has_known_word", "mask_names", "score_ruled", "score_terms", "score_text"]

# How far modifiers reach, in words; never across . ! ? ; or a line break.
_INTENSIFIER_REACH = 2
_NEGATOR_REACH_BEFORE = 3
_NEGATOR_REACH_AFTER = 2
_BEFORE_CONTRAST = 0.5
_AFTER_CONTRAST = 1.5
_SATURATION = 1.0
_DOUBLE_NEGATION = 0.8  # two negations keep the word, a little weaker
_IRONY = 0.8  # praise read as irony counts this share of itself against
_SMILE_CAP = 0.5  # smileys beside a complaint take back at most half of it
_SYMBOL_SHARE = 0.6  # an emoji or emoticon against the words weighs a little over half

# Emoticons as they look after lower-casing (":D" is ":d" by then).
# One that starts with : ; = may be typed against the word before it ("zamanı:)"); a row
# of two or more bare ")" is a smile in Turkish and Czech chat ("geldik ))))").
_EMOTICON = (
    r"(?:(?:(?<!\w)[8x]|[:;=])['\-^o]?[()\[\]dpo3/\\|*]+|(?<!\w)[()\]]['\-^]?[:;=]"
    r"|<3+|</3|(?<!\w)\^_?\^|(?<!\w)-_-|(?<!\w)t_t|(?<!\S)\){2,})"
)
# Mouths typed many times (":)))))", ":(((((") read as the longest form listed.
_MOUTHS = re.compile(r"([()\[\]])\1{3,}")
_URL = re.compile(r"https?://\S+|www\.\S+")
# A handle names an account ("@SuperDestek"), not a feeling; a word with a capital inside
# it ("TurkTelekom", "SuperOnline") is a name too, unless it is a hashtag, whose words count.
_LOWER = "a-zà-ÿçğışöüčďěňřšťůž"
_UPPER = "A-ZÀ-ÞÇĞİÖŞÜČĎĚŇŘŠŤŮŽ"
_HANDLE = re.compile(r"@\w+")
_NAME = re.compile(rf"(?<![\w#])[^\W\d_]*[{_LOWER}][{_UPPER}][^\W_]*")
_HASHTAG_WORD = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}])")
_HAS_CAPITAL_INSIDE = re.compile(rf"[{_LOWER}][{_UPPER}]")
_TOKEN = re.compile(
    rf"(?P<emoticon>(?=[:;=8x()\]<^\-t]){_EMOTICON}(?!\w))"  # one look rules most tokens out
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<stop>[.!?;\n]+)"
    r"|(?P<clause>[,،]|\s[-–—]\s)"
    r"|(?P<symbol>[^\w\s.,!?;:'\"()\[\]{}<>/\\|*^=+\-_@#&%$~`])",
)


@dataclass(frozen=True)
class Term:
    """One word or phrase that moved a score: its text, position and signed contribution."""

    text: str
    start: int
    end: int
    value: float


@dataclass(frozen=True)
class _Token:
    """A word, emoticon or sentence stop of a text, folded for matching."""

    key: str  # folded; the lookup key
    shown: str  # as written (folded case), for explanations
    stop: bool = False
    plain: str = ""  # accent-free key, for phrases
    clause: bool = False  # a comma or dash: negation and intensifiers do not reach across
    symbol: bool = False  # an emoji or emoticon


# Shared, never changed: a sentence stop after the last token, and a stop's (empty) word.
_END = _Token(key="", shown="", stop=True)
_NOTHING = _Word()


def _tokenize(text: str, language: str) -> list[_Token]:
    """Folded tokens of a text, with sentence stops kept as boundaries."""
    text = mask_names(text)
    folded = fold_case(text, language)
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(folded):
        token = _token_of(match.lastgroup, match.group())
        if token is not None:
            tokens.append(token)
    return tokens


def mask_names(text: str) -> str:
    """A text without URLs, @handles and names written with a capital inside; the words of
    a hashtag stay, split where their capitals are ("#KötüHizmet" reads "Kötü Hizmet")."""
    if "http" in text or "www." in text:  # the only ways _URL can match
        text = _URL.sub(" ", text)
    if "&" in text:  # exports of tweets keep HTML entities: "&lt;3" is "<3"
        text = html.unescape(text)
    if "@" in text:
        text = _HANDLE.sub(" ", text)
    if not text[1:].islower() and _HAS_CAPITAL_INSIDE.search(text):  # islower: no capital
        text = _NAME.sub(" ", text)
        if "#" in text:
            text = _HASHTAG_WORD.sub(" ", text)
    return text


@lru_cache(maxsize=1 << 18)
def _token_of(kind: str | None, piece: str) -> _Token | None:
    """The token of one matched piece (None for a bare emoji modifier); made once per
    distinct piece, since comments repeat their words. Tokens are shared: never changed."""
    if kind == "stop":
        return _Token(key="", shown=piece, stop=True)
    if kind == "clause":
        return _Token(key="", shown=piece.strip(), clause=True)
    if kind == "symbol":
        piece = _SKIN_AND_VARIATION.sub("", piece)
        if not piece:
            return None
    if kind == "emoticon":
        piece = "))" if piece.startswith("))") else _MOUTHS.sub(r"\1\1\1", piece)
    key = piece.replace("’", "'") if kind == "word" else piece
    return _Token(key=key, shown=piece, plain=_plain(key), symbol=kind != "word")


def has_known_word(text: str, lexicon: Lexicon) -> bool:
    """Whether any word of a text is a listed word, intensifier or negator of `lexicon`."""
    for token in _tokenize(text, lexicon.language):
        if token.stop or token.clause:
            continue
        word = lexicon.word(token.key)
        if (word.weight or word.intensity or word.negator) and token.key.isalpha():
            if not lexicon.is_laughter(token.key):  # a laugh tells no language
                return True
    return False


def _match_phrase(lexicon: Lexicon, tokens: list[_Token], i: int) -> tuple[int, float] | None:
    """(length, value) of the longest phrase starting at token i, matched accent-free."""
    first = tokens[i].plain
    if not lexicon.phrases_from(first):
        return None  # most words start no phrase
    second = tokens[i + 1].plain if i + 1 < len(tokens) else ""
    for phrase, value in lexicon.phrases_from_pair(first, second):
        n = len(phrase)
        if i + n > len(tokens):
            continue
        if n <= 2 or all(
            _pattern_matches(p, tokens[i + k].plain) for k, p in enumerate(phrase[2:], 2)
        ):
            return n, value
    return None


@dataclass
class _Span:
    """A scored unit before modifiers: one word or one phrase."""

    start: int
    end: int
    value: float


def _spans(lexicon: Lexicon, tokens: list[_Token], words: list[_Word]) -> list[_Span]:
    """Sentiment-bearing words and phrases, left to right, phrases first."""
    spans: list[_Span] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.stop and not token.clause and lexicon.phrases:
            phrase = _match_phrase(lexicon, tokens, i)
            if phrase is not None:
                spans.append(_Span(i, i + phrase[0], phrase[1]))
                i += phrase[0]
                continue
        weight = words[i].weight
        if weight is not None and weight != 0.0:
            spans.append(_Span(i, i + 1, weight))
        i += 1
    return spans


def _reach(
    tokens: list[_Token], start: int, step: int, limit: int, skip_short: bool = False
) -> list[int]:
    """Indexes of up to `limit` tokens from `start` in direction `step`, within the clause:
    never across a sentence stop, a comma or a dash.

    With `skip_short`, words of one or two letters do not use up the reach: Czech puts
    clitics between an intensifier and its word ("hrozně se mi to líbilo").
    """
    found: list[int] = []
    counted = 0
    i = start + step
    while 0 <= i < len(tokens) and counted < limit:
        token = tokens[i]
        if token.stop or token.clause:
            break
        found.append(i)
        counted += not (skip_short and len(token.key) <= 2)
        i += step
    return found


def _sentence_contrast(tokens: list[_Token], words: list[_Word]) -> list[float]:
    """Per-token weight from contrast words: the clause after "ama/ale/but" counts more."""
    factors = [1.0] * len(tokens)
    if not any(word.contrast for word in words):
        return factors  # most comments
    sentence_start = 0
    for i, token in enumerate([*tokens, _END]):
        if not token.stop:
            continue
        pivots = [k for k in range(sentence_start, i) if words[k].contrast]
        if pivots:
            pivot = pivots[-1]
            for k in range(sentence_start, pivot):
                factors[k] = _BEFORE_CONTRAST
            for k in range(pivot + 1, i):
                factors[k] = _AFTER_CONTRAST
        sentence_start = i + 1
    return factors


def score_text(text: str, lexicon: Lexicon) -> float:
    """Polarity in -1..1 of a text (the fast path: no explanation is built)."""
    return _score(text, lexicon, with_text=False)[0]


def score_terms(text: str, lexicon: Lexicon) -> tuple[float, list[Term]]:
    """(polarity in -1..1, the terms that moved it, each with its signed raw value)."""
    return _score(text, lexicon, with_text=True)


def _score(text: str, lexicon: Lexicon, with_text: bool) -> tuple[float, list[Term]]:
    """Polarity and terms (none unless `with_text`: the fast path keeps only the sum)."""
    polarity, terms, _ruled = score_ruled(text, lexicon, with_text)
    return polarity, terms


def score_ruled(
    text: str, lexicon: Lexicon, with_text: bool = False
) -> tuple[float, list[Term], bool]:
    """(polarity, terms, whether a rule of the language decided it: a phrase or idiom, a
    double negation or irony). The English blend trusts the lexicon more where one did."""
    tokens = _tokenize(text, lexicon.language)
    words = [lexicon.word(t.key) if t.key else _NOTHING for t in tokens]
    contrast = _sentence_contrast(tokens, words)
    used_as_modifier: set[int] = set()
    negator_used: set[int] = set()
    spans = _spans(lexicon, tokens, words)
    ruled = False
    found: list[tuple[str, int, int, float]] = []  # (shown, start, end, value) as in Term
    for index, span in enumerate(spans):
        value = span.value
        ruled = ruled or span.end - span.start > 1  # a phrase: an idiom, litotes...
        next_start = spans[index + 1].start if index + 1 < len(spans) else len(tokens)
        for k in _reach(tokens, span.start, -1, _INTENSIFIER_REACH, skip_short=True):
            if words[k].intensity is not None:
                value *= words[k].intensity  # type: ignore[operator]
                used_as_modifier.add(k)
        negations = [
            k
            for k in _reach(tokens, span.start, -1, _NEGATOR_REACH_BEFORE, skip_short=True)
            if words[k].negator == "before"
        ]
        after = _reach(tokens, span.end - 1, 1, _NEGATOR_REACH_AFTER)
        for k in after:
            if k >= next_start:  # a word after negates only the nearest term before it
                break
            if words[k].negator == "after":
                negations.append(k)
        if tokens[span.start].symbol:
            negations = []  # "bez 🙄": an emoji is never negated
        if words[span.start].self_negated and span.end - span.start == 1:
            # negative concord: "nikdy nefungoval" is one negation, not two; a second
            # negator after the word still cancels it ("memnun değilim desem")
            negations = [k for k in negations if k > span.start]
            if negations:
                negations = [*negations, span.start]
        if len(negations) >= 2 and len(negations) % 2 == 0:
            value *= _DOUBLE_NEGATION  # litotes: "memnun değilim desem yalan olur"
            ruled = True
        elif negations:
            value = _flip(value)
        negator_used.update(k for k in negations if k != span.start)
        value *= contrast[span.start]
        shown = ""
        if with_text:
            shown = " ".join(t.shown for t in tokens[span.start : span.end])
            if negations:
                shown = _with_negators(tokens, span, [k for k in negations if k != span.start])
        # Plain tuples: a Term (a frozen dataclass) is made only when one is shown.
        found.append((shown, span.start, span.end, max(-1.5, min(1.5, value))))
    # An intensifier that also has a sentiment of its own ("hrozně", "terribly") counts as
    # an intensifier when a term follows it, and as a word only when it stands alone.
    found = [t for t in found if not (t[2] - t[1] == 1 and t[1] in used_as_modifier)]
    found += _lone_negators(tokens, words, negator_used, contrast, found)
    if len(found) > 1 or (found and tokens[found[0][1]].symbol):
        found, ironic = _ironic_and_symbols(lexicon, tokens, found)
        ruled = ruled or ironic
    total = sum([t[3] for t in found])
    polarity = total / math.sqrt(total * total + _SATURATION)
    if not with_text:
        return polarity, [], ruled
    return polarity, sorted((Term(*t) for t in found), key=lambda t: t.start), ruled


def _opens_text(tokens: list[_Token], start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether a term opens the text as an interjection: at most one word before it, and
    after it (past words of one or two letters, "ya") a comma, a stop or an "again" word
    ("Harika, yine...", "Sağ olun ya yine...", "Fakt díky, zase...")."""
    if start > 1:
        return False
    k = end
    while (
        k < len(tokens) and not tokens[k].stop and len(tokens[k].key) <= 2 and not tokens[k].clause
    ):
        k += 1
    return (
        k == len(tokens)
        or tokens[k].stop
        or tokens[k].clause
        or (tokens[k].plain in lexicon.again_words)
    )


def _closes_text(tokens: list[_Token], start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether a term is a closing interjection (`closing_irony`) alone in the last sentence,
    after a sentence stop: "Kargo yine gecikti. Tebrikler.", "Zase výpadek. Gratuluji!".
    It turns against only when the sentences before it complain on balance."""
    if tokens[start].plain not in lexicon.closing_irony:
        return False
    k = start - 1
    while k >= 0 and not tokens[k].stop:
        if not tokens[k].symbol and len(tokens[k].key) > 2:
            return False
        k -= 1
    if k < 0:
        return False
    return all(t.stop or t.symbol or len(t.key) <= 2 for t in tokens[end:])


def _ironic_and_symbols(
    lexicon: Lexicon, tokens: list[_Token], found: list[tuple[str, int, int, float]]
) -> tuple[list[tuple[str, int, int, float]], bool]:
    """Terms after two rules on emoji and irony, and whether either decided the score.

    An emoji or emoticon that disagrees with the words weighs 0.6 of itself, and smileys
    beside a complaint take back at most half of it ("kargo yine gecikti :D" stays
    negative). Praise beside a complaint is irony when a cue marks it: with an eye-roll or
    clapping emoji every praise word counts against ("Harika, yine 2 saat bekledim 👏");
    with an "again" word only praise that opens the text does ("Fakt díky, zase bez
    signálu", "Great, my flight got cancelled again").
    """
    complaint = praise = has_symbol = False
    for t in found:  # one pass: most comments have no symbol and one sign only
        if tokens[t[1]].symbol:
            has_symbol = True
        elif t[3] < 0:
            complaint = True
        elif t[3] > 0:
            praise = True
    if not has_symbol and not (complaint and praise):
        return found, False
    symbols = [t for t in found if tokens[t[1]].symbol]
    words_only = [t for t in found if not tokens[t[1]].symbol]
    if not words_only:
        return found, False
    ironic = False
    # An eye-roll or upside-down face is never praise: the praise beside it is irony even
    # where no word of the complaint is known ("Valiz İzmir'de kalmış, harika planlama 🙃").
    alone = praise and any(tokens[t[1]].key in lexicon.irony_alone for t in symbols)
    if (complaint and praise) or alone:
        if alone or any(tokens[t[1]].key in lexicon.irony_symbols for t in symbols):
            ironic = True
            words_only = [(s, a, b, -v * _IRONY if v > 0 else v) for s, a, b, v in words_only]
        elif lexicon.closing_irony and _closes_text(
            tokens, (closer := max(words_only, key=lambda t: t[1]))[1], closer[2], lexicon
        ):
            if closer[3] > 0 and sum(t[3] for t in words_only) - closer[3] < 0:
                ironic = True
                words_only = [
                    (s, a, b, -v * _IRONY if (a, b) == closer[1:3] else v)
                    for s, a, b, v in words_only
                ]
        elif lexicon.again_words and any(t.plain in lexicon.again_words for t in tokens):
            opener = min(words_only, key=lambda t: t[1])
            if opener[3] > 0 and _opens_text(tokens, opener[1], opener[2], lexicon):
                ironic = True
                words_only = [
                    (s, a, b, -v * _IRONY if (a, b) == opener[1:3] else v)
                    for s, a, b, v in words_only
                ]
    if not symbols:
        return words_only, ironic
    word_sum = sum(t[3] for t in words_only)
    kept = []
    for shown, start, end, value in symbols:
        if tokens[start].key in lexicon.irony_symbols and (complaint or alone):
            value = -abs(value)
        elif value * word_sum < 0:
            value *= _SYMBOL_SHARE  # against the words, a smiley weighs a little over half
        kept.append((shown, start, end, value))
    smiles = sum(t[3] for t in kept if t[3] > 0)
    if word_sum < 0 and smiles > -word_sum * _SMILE_CAP:
        # "kargo yine gecikmiş :D" stays a complaint: the smileys soften it, never flip it
        ironic = True
        scale = -word_sum * _SMILE_CAP / smiles
        kept = [(s, a, b, v * scale if v > 0 else v) for s, a, b, v in kept]
    return [*words_only, *kept], ironic


def _with_negators(tokens: list[_Token], span: _Span, negations: list[int]) -> str:
    """A term's text together with the words that negated it, in text order."""
    positions = sorted({*range(span.start, span.end), *negations})
    return " ".join(tokens[k].shown for k in positions)


def _lone_negators(
    tokens: list[_Token],
    words: list[_Word],
    negator_used: set[int],
    contrast: list[float],
    found: list[tuple[str, int, int, float]],
) -> list[tuple[str, int, int, float]]:
    """Own sentiment of negators that negated nothing ("stokta yok", "gelmedi")."""
    lone = [k for k, word in enumerate(words) if word.negator and word.negator_weight]
    if not lone:
        return []  # most comments
    inside = {k for _, start, end, _ in found for k in range(start, end)}
    return [
        (tokens[k].shown, k, k + 1, words[k].negator_weight * contrast[k])
        for k in lone
        if k not in inside and k not in negator_used
    ]
