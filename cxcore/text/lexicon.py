"""A language's sentiment lexicon: its YAML file compiled into the lookups scoring uses.

The data lives in `cxcore/data/sentiment/<lang>.yaml` (format in docs/sentiment.md) plus
`common.yaml` for emoji and emoticons, which every language shares. Each word is looked
up once per process (`Lexicon.word`): its weight after its own suffixes and prefixes, and
whether it intensifies, negates or contrasts. `cxcore.text.polarity` scores texts with it.
"""

from __future__ import annotations

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
    "fold_case",
    "load_lexicon",
    "strip_accents",
]

DATA_DIR = Path(__file__).parent.parent / "data" / "sentiment"

# A negated positive is nearly as negative ("memnun değilim"); a negated negative is only
# mildly positive ("not bad", "fena değil").
_FLIP_POSITIVE = -0.9
_FLIP_NEGATIVE = -0.5
_MIN_TWIN_STEM = 4
_ELONGATED = re.compile(r"(\w)\1{2,}")

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
    laughter: re.Pattern[str] | None = None  # a row of letters typed for a laugh ("sjsjdk")
    laughter_weight: float = 0.0
    vowel_drop: re.Pattern[str] | None = None  # Turkish bekle + iyor = bekliyor
    negation_prefix: str | None = None
    not_negation: _Entries = field(default_factory=_Entries)
    unknown_negated_weight: float = 0.0
    superlative_prefix: str | None = None
    superlative_intensity: float = 1.0
    irony_symbols: frozenset[str] = frozenset()  # emoji that mark praise beside a complaint
    # emoji that are never praise (eye-roll, upside-down): praise beside them is irony even
    # where no complaint word is found ("Kufr zůstal v Praze, geniální 🙃")
    irony_alone: frozenset[str] = frozenset()
    again_words: frozenset[str] = frozenset()  # "yine", "zase", "again": accent-free
    # Praise that, alone in the last sentence after a complaint, is irony ("... Tebrikler.")
    closing_irony: frozenset[str] = frozenset()
    _memo: dict[str, _Word] = field(default_factory=dict, repr=False)
    _phrase_memo: dict[str, list[tuple[tuple[str, ...], float]]] = field(
        default_factory=dict, repr=False
    )
    _pair_memo: dict[str, list[tuple[tuple[str, ...], float]]] = field(
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

    def phrases_from_pair(self, first: str, second: str) -> list[tuple[tuple[str, ...], float]]:
        """Phrases whose first two words match two accent-free words (one-word phrases on
        the first alone), longest first; memoised, so a common first word ("bez", "no")
        costs one lookup, not a test of each of its phrases."""
        key = f"{first} {second}"
        found = self._pair_memo.get(key)
        if found is None:
            found = [
                (phrase, value)
                for phrase, value in self.phrases_from(first)
                if len(phrase) == 1 or _pattern_matches(phrase[1], second)
            ]
            if len(self._pair_memo) > 500_000:
                self._pair_memo.clear()
            self._pair_memo[key] = found
        return found

    def word(self, key: str) -> _Word:
        """What a folded word does, memoised (comments reuse a small vocabulary)."""
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 500_000:  # a bound, not a policy: vocabularies stay far below
                self._memo.clear()
            found = self._memo[key] = self._analyse(key)
        return found

    def _lookup(self, entries: _Entries, key: str) -> tuple[str, float] | None:
        """The longest entry a word starts with (accent-free twins for ASCII words)."""
        return entries.match(key)

    def _analyse(self, key: str) -> _Word:
        """Classify a folded word: sentiment word, intensifier, negator or contrast.

        A letter typed three or more times for emphasis ("harikaaa", "çoook", "sooo") is
        read once or twice, whichever the lexicon knows.
        """
        found = self._classify(key)
        if found == _Word() and _ELONGATED.search(key):
            for shorter in (_ELONGATED.sub(r"\1", key), _ELONGATED.sub(r"\1\1", key)):
                found = self._classify(shorter)
                if found != _Word():
                    break
        return found

    def _classify(self, key: str) -> _Word:
        """What a folded word does, as written."""
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
        if weight is None and self.is_laughter(key):
            weight = self.laughter_weight
        return _Word(
            weight=weight,
            intensity=intensity[1] if intensity else None,
            contrast=contrast,
            self_negated=self_negated,
        )

    def _weight(self, key: str) -> tuple[float | None, bool]:
        """(sentiment of a word on its own after its suffixes and prefixes, self-negated)."""
        found = self._lookup(self.words, key) or self._lookup_dropped_vowel(key)
        if found is not None:
            stem, value = found
            rest = key[len(stem) :]
            if self.negative_suffix and rest and self.negative_suffix.match(rest):
                return _flip(value), True
            return value, False
        by_prefix = self._weight_by_prefix(key)
        negated = by_prefix is not None and not self._is_superlative(key)
        return by_prefix, negated

    def _lookup_dropped_vowel(self, key: str) -> tuple[str, float] | None:
        """A stem ending in a vowel that the suffix dropped (Turkish bekle + iyor is
        "bekliyor", ağla + ıyor "ağlıyor"): the stem with its vowel put back, when a stem
        entry is exactly that ("bekle*"), never a shorter one."""
        drop = self.vowel_drop.match(key) if self.vowel_drop else None
        if drop is None:
            return None
        for vowel in "ae":
            stem = drop.group(1) + vowel
            found = self._lookup(self.words, stem)
            if found is not None and len(found[0]) == len(stem):
                return found[0], found[1]
        return None

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

    def is_laughter(self, key: str) -> bool:
        """Whether a folded word is a laugh typed as a row of letters ("sjsjdk")."""
        return bool(self.laughter and self.laughter.match(key))

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
    laughter = morphology.get("laughter")
    vowel_drop = morphology.get("vowel_drop")
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
        laughter=re.compile(laughter["pattern"]) if laughter else None,
        laughter_weight=float(laughter["weight"]) if laughter else 0.0,
        vowel_drop=re.compile(vowel_drop) if vowel_drop else None,
        negation_prefix=prefix.get("prefix"),
        not_negation=_entries(prefix.get("not_negation")),
        unknown_negated_weight=float(prefix.get("unknown_word_weight", 0.0)),
        superlative_prefix=superlative.get("prefix"),
        superlative_intensity=float(superlative.get("intensity", 1.0)),
        irony_symbols=frozenset(
            _SKIN_AND_VARIATION.sub("", str(s)) for s in common.get("irony_symbols") or []
        ),
        irony_alone=frozenset(
            _SKIN_AND_VARIATION.sub("", str(s)) for s in common.get("irony_alone") or []
        ),
        again_words=frozenset(_phrase_key(str(w), language)[0] for w in data.get("again") or []),
        closing_irony=frozenset(
            _phrase_key(str(w), language)[0] for w in data.get("closing_irony") or []
        ),
    )


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of a language (tr, cs, en), read once per process."""
    common = _read_yaml(DATA_DIR / "common.yaml")
    return _build(language, _read_yaml(DATA_DIR / f"{language}.yaml"), common)


def _pattern_matches(pattern: str, plain: str) -> bool:
    """A phrase word matches an accent-free word exactly, or as a stem when written with *;
    `a|b|c` matches any of its alternatives ("since monday|tuesday|...": one entry)."""
    if "|" in pattern:
        return any(_pattern_matches(part, plain) for part in pattern.split("|"))
    if pattern.endswith("*"):
        return plain.startswith(pattern[:-1])
    return plain == pattern
