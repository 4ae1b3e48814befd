"""Handoff mentions, round five: negation bounded by the clause; English forms."""

from __future__ import annotations

import pytest

from cxcore.text.handoffs import detect, detect_handoff
from cxcore.text.handoffs.detect import fold_comment
from cxcore.text.handoffs.learned import window

# Sentences written for these tests (not from any bench set). Each handoff has a negated twin
# whose negation stands further from the cue than the few words just before it, or after it.
NEGATED_TWINS = [
    (
        "en",
        "The agent passed me on to another department",
        "The agent did not pass me on to another department",
    ),
    (
        "en",
        "At one point I was transferred to another department",
        "I was not at any stage transferred to another department",
    ),
    (
        "en",
        "Somebody at the bank bounced me between departments",
        "Nobody at the bank ever bounced me between departments",
    ),
    (
        "en",
        "The clerk put me on to a different line after ten minutes",
        "The clerk did not once in the whole call put me on to a different line",
    ),
    (
        "tr",
        "Beni birimden birime gönderdiler",
        "Beni birimden birime göndermediler, hemen çözdüler",
    ),
    (
        "tr",
        "Operatörden operatöre dolaştırdılar",
        "Operatörden operatöre dolaştırmadılar, tek kişi halletti",
    ),
    (
        "tr",
        "Şikayetimi şubeden bölgeye yolladılar",
        "Şikayetimi şubeden bölgeye hiç yollamadılar, şube çözdü",
    ),
    ("cs", "Z oddělení do oddělení mě posílali", "Z oddělení do oddělení mě tentokrát neposílali"),
    (
        "cs",
        "Od jednoho operátora k druhému mě přehazovali",
        "Od jednoho operátora k druhému mě nikdo nepřehazoval",
    ),
    (
        "cs",
        "Reklamaci předali z pobočky na centrálu",
        "Reklamaci z pobočky na centrálu nepředali, vyřídili ji hned",
    ),
]


@pytest.mark.parametrize(("language", "said", "negated"), NEGATED_TWINS)
def test_a_negation_anywhere_in_the_clause_drops_the_cue(language, said, negated):
    assert detect_handoff(said)[0], (language, said)
    assert detect_handoff(negated) == (False, ()), (language, negated)
    # the rules see the negated cue, so the learned model is not asked either
    assert detect._rules_say(fold_comment(negated))[:2] == ([], True), negated


# A negation of another verb, in another clause, or an emphasis: the handoff stands.
NOT_NEGATED = [
    ("en", "I can't believe they transferred me three times"),
    ("en", "I have never been transferred so many times in one call"),
    ("en", "Not only did they transfer me, they hung up"),
    ("en", "Without any warning they transferred me to another department"),
    ("en", "No idea why they passed me on to another department"),
    ("en", "I don't know why the agent sent me to the wrong department"),
    ("en", "Nobody answered for an hour and then they bounced me between departments"),
    ("en", "The website did not work so the helpline transferred me to the store"),
    ("tr", "Kimse yardım etmedi, beni birimden birime gönderdiler"),
    ("tr", "Beni başka birime aktarmadan önce yarım saat beklettiler ve aktardılar"),
    ("tr", "Aktarılmadığım birim kalmadı"),
    ("cs", "Nebylo oddělení, kam by mě nepřepojili"),
    ("cs", "Nikdo mi nepomohl, z oddělení do oddělení mě posílali"),
    ("cs", "Z oddělení do oddělení mě posílali a nikdo nic nevěděl"),
]


@pytest.mark.parametrize(("language", "comment"), NOT_NEGATED)
def test_a_negation_of_another_verb_leaves_the_handoff(language, comment):
    assert detect_handoff(comment)[0], (language, comment)


def test_the_first_look_keeps_every_rule_of_these_sentences():
    comments = [c for _, *pair in NEGATED_TWINS for c in pair] + [c for _, c in NOT_NEGATED]
    for comment in comments:
        folded = fold_comment(comment)
        rules, cue = detect._rules_to_try(folded)
        matching = {id(rule) for rule in detect._RULES if rule.cue.search(folded)}
        assert matching <= {id(rule) for rule in rules}, comment
        assert cue or window(folded) is None, comment
