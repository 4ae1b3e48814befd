"""A comment → whether it says the customer was passed on, and the words that showed it."""

from __future__ import annotations

import functools
import re
from typing import Final

import pandas as pd

from cxcore.text.handoffs.czech import RULES as CZECH
from cxcore.text.handoffs.english import RULES as ENGLISH
from cxcore.text.handoffs.english_elsewhere import RULES as ENGLISH_ELSEWHERE
from cxcore.text.handoffs.english_forms import RULES as ENGLISH_FORMS
from cxcore.text.handoffs.learned import CUE_WORD_STARTS, learned_opinion
from cxcore.text.handoffs.pingpong import RULES as PING_PONG
from cxcore.text.handoffs.rules import Rule, word_trie
from cxcore.text.handoffs.said_not import SAID_NOT_WORD_STARTS, said_not
from cxcore.text.handoffs.sent_on import RULES as SENT_ON
from cxcore.text.handoffs.turkish import RULES as TURKISH
from cxcore.text.taxonomy import fold_text

__all__ = ["detect_handoff", "fold_comment", "handoff_words"]

_CLAUSE: Final = re.compile(r"[.!?;:\n]+|,|\b(?:but|ama|fakat|ancak|ale|avsak)\b")

_RULES: Final = (
    *TURKISH,
    *CZECH,
    *ENGLISH,
    *ENGLISH_FORMS,
    *ENGLISH_ELSEWHERE,
    *PING_PONG,
    *SENT_ON,
)


def _stem_index(
    stems_by_number: list[str],
) -> tuple[dict[str, tuple[tuple[str, int], ...]], dict[str, int]]:
    """Stems by rule number → (first three letters → (stem, rules as a bit mask), whole word
    → rules)."""
    starts: dict[str, int] = {}
    words: dict[str, int] = {}
    for number, stems in enumerate(stems_by_number):
        for stem in stems.split():
            whole = stem.endswith("=") or len(stem) < 3
            kept = words if whole else starts
            key = stem.rstrip("=")
            kept[key] = kept.get(key, 0) | 1 << number
    index: dict[str, list[tuple[str, int]]] = {}
    for stem, mask in starts.items():
        index.setdefault(stem[:3], []).append((stem, mask))
    return {start: tuple(pairs) for start, pairs in index.items()}, words


# The bit after the rules' bits: a word that may start a cue of the learned model, so that one
# look at the words tells both which rules to try and whether the model may be asked.
_LEARNED_BIT: Final = 1 << len(_RULES)
# and a word that may start a form of `said_not.py`
_SAID_NOT_BIT: Final = 1 << (len(_RULES) + 1)
_BY_START, _BY_WORD = _stem_index(
    [rule.stems for rule in _RULES] + [CUE_WORD_STARTS, SAID_NOT_WORD_STARTS]
)


# The words that start with a stem or are a whole-word stem: the rest of a comment's words
# are never looked at one by one.
_CANDIDATE: Final = re.compile(
    rf"\b(?=(?:{word_trie(sorted(_BY_WORD))})\b|{word_trie(sorted(stem for pairs in _BY_START.values() for stem, _ in pairs))})\w+"
)


# Each word's rules, as it is met: comments share most of their words.
_WORD_RULES: dict[str, int] = {}
_WORD_RULES_MAX: Final = 200_000


def _word_rules(word: str) -> int:
    """The rules (a bit mask) whose stems this word is or starts with."""
    mask = _BY_WORD.get(word, 0)
    for stem, rules in _BY_START.get(word[:3], ()):
        if word.startswith(stem):
            mask |= rules
    if len(_WORD_RULES) >= _WORD_RULES_MAX:
        _WORD_RULES.clear()
    _WORD_RULES[word] = mask
    return mask


def _rules_to_try(folded: str) -> tuple[tuple[Rule, ...], bool]:
    """(the rules whose cue may match: a word of the text is, or starts with, one of their
    stems; whether a word may start a cue of the learned model)."""
    return _what_to_try(folded)[:2]


def _what_to_try(folded: str) -> tuple[tuple[Rule, ...], bool, bool]:
    """`_rules_to_try`, and whether a word may start a form of `said_not.py`."""
    mask = 0
    known = _WORD_RULES
    for word in set(_CANDIDATE.findall(folded)):
        rules = known.get(word)
        mask |= _word_rules(word) if rules is None else rules
    rules_only = mask & ~(_LEARNED_BIT | _SAID_NOT_BIT)
    return (
        (_rules_in(rules_only) if rules_only else ()),
        bool(mask & _LEARNED_BIT),
        bool(mask & _SAID_NOT_BIT),
    )


