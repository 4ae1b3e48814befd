"""The journey model's words and phrases compiled into rules that weigh a comment's words
for each stage and touchpoint, and decide between them (tagging.py applies the decision).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cxcore.ingest.privacy import TOKEN_PATTERN
from cxcore.languages import LANGUAGES
from cxcore.text.taxonomy import Taxonomy, fold_text

__all__ = ["USUAL", "Decision", "Rules", "compile_rules", "comment_words"]

_TERM_WORD = re.compile(r"[a-z0-9]+\*?")

# A phrase's words may have this many other words between or around them.
_PHRASE_SLACK = 3
# Bytes other than a-z and 0-9 become spaces: the comment tokenizer (fast on a million rows).
_ASCII_WORDS = bytes(c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256))

# (kind, key): what a term's weight counts for.
_STAGE, _TOUCHPOINT, USUAL = 0, 1, 2  # USUAL: a touchpoint word's share for its usual stage
Target = tuple[int, str]
Decision = tuple[str | None, str | None, frozenset[str]]  # stage, touchpoint, tied stages
_STRONG = 3.0  # a stage word this strong is not outvoted by a touchpoint's usual stage


def comment_words(text: str) -> str:
    """`text` as folded ASCII words and spaces; same words as fold_text, several times faster."""
    if "[" in text:  # "[phone]" left by redaction is not the customer talking about a phone
        text = TOKEN_PATTERN.sub(" ", text)
    # Turkish ı has no decomposition; "İ".lower() is i + a combining dot, dropped as non-ASCII.
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ı", "i"))
    return decomposed.encode("ascii", "ignore").translate(_ASCII_WORDS).decode("ascii")


@dataclass(frozen=True)
class _Phrase:
    patterns: tuple[int, ...]
    term: int


@dataclass
class Rules:
    """Comment words compiled for speed: token → matched patterns is looked up once."""

    exact: dict[str, int]  # word → pattern id
    stems: dict[str, int]  # stem → pattern id
    stem_lengths: list[int]  # longest first
    single: dict[int, int]  # pattern id of a one-word term → term id
    pattern_rank: dict[int, int]  # how specific a pattern is (longer wins)
    phrases: dict[int, list[_Phrase]]  # first pattern id → phrases
    weights: list[dict[Target, float]]  # term id → weight per stage/touchpoint
    min_score: float
    min_margin: float
    usual: dict[str, str | None]  # touchpoint → usual stage
    memo: dict[str, tuple[int | None, tuple[int, ...]]] = field(default_factory=dict)
    # folded text → (its terms, their decision), the pair shared by all texts of those terms
    results: dict[str, tuple[frozenset[int], Decision]] = field(default_factory=dict)
    # Distinct comments are many, the sets of terms they hold few: decide each set once.
    decisions: dict[frozenset[int], tuple[frozenset[int], Decision]] = field(default_factory=dict)
    phrase_starts: frozenset[int] = field(init=False)
    phrase_terms: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        self.phrase_starts = frozenset(self.phrases)
        self.phrase_terms = frozenset(p.term for ps in self.phrases.values() for p in ps)

    def tag(self, text: str) -> Decision:
        """(stage, touchpoint, tied) the words of `text` give: stage and touchpoint None when
        unsure; `tied` the stages the words name about equally strongly (empty if none)."""
        return self.tag_folded(comment_words(text))

    def tag_folded(self, folded: str) -> Decision:
        """`tag` for a text already folded by `comment_words`."""
        result = self.results.get(folded)
        if result is None:
            terms = frozenset(self._terms(folded))
            result = self.decisions.get(terms)
            if result is None:
                result = self.decisions[terms] = (terms, self._decide(terms))
            self.results[folded] = result
        return result[1]

    def firmness(self, folded: str, stage: str) -> float:
        """How firmly the words of a folded text place it on `stage`: infinite when a phrase
        of several words names it (a meaning written down on purpose), else what its words
        weigh for it (with the usual-stage share of its touchpoints' words)."""
        total = 0.0
        known = self.results.get(folded)  # the terms tag_folded found, if it read this text
        for term in known[0] if known is not None else self._terms(folded):
            for (kind, key), weight in self.weights[term].items():
                if key == stage and kind != _TOUCHPOINT:
                    if weight > 0 and term in self.phrase_terms:
                        return float("inf")
                    total += weight
        return total

    def touchpoint_firmness(self, folded: str, touchpoint: str) -> float:
        """`firmness` for a touchpoint: infinite when a phrase names it, else its words' weight."""
        total = 0.0
        known = self.results.get(folded)
        for term in known[0] if known is not None else self._terms(folded):
            weight = self.weights[term].get((_TOUCHPOINT, touchpoint), 0.0)
            if weight > 0 and term in self.phrase_terms:
                return float("inf")
            total += weight
        return total

    def _resolve(self, token: str) -> tuple[int | None, tuple[int, ...]]:
        patterns = [self.exact[token]] if token in self.exact else []
        patterns += [
            self.stems[token[:n]]
            for n in self.stem_lengths
            if n <= len(token) and token[:n] in self.stems
        ]
        # The most specific one-word term wins ("reklamace" is a complaint, not "reklam*").
        singles = [p for p in patterns if p in self.single]
        best = max(singles, key=self.pattern_rank.__getitem__) if singles else None
        return (self.single[best] if best is not None else None), tuple(patterns)

    def _terms(self, folded: str) -> set[int]:
        # The hot loop of a million-row import: plain locals, memoised token lookups.
        terms: set[int] = set()
        hits: list[tuple[int, tuple[int, ...]]] = []
        present: set[int] = set()
        memo = self.memo
        for position, token in enumerate(folded.split()):
            found = memo.get(token)
            if found is None:
                found = memo[token] = self._resolve(token)
            term, patterns = found
            if patterns:
                hits.append((position, patterns))
                present.update(patterns)
            if term is not None:
                terms.add(term)
        if len(hits) > 1 and not self.phrase_starts.isdisjoint(present):
            terms.update(self._phrase_terms(hits, present))
        return terms

    def _phrase_terms(self, hits: list[tuple[int, tuple[int, ...]]], present: set[int]) -> set[int]:
        found: set[int] = set()
        for i, (start, patterns) in enumerate(hits):
            for pattern in patterns:
                for phrase in self.phrases.get(pattern, ()):
                    if (
                        phrase.term not in found
                        and present.issuperset(phrase.patterns)
                        and _follows(hits, i, start, phrase)
                    ):
                        found.add(phrase.term)
        return found

    def _decide(self, terms: frozenset[int]) -> Decision:
        scores: tuple[dict[str, float], ...] = ({}, {}, {})
        for term in terms:
            for (kind, key), weight in self.weights[term].items():
                scores[kind][key] = scores[kind].get(key, 0.0) + weight
        words, touchpoints, usual = scores
        combined = dict(words)
        for key, weight in usual.items():
            combined[key] = combined.get(key, 0.0) + weight
        stage, touchpoint = self._best(combined), self._best(touchpoints)
        if stage is not None:
            return stage, touchpoint, frozenset()
        strongest = max(words.values(), default=0.0)
        if strongest >= _STRONG and (stage := self._best(words)) is not None:
            # A strong stage word outranks a touchpoint's usual stage ("kurulum ...,
            # teknisyen kibardı" is onboarding, not the technician's usual support).
            return stage, touchpoint, frozenset()
        if strongest >= self.min_score:
            # The stage words tie: name the contenders, so a channel may choose among them.
            best = max(combined.values())
            tied = {
                k for k, v in combined.items() if v >= self.min_score and best - v < self.min_margin
            }
            return None, touchpoint, frozenset(tied)
        if touchpoint is not None:
            # Only weak stage words: the touchpoint the text names says where it usually is,
            # unless a phrase took that share back ("opening hours" of a branch buy nothing).
            usual_stage = self.usual.get(touchpoint)
            if combined.get(usual_stage, 1.0) <= 0:
                usual_stage = None
            return usual_stage, touchpoint, frozenset()
        return None, touchpoint, frozenset()

    def _best(self, scores: dict[str, float]) -> str | None:
        if not scores:
            return None
        best_key, best, runner_up = "", float("-inf"), float("-inf")
        for key, score in scores.items():
            if score > best:
                best_key, best, runner_up = key, score, best
            elif score > runner_up:
                runner_up = score
        if best < self.min_score or best - runner_up < self.min_margin:
            return None  # weak, or two places fit about equally: wrong is worse than none
        return best_key


def _follows(hits: list[tuple[int, tuple[int, ...]]], i: int, start: int, phrase: _Phrase) -> bool:
    """Whether the phrase's other words come after hit `i`, in order, close together."""
    limit = start + len(phrase.patterns) - 1 + _PHRASE_SLACK
    j = i + 1
    for pattern in phrase.patterns[1:]:
        while j < len(hits) and hits[j][0] <= limit and pattern not in hits[j][1]:
            j += 1
        if j >= len(hits) or hits[j][0] > limit:
            return False
        j += 1
    return True


class _RuleBuilder:
    """Collects terms from the taxonomy into a `Rules`."""

    def __init__(self) -> None:
        self.patterns: dict[str, int] = {}
        self.terms: dict[tuple[int, ...], int] = {}
        self.weights: list[dict[Target, float]] = []
        self.alternates: dict[str, int] = {}  # changed stem → the pattern of the stem
        self.spoken: dict[str, int] = {}  # spoken form of a word → the pattern of the word

    def pattern(self, word: str) -> int:
        return self.patterns.setdefault(word, len(self.patterns))

    def alternate(self, word: str, lang: str) -> None:
        """Let the folded `word` also match its spoken form, and a stem its form with the last
        consonant changed, as the grammar of `lang` changes it before a suffix
        (cxcore/languages.py: destek* also matches desteğe, kopuyor also kopuyo)."""
        language = LANGUAGES.get(lang)
        if language is None:
            return
        bare = word.rstrip("*")
        for ending, spoken in language.spoken_endings:
            if bare.endswith(ending):
                form = bare[: -len(ending)] + spoken
                target = self.alternates if word.endswith("*") else self.spoken
                target.setdefault(form, self.patterns[word])
        if word.endswith("*") and len(bare) >= language.min_changing_stem:
            for last, changed in language.stem_changes:
                if bare.endswith(last):
                    self.alternates.setdefault(bare[: -len(last)] + changed, self.patterns[word])

    def add(self, term: str, target: Target, weight: float, lang: str = "") -> None:
        words = _TERM_WORD.findall(fold_text(term))
        if not words:
            return
        key = tuple(self.pattern(w) for w in words)
        for word in words:
            self.alternate(word, lang)
        term_id = self.terms.setdefault(key, len(self.terms))
        if term_id == len(self.weights):
            self.weights.append({})
        # The same term listed twice for one target (tr and cs "reklam*") counts once.
        previous = self.weights[term_id].get(target)
        self.weights[term_id][target] = weight if previous is None else max(previous, weight)

    def build(self, taxonomy: Taxonomy) -> Rules:
        exact = {w: p for w, p in self.patterns.items() if not w.endswith("*")}
        for spoken, pattern in self.spoken.items():
            exact.setdefault(spoken, pattern)
        stems = {w[:-1]: p for w, p in self.patterns.items() if w.endswith("*")}
        for changed, pattern in self.alternates.items():
            stems.setdefault(changed, pattern)  # a stem written out keeps its own meaning
        rank = {p: 2 * len(w.rstrip("*")) + (not w.endswith("*")) for w, p in self.patterns.items()}
        single = {key[0]: term for key, term in self.terms.items() if len(key) == 1}
        phrases: dict[int, list[_Phrase]] = {}
        for key, term in self.terms.items():
            if len(key) > 1:
                phrases.setdefault(key[0], []).append(_Phrase(key, term))
        lengths = sorted({len(s) for s in stems}, reverse=True)
        settings = taxonomy.tagging
        usual = {t.key: t.usual_stage for t in taxonomy.touchpoints}
        return Rules(
            exact,
            stems,
            lengths,
            single,
            rank,
            phrases,
            self.weights,
            settings.min_score,
            settings.min_margin,
            usual,
        )


def compile_rules(taxonomy: Taxonomy) -> Rules:
    """The comment rules of `taxonomy` in matching form."""
    builder = _RuleBuilder()
    share = taxonomy.tagging.usual_stage_share
    cap = taxonomy.tagging.min_score
    for stage in taxonomy.stages:
        for lang, terms in stage.words.items():
            for term, weight in terms.items():
                builder.add(term, (_STAGE, stage.key), weight, lang)
    for touchpoint in taxonomy.touchpoints:
        for lang, terms in touchpoint.words.items():
            for term, weight in terms.items():
                builder.add(term, (_TOUCHPOINT, touchpoint.key), weight, lang)
                if touchpoint.usual_stage and share:
                    # a guess from the channel never outweighs a stage word of min_score
                    usual = min(weight * share, cap) if weight > 0 else weight * share
                    builder.add(term, (USUAL, touchpoint.usual_stage), usual, lang)
    for rule in taxonomy.rules:
        if rule.stage:
            builder.add(rule.words, (_STAGE, rule.stage), rule.weight, rule.lang)
        if rule.touchpoint:
            builder.add(rule.words, (_TOUCHPOINT, rule.touchpoint), rule.weight, rule.lang)
    return builder.build(taxonomy)
