"""English handoff rules: transferred, passed around, sent to, escalated, repeating the story."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.rules import Rule, rx

__all__ = ["RULES"]

_EN_NEG_BEFORE = re.compile(
    r"\b(?:not|never|no|without|nobody|no one|didn ?t|did not|don ?t|wasn ?t|weren ?t|hadn ?t"
    r"|instead of|rather than|avoid\w*|no need to|need to)\b"
)
_EN_UNIT = (
    r"(?:department|dept|team|agent|person|people|colleague|manager|supervisor|specialist"
    r"|human|representative|rep|helpline|hotline|call cent\w+|customer service\w*|customer care"
    r"|store|shop|branch|head office|desk|counter|support|billing|tech\w*|line|number|queue"
    r"|level|tier|someone|somebody|another|different|other|else|returns|sales|accounts"
    r"|engineer|operator|advisor|adviser|senior|boss|office|airline|airport|bank|expert"
    r"|manufacturer|supplier|vendor|seller|retailer|provider|insurer|courier)s?\b"
)
_EN_FIRST_PERSON = r"\b(?:i|we|me|us|my)\b"
RULES: Final = (
    Rule(
        # "Transferred" alone is also dye or a stain: a person or a call must be the one moved.
        rx(
            r"\btransfer(?:r?ed|r?ing|s)? (?:me|us|my call|the call|my \w+ call|calls)\b",
            r"\b(?:was|were|got|get|been|being|getting|kept getting|keep getting) (?:\w+ )?transferr?ed\b",
            r"\b(?:first|second|third|fourth|fifth|another|one more|\d+(?:st|nd|rd|th)?|several|multiple"
            r"|many|two|three|four|five|endless|constant) transfers?\b",
            rf"\btransferr?(?:ed|ing)? (?:it |my \w+ |the \w+ )?(?:back |over |across )?to (?:\w+ ){{0,3}}{_EN_UNIT}",
            r"\bxfer\w*",
        ),
        stems="transfer xfer",
        unrelated=rx(
            r"\bmoney\b|\bfunds?\b|\bbalance\b|\bbank transfer|\bwire\b|\bpayment\w*|\bsavings\b",
            r"[£$€]|\d+ ?(?:pounds|dollars|euros?|k)\b|\bcash\b|\bpoints\b|\bmiles\b|\bcredit\b",
            r"\bnumber from\b|\bmy number\b|\bport\w*|\bphotos?\b|\bdata\b|\bfiles?\b|\bcontacts\b",
            r"\bairport\b|\bhotel\b|\bshuttle\b|\bflights?\b|\bname\b|\bownership\b|\bbus\b|\btrain\b",
            r"\bpictures\b|\bapps?\b|\bsim\b|\bcontract\b|\bsubscription\b|\blicen[cs]e\b",
            r"\baddress\b|\bbroadband\b|\bhome move\b|\bphone to\b",
        ),
        negated_before=_EN_NEG_BEFORE,
    ),
    Rule(
        rx(
            # "Pass on it" is choosing not to buy: the customer must be the one passed.
            r"\bpass(?:ed|ing)? (?:me|us) (?:around|round|on|along|back and forth|from|between)\b",
            r"\b(?:was|were|got|get|been|being|getting|keep getting|kept getting) passed (?:around|round|on|along|from|between)\b",
            r"\b(?:bounc|shuffl|ping[- ]?pong|juggl|shunt)\w* (?:me|us) (?:around|about|between|from|back)\b",
            r"\b(?:was|were|got|get|been|being|getting|keep getting|kept getting) (?:bounc|shuffl|ping[- ]?pong|juggl|shunt)\w* (?:around|about|between|from|back|off)\b",
            r"\bkicked (?:me |us )?around\b",
            r"\bpass(?:ed|ing)? the buck\b",
            r"\bhanded (?:me|us) (?:over|off|on)\b|\bhanded (?:it |my \w+ )?(?:over|off|on) to\b",
            r"\bput (?:me |us )?through to\b",
            r"\bfrom pillar to post\b",
            r"\b(?:the|a) run ?-?around\b",
            r"\bround in circles\b",
            rf"\bback and forth between (?:\w+ ){{0,3}}{_EN_UNIT}",
            r"\bfrom one (?:department|team|agent|person|desk|office|rep|number) to (?:another|the next|the other)\b",
            r"\bescalat(?:ed|e|ing)? (?:it |this |that |my \w+ |the \w+ )?(?:up )?to\b",
            r"\b(?:complaint|case|ticket|issue|problem|query|request|call|it) (?:was|got|has been|had been|is being|been) escalated\b",
            r"\b(?:not|isn ?t) (?:our|my|their|his|her) (?:department|team|area|job)\b",
            r"\b(?:another|different|other) department ?s? (?:job|issue|problem|matter|responsibility)\b",
            r"\bwent through (?:\w+ )?(?:\d+|two|three|four|five|six|several|multiple) (?:different )?(?:agents|people|reps|departments|teams|persons)\b",
            r"\b(?:another|a different|a second|a third|a new) (?:agent|rep|person|colleague) took over\b",
        ),
        stems="pass bounc shuffl ping juggl shunt kicked buck handed through pillar run circles forth department team agent person desk office rep number escalat area job went took",
        unrelated=re.compile(
            r"\bprices?\b|\bcosts?\b|\bbills?\b|\bfees?\b|\brates?\b|\btension|\bsituation\b"
        ),
        negated_before=_EN_NEG_BEFORE,
    ),
    Rule(
        rx(
            r"\b(?:sent|sending|directed|redirected|referred|forwarded|connected|routed|passed|handed|pushed)"
            r" (?:me|us|my \w+|the \w+|it|them)? ?(?:on |back |over |off |across )?to\b",
            r"\b(?:was|got|been|were|being) (?:sent|redirected|referred|forwarded|routed|connected|passed|handed|put through) (?:on |back |over |across )?to\b",
            r"\btold (?:me|us) to (?:call|ring|phone|contact|go to|go back to|visit|email|e-mail|try|speak to|talk to|take it to|write to)\b",
            r"\b(?:have|had|has) to (?:call|ring|phone|contact|go to|visit|email) (?:a |the )?(?:different|another|other|separate|head|customer)\b",
            r"\b(?:said|says|told me|told us)(?: that)? (?:i|we) (?:had|have|need|needed|should|must) to"
            r" (?:call|ring|phone|contact|go to|visit|email|speak to|talk to|take it to)\b",
        ),
        stems="sent sending direct redirect referred forward connect routed pass handed pushed through told differ anoth other separ head custom said says",
        needs=re.compile(rf"\b(?:to|at|with) (?:\w+ ){{0,3}}{_EN_UNIT}"),
        unrelated=re.compile(
            r"\bpage\b|\blink\b|\bsite\b|\blogin\b|\bapp\b|\bscreen\b|\bhomepage\b|\bwebsite\b"
            r"|\bvoicemail\b|\bparcel\b|\bpackage\b|\bcode\b|\bsms\b|\btext\b|\binvoice\b|\bbill\b"
            r"|\brefund\b|\bmoney\b|\bbank account\b|\bwifi\b|\binternet\b|\bnetwork\b|\brouter\b"
            r"|\bbags?\b|\bluggage\b|\bsuitcases?\b|\bseats?\b|\bflights?\b"
        ),
        negated_before=_EN_NEG_BEFORE,
    ),
    # Telling it all again, said by the customer: "I had to repeat my story to every agent".
    Rule(
        rx(
            r"\b(?:repeat|re-?explain|explain|tell|retell|describe)(?:ed|ing|s)?"
            r" (?:myself|ourselves|my story|the story|everything|my problem|the problem|my issue"
            r"|the issue|it all|my details|the details|my account number|my case|the whole|the same"
            r"|it (?:all )?(?:again|over))\b",
            r"\b(?:give|gave|giving|provide|provided) (?:all )?(?:my|our) (?:details|account number"
            r"|name and address|postcode|story|reference number|order number)\b",
            r"\b(?:spoke|talked|speak|talk|dealt|chatted) (?:to|with) (?:\w+ )?(?:different|several|multiple|two|three|four|five|six|\d+) (?:different )?(?:people|agents|persons|reps|staff|advisors|advisers)\b",
            r"\bstart(?:ing|ed)? (?:all )?over (?:again )?with (?:each|every|another|a new)\b",
            r"\b(?:every|each) (?:new )?(?:agent|person|rep|advisor|adviser) (?:asked|wanted|made)\b",
        ),
        stems="repeat reexpl explain tell retell describ give gave giving provid spoke talked speak talk dealt chatted start every each",
        needs=re.compile(
            rf"^(?=.*{_EN_FIRST_PERSON})(?=.*\b(?:again|every|each|over and over|times|different"
            r"|several|multiple|new|all over|once more|myself|ourselves|from scratch)\b)"
        ),
        unrelated=re.compile(
            r"\border\b|\bpurchase\b|\bprescription\b|\b(?:she|he|they|engineer|agent|rep) explained\b"
        ),
        negated_before=_EN_NEG_BEFORE,
    ),
)