@functools.cache
def _rules_in(mask: int) -> tuple[Rule, ...]:
    return tuple(rule for number, rule in enumerate(_RULES) if mask >> number & 1) if mask else ()


def _clauses(folded: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(folded) if c and c.strip()]


# A negation before "and", "so", "then" belongs to another verb: "couldn't help and passed me on".
_NEXT_VERB: Final = re.compile(r".*\b(?:and|so|then|ve|tak|pak)\b")


_LAST_MARK: Final = re.compile(r".*[.,;!?]")


def _words_before(clause: str, start: int, count: int = 3) -> str:
    # a rule read on the whole comment: no negation reaches across a mark ("food never
    # came, restaurant blamed the app")
    before = " ".join(_LAST_MARK.sub("", clause[:start], count=1).split()[-count:])
    return _NEXT_VERB.sub("", before, count=1)


# Words that start another verb's clause: a negation on the other side of one does not reach
# the cue ("nobody answered so they transferred me", "I do not know why they passed me on",
# "z oddělení do oddělení mě posílali a nikdo nepomohl").
_CLAUSE_WORDS: Final = (
    r"\b(?:and|so|then|because|cause|cos|since|after|before|until|till|when|whenever|while"
    r"|who|which|that|if|why|how|where|although|though|plus|ve|a|tak|pak|protoze|kdyz|ktery\w*"
    r"|ktera|ktere|aby|cunku|diye|sonra)\b"
)
_FROM_LAST_CLAUSE_WORD: Final = re.compile(rf".*{_CLAUSE_WORDS}")
_FROM_NEXT_CLAUSE_WORD: Final = re.compile(rf"{_CLAUSE_WORDS}.*")
# "Never … so many times", "never … like this": an emphasis, not a negation.
_EMPHATIC: Final = re.compile(
    r"\bnever\b.*\b(?:(?:so|as|this|that) (?:many|much|often|long)|such|like (?:this|that)|in my life)\b"
)


def _negated(rule: Rule, clause: str, match: re.Match[str]) -> bool:
    """Whether a cue's match in `clause` is negated: by the few words just before it, or by
    a negation further from it in its own clause (`Rule.negated_earlier`, `negated_after`)."""
    near = rule.negated_before is not None and rule.negated_before.search(
        _words_before(clause, match.start())
    )
    earlier = rule.negated_earlier is not None and rule.negated_earlier.search(
        _FROM_LAST_CLAUSE_WORD.sub("", clause[: match.start()], count=1)
    )
    after = rule.negated_after is not None and rule.negated_after.search(
        _FROM_NEXT_CLAUSE_WORD.sub("", clause[match.end() :], count=1)
    )
    if not (near or earlier or after):
        return False
    # English "never" as an emphasis: "I have never been transferred so many times"
    return not (rule.negated_earlier is not None and _EMPHATIC.search(clause))


def _rule_words(rule: Rule, clause: str) -> list[str]:
    """The cue's words wherever `rule` fires in `clause` (none when negated or another sense)."""
    if rule.unrelated is not None and rule.unrelated.search(clause):
        return []
    if rule.needs is not None and not rule.needs.search(clause):
        return []
    return [
        match.group(0).strip()
        for match in rule.cue.finditer(clause)
        if not _negated(rule, clause, match)
    ]


