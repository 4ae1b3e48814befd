"""A handoff rule: a cue of being passed on, what must stand near it, what gives it another sense."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["Rule", "family", "negated_in_clause", "rx", "word_trie"]


@dataclass(frozen=True)
class Rule:
    """A cue of being passed on, what must stand near it, and what gives it another sense."""

    cue: re.Pattern[str]
    # Word starts, space-separated: the cue can match only a text with a word starting with
    # one of them (a quick look by first letters decides which cues are tried at all). A
    # stem ending in "=", or shorter than three letters, is a whole word ("top=", "o").
    stems: str
    needs: re.Pattern[str] | None = None  # somewhere in the clause
    unrelated: re.Pattern[str] | None = None  # in the clause: another sense
    negated_before: re.Pattern[str] | None = None  # the words just before the cue
    # A negation further from the cue, within its own clause: searched on the clause before
    # the cue back to the last word that starts another verb's clause ("and", "so", "who",
    # …; "The agent did not pass me on to another department"), and on the clause after it up
    # to the next such word (Turkish and Czech put the negated verb after: "birimden birime
    # göndermediler", "z oddělení do oddělení mě neposílali").
    negated_earlier: re.Pattern[str] | None = None
    negated_after: re.Pattern[str] | None = None
    # Anywhere in the comment: another sense that a comma puts in a clause of its own
    # ("I had to repeat it twice, the line was bad").
    not_in_comment: re.Pattern[str] | None = None
    # The cue is read on the whole comment, not clause by clause: two clauses that say it
    # together ("billing says it's tech, tech says it's billing").
    whole_comment: bool = False
    # Characters one of which the comment must hold before the cue is tried at all (">→"
    # for a chain of arrows): a quick test that spares a costly cue on most comments.
    marks: str = ""


def rx(*parts: str) -> re.Pattern[str]:
    """Expressions → one expression that matches any of them."""
    return re.compile("|".join(f"(?:{p})" for p in parts))


def family(
    *groups: tuple[str, str | re.Pattern[str]],
    needs: re.Pattern[str] | None = None,
    unrelated: re.Pattern[str] | None = None,
    negated_before: re.Pattern[str] | None = None,
    not_in_comment: re.Pattern[str] | None = None,
) -> tuple[Rule, ...]:
    """(stems, cue) groups sharing what must stand near and what gives another sense → rules.

    Each group is tried only when its own stems are in a comment, so a family of many
    phrases costs little on a comment that holds none of them."""
    return tuple(
        Rule(
            cue if isinstance(cue, re.Pattern) else re.compile(cue),
            stems=stems,
            needs=needs,
            unrelated=unrelated,
            negated_before=negated_before,
            not_in_comment=not_in_comment,
        )
        for stems, cue in groups
    )


def negated_in_clause(
    rules: tuple[Rule, ...],
    earlier: re.Pattern[str] | None = None,
    after: re.Pattern[str] | None = None,
) -> tuple[Rule, ...]:
    """Rules → the same rules, each also dropped where a negation stands further from its cue
    in the same clause (`Rule.negated_earlier`, `Rule.negated_after`). A rule read across
    clauses (`whole_comment`) is left as it is."""
    return tuple(
        rule if rule.whole_comment else replace(rule, negated_earlier=earlier, negated_after=after)
        for rule in rules
    )


def word_trie(words: list[str]) -> str:
    """Words → one expression matching any of them, branching by letters (fast to try)."""
    if words == [""]:
        return ""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        if head == "":
            continue
        rest = word_trie(sorted(set(tails)))
        optional = "" in tails and rest != ""
        branches.append(re.escape(head) + (f"(?:{rest})?" if optional else rest))
    joined = "|".join(branches)
    return f"(?:{joined})" if len(branches) > 1 else joined
