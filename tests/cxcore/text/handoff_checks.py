"""Checks the handoff test files share: the rules read a form, the first look keeps it.

The detector tries only the rules that one look at a comment's words wakes
(`detect._rules_to_try`); every rule whose cue matches a sentence must survive that look.
"""

from __future__ import annotations

from cxcore.text.handoffs import detect
from cxcore.text.handoffs.detect import _rules_say, fold_comment
from cxcore.text.handoffs.learned import window

__all__ = ["assert_first_look_keeps", "assert_rules_read", "dropped_by_first_look", "rules_firing"]


def assert_rules_read(language: str, said: str) -> None:
    """The rules alone find a handoff in `said`, unblocked, by words that stand in it."""
    words, blocked, _ = _rules_say(fold_comment(said))
    assert words and not blocked, (language, said)
    assert all(w in fold_comment(said) for w in words), (language, said, words)
    assert rules_firing(fold_comment(said)), (language, said)


def rules_firing(folded: str) -> list:
    """Every rule whose cue matches the folded comment."""
    return [rule for rule in detect._RULES if rule.cue.search(folded)]


def dropped_by_first_look(folded: str) -> list:
    """The rules whose cue matches but that the first look would not try (should be none)."""
    tried = {id(rule) for rule in detect._rules_to_try(folded)[0]}
    return [rule for rule in rules_firing(folded) if id(rule) not in tried]


def assert_first_look_keeps(comment: str) -> None:
    """The first look at `comment`'s words wakes every rule whose cue matches it, and lets the
    learned model read it wherever the model's window (`learned.window`) would open."""
    folded = fold_comment(comment)
    assert not dropped_by_first_look(folded), comment
    assert detect._rules_to_try(folded)[1] or window(folded) is None, comment
