"""Handoff rules for one party sending the customer to another, who sends back or on.

Read on the whole comment: the party sent to is named again as the one who speaks, sends or
blames next ("restaurant blamed the app, app blamed the restaurant", "poslou vás do banky a
banka zpátky do aplikace", "destek beni bankama yolladı, bankam … dedi"). The second naming
is matched on the first one's start (four letters in Czech and Turkish, whose endings change
with the case), so no list of parties is needed.
"""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.english import EN_NEG_BEFORE
from cxcore.text.handoffs.rules import Rule

__all__ = ["RULES"]

# Words that follow "said" without naming a party: "said sorry, sorry …" names none.
_EN_NOT_PARTY: Final = (
    r"(?!(?:that|this|thanks|thank|sorry|yes|you|they|she|him|her|its|not|nothing|something"
    r"|sure|okay|hello|goodbye|what|was|would|will|the|and|but|there|here|nope|yeah|hold)\b)"
)
_EN: Final = Rule(
    re.compile(
        r"\b(?:blames?|blamed|blaming|says?|said|sends? (?:me |us |you )?(?:back )?to"
        r"|sent (?:me |us |you )?(?:back )?to|sending (?:me |us |you )?(?:back )?to"
        r"|points? (?:me |us |you )?(?:at|to)|pointed (?:me |us |you )?(?:at|to)|pointing (?:me |us |you )?(?:at|to))"
        rf" (?:my |the |your |their |our |a |an )?{_EN_NOT_PARTY}([a-z0-9]{{3,}})\b[^.!?]{{0,30}}?"
        r"(?:[,;.] ?| )(?:and |but |then |so |while )?(?:the |my |your |their |our )?\1\w{0,3}"
        r" (?:\w+ )?(?:says?|said|blames?|blamed|blaming|sends?|sent|sending|points?|pointed"
        r"|pointing|claims?|claimed)\b"
    ),
    stems="blame blames blamed blaming say= says said send= sends sent sending point points pointed pointing",
    negated_before=EN_NEG_BEFORE,
    whole_comment=True,
)
_CS: Final = Rule(
    re.compile(
        r"\b(?:poslal|posila|poslou|posilaj|hodil|hazi|odkazal|odkazuj|prepojil|svalil|svaluj"
        r"|at (?:volam|zavolam|pisu|napisu))\w* (?:\w+ ){0,2}?(?:(?:na|do|k|ke) )?(\w{4})\w*"
        r"[^.!?]{0,30}?(?:,|\.| a| ale| pak) (?:ten |ta |to )?\1\w* (?:\w+ )?"
        r"(?:zpatky|zpet|na|do|ke?|rekl\w*|rika\w*|tvrd\w*|posl\w*|posil\w*|hodil\w*|odkaz\w*"
        r"|prepoj\w*|at)\b"
    ),
    stems="poslal posila poslou posilaj hodil hazi odkazal odkazuj prepojil svalil svaluj volam zavolam pisu napisu",
    whole_comment=True,
)
_TR: Final = Rule(
    re.compile(
        r"\b(\w{4})\w*(?:e|a|ye|ya) (?:yolla|yonlendir|gonder|atti|atmis|sevk)(?!\w*?(?:d|t)[iu][mk]\b)\w*"
        r"[^.!?]{0,30}?(?:,|\.| ve) \1\w* (?:(?:da|de|ise)\b|(?:\w+ ){0,4}?(?:dedi|diyor|der|gosteri)\w*)"
    ),
    stems="yolla yonlendir gonder atti atmis sevk",
    whole_comment=True,
)
RULES: Final = (_EN, _CS, _TR)