# A handoff offered, expected or held in reserve that was not needed in the end: "čekala
# jsem, že mě přehodí …, ale kolega to zvládl sám", "gerekirse sizi yöneticime bağlarım dedi
# ama gerek kalmadı", "I expected to be sent to another department but the rep handled it
# himself". Both halves must be there: the offer alone, or the self-help alone, is not enough.
_OFFERED: Final = re.compile(
    r"\b(?:cekal\w*|myslel\w*|cekal\w* jsem ze|kdyby|jestli|pokud|nabidl\w*|rikal\w*, ze"
    r"|gerekirse|olmazsa|\w+m[ae]zs[ae]|bekliyordum|sanmistim|teklif et\w*"
    r"|expected|thought|assumed|offered|if needed|if necessary|in case|would have"
    r"|pripravoval\w*|pripravena|pripraveny|bal\w* jsem se|obaval\w*|hazirlan\w*|korkuyordum"
    r"|pocital\w*|ocekaval\w*|predpoklad\w*|korktum|korkmustum|zannettim|dusundum"
    r"|sandim|saniyordum|zannediyordum|chtel\w* (?:\w+,? )?aby"
    r"|braced|prepared|feared|dreaded|ready for|(?:was|were) (?:about|going|ready) to|worried|afraid|half expected|asked to be (?:put|transferred|passed|sent)"
    # the agent's offer: "yöneticiye bağlarım dedi"
    r"|(?:baglar|aktarir|yonlendiri|devreder|iletir|gonderir)\w* (?:dedi|demisti|diyordu)"
    r"|\w+(?:acag|eceg)\w* (?:soyledi|soylemisti|dedi|belirtti)"
    # what the customer was going to do ("ısrar edecektim")
    r"|\w+(?:ecek|acak)tim)\b"
)
_NOT_NEEDED: Final = re.compile(
    r"\b(?:nebylo (?:to )?(?:treba|potreba|nutne)|(?:zvladl|vyresil|vyridil)\w* (?:to )?sam\w*"
    r"|gerek kalmadi|kendi(?:si)? (?:\w+ ){0,2}?(?:cozdu|halletti|girdi|yapti|duzeltti|sildi|ayarladi)"
    # done by the one the comment speaks to ("siz hallettiniz"), or by the first one reached
    # before a handoff had the chance ("buna fırsat kalmadan ilk açan kişi … sildi")
    r"|(?:siz|sen) (?:\w+ ){0,2}?(?:hallettiniz|cozdunuz|hallettin|cozdun)|firsat kalmadan"
    r"|ilk (?:acan |baglanan )?(?:kisi|temsilci|yetkili|operator)\w* (?:\w+ ){0,4}?(?:cozdu|halletti|sildi|duzeltti)"
    r"|(?:handled|sorted|solved|fixed|resolved) it (?:himself|herself|themselves|on (?:his|her|their) own)"
    r"|(?:was not|wasn t|wasnt) needed|no need in the end|not (?:to be )?needed|never came|never happened|got none|none came"
    r"|(?:she|he|they) just (?:fixed|sorted|solved) it|nakonec (?:\w+ )?(?:vyridil|vyresil|zvladl)\w*"
    r"|tek (?:kisi|temsilci)\w* (?:cozdu|halletti)"
    r"|ayni (?:kisi|temsilci|kadin|adam|arkadas)\w* (?:\w+ ){0,4}?(?:ilgilendi|cozdu|halletti|yardimci oldu)"
    r"|(?:vyridil|vyresil|zvladl)\w* (?:to )?(?:\w+ ){0,2}?(?:po telefonu|hned|na miste|rovnou)"
    # done by the one person, whatever stands between: "vše zařídila sama", "fakturu udělala sama"
    r"|(?:udelal|zaridil|vyresil|vyridil|zvladl|opravil|vybavil|spravil|nastavil|domluvil)\w* (?:\w+ ){0,6}?sam[aoiy]?"
    r"|sam[aoiy]? (?:to |mi |nam |vse |vsechno )?(?:udelal|zaridil|vyresil|vyridil|zvladl|opravil|vybavil)\w*"
    r"|(?:spotted|found|fixed|sorted|solved|saw) (?:\w+ ){0,4}?(?:herself|himself|themselves)"
    r"|saved (?:me|us) the (?:wait|transfer|trouble|hassle|call)"
    r"|(?:fixed|sorted|solved|resolved|handled|dealt with|processed|did) (?:\w+ ){0,3}?(?:on the spot|right away|straight away|there and then|then and there|immediately)"
    r"|(?:dal|dala|dali|vyridil\w*|vyresil\w*|udelal\w*|zaridil\w*|opravil\w*|nastavil\w*|zmenil\w*) rovnou"
    r"|(?:got|gave me|given) a (?:straight|direct|clear|quick) answer"
    # the expected one denied at the end: "half expected to be bounced to another team, wasn't"
    r"|(?:wasnt|werent|didnt)(?=\W*$)"
    r"|could do it (?:herself|himself|themselves) and did"
    r"|(?:straight|direct|clear) answer from the first|first (?:person|agent|rep) (?:i|we) (?:spoke|talked) to"
    r"|(?:the )?first (?:person|agent|rep|advisor|adviser|operator) (?:\w+ )?(?:handled|sorted|fixed|solved|resolved|dealt with))\b"
)
# English chat spellings as the rules read them: "put thru to 3 diff ppl".
_SLANG: Final = {
    "thru": "through",
    "diff": "different",
    "ppl": "people",
    "b4": "before",
    "sum1": "someone",
}
_SLANG_WORDS: Final = re.compile(r"\b(?:thru|diff|ppl|b4|sum1)\b")
# Quotes around what someone said ("arayın" dediler, said "call the helpline"): dropped, so
# the words on each side stay next to each other.
_QUOTE_MARKS: Final = '"“”„«»'
_QUOTES: Final = str.maketrans("", "", _QUOTE_MARKS)
_QUOTE_SPACE: Final = re.compile(r" *' *")


