"""Lexicon sentiment for one language: words, stems, phrases and the rules that turn them.

The data lives in `cxcore/data/sentiment/<lang>.yaml` (format in docs/sentiment.md) plus
`common.yaml` for emoji and emoticons, which every language shares. A text scores the
sum of its terms, each turned by the words around it:

- negation flips a term (Turkish -me/-ma/-mez/-sız and "değil"/"yok" after it; Czech
  "ne-" on the word and "není"/"bez" before it; English "not"/"never" before it);
- intensifiers and softeners before a term scale it (çok, velmi, very; biraz, trochu);
- after "ama/ale/but" a sentence's terms weigh more and before it less.

The sum s becomes a polarity s / sqrt(s² + 1) in -1..1.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from cxcore.yamlfile import load_yaml

__all__ = [
    "DATA_DIR",
    "Lexicon",
    "Term",
    "fold_case",
    "load_lexicon",
    "score_terms",
    "score_text",
    "strip_accents",
]

DATA_DIR = Path(__file__).parent.parent / "data" / "sentiment"

# How far modifiers reach, in words; never across . ! ? ; or a line break.
_INTENSIFIER_REACH = 2
_NEGATOR_REACH_BEFORE = 3
_NEGATOR_REACH_AFTER = 2
# A negated positive is nearly as negative ("memnun değilim"); a negated negative is only
# mildly positive ("not bad", "fena değil").
_FLIP_POSITIVE = -0.9
_FLIP_NEGATIVE = -0.5
_BEFORE_CONTRAST = 0.5
_AFTER_CONTRAST = 1.5
_SATURATION = 1.0
_MIN_TWIN_STEM = 4

# Emoticons as they look after lower-casing (":D" is ":d" by then).
_EMOTICON = r"(?:[:;=8x]['\-^o]?[()\[\]dpo3/\\|*]+|[()\]]['\-^]?[:;=]|<3+|</3|\^_?\^|-_-|t_t)"
_URL = re.compile(r"https?://\S+|www\.\S+")
_TOKEN = re.compile(
    rf"(?P<emoticon>(?<!\w){_EMOTICON}(?!\w))"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<stop>[.!?;\n]+)"
    r"|(?P<symbol>[^\w\s.,!?;:'\"()\[\]{}<>/\\|*^=+\-_@#&%$~`])",
)
_SKIN_AND_VARIATION = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]")
_ASCII_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold_case(text: str, language: str) -> str:
    """Lower case as the language does it: Turkish İ→i and I→ı, which str.lower() gets wrong."""
    if language in ("tr", "az"):
        text = text.replace("İ", "i").replace("I", "ı")
    return unicodedata.normalize("NFC", text.lower())


def strip_accents(word: str) -> str:
    """The word as someone without a Turkish or Czech keyboard types it (ş→s, ı→i, ř→r)."""
    decomposed = unicodedata.normalize("NFD", word.translate(_ASCII_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Comments reuse a small vocabulary, so the accent-free form of each word is memoised.
_plain = lru_cache(maxsize=1 << 18)(strip_accents)


@dataclass(frozen=True)
class Term:
    """One word or phrase that moved a score: its text, position and signed contribution."""

    text: str
    start: int
    end: int
    value: float


@dataclass
class _Entries:
    """Exact words and stems (entries written with a trailing *), plus accent-free twins.

    A word typed entirely in ASCII ("cok guzel", "spokojeny") is looked up among the
    accent-free twins; a word with any accent only among the entries as written, so
    "nekvalitní" never matches the twin "nek" of "něk*".
    """

    exact: dict[str, float] = field(default_factory=dict)
    stems: dict[str, float] = field(default_factory=dict)
    ascii_exact: dict[str, float] = field(default_factory=dict)
    ascii_stems: dict[str, float] = field(default_factory=dict)
    longest: int = 0

    def add(self, entry: str, value: float) -> None:
        """Add one entry (a trailing * makes it a stem)."""
        is_stem = entry.endswith("*")
        key = entry.rstrip("*")
        (self.stems if is_stem else self.exact)[key] = value
        twin = strip_accents(key)
        # A short accent-free stem would swallow unrelated words ("hız*" as "hiz*" would
        # match "hizmet"), so short stems match ASCII words only when spelt the same.
        if not is_stem or twin == key or len(twin) >= _MIN_TWIN_STEM:
            (self.ascii_stems if is_stem else self.ascii_exact).setdefault(twin, value)
        self.longest = max(self.longest, len(key))

    def match(self, word: str) -> tuple[str, float] | None:
        """(matched stem or word, value) of the longest entry that `word` starts with."""
        exact, stems = (
            (self.ascii_exact, self.ascii_stems) if word.isascii() else (self.exact, self.stems)
        )
        if word in exact:
            return word, exact[word]
        for end in range(min(len(word), self.longest), 1, -1):
            stem = word[:end]
            if stem in stems:
                return stem, stems[stem]
        return None


@dataclass(frozen=True)
class _Word:
    """What one folded word does in a text (computed once per distinct word)."""

    weight: float | None = None  # its own sentiment, already flipped by its morphology
    intensity: float | None = None  # multiplier for the next terms
    negator: str | None = None  # "before" (negates what follows) or "after" (what precedes)
    negator_weight: float = 0.0  # its own sentiment when it negates nothing
    contrast: bool = False
    self_negated: bool = False  # negated by its own suffix or prefix (memnuniyetsiz, nefunguje)


@dataclass
class Lexicon:
    """Everything needed to score one language, read from its YAML file."""

    language: str
    words: _Entries
    intensifiers: _Entries
    negate_before: _Entries
    negate_after: _Entries
    phrases: dict[tuple[str, ...], float]
    contrast: frozenset[str]
    negative_suffix: re.Pattern[str] | None = None
    negative_verb: re.Pattern[str] | None = None
    negative_verb_weight: float = 0.0
    negation_prefix: str | None = None
    not_negation: _Entries = field(default_factory=_Entries)
    unknown_negated_weight: float = 0.0
    superlative_prefix: str | None = None
    superlative_intensity: float = 1.0
    _memo: dict[str, _Word] = field(default_factory=dict, repr=False)
    _phrase_memo: dict[str, list[tuple[tuple[str, ...], float]]] = field(
        default_factory=dict, repr=False
    )

    def phrases_from(self, plain: str) -> list[tuple[tuple[str, ...], float]]:
        """Phrases whose first word matches an accent-free word, longest first (memoised)."""
        found = self._phrase_memo.get(plain)
        if found is None:
            found = [
                (phrase, value)
                for phrase, value in self.phrases.items()
                if _pattern_matches(phrase[0], plain)
            ]
            found.sort(key=lambda item: -len(item[0]))
            if len(self._phrase_memo) > 500_000:
                self._phrase_memo.clear()
            self._phrase_memo[plain] = found
        return found

    def word(self, key: str) -> _Word:
        """What a folded word does, memoised (comments reuse a small vocabulary)."""
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 500_000:  # a bound, not a policy: vocabularies stay far below
                self._memo.clear()
            found = self._memo[key] = self._analyse(key)
        return found

    def knows(self, text: str) -> bool:
        """Whether any word of a text is a listed word, intensifier or negator here."""
        for token in _tokenize(text, self.language):
            if token.stop:
                continue
            word = self.word(token.key)
            if (word.weight or word.intensity or word.negator) and token.key.isalpha():
                return True
        return False

    def _lookup(self, entries: _Entries, key: str) -> tuple[str, float] | None:
        """The longest entry a word starts with (accent-free twins for ASCII words)."""
        return entries.match(key)

    def _analyse(self, key: str) -> _Word:
        """Classify a folded word: sentiment word, intensifier, negator or contrast."""
        contrast = key in self.contrast or _plain(key) in self.contrast
        intensity = self._lookup(self.intensifiers, key)
        before = self._lookup(self.negate_before, key)
        after = self._lookup(self.negate_after, key)
        weight, self_negated = self._weight(key)
        self_negated = self_negated or self._has_negation_prefix(key)
        if before or after:
            negator = "before" if before else "after"
            own = (before or after)[1]  # type: ignore[index]
            return _Word(weight=None, negator=negator, negator_weight=own, contrast=contrast)
        if weight is None and self._is_negative_verb(key):
            return _Word(negator="after", negator_weight=self.negative_verb_weight)
        return _Word(
            weight=weight,
            intensity=intensity[1] if intensity else None,
            contrast=contrast,
            self_negated=self_negated,
        )

    def _weight(self, key: str) -> tuple[float | None, bool]:
        """(sentiment of a word on its own after its suffixes and prefixes, self-negated)."""
        found = self._lookup(self.words, key)
        if found is not None:
            stem, value = found
            rest = key[len(stem) :]
            if self.negative_suffix and rest and self.negative_suffix.match(rest):
                return _flip(value), True
            return value, False
        by_prefix = self._weight_by_prefix(key)
        negated = by_prefix is not None and not self._is_superlative(key)
        return by_prefix, negated

    def _has_negation_prefix(self, key: str) -> bool:
        """Whether a word is a Czech ne- form (listed or not): it carries its own negation."""
        neg = self.negation_prefix
        if not neg or not key.startswith(neg) or len(key) <= len(neg) + 2:
            return False
        return not self._is_superlative(key) and self._lookup(self.not_negation, key) is None

    def _is_superlative(self, key: str) -> bool:
        """Whether a word carries the superlative prefix (Czech nej-)."""
        sup = self.superlative_prefix
        return bool(sup) and strip_accents(key).startswith(sup)  # type: ignore[arg-type]

    def _weight_by_prefix(self, key: str) -> float | None:
        """Czech "nej-" (superlative) and "ne-" (negation) on a word the lexicon knows."""
        plain = strip_accents(key)
        sup = self.superlative_prefix
        if sup and plain.startswith(sup) and len(plain) > len(sup) + 2:
            inner = self._lookup(self.words, key[len(sup) :])
            if inner is not None:
                return max(-1.0, min(1.0, inner[1] * self.superlative_intensity))
        neg = self.negation_prefix
        # "ně-" (něco, někdy) is never a negation; only "ne-" typed with or without accents.
        if neg and key.startswith(neg) and len(key) > len(neg) + 2:
            if self._lookup(self.not_negation, key) is not None:
                return None
            inner = self._lookup(self.words, key[len(neg) :])
            if inner is not None:
                return _flip(inner[1])
            if len(key) >= 6:
                return self.unknown_negated_weight or None
        return None

    def _is_negative_verb(self, key: str) -> bool:
        """A verb in its negative form (Turkish gelmedi, açılmıyor), whatever its stem."""
        return bool(self.negative_verb and self.negative_verb.match(key))


def _flip(value: float) -> float:
    """A negated value: positives turn firmly negative, negatives mildly positive."""
    return value * (_FLIP_POSITIVE if value > 0 else _FLIP_NEGATIVE)


def _entries(mapping: dict[str, Any] | list[str] | None, default: float = 0.0) -> _Entries:
    """_Entries from a YAML mapping of word → value, or a list of words (value `default`)."""
    entries = _Entries()
    if isinstance(mapping, list):
        mapping = dict.fromkeys(mapping, default)
    for entry, value in (mapping or {}).items():
        entries.add(str(entry).strip().lower(), float(value))
    return entries


def _phrase_key(phrase: str, language: str) -> tuple[str, ...]:
    """A phrase as a tuple of accent-free folded words."""
    return tuple(strip_accents(w) for w in fold_case(phrase, language).split())


def _read_yaml(path: Path) -> dict[str, Any]:
    """One lexicon file as a dict (empty when the file is empty)."""
    with path.open(encoding="utf-8") as handle:
        return load_yaml(handle) or {}


def _build(language: str, data: dict[str, Any], common: dict[str, Any]) -> Lexicon:
    """A Lexicon from the parsed YAML of a language plus the shared emoji file."""
    words = _entries(data.get("words"))
    phrases: dict[tuple[str, ...], float] = {}
    for phrase, value in (data.get("phrases") or {}).items():
        phrases[_phrase_key(str(phrase), language)] = float(value)
    for symbol, value in (common.get("symbols") or {}).items():
        key = _SKIN_AND_VARIATION.sub("", str(symbol)).lower()
        words.exact[key] = words.ascii_exact[key] = float(value)  # never a stem, even ":-*"
    negators = data.get("negators") or {}
    morphology = data.get("morphology") or {}
    suffix = morphology.get("negative_suffix")
    verb = morphology.get("negative_verb")
    prefix = morphology.get("negation_prefix") or {}
    superlative = morphology.get("superlative_prefix") or {}
    return Lexicon(
        language=language,
        words=words,
        intensifiers=_entries(data.get("intensifiers")),
        negate_before=_entries(negators.get("before")),
        negate_after=_entries(negators.get("after")),
        phrases=phrases,
        contrast=frozenset(strip_accents(fold_case(w, language)) for w in data.get("contrast", [])),
        negative_suffix=re.compile(suffix) if suffix else None,
        negative_verb=re.compile(verb["pattern"]) if verb else None,
        negative_verb_weight=float(verb["weight"]) if verb else 0.0,
        negation_prefix=prefix.get("prefix"),
        not_negation=_entries(prefix.get("not_negation")),
        unknown_negated_weight=float(prefix.get("unknown_word_weight", 0.0)),
        superlative_prefix=superlative.get("prefix"),
        superlative_intensity=float(superlative.get("intensity", 1.0)),
    )


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of a language (tr, cs, en), read once per process."""
    common = _read_yaml(DATA_DIR / "common.yaml")
    return _build(language, _read_yaml(DATA_DIR / f"{language}.yaml"), common)


