"""English handoff rules by form: verbs of moving with particles, another team named, A then B."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.english import EN_NEG_BEFORE, EN_NEG_EARLIER, EN_NOT_A_PERSON_SENT
from cxcore.text.handoffs.rules import Rule, family, negated_in_clause, rx, word_trie

__all__ = ["RULES", "UNIT"]


def _forms(bases: str) -> list[str]:
    """Verbs (base forms) → their forms: base, -s, -ed, -ing, and the few irregular pasts
    given after a slash ("send/sent")."""
    words: set[str] = set()
    for entry in bases.split():
        base, *irregular = entry.split("/")
        words.update(irregular)
        words.add(base)
        stem = base[:-1] if base.endswith("e") else base
        double = base + base[-1] if re.search(r"[^aeiou][aeiou][bgprt]$", base) else base
        words.add(base + ("es" if re.search(r"(?:s|sh|ch|x)$", base) else "s"))
        words.add((double if double != base else stem) + "ed")
        words.add((double if double != base else stem) + "ing")
    return sorted(words)


# Verbs that move a customer or a case on, in all their forms ("kicked", "bumping", "threw").
_MOVE_FORMS = _forms(
    "pass hand kick bump bounce shunt shove push dump throw/threw/thrown toss palm fob ship"
    " shuffle punt route redirect refer forward switch move transfer/transfered escalate farm"
    " offload pawn steer point direct reassign send/sent put juggle bat fling/flung sling/slung"
)
# As a letter trie (fast to try), and as whole-word stems: only a comment holding one of these
# very forms tries the rules ("passenger", "shipping", "pointless" wake nothing).
_MOVE: Final = f"(?:{word_trie(_MOVE_FORMS)})"
_MOVE_STEMS = " ".join(f"{form}=" for form in _MOVE_FORMS)
# Who or what is moved: the customer, or the case ("kicked my claim over to").
_CASE = (
    r"(?:case|claim|complaint|ticket|call|query|issue|problem|request|file|application|enquiry"
    r"|inquiry|matter|dispute|refund request|chat)"
)
_MOVED = rf"(?:me|us|you|him|her|it|(?:my|our|his|her|their|the) (?:\w+ )?{_CASE})"
# Said of the customer, with no object: "got bounced to", "was kicked upstairs".
_BEING = (
    "(?:"
    + word_trie(sorted("was were got get gets getting been being am is are".split()))
    + "|keep being|kept being|kept getting|keep getting|ended up being|ended up)"
    # and at most an adverb: "was then sent", "got quickly bounced"
    r" (?:\w+ly |just |then |also |finally |again |even |simply |only |all )?"
)
_PARTICLE = r"(?:over|on|off|up|across|along|back|down|away|through)"
# A team, desk or line of a company, or someone above or beside the first person, as a place
# where a customer lands. A plain agent or person is not: "put through to an agent" after a
# wait is the first person reached (another one is: `_PERSON`).
_UNIT = (
    r"(?:department|dept|team|squad|unit|desk|counter|office|branch|store|shop|colleague|manager"
    r"|supervisor|team leader|specialist|engineer|technician|someone else|somebody else|support"
    r"|billing|accounts|sales|tech|tech support|technical|helpline|hotline|call cent(?:re|er)"
    r"|customer service|customer care|head office|back office|complaints|escalations|claims"
    r"|compliance|fraud|loss adjusters?|second line|third line|2nd line|3rd line|(?:tier|level) ?(?:\d|one|two|three)"
    r"|queue|insurer|manufacturer|dealer|dealership|retailer|seller|courier|supplier|vendor|bank"
    r"|airline|partner|contractor|third party|lender|broker|garage|resolutions?|retentions?"
    r"|disputes|collections|underwriters?|legal|service cent(?:re|er)|card services)s?"
)
UNIT: Final = _UNIT
# Up to two words before the unit, none of them a preposition ("put it on in the store").
_WORDS = r"(?:(?!(?:in|on|at|to|for|from|of|with|by|into)\b)\w+ ){0,2}?"
_ANOTHER = (
    r"(?:another|a different|different|the wrong|a wrong|wrong|yet another|a second|a third"
    r"|a fourth|a new|the next|some other|the other|a separate|a whole new)"
)
_PERSON = (
    rf"{_ANOTHER} (?:\w+ )?(?:agent|rep|representative|advisor|adviser|operator|person|human|guy"
    r"|lady|man|woman|one|someone|somebody)\b"
)
# Where the customer lands: a unit, or another person.
_TO = rf"(?:(?:the |a |an |some |their |our |your |his |her |{_ANOTHER} )?{_WORDS}{_UNIT}\b|{_PERSON})"
# What follows a verb of moving: a particle and a unit; "from" one unit to another, or along
# a chain ("reassigned from the onboarding squad to platform to tier 2"); or away with no unit
# named ("referred me elsewhere", "handed back and forth").
_AFTER_MOVE = (
    rf"(?:(?: {_PARTICLE})? (?:to|onto|on ?to|into|on|with|towards) {_TO}"
    rf"| from (?:\w+ ){{1,3}}?to (?:(?:\w+ ){{1,3}}?to )?{_TO}"
    r"|(?: "
    + _PARTICLE
    + r")? (?:elsewhere|somewhere else|someplace else|someone else|somebody else|upstairs|up the (?:chain|ladder|line)|up a level|down the line"
    r"|round the houses|around the houses|from pillar to post|back and forth|to and fro|around|about"
    r"|round|in circles)\b)"
)
# Not the customer moved: goods, keys, money, a seat, a page (besides what english.py lists).
_GOODS = re.compile(
    rf"{EN_NOT_A_PERSON_SENT.pattern}"
    r"|\b(?:order|item|product|goods|box|keys?|delivery|shoes|furniture|class|upgrade|diet|photos?"
    r"|pictures?|files?|data|contacts|stock|car|vehicle|dog|cat|kids?|children|neighbou?r|ball)\b"
)
_COUNT = r"(?:two|three|four|five|six|seven|eight|several|multiple|many|\d+)"

RULES_BY_FORM: Final = (
    # A verb of moving with its particle and a unit after it: "threw me over to billing",
    # "dumped me on the technical team", "bumped up to a supervisor", "fobbed off onto the
    # courier", "kicked my claim over to the loss adjusters"; or sent on with no unit named:
    # "referred me elsewhere", "kicked upstairs", "sent round the houses", "handed back and
    # forth like a parcel".
    *family(
        (
            _MOVE_STEMS,
            # the customer or the case moved ("threw me over to"), or the customer said to be
            # moved ("was kicked upstairs"): each start tried once, then what may follow it
            rf"(?:\b{_MOVE} {_MOVED}|(?:^|\b{_BEING}){_MOVE}){_AFTER_MOVE}",
        ),
        unrelated=_GOODS,
        negated_before=EN_NEG_BEFORE,
    ),
    # Another team, desk, line or person reached: "kept getting the wrong department",
    # "ended up talking to four different teams", "had five case handlers in a month", "my
    # case has had four different owners", "reassigned three times", "department after
    # department".
    *family(
        (
            # the words that must follow
            "wrong differ anoth third fourth separ",
            rx(
                rf"\b(?:got|get|gets|getting|reached|reaching|landed|landing|ended up (?:with|at|in|on|talking to|speaking to|speaking with|talking with)"
                rf"|put through to|went through|spoke to|spoken to|speaking to|talked to|talking to|dealt with)"
                rf" (?:the |a )?(?:wrong|{_COUNT} (?:different|separate)|(?:a )?different|another|yet another|a third|a fourth) (?:\w+ )?(?:department|team|desk|queue|agent|person|advisor|adviser|office|branch|line)s?\b",
            ),
        ),
        (
            "handler owner managers officer casework advis agents reps= contact depart teams",
            rf"\b(?:had|has had|have had|went through|been through|gone through|dealt with|cycled through)"
            rf" (?:\w+ )?{_COUNT} (?:different |separate )?(?:case )?(?:handlers|owners|case managers|case officers|caseworkers|advisers|advisors|agents|reps|points of contact|departments|teams)\b",
        ),
        (
            "second third fourth fifth sixth 2nd 3rd 4th 5th 6th",
            r"\b(?:by|to|with|at|from|for|on) the (?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th) (?:person|agent|rep|advisor|adviser|department|team|operator|colleague|handler|transfer)\b"
            # not "the third person to try this dress"
            r"|\b(?:third|fourth|fifth|sixth|3rd|4th|5th|6th) (?:person|agent|rep|advisor|adviser|department|team|operator|transfer)\b"
            r"(?! to (?:try|buy|order|review|say|write|comment|have|get|wear|own|use|return)\b)",
        ),
        (
            "reassigned re= reallocated redirected forwarded referred bounced escalated handed passed moved",
            rf"\b(?:re-?assigned|reallocated|redirected|forwarded|referred|bounced|escalated|handed over|handed on|passed on|moved on) (?:{_COUNT}|twice|again and again|over and over) (?:times|x)\b",
        ),
        (
            "department agent team desk person rep office queue handler",
            r"\b(department|agent|team|desk|person|rep|office|queue|handler) (?:after|to) \1\b(?! (?:meeting|building))",
        ),
        unrelated=_GOODS,
        negated_before=EN_NEG_BEFORE,
    ),
    # Lost between teams, in the handover: "fell between two teams", "fell through the
    # cracks between departments", "lost in the handoff between sales and support", "the
    # handover to the second agent".
    *family(
        (
            "fell falls falling lost slipped slipping stuck caught",
            rf"\b(?:fell|falls|falling|lost|slipped|slipping|stuck|caught)(?: through the (?:cracks|gaps))? between (?:the |two |2 |different |several |{_COUNT} )?(?:\w+ )?(?:teams|departments|desks|offices|branches|agents|companies|firms|units|{_UNIT} and (?:the )?(?:\w+ )?{_UNIT})\b",
        ),
        ("ping", r"\bping ?-?pong(?:ed|ing)? (?:\w+ ){0,2}between\b"),
        (
            "handover handoff hand= handovers handoffs",
            rf"\b(?:hand ?-?over|hand ?-?off)s? (?:\w+ )?(?:to|between|from) (?:the |a |an |{_ANOTHER} )?(?:\w+ )?{_UNIT}\b",
        ),
        unrelated=_GOODS,
        negated_before=EN_NEG_BEFORE,
    ),
    # From one to the next with no verb of moving: "tier 1 couldn't help, so tier 2 got it";
    # "first line … second line"; "went from chat to phone to email"; "the fraud team, then the
    # cards team"; "spoke with one guy, then another, then another"; each new one from the
    # start ("back to square one with the next agent").
    *family(
        (
            "chat phone email e= store shop branch app= website desk counter helpline bot= twitter sales support billing",
            r"\bfrom (?:the )?(?:chat|phone|email|e-mail|store|shop|branch|app|website|desk|counter|helpline|bot|twitter|sales|support|billing)"
            r" to (?:the )?(?:\w+ )?(?:chat|phone|email|e-mail|store|shop|branch|app|website|desk|counter|helpline|bot|twitter|sales|support|billing)"
            r" to (?:the )?\w+",
        ),
        unrelated=_GOODS,
        negated_before=EN_NEG_BEFORE,
    ),
    # Each new one from the start: "back to square one with the next agent" (beside a new
    # person or a unit: "back to square one with my diet" is none).
    *family(
        ("square scratch", r"\b(?:back to|from|at) square one\b|\bfrom scratch\b"),
        needs=re.compile(
            rf"\b(?:next|new|each|every|another|different|second|third|transfer\w*|handover|handoff|passed|{_UNIT})\b"
        ),
        unrelated=_GOODS,
        negated_before=EN_NEG_BEFORE,
    ),
    # Across commas: "tier 1 couldn't help, so tier 2 got it"; "first line …, second line";
    # "spoke with one guy, then another, then another".
    *(
        Rule(
            re.compile(cue),
            stems=stems,
            negated_before=None if stems == "no=" else EN_NEG_BEFORE,
            whole_comment=True,
        )
        for stems, cue in (
            (
                "tier level",
                r"\b(tier|level) ?(?:1|one)\b(?! (?:of|pricing|price|plan|membership|status|floor|car park|parking)).{0,80}?\b\1 ?(?:2|two|3|three)\b(?! (?:of|pricing|price|plan|membership|status|floor|car park|parking))",
            ),
            ("first 1st", r"\b(?:first|1st) line\b.{0,80}?\b(?:second|2nd|third|3rd) line\b"),
            (
                "team department desk office",
                r"\b(?:team|department|desk|office)s?,? (?:and )?then (?:to |on to |over to |back to )?(?:the |a |another )?(?:\w+ )?(?:team|department|desk|office)\b",
            ),
            # two negations: "there is no department I have not been passed to"
            (
                "no=",
                r"\bno (?:single )?(?:department|team|desk|person|agent|office|branch|one|line) (?:left )?(?:that )?(?:i|we) (?:have not|havent|had not|hadnt|have never|had never) (?:been )?(?:passed|sent|transferr?ed|bounced|put through|referred|shunted|forwarded|handed)\b",
            ),
            (
                "anoth",
                r"\b(?:one|an?) (?:guy|person|agent|rep|lady|woman|man|advisor|adviser|operator|department|team|desk)\b.{0,25}?\bthen another\b",
            ),
        )
    ),
    # Each new one asking it all again, whatever stands between: "every person I got put on
    # to asked for my account number again".
    Rule(
        re.compile(
            r"\b(?:every|each) (?:single )?(?:new |other )?(?:agent|person|rep|advisor|adviser|department|team|one|handler|operator|guy|lady|colleague)\b"
            r"(?: \w+){0,7}? (?:asked|asks|wanted|wants|needed|needs|made me|makes me|had me|required|requires|demanded)\b"
        ),
        stems="every each",
        needs=re.compile(
            r"\b(?:again|same|from scratch|all over|from the start|whole story|story|details|account number|security questions|postcode|date of birth|reference)\b"
        ),
        unrelated=_GOODS,
        negated_before=EN_NEG_BEFORE,
    ),
    # Handled by another unit, and the customer sent there: "said returns are handled by a
    # separate unit and gave me their email".
    Rule(
        re.compile(
            r"\b(?:handled|dealt with|done|managed|looked after|covered|processed|sorted) (?:only )?by (?:a |an |the |their )?"
            r"(?:separate|different|other|another|specialist|specialised|specialized|dedicated|central|external) (?:\w+ )?"
            r"(?:unit|team|department|dept|company|office|branch|desk|centre|center|line|firm|partner|provider)\b"
        ),
        stems="handled dealt done managed looked covered processed sorted",
        needs=re.compile(
            r"\b(?:said|says|told|apparently|according|gave|instead|call|contact|email|go|ring|phone|number|they)\b"
        ),
        negated_before=EN_NEG_BEFORE,
    ),
    # Each says it is the other's, as quoted lines: "Local depot: 'claims go through customer
    # relations'. Customer relations: 'speak to your local depot'."
    Rule(
        re.compile(
            r"\b([a-z]{3,}(?: [a-z]{3,})?): .{0,80}?\b([a-z]{3,}(?: [a-z]{3,})?)\W{1,6}\2: .{0,80}?\b\1\b"
        ),
        # one of the lines tells the customer where to go
        stems="speak talk call ring phone go= goes contact ask try email write through",
        marks=":",
        negated_before=EN_NEG_BEFORE,
        whole_comment=True,
    ),
    # Two clauses of blame or sending joined by "and": "the garage blamed the dealer and the
    # dealer blamed the garage", "the shop sends me to the bank and the bank sends me back".
    Rule(
        re.compile(
            r"\b([a-z]{3,}) (?:blamed|blames|blaming|sent|sends|sending|referred|refers|pointed|points|passed|passes)"
            r" (?:me |us )?(?:(?:back |on |over )?to |at )?(?:the |a |an )?([a-z]{3,})\b.{0,30}?\b(?:and|while|but|then) (?:the |a |an )?\2"
            r" (?:blamed|blames|blaming|sent|sends|sending|referred|refers|pointed|points|passed|passes)\b.{0,30}?\b\1\b"
        ),
        stems="blamed blames blaming sent sends sending referred refers pointed points passed passes",
        negated_before=EN_NEG_BEFORE,
        whole_comment=True,
    ),
)

# Every rule: a negation reaches its cue from anywhere earlier in the clause.
RULES: Final = negated_in_clause(RULES_BY_FORM, earlier=EN_NEG_EARLIER)
