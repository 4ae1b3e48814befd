"""English handoff rules for being sent elsewhere: each sending on to the next, another unit's job, "again"."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.english import EN_NEG_BEFORE, EN_NEG_EARLIER
from cxcore.text.handoffs.english_forms import UNIT
from cxcore.text.handoffs.rules import Rule, family, negated_in_clause, rx

__all__ = ["RULES"]

# Verbs by which one party sends the customer on, and the words that may follow them before
# the party sent to ("tells me to ask my broker", "blames the manufacturer", "sends me back to
# the repair centre").
_SENDS = (
    r"(?:blames?|blamed|blaming|sends? (?:me |us )?(?:back )?to|sent (?:me |us )?(?:back )?to"
    r"|points? (?:me |us )?(?:at|to)|pointed (?:me |us )?(?:at|to)|refers? (?:me |us )?to|referred (?:me |us )?to"
    r"|(?:says?|said|tells? (?:me|us)|told (?:me|us)) (?:to )?(?:ask|call|ring|phone|contact|talk to|speak to|try|go to|email|write to))"
)
_SPEAKS = r"(?:says?|said|tells?|told|sends?|sent|blames?|blamed|points?|pointed|refers?|referred|claims?|claimed)"
_OWNER = r"(?:my |the |your |their |our |a |an )?"
_SOMEONE_NEW = (
    r"\b(?:(?:someone|somebody|some1) (?:new|different|else)"
    r"|(?:a|another) (?:new|different) (?:person|agent|rep|advisor|adviser|operator|handler))\b"
)
# A transfer of travellers or money, not of the customer's call.
_NOT_CUSTOMER = re.compile(
    r"\b(?:airport|shuttle|hotel|bus|coach|train|flights?|money|funds|bank transfer|payment|wire)\b|[£$€]"
)

_RULES = (
    # Each sends the customer on, and the one sent to sends on again: "you tell me to ask my
    # broker, my broker tells me to ask you"; "repair centre blames the manufacturer,
    # manufacturer says talk to the retailer, retailer sends me back to the repair centre".
    Rule(
        re.compile(
            rf"\b{_SENDS} {_OWNER}([a-z]{{3,}})\b[^.]{{0,25}}?[,;.] ?(?:and |but |then |so |while )?{_OWNER}\1\w* {_SPEAKS}\b"
        ),
        stems="blame blames blamed blaming send= sends sent point points pointed refer refers referred say= says said tell tells told",
        marks=",;.",
        negated_before=EN_NEG_BEFORE,
        whole_comment=True,
    ),
    # Asked not to be moved again, or why once more (it says the customer was moved before):
    # "pls dont transfer me again", "please stop passing me around", "why are you sending me
    # somewhere else again".
    Rule(
        rx(
            r"\b(?:dont|do not|please dont|pls dont|plz dont|stop|no more) (?:\w+ )?(?:transferr?(?:ing)?|pass(?:ing)?|send(?:ing)?|bounc(?:e|ing)"
            r"|put(?:ting)?|shunt(?:ing)?|fob(?:bing)?) (?:me|us) (?:\w+ ){0,3}?(?:again|anymore|any more|one more time|around|about|elsewhere)\b",
            r"\bwhy (?:\w+ ){0,3}?(?:transferr?\w*|pass\w*|send\w*|sent|bounc\w*|mov\w*|put\w*) (?:me|us) (?:\w+ ){0,4}?again\b",
        ),
        # the verbs: "no", "do" and "please" are in most comments
        stems="transfer pass send sent bounc put shunt fob mov",
        # mail, not the customer: "please don't send me any more marketing emails"
        unrelated=re.compile(
            r"\b(?:e-?mails?|messages?|texts?|spam|marketing|letters?|offers?|newsletters?|notifications?|adverts?|ads)\b"
        ),
    ),
    # "transfer no. 4 of the morning", "transfer number three" (read on the whole comment: the
    # full stop of "no." ends no clause)
    Rule(
        re.compile(r"\btransfer (?:no\.?|nr\.?|number|#) ?(?:\d+|two|three|four|five|six)\b"),
        stems="transfer=",
        unrelated=_NOT_CUSTOMER,
        negated_before=EN_NEG_BEFORE,
        whole_comment=True,
    ),
)
_RULES_IN_CLAUSE = (
    *family(
        # "customer service is a game of pass the parcel and I'm the parcel"
        ("parcel", r"\bpass the parcel\b"),
        # another party's job: "I'd have to take it up with their returns partner"
        (
            "take= took takes taking",
            rf"\b(?:take|took|takes|taking) (?:it|this|that|the matter|the issue|my complaint|my claim) up with {_OWNER}(?:\w+ ){{0,2}}?{UNIT}\b",
        ),
        # another address to write to or number to call handed over: "gave me another email
        # address", "handed me a different contact"
        (
            "gave give given handed sent",
            r"\b(?:gave|give|given|handed|sent) (?:me|us|her|him) (?:yet )?(?:another|a different|a separate|some other)"
            r" (?:phone |telephone |email |e-mail |contact )?(?:number|line|email address|e-mail address|email|e-mail|contact)\b",
        ),
        needs=re.compile(
            r"\b(?:transfer|i m|im|i am|me|us|customer service|support|agents?|departments?|teams?|staff"
            r"|they|call cent\w+|take|took|takes|taking|gave|give|given|handed|sent)\b"
        ),
        unrelated=_NOT_CUSTOMER,
        negated_before=EN_NEG_BEFORE,
    ),
    # The next one no better: "put through to someone who couldn't help either" (the "either"
    # says one before could not).
    Rule(
        re.compile(
            r"\b(?:put through|transferr?ed|passed|sent|connected|handed) (?:on |over )?to (?:someone|somebody|an? \w+|another \w+|the \w+)"
            r" (?:who|that|which) (?:\w+ ){0,3}?(?:couldnt|could not|didnt|did not|cant|cannot|wasnt|was not|had no) (?:\w+ ){0,3}?either\b"
        ),
        stems="either",
        unrelated=_NOT_CUSTOMER,
        negated_before=EN_NEG_BEFORE,
    ),
    # Someone new each time: "every time I call I get someone new who knows nothing".
    Rule(
        rx(
            rf"\b(?:every|each) (?:single )?(?:time|call)\b.{{0,60}}?{_SOMEONE_NEW}",
            rf"{_SOMEONE_NEW}.{{0,40}}?\b(?:every|each) (?:single )?(?:time|call)\b",
        ),
        stems="every each",
        negated_before=EN_NEG_BEFORE,
    ),
    # Several numbers to call for one matter: "had to call three different numbers".
    Rule(
        re.compile(
            r"\b(?:call|ring|phone|try|dial)(?:ed|ing)? (?:\d+|two|three|four|five|six|several|multiple) (?:different |separate )?(?:numbers|lines|departments|teams|offices|branches|helplines)\b"
        ),
        stems="numbers lines departments teams offices branches helplines",
        negated_before=EN_NEG_BEFORE,
    ),
    # Handed about with no place named: "got handed around like a parcel".
    Rule(
        re.compile(
            r"\b(?:was|were|got|get|been|being|getting|kept getting|keep getting) (?:handed|tossed|thrown|batted|kicked|passed) (?:around|about|round)\b"
        ),
        stems="handed tossed thrown batted kicked passed",
        unrelated=_NOT_CUSTOMER,
        negated_before=EN_NEG_BEFORE,
    ),
    # The agent sends the customer on: "you'll need to speak to our claims team", "suggested I
    # contact the retailer", "told me to go through my broker instead".
    # (the expression starts with the letters "you", which the regular expression engine
    # looks for first: twenty times faster on long reviews than starting with a word boundary)
    Rule(
        re.compile(
            r"you(?<=\byou)(?:ll| ll| will| d|d| would)? (?:need|needs|have|want) to (?:speak|talk|call|ring|phone|contact|go|email|write|get in touch)"
            rf" (?:to |with |through |in touch with )?{_OWNER}(?:\w+ ){{0,2}}?{UNIT}\b"
        ),
        stems="need= needs= have= want=",
        unrelated=_NOT_CUSTOMER,
        negated_before=EN_NEG_BEFORE,
    ),
    Rule(
        re.compile(
            r"\b(?:suggested|advised|recommended|asked|wanted|told) (?:that )?(?:i|we|me|us) (?:to )?(?:should |had to |need to |needed to )?"
            rf"(?:contact|call|ring|phone|go to|go through|speak to|talk to|email|write to|try|take it to) {_OWNER}(?:\w+ ){{0,2}}?{UNIT}\b"
        ),
        stems="suggested advised recommended asked wanted told",
        unrelated=_NOT_CUSTOMER,
        negated_before=EN_NEG_BEFORE,
    ),
    # Telling each one: "why do I have to tell every single person my account number".
    Rule(
        re.compile(
            r"\b(?:tell|told|give|gave|explain\w*|repeat\w*|spell\w* out) (?:it |this |my \w+ )?(?:to )?(?:every|each) (?:single )?(?:person|agent|rep|one|advisor|adviser|department|team|operator)\b"
        ),
        stems="every each",
        negated_before=EN_NEG_BEFORE,
    ),
    # Several of them: "three different advisers, three different answers".
    Rule(
        re.compile(
            r"\b(?:two|three|four|five|six|\d+) (?:different|separate) (?:advisers|advisors|agents|reps|operators|departments|teams|case handlers|handlers)\b"
        ),
        stems="advisers advisors agents reps= operators departments teams handlers",
        negated_before=EN_NEG_BEFORE,
    ),
    # Someone else's matter: "was told it's a matter for the loss adjuster".
    Rule(
        re.compile(
            r"\b(?:told|said|says|apparently|according to \w+|claims?|claimed)(?: me| us)?(?: that)?,? (?:it s|its|it is|that s|thats|this is|it was)"
            rf" (?:a (?:matter|job|question|case|issue) |one |something )?for {_OWNER}(?:\w+ ){{0,2}}?{UNIT}\b"
        ),
        stems="told said says apparently according claim claims claimed",
        negated_before=EN_NEG_BEFORE,
    ),
    # This unit does not do it, so elsewhere: "was told this line doesn't deal with warranty
    # claims and I should call the 0800 number instead".
    Rule(
        re.compile(
            r"\b(?:line|department|dept|team|desk|office|branch|store|shop|number"
            r"|counter|helpline|hotline|chat|site) (?:doesnt|does not|dont|do not|cant|cannot|wont|will not|didnt|did not)"
            r" (?:deal with|handle|cover|process|look after|deal in)\b"
        ),
        stems="deal handle cover process look=",
        needs=re.compile(
            r"\b(?:instead|another|other|different|separate|call|ring|phone|contact|go to|email|told|said|sent|referred)\b"
        ),
    ),
    # Told to call elsewhere instead: "was told I should call the 0800 number instead".
    Rule(
        re.compile(
            r"\b(?:i|we) (?:should|had to|have to|need to|needed to|must|ll have to|d have to|would have to|was to|were to)"
            r" (?:call|ring|phone|contact|email|e-mail|go to|go through|deal with|speak to|talk to|ask|try|write to|take it to) (?:\w+ ){0,4}?instead\b"
        ),
        stems="instead",
        needs=re.compile(r"\b(?:told|said|says|advised|according|apparently|they)\b"),
        negated_before=EN_NEG_BEFORE,
    ),
)

# A negation reaches the cues read in a clause from anywhere earlier in it; the requests not
# to be moved again hold their own negation.
RULES: Final = (*_RULES, *negated_in_clause(_RULES_IN_CLAUSE, earlier=EN_NEG_EARLIER))