@dataclass(frozen=True)
class _Token:
    """A word, emoticon or sentence stop of a text, folded for matching."""

    key: str  # folded; the lookup key
    shown: str  # as written (folded case), for explanations
    stop: bool = False
    plain: str = ""  # accent-free key, for phrases


# Shared, never changed: a sentence stop after the last token, and a stop's (empty) word.
_END = _Token(key="", shown="", stop=True)
_NOTHING = _Word()


def _tokenize(text: str, language: str) -> list[_Token]:
    """Folded tokens of a text, with sentence stops kept as boundaries."""
    if "http" in text or "www." in text:  # the only ways _URL can match
        text = _URL.sub(" ", text)
    folded = fold_case(text, language)
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(folded):
        token = _token_of(match.lastgroup, match.group())
        if token is not None:
            tokens.append(token)
    return tokens


@lru_cache(maxsize=1 << 18)
def _token_of(kind: str | None, piece: str) -> _Token | None:
    """The token of one matched piece (None for a bare emoji modifier); made once per
    distinct piece, since comments repeat their words. Tokens are shared: never changed."""
    if kind == "stop":
        return _Token(key="", shown=piece, stop=True)
    if kind == "symbol":
        piece = _SKIN_AND_VARIATION.sub("", piece)
        if not piece:
            return None
    key = piece.replace("’", "'") if kind == "word" else piece
    return _Token(key=key, shown=piece, plain=_plain(key))