def fold_comment(text: str) -> str:
    """A comment as the rules and the learned model read it: folded (`fold_text`), quotes
    dropped, "didn't" as "didnt" (the negation stays one word among the few read before a
    cue), other apostrophes and single quotes as one space."""
    folded = fold_text(text)
    if any(quote in folded for quote in _QUOTE_MARKS):
        folded = folded.translate(_QUOTES)
    folded = folded.replace("’", "'").replace("n't", "nt")
    # a quick look first ("diff " and not "different")
    if (
        "thru" in folded
        or "diff " in folded
        or "ppl" in folded
        or "b4" in folded
        or "sum1" in folded
    ):
        folded = _SLANG_WORDS.sub(lambda m: _SLANG[m.group(0)], folded)
    # a quote mark ('arayın' dedi) leaves no double space between the words around it
    return _QUOTE_SPACE.sub(" ", folded) if "'" in folded else folded


def _dropped(rule: Rule, clause: str) -> bool:
    """Whether `rule`'s cue stands in `clause` but is negated or has another sense there."""
    if not rule.cue.search(clause):
        return False
    if rule.unrelated is not None and rule.unrelated.search(clause):
        return True
    return any(_negated(rule, clause, match) for match in rule.cue.finditer(clause))


def _rules_say(folded: str) -> tuple[list[str], bool, bool]:
    """The rules on a folded comment → (the words that showed a handoff, whether a cue of
    theirs was there but negated, of another sense, or offered and not needed, whether a word
    may start a cue of the learned model)."""
    candidates, cue, maybe_said_not = _what_to_try(folded)
    tried = [
        rule
        for rule in candidates
        if (not rule.marks or any(mark in folded for mark in rule.marks))
        and rule.cue.search(folded)
    ]
    # words of a handoff in a comment that says none happened (`said_not.py`)
    if (tried or cue) and maybe_said_not and said_not(folded):
        return [], True, cue
    if not tried:
        return [], False, cue
    fired = [
        rule
        for rule in tried
        if rule.not_in_comment is None or not rule.not_in_comment.search(folded)
    ]
    words: list[str] = []
    for rule in fired:
        if rule.whole_comment:
            words += [w for w in _rule_words(rule, folded) if w not in words]
    clauses = _clauses(folded)
    for clause in clauses:
        for rule in fired:
            if not rule.whole_comment:
                words += [w for w in _rule_words(rule, clause) if w not in words]
    if _NOT_NEEDED.search(folded) and _OFFERED.search(folded):
        return [], True, cue
    if words:
        return words, False, cue
    blocked = len(fired) < len(tried) or any(
        _dropped(rule, part)
        for rule in fired
        for part in ([folded] if rule.whole_comment else clauses)
    )
    return [], blocked, cue


def detect_handoff(text: str | None, learned: bool = True) -> tuple[bool, tuple[str, ...]]:
    """A comment → (whether it says the customer was passed on, the words that showed it).

    The rules first; where they are silent and none of their cues was negated or of another
    sense, the learned model's opinion (`learned.py`; `learned=False` leaves it out), whose
    words are the n-grams that weighed most."""
    if not isinstance(text, str) or not text.strip():
        return False, ()
    folded = fold_comment(text)
    words, blocked, cue = _rules_say(folded)
    if words:
        return True, tuple(words)
    if blocked or not cue or not learned:
        return False, ()
    found, said = learned_opinion(folded)
    # offered or expected and not needed, with no cue of the rules: the model's flag is
    # dropped too ("half expected to be bounced to another team, wasn't"); looked at only
    # for a comment it flags
    if found and _NOT_NEEDED.search(folded) and _OFFERED.search(folded):
        return False, ()
    return found, said


def handoff_words(comments: pd.Series) -> pd.Series:
    """Comments → the words that say each was passed on, joined with ", " (None for none).

    Each distinct comment is read once: a large survey repeats many of its comments."""
    codes, distinct = pd.factorize(comments)
    said = []
    for comment in distinct.tolist():
        found, words = detect_handoff(comment)
        said.append(", ".join(words)[:255] if found else None)
    out = [said[code] if code >= 0 else None for code in codes.tolist()]
    return pd.Series(out, index=comments.index, dtype=object)
