"""A comment → whether it says the customer was passed on, and the words that showed it."""

from __future__ import annotations

import re
from typing import Final

import pandas as pd

from cxcore.text.handoffs import czech, english, turkish
from cxcore.text.handoffs.rules import Rule
from cxcore.text.taxonomy import fold_text

__all__ = ["detect_handoff", "handoff_words"]

_CLAUSE: Final = re.compile(r"[.!?;:\n]+|,|\b(?:but|ama|fakat|ancak|ale|avsak)\b")

_RULES: Final = (*turkish.RULES, *czech.RULES, *english.RULES)
# A first look at the words: only comments with a word starting with one of these (a cue's
# verb, or a unit inside the company that a cue must name) are read closely.
_STEMS: Final = (
    *"aktar havale yonlendir devr devet deved devral sevk gonder yolla bagla ilet tasi atti atip".split(),
    *"verdi top kapi oradan buraya pas eskal ust dolastir surundur sektir ilgili ilgilendirmiyor".split(),
    *"git gid ara basvur yaz ulas anlat acikla izah soyle birim departman bolum ekib ekip".split(),
    *"temsilci yetkili magaza sube merkez hizmet mudurlu muhasebe".split(),
    *"prepoj predal predav predan preposl presmer preved odkaz posla posil prehaz soup nasmer".split(),
    *"posun prevzal smerov certa jednoho oddeleni brambor kolecko ping kruhu stiznost pozadav".split(),
    *"reklamac nespada resi vyridi starosti patri zavol zajd zasel zasla napis napsal obrat".split(),
    *"volam jdu kontakt vysvetl vyklad vyprav opakov popis popsat rikat rict rikal odrikav".split(),
    *"transfer xfer bounc shuffl juggl shunt kicked buck handed through pillar run circles".split(),
    *"forth escalat department went took sent sending direct redirect referred forwarded".split(),
    *"connected routed moved pushed told said says repeat explain tell retell describe".split(),
    *"spoke talked speak talk dealt chatted start give gave provid every each pass".split(),
)
_BY_START: Final = {
    start: tuple(stem for stem in _STEMS if stem[:3] == start) for start in {s[:3] for s in _STEMS}
}
_WORD: Final = re.compile(r"\w+")


def _may_hold_cue(folded: str) -> bool:
    """Whether some word of the text starts with a stem of _STEMS (a quick look by first letters)."""
    for word in set(_WORD.findall(folded)):
        stems = _BY_START.get(word[:3])
        if stems and word.startswith(stems):
            return True
    return False


def _clauses(folded: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(folded) if c and c.strip()]


def _words_before(clause: str, start: int, count: int = 3) -> str:
    return " ".join(clause[:start].split()[-count:])


def _rule_words(rule: Rule, clause: str) -> list[str]:
    """The cue's words wherever `rule` fires in `clause` (none when negated or another sense)."""
    if rule.unrelated is not None and rule.unrelated.search(clause):
        return []
    if rule.needs is not None and not rule.needs.search(clause):
        return []
    found = []
    for match in rule.cue.finditer(clause):
        if rule.negated_before is not None and rule.negated_before.search(
            _words_before(clause, match.start())
        ):
            continue
        found.append(match.group(0).strip())
    return found


def detect_handoff(text: str | None) -> tuple[bool, tuple[str, ...]]:
    """A comment → (whether it says the customer was passed on, the words that showed it)."""
    if not isinstance(text, str) or not text.strip():
        return False, ()
    folded = fold_text(text).replace("’", "'").replace("'", " ")
    if not _may_hold_cue(folded):
        return False, ()
    fired = [rule for rule in _RULES if rule.cue.search(folded)]
    if not fired:
        return False, ()
    words: list[str] = []
    for clause in _clauses(folded):
        for rule in fired:
            words += [w for w in _rule_words(rule, clause) if w not in words]
    return bool(words), tuple(words)


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