def _pattern_matches(pattern: str, plain: str) -> bool:
    """A phrase word matches an accent-free word exactly, or as a stem when written with *."""
    if pattern.endswith("*"):
        return plain.startswith(pattern[:-1])
    return plain == pattern


def _match_phrase(lexicon: Lexicon, tokens: list[_Token], i: int) -> tuple[int, float] | None:
    """(length, value) of the longest phrase starting at token i, matched accent-free."""
    for phrase, value in lexicon.phrases_from(tokens[i].plain):
        n = len(phrase)
        if i + n > len(tokens):
            continue
        if all(_pattern_matches(p, tokens[i + k].plain) for k, p in enumerate(phrase[1:], 1)):
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
        if not token.stop and lexicon.phrases:
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
    """Indexes of up to `limit` tokens from `start` in direction `step`, stopping at a stop.

    With `skip_short`, words of one or two letters do not use up the reach: Czech puts
    clitics between an intensifier and its word ("hrozně se mi to líbilo").
    """
    found: list[int] = []
    counted = 0
    i = start + step
    while 0 <= i < len(tokens) and counted < limit and not tokens[i].stop:
        found.append(i)
        counted += not (skip_short and len(tokens[i].key) <= 2)
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
    tokens = _tokenize(text, lexicon.language)
    words = [lexicon.word(t.key) if not t.stop else _NOTHING for t in tokens]
    contrast = _sentence_contrast(tokens, words)
    used_as_modifier: set[int] = set()
    negator_used: set[int] = set()
    found: list[tuple[str, int, int, float]] = []  # (shown, start, end, value) as in Term
    for span in _spans(lexicon, tokens, words):
        value = span.value
        for k in _reach(tokens, span.start, -1, _INTENSIFIER_REACH, skip_short=True):
            if words[k].intensity is not None:
                value *= words[k].intensity  # type: ignore[operator]
                used_as_modifier.add(k)
        negations = [
            k
            for k in _reach(tokens, span.start, -1, _NEGATOR_REACH_BEFORE)
            if words[k].negator == "before"
        ]
        negations += [
            k
            for k in _reach(tokens, span.end - 1, 1, _NEGATOR_REACH_AFTER)
            if words[k].negator == "after"
        ]
        if words[span.start].self_negated and span.end - span.start == 1:
            negations = []  # negative concord: "nikdy nefungoval" is one negation, not two
        if negations:
            value = _flip(value)
        negator_used.update(negations)
        value *= contrast[span.start]
        shown = ""
        if with_text:
            shown = " ".join(t.shown for t in tokens[span.start : span.end])
            if negations:
                shown = _with_negators(tokens, span, negations)
        # Plain tuples: a Term (a frozen dataclass) is made only when one is shown.
        found.append((shown, span.start, span.end, max(-1.5, min(1.5, value))))
    # An intensifier that also has a sentiment of its own ("hrozně", "terribly") counts as
    # an intensifier when a term follows it, and as a word only when it stands alone.
    found = [t for t in found if not (t[2] - t[1] == 1 and t[1] in used_as_modifier)]
    found += _lone_negators(tokens, words, negator_used, contrast, found)
    total = sum([t[3] for t in found])
    polarity = total / math.sqrt(total * total + _SATURATION)
    if not with_text:
        return polarity, []
    return polarity, sorted((Term(*t) for t in found), key=lambda t: t.start)


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
