"""A handoff rule: a cue of being passed on, what must stand near it, what gives it another sense."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Rule", "rx"]


@dataclass(frozen=True)
class Rule:
    """A cue of being passed on, what must stand near it, and what gives it another sense."""

    cue: re.Pattern[str]
    # Word starts, space-separated: the cue can match only a text with a word starting with
    # one of them (a quick look by first letters decides which cues are tried at all). A
    # stem shorter than three letters is a whole word ("o", "bu").
    stems: str
    needs: re.Pattern[str] | None = None  # somewhere in the clause
    unrelated: re.Pattern[str] | None = None  # in the clause: another sense
    negated_before: re.Pattern[str] | None = None  # the words just before the cue


def rx(*parts: str) -> re.Pattern[str]:
    """Expressions → one expression that matches any of them."""
    return re.compile("|".join(f"(?:{p})" for p in parts))
