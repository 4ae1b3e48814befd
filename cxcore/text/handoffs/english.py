"""English handoff rules: transferred, passed around, sent to, escalated, repeating the story."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.rules import Rule, family, negated_in_clause, rx

__all__ = ["EN_NEG_BEFORE", "EN_NEG_EARLIER", "EN_NOT_A_PERSON_SENT", "LANGUAGE", "RULES"]

LANGUAGE: Final = "en"  # the language of these rules (a code of cxcore.languages)

# Words after a negation that make it another verb's ("can't believe they transferred me",
# "not only did they transfer me", "didn't mind being put through").
_EN_NOT_THIS_VERB = (
    r"(?! (?:only|just|believe|know|understand|sure|realise|realize|care|mind|wonder|see|think"
    r"|happy|pleased|impressed|surprised|like|appreciate|enjoy|remember|want|stop|even know)\b)"
)
EN_NEG_BEFORE = re.compile(
    r"\b(?:not|never|no|without|nobody|no one|didn ?t|did not|don ?t|wasn ?t|weren ?t|hadn ?t"
    r"|wouldn ?t|won ?t|couldn ?t|can ?t|cannot|refused to|refuse to|unable to"
    rf"|instead of|rather than|avoid\w*|no need to|(?<!i )(?<!ll )need to)\b{_EN_NOT_THIS_VERB}"
)
# A negation of the verb further back in the clause ("The agent did not at any point pass me
# on to another department", "Nobody at the bank ever bounced me between departments"), as
# long as no new subject stands between it and the cue ("without a word they transferred me").
EN_NEG_EARLIER = re.compile(
    r"\b(?:not|never|didn ?t|did not|don ?t|do not|doesn ?t|does not|wasn ?t|weren ?t|hasn ?t"
    r"|haven ?t|hadn ?t|won ?t|wouldn ?t|couldn ?t|can ?t|cannot|nobody|no one|noone|without"
    rf"|refused to|at no (?:point|time|stage))\b{_EN_NOT_THIS_VERB}"
    r"(?!.*\b(?:i|we|they|he|she|there)\b)"
)
_EN_UNIT = (
    r"(?:department|dept|team|agent|person|people|colleague|manager|supervisor|specialist"
    r"|human|representative|rep|helpline|hotline|call cent\w+|customer service\w*|customer care"
    r"|store|shop|branch|head office|desk|counter|support|billing|tech\w*|line|number|queue"
    r"|level|tier|someone|somebody|another|different|other|else|returns|sales|accounts"
    r"|engineer|operator|advisor|adviser|senior|boss|office|airline|airport|bank|expert"
    r"|manufacturer|supplier|vendor|seller|retailer|provider|insurer|courier|management|corporate"
    r"|complaints|escalations|back office|front desk|reception|orders|claims|customer relations)s?\b"
)
_ARROW = r"(?:->|→|=>|>)"
# Units that stand in a chain of arrows ("customer service > billing > tech"): stems, as a
# rule's stems and as the words of its cue.
_EN_CHAIN_STEMS = (
    "service billing tech support sales store shop branch team department desk agent chat bot"
    " phone email helpline person assistant virtual human robot operator"
)
_EN_CHAIN_UNIT = rf"\b(?:{_EN_CHAIN_STEMS.replace(' ', '|')})\w*"
_EN_FIRST_PERSON = r"\b(?:i|we|me|us|my)\b"
# A team named as the owner of a problem: "a store issue", "billing says it's tech".
_EN_TEAM = (
    r"(?:store|shop|branch|billing|tech|technical|sales|accounts|bank|airline|airport"
    r"|courier|manufacturer|supplier|seller|retailer|network|hardware|software|broadband|engineering"
    r"|support|customer service|insurer|landlord|installer|provider|delivery|returns|it)"
)
_EN_PRICES = re.compile(
    r"\bprices?\b|\bcosts?\b|\bbills?\b|\bfees?\b|\brates?\b|\btension|\bsituation\b"
    r"|\bconflict|\bviolen\w*|\bwar\b|\bargument\b|\bquickly escalat|\bthings escalat"
)
_EN_TO_UNIT = re.compile(rf"\b(?:to|at|with) (?:\w+ ){{0,3}}{_EN_UNIT}")
# What is sent that is not the customer: a page, a code, a parcel, a refund, a bag; a line
# connected to a network, a plan switched, a house moved.
EN_NOT_A_PERSON_SENT = re.compile(
    r"\bpage\b|\blink\b|\bsite\b|\blogin\b|\b(?:to|into|in|on) (?:the |your |their |our |an |a )?app\b|\bscreen\b|\bhomepage\b|\bwebsite\b"
    r"|\bvoicemail\b|\bparcel\b|\bpackage\b|\bcode\b|\bsms\b|\btext\b|\binvoice\b|\bbill\b"
    r"|\brefund\b|\bmoney\b|\bbank account\b|\bbags?\b|\bluggage\b|\bsuitcases?\b|\bseats?\b|\bflights?\b"
    r"|\bconnected (?:\w+ )?to (?:the |my |a )?(?:wifi|network|internet|router|tv|bluetooth|charger|power)\b"
    # goods returned: "had to send it back to the store"
    r"|\b(?:send|sent|sending|take|took|bring|brought|return\w*) (?:it|them|this|these|those) back\b"
    r"|\b(?:plan|tariff|package|bundle|contract)\b|\bdeal\b(?! with)"
    # keys handed over; a doctor's referral: "my GP referred me to a specialist"
    r"|\bkeys?\b|\b(?:gp|doctor|dr|dentist) (?:has |had |then |just )?referred\b"
    # the customer's own move: "I switched to another provider myself"
    r"|\b(?:i|we) (?:have |had |just |then |finally )?(?:switched|moved|changed|ported) (?:over )?to\b"
    # one's own savings moved: "moved my pension to another provider"
    r"|\b(?:moved|switched|transferr?ed|took) (?:my|our) (?:\w+ )?(?:pension|isa|savings|mortgage|shares|investments|account|custom)\w*"
    r"|\b(?:to|at|from) (?:my |the |your |our |a |an |his |her |their )?(?:new |old |wrong |home |correct |billing |delivery |shipping )?address\b|\bhouse\b|\bhome\b|\bflat\b|\bapartment\b|\bcity\b|\bseat\b|\bschool\b"
)
_RULES = (
    Rule(
        # "Transferred" alone is also dye or a stain: a person or a call must be the one moved.
        rx(
            r"\btransfer(?:r?ed|r?ing|s)? (?:me|us|you|u|my call|the call|my \w+ call|calls)\b",
            # "transferred twice", "transferred around", "put on hold and transferred"
            r"\btransferr?(?:ed|ing) (?:\d+ ?x|\d+|once|twice|two|three|four|five|six|several|multiple|many|a few)(?: times| x)?\b",
            r"\btransferr?(?:ed|ing) (?:around|back and forth|again and again|again|back|once more|yet again|from (?:\w+ ){1,3}to)\b",
            r"\b(?:and|then|and then|only to be|before being) transferr?ed\b",
            r"\b(?:was|were|got|get|been|being|getting|kept getting|keep getting) (?:\w+ )?transferr?ed\b",
            r"\b(?:first|second|third|fourth|fifth|another|one more|\d+(?:st|nd|rd|th)?|several|multiple"
            r"|many|two|three|four|five|endless|constant) transfers?\b",
            rf"\btransferr?(?:ed|ing)? (?:it |you |my \w+ |the \w+ )?(?:back |over |across )?to (?:\w+ ){{0,3}}{_EN_UNIT}",
            r"\bxfer\w*",
        ),
        stems="transfer xfer",
        unrelated=rx(
            r"\bmoney\b|\bfunds?\b|\bbalance\b|\bbank transfer|\bwire\b|\bpayment\w*|\bsavings\b",
            r"\bpension\w*|\bisas?\b|\bshares\b|\bstocks\b|\binvestments?\b|\bportfolio\b|\bmortgage\b|\bdebt\b",
            r"[£$€]|\d+ ?(?:pounds|dollars|euros?|k)\b|\bcash\b|\bpoints\b|\bmiles\b|\bcredit\b",
            r"\bnumber from\b|\bmy number\b|\bport\w*|\bphotos?\b|\bdata\b|\bfiles?\b|\bcontacts\b",
            r"\bairport\b|\bhotel\b|\bshuttle\b|\bflights?\b|\bname\b|\bownership\b|\bbus\b|\btrain\b",
            r"\bpictures\b|\bapps?\b|\bsim\b|\bcontract\b|\bsubscription\b|\blicen[cs]e\b",
            r"\baddress\b|\bbroadband\b|\bhome move\b|\bphone to\b",
            r"\bmov(?:ed|ing) (?:house|home)\b|\bnew (?:house|home|flat|apartment|place)\b|\bschool\b|\buniversity\b",
        ),
        negated_before=EN_NEG_BEFORE,
    ),
    # Escalated: "escalated my case to", "my complaint was escalated". Prices that climb
    # anywhere in the comment give the word its other sense, also a comma away.
    Rule(
        rx(
            r"\bescalat(?:ed|e|ing)? (?:it |this |that |my \w+ |the \w+ )?(?:up )?to\b",
            r"\b(?:complaint|case|ticket|issue|problem|query|request|call|it) (?:was|got|has been|had been|is being|been) escalated\b",
            r"\b(?:being|getting|got|was|were|been) escalated\b",
            r"\bescalat(?:ed|ing)? (?:it|this|that|my|our|the|your|things)\b|\bescalations?\b",
        ),
        stems="escalat",
        unrelated=_EN_PRICES,
        negated_before=EN_NEG_BEFORE,
        not_in_comment=re.compile(
            r"\bprices?\b|\brenewals?\b|\binflation\b|\bclimb\w*|\brising\b|\bpremiums?\b"
        ),
    ),
    # Passed around: "passed me around", "got bounced between", "put me through to"; escalated,
    # or told it is another department's: "escalated my case to", "not our department",
    # "went through five agents", "asked for a manager"; nobody owns it: "someone else's job",
    # "they blame each other", "stuck in the middle".
    *family(
        (
            "pass bounc shuffl ping juggl shunt kicked handed handing hands= hand=",
            rx(
                # "Pass on it" is choosing not to buy: the customer must be the one passed.
                r"\bpass(?:ed|ing)? (?:me|us|you) (?:around|round|on|along|back and forth|from|between)\b",
                r"\b(?:was|were|got|get|been|being|getting|keep getting|kept getting) passed (?:around|round|on|along|from|between)\b",
                r"\b(?:bounc|shuffl|ping[- ]?pong|juggl|shunt)\w* (?:me|us|you|it|(?:my|the|our|your) \w+) (?:around|about|between|from|back)\b",
                r"\b(?:was|were|got|get|been|being|getting|keep getting|kept getting) (?:bounc|shuffl|ping[- ]?pong|juggl|shunt)\w* (?:around|about|between|from|back|off)\b",
                r"\bkicked (?:me |us )?around\b",
                r"\bhand(?:ed|ing|s)? (?:me|us|my \w+) (?:over|off|on)\b|\bhand(?:ed|ing|s)? (?:it |my \w+ )?(?:over|off|on) to\b",
            ),
        ),
        (
            "buck pillar runaround run= run circles forth",
            rx(
                r"\bpass(?:ed|ing)? the buck\b",
                r"\bfrom pillar to post\b",
                r"\b(?:the|a|total|complete|usual|typical|full|proper|real|endless|more|some|such a) run ?-?around\b|\brun-?around\b(?<!\brun around)",
                r"\bround in circles\b",
                rf"\bback and forth between (?:\w+ ){{0,3}}{_EN_UNIT}",
            ),
        ),
        (
            "department team= area= job= dept division queue agent= person= rep= desk= office= belong",
            rx(
                r"\bfrom (department|team|agent|person|rep|desk|office|branch|store|number|queue) to \1\b",
                # not the shop's own departments: "listed under the wrong department in the app"
                r"\b(?<!listed under the )(?<!filed under the )(?<!shelved in the )(?<!stocked in the )(?:wrong|different|another|other|separate) (?:department|dept|division|queue)\b(?! store| of the (?:shop|store|app|site|website)| in the (?:\w+ s )?(?:app|site|website))",
                r"\bfrom one (?:department|team|agent|person|desk|office|rep|number) to (?:another|the next|the other)\b",
                r"\b(?:not|isn ?t|wasn ?t) (?:our|my|their|his|her) (?:department|team|area|job)\b",
                r"\b(?:another|different|other) department ?s? (?:job|issue|problem|matter|responsibility)\b",
                r"\b(?:belongs?|belonged|belonging) to (?:a |an )?(?:different|another|other|separate) (?:unit|team|department|dept|division|desk|office|area)\b",
            ),
        ),
        (
            "went took takes taken needed involved loop",
            rx(
                r"\bwent through (?:\w+ )?(?:\d+|two|three|four|five|six|several|multiple) (?:different )?(?:agents|people|reps|departments|teams|persons)\b",
                rf"\bloop(?:ed|ing)? in (?:the |a |another )?(?:\w+ )?{_EN_UNIT}",
                r"\bit went (?:up |on )?to (?:a |the |another )?(?:supervisor|manager|team leader|senior|second line|complaints team|escalations team|different team|different department|department)\b",
                r"\b(?:took|needed|involved) (?:\d+|two|three|four|five|six|several|multiple) (?:different )?(?:agents|people|reps|departments|teams|calls to different)\b",
                # "a team leader took over my complaint", "another agent took over"
                r"\b(?:team leader|supervisor|manager|senior \w+|specialist|colleague|second line|(?:another|a different|a second|a third|a new|the next) (?:agent|rep|person|colleague|advisor|adviser)|\w+ team) (?:took|takes|has taken|had taken) over\b",
            ),
        ),
        (
            "manager supervisor leader senior",
            rx(
                r"\bgot (?:a |the )?(?:manager|supervisor)\b|\bdemanded (?:a |the |to (?:speak|talk) (?:to|with) (?:a |the )?)?(?:manager|supervisor)\b",
            ),
        ),
        (
            "own owns owned ownership respons deal else= blam finger stuck caught trapped each=",
            rx(
                r"\b(?:nobody|no one|noone|no-one|not one (?:person|agent|department|team|of them)|none of them) (?:\w+ ){0,2}?(?:owns|owned|takes? ownership|took ownership|takes? responsibility|took responsibility"
                r"|(?:wants?|wanted|seems?|seemed) to (?:own|take (?:ownership|responsibility)|deal with)|(?:will|would|can|could) own|is responsible)\b",
                r"\b(?:someone|somebody) else s (?:problem|job|department|responsibility|issue)\b",
                r"\b(?:blam\w*|point\w* (?:the )?fingers? at) (?:each other|one another)\b",
                r"\beach (?:one )?(?:insisted|insists|said|says|claimed|claims|swore|swears) (?:that )?the other\b",
                r"\b(?:stuck|caught|trapped) (?:right )?(?:in the middle(?! seat| of)|in between|between (?:them|the two|both|departments|teams))\b",
            ),
        ),
        # a web page that bounces the customer back to the basket is no handoff, nor a parcel
        # handed over to a neighbour
        unrelated=rx(
            _EN_PRICES.pattern,
            r"\b(?:pages?|baskets?|checkouts?|websites?|sites?|logins?|screens?|tabs?|parcels?|packages?|keys?|neighbou?rs?)\b",
        ),
        negated_before=EN_NEG_BEFORE,
    ),
    # Tossed around with no subject: "bounced between three departments", "passed around for
    # hours", "like a hot potato".
    *family(
        (
            "passed bounced shuffled shunted juggled kicked batted ping transferred transfered moved switched sent palm fob redirected referred forwarded routed",
            rx(
                r"\b(?:passed|bounced|shuffled|shunted|juggled|kicked|batted|ping[- ]?ponged) (?:around|about|round|back and forth|between)\b",
                r"\b(?:moved|switched|transferr?ed|sent) (?:back and forth )?between (?:\w+ ){0,2}(?:departments|teams|agents|queues|people|reps|lines|numbers|desks|offices|channels)\b",
                r"\b(?:palm|fob)(?:ed|ing)? (?:me|us|you) off\b",
                rf"\b(?:sent|redirected|referred|forwarded|routed|switched|transferr?ed) from (?:\w+ ){{1,3}}to (?:\w+ ){{0,2}}(?:{_EN_UNIT}|chat|phone|email|e-mail)",
                rf"\b(?:passed|bounced|shuffled|shunted|juggled|ping[- ]?ponged|transferr?ed) from (?:\w+ ){{0,3}}{_EN_UNIT} to\b",
                r"\bkicked (?:it |my \w+ |the \w+ )?up(?:stairs)? to\b",
            ),
        ),
        ("potato pong", r"\bhot potato\b|\bping ?-?pong ball\b"),
        (
            "sent moved went",
            rf"\b(?:sent|moved|went|got sent) from (?:the )?(?:\w+ )?{_EN_UNIT} to (?:the )?(?:\w+ )?{_EN_UNIT}",
        ),
        (
            "transfer= chain",
            r"\btransfer after transfer\b|\b(?:during|after|mid|in) (?:the |a )?transfer\b|\bup the chain\b",
        ),
        (
            "knows know",
            r"\b(?:nobody|no one|noone) (?:\w+ )?knows? (?:which|what|who) (?:department|team|person|dept)\b",
        ),
        unrelated=re.compile(
            r"\bpayments?\b|\bcheque\b|\bchecks?\b(?! in)|\be-?mails?\b|\bballs?\b(?<!pong ball)|\beconomy\b|\bidea\w*\b|\bphotos?\b"
            r"|\bmoney\b|\bfunds?\b|\bbalance\b|[£$€]|\bpoints\b|\bmiles\b|\bbank transfer|\bairport\b|\bhotel\b|\bflights?\b|\bhouse\b"
            # the bag moved, not the customer (chasing a lost bag, the customer is the one moved)
            r"|(?<!lost )(?<!missing )\b(?:bags?|luggage|suitcases?)\b"
        ),
        negated_before=EN_NEG_BEFORE,
    ),
    # A chain of arrows between units: "customer service > billing > tech".
    # A unit of the stems stands in the chain, so the first look by stems keeps the rule.
    Rule(
        rx(
            rf"{_EN_CHAIN_UNIT}(?: \w+)? ?{_ARROW} ?\w+(?: \w+)? ?{_ARROW} ?\w+",
            rf"\b\w+(?: \w+)? ?{_ARROW} ?(?:\w+ )?{_EN_CHAIN_UNIT}(?: \w+)? ?{_ARROW} ?\w+",
            rf"\b\w+(?: \w+)? ?{_ARROW} ?\w+(?: \w+)? ?{_ARROW} ?(?:\w+ )?{_EN_CHAIN_UNIT}",
        ),
        stems=_EN_CHAIN_STEMS,
        marks=">→",
        needs=re.compile(rf"\b{_EN_UNIT} ?(?:->|→|=>|>) ?(?:\w+ )?{_EN_UNIT}"),
        unrelated=_EN_PRICES,
    ),
    # Sent on to a unit: "sent me to the store", "referred my case to", "was reassigned to".
    Rule(
        rx(
            r"\b(?:sent|sending|directed|redirected|referred|forwarded|routed|passed|handed|pushed|switched|pointed|palmed|fobbed|shunted)"
            r" (?:me|us|you|(?:my|the|our|your) (?:\w+ ){1,2}|it|them)? ?(?:on |back |over |off |up |across )?to\b",
            rf"\braised (?:a |my |the )?(?:ticket|case|query|request|complaint) with (?:the |another |a )?(?:\w+ )?{_EN_UNIT}",
            r"\b(?:was|got|been|were|being) (?:sent|redirected|referred|forwarded|routed|passed|handed|reassigned|assigned|moved|switched|raised|shunted|palmed off|fobbed off) (?:on |back |over |up |across )?to\b",
            # a complaint that went on: "it went to a supervisor", "my case got sent to"
            r"\b(?:complaint|case|ticket|query|request|call|email|claim|issue) (?:went|got moved|was moved|got sent|was sent|goes|got passed|was passed) (?:up |on |over )?to\b",
            # the base verb: "they'll pass my query to the returns team"
            r"\b(?:send|refer|pass|forward|redirect|route|hand|move|switch) (?:me|us|you|(?:my|the|your|our) \w+|it|this) (?:on |back |over |across )?to\b",
            r"\b(?:re-?assigned|moved) (?:my \w+|the \w+|it|me|us) (?:on |back |over |across )?to\b|\bre-?assigned to\b",
        ),
        stems="sent sending direct redirect referred forward routed passed handed pushed switched pointed palmed fobbed shunted reassign re= assigned moved raised went goes send= refer= pass= hand= move= switch= route= raised",
        needs=_EN_TO_UNIT,
        unrelated=EN_NOT_A_PERSON_SENT,
        negated_before=EN_NEG_BEFORE,
    ),
    # Connected or put through, to someone other than whoever answered: "connected me to a
    # specialist", "the bot put me through to a human" ("put through to an agent after an
    # hour on hold" is a wait, not a handoff).
    Rule(
        rx(
            r"\b(?:connect(?:ed|ing|s)?|put(?:ting|s)?|patch(?:ed|ing|es)?) (?:me|us|you|my call)? ?(?:through )?(?:to|with)\b",
            r"\b(?:was|got|been|were|being) (?:connected|put through|patched through) (?:to|with)\b",
            r"\bgot (?:me|us) (?:through to )?(?:a |an )?(?:human|real person|live agent|person|agent)\b",
        ),
        stems="connect put= puts= putting patch got",
        needs=re.compile(
            r"\b(?:to|with) (?:\w+ ){0,2}(?:another|different|other|second|third|next|wrong|right|specialist|supervisor|manager"
            r"|senior|team leader|human|real person|live agent|department|team|colleague|engineer|expert|else"
            r"|billing|tech\w*|support|sales|accounts|returns|customer service|customer care|helpline|hotline"
            r"|branch|store|shop|desk|office|bank|airline|airport|manufacturer|retailer|insurer|courier)\b"
            r"|\b(?:bot|chatbot|ivr|automated|robot|menu)\b"
            # "asked for a manager and they put me through to one"
            r"|\b(?:manager|supervisor|team leader|specialist)\b"
        ),
        unrelated=EN_NOT_A_PERSON_SENT,
        # asked for, not done: "how about connecting me with a rep?"
        negated_before=re.compile(
            rf"{EN_NEG_BEFORE.pattern}|\b(?:how about|please|pls|can you|could you|would you|will you)\b"
        ),
    ),
    # Only another can: "the helpline said only the airport desk can change it".
    Rule(
        re.compile(
            rf"\b(?:said|says|told me|told us)(?: that)? only (?:the |their |a )?(?:\w+ )?{_EN_UNIT} (?:can|could)\b"
        ),
        stems="said says told",
        negated_before=EN_NEG_BEFORE,
    ),
    # Many people for one matter: "three agents on one call", "four departments for one
    # simple question".
    Rule(
        re.compile(
            r"\b(?:two|three|four|five|six|\d+|several|multiple) (?:different |separate )?(?:agents|people|reps|advisors|advisers|departments|teams|persons)"
            r" (?:on|in|for|over) (?:one|a single|the same|a simple|one simple) (?:\w+ )?(?:call|chat|case|issue|complaint|problem|query|request|question|change)\b"
        ),
        stems="agents people reps advisors advisers departments teams persons",
        negated_before=EN_NEG_BEFORE,
    ),
    # Told it belongs to another team, and sent there: "said it's a store issue and I should
    # go in person" (a tech issue named and then fixed is no handoff: a sending must follow).
    Rule(
        re.compile(
            rf"\b(?:said|says|told (?:me|us)|claimed|claims)(?: that)? (?:it s|its|it is|it was|this is|this was|that s|that is|that was)"
            rf" (?:a |an |the )?(?:{_EN_TEAM}|(?:another|different|other|separate) (?:department|team)) (?:issue|problem|matter|thing|job|question|responsibility)\b"
        ),
        stems="said says told claim",
        needs=re.compile(
            r"\b(?:go|call|ring|contact|visit|email|send\w*|sent|transfer\w*|pass\w*|refer\w*|should|must|have to|had to|nothing (?:they|he|she) could|cant|can not|cannot|couldnt)\b"
        ),
        negated_before=EN_NEG_BEFORE,
    ),
    # Each says it is the other's, in two clauses: "billing says it's tech, tech says it's
    # billing"; "the store sends me to the bank and the bank back to the store".
    Rule(
        re.compile(
            rf"\b({_EN_TEAM})(?: support| team| department| desk)? (?:says?|said|claims?|claimed|blames?|blamed|points? (?:at|to)|pointed (?:at|to)|sends? (?:me |us |you )?(?:back )?to|sent (?:me |us |you )?(?:back )?to)"
            rf"(?: that)? (?:it s |its |it is |it was )?(?:the |a |an )?({_EN_TEAM})\b.{{0,80}}?\b\2(?: support| team| department| desk)? (?:says?|said|claims?|claimed|blames?|blamed|points?|pointed|sends?|sent)\b.{{0,30}}?\b\1\b"
        ),
        stems="say= says said claim blame point send= sends sent",
        negated_before=EN_NEG_BEFORE,
        whole_comment=True,
    ),
    # The "they" of every call: "they just send you to another department".
    Rule(
        re.compile(
            r"\b(?:they|then|just|always|keep|kept|will|would) (?:just |always |then )?(?:send|refer|transfer|pass|forward|redirect|connect|route|push|bounce)(?:s|ing)?"
            r" (?:me|us|you|my \w+|it)? ?(?:on |back |over |across )?to\b"
        ),
        stems="send refer transfer pass forward redirect connect route push bounce",
        needs=_EN_TO_UNIT,
        unrelated=EN_NOT_A_PERSON_SENT,
        negated_before=EN_NEG_BEFORE,
    ),
    # Told to go elsewhere: "told me to call the bank", "said I had to contact the store".
    Rule(
        rx(
            r"\b(?:told (?:me |us )?|asked (?:me|us) )to (?:call|ring|phone|contact|go to|go back to|visit|email|e-mail|try|speak to|talk to|take it to|write to)\b",
            r"\bsaid (?:to )?(?:call|ring|phone|contact|go to|visit|email|try)\b",
            r"\b(?:said|says|told me|told us)(?: that)? (?:i|we) (?:(?:had|have|need|needed|would have|ll have) to|should|must)"
            r" (?:call|ring|phone|contact|go to|go in|go back|visit|email|speak to|talk to|take it to)\b",
            r"\b(?:have|had|has) to (?:call|ring|phone|contact|go to|visit|email) (?:a |the )?(?:different|another|other|separate|head|customer)\b",
        ),
        stems="told asked said says differ anoth other= separ head= custom",
        # "told me to phone instead", "said call the helpline", "go in person"
        needs=re.compile(
            rf"{_EN_TO_UNIT.pattern}|\binstead\b|\bin person\b"
            rf"|\b(?:call|ring|phone|contact|visit|email|e-mail|try) (?:\w+ ){{0,2}}{_EN_UNIT}"
        ),
        # a page or the customer's own doctor, not a unit ("told me to call" about a lost bag is one)
        unrelated=re.compile(
            r"\bpage\b|\blink\b|\bsite\b|\bwebsite\b|\bhomepage\b|\bscreen\b|\bvoicemail\b|\bhome\b"
            r"|\bhouse\b|\bschool\b|\bdoctor|\bdr\b|\bgp\b|\bhospital\b"
            # called back later by the same people
            r"|\b(?:call|ring|phone|try) (?:us |them |again )?back\b|\b(?:some ?other|another) (?:time|day)\b|\blater\b"
        ),
        negated_before=EN_NEG_BEFORE,
    ),
    # Telling it all again, said by the customer: "I had to repeat my story to every agent",
    # "typed everything out again".
    Rule(
        rx(
            r"\b(?:repeat|re-?explain|explain|tell|retell|describe|re-?state|type|re-?type|write|fill)(?:ed|ing|s)?"
            r" (?:out |in )?(?:myself|ourselves|my story|the story|everything|my problem|the problem|my issue"
            r"|the issue|my complaint|the complaint|my situation|my query|it all|my details|the details|my info\w*"
            r"|my account (?:number|details)|my address|my postcode|my case|the whole|the same|all over again"
            r"|from (?:the )?(?:beginning|start|top|scratch)|it (?:all )?(?:again|over))\b",
            r"\b(?:told|wrote|typed) (?:my story|the story|everything|my problem|my issue|it all|the whole|the same)\b",
            r"\b(?:repeat|explain|re-?explain)(?:ed|ing)? (?:again|all over|over and over|from scratch)\b",
            r"\bstart(?:ed|ing)? (?:all )?over again\b|\bstart(?:ed|ing)? from (?:scratch|the beginning|square one)\b",
            r"\b(?:give|gave|giving|provide|provided) (?:all )?(?:my|our) (?:details|account number"
            r"|name and address|postcode|story|reference number|order number)\b",
            r"\banswer(?:ed|ing)? (?:all )?the same questions\b|\basked (?:me |us )?(?:all )?the same questions\b",
        ),
        stems="repeat reexpl explain tell retell describ restat type= typed typing retyp write= writing wrote fill= filled told give= gave giving provid answer asked start",
        needs=re.compile(
            rf"^(?=.*{_EN_FIRST_PERSON})(?=.*\b(?:again|every|each|over and over|times|twice|different"
            r"|several|multiple|new|all over|once more|myself|ourselves|from scratch|from the (?:beginning|start|top)|same)\b)"
        ),
        unrelated=re.compile(
            r"\border\b|\bpurchase\b|\bprescription\b|\b(?:she|he|they|engineer|agent|rep) explained\b"
            r"|\breview\b|\bform\b(?! again)"
        ),
        negated_before=EN_NEG_BEFORE,
        # the same person again, on a bad line: "repeat my postcode three times, the line was bad"
        not_in_comment=re.compile(
            r"\b(?:line|signal|connection|reception) (?:was|is|kept) (?:\w+ )?(?:bad|poor|terrible|awful|breaking|dropping|cutting)"
            r"|\bbad (?:line|signal|connection|reception)\b|\bcould ?nt hear\b|\bcould not hear\b|\bhard to hear\b"
        ),
    ),
    # Many people in one matter, which says it without a subject: "spoke to five different
    # people", "every new agent asked for my details", "started over with each one".
    Rule(
        rx(
            r"\b(?:tell|told|explain(?:ed)?|repeat(?:ed)?|give|gave) (?:it |this |everything |my \w+ (?:\w+ )?)?(?:to )?(?:\d+|two|three|four|five|six|several|multiple) (?:different )?(?:people|agents|persons|reps|staff|advisors|advisers)\b",
            r"\b(?:spoke|spoken|talked|speak|talk|dealt|chatted) (?:to|with) (?:\w+ )?(?:different|several|multiple|two|three|four|five|six|seven|\d+) (?:different )?(?:people|agents|persons|reps|staff|advisors|advisers|departments|teams)\b",
            r"\bstart(?:ing|ed)? (?:all )?over (?:again )?with (?:each|every|another|a new)\b|\bstart(?:ing|ed)? from scratch with\b",
            r"\b(?:every|each) (?:new )?(?:agent|person|rep|advisor|adviser|department|team) (?:asked|wanted|made|needed|had me)\b",
            r"\b(?:every|each) (?:single )?one of them (?:asked|wanted|made|needed|had me)\b",
        ),
        stems="spoke spoken talked speak talk dealt chatted start every each tell told explain repeat give gave",
        unrelated=re.compile(r"\border\b|\bpurchase\b"),
        negated_before=EN_NEG_BEFORE,
    ),
    # Forms rather than single phrases: pointed at someone else; put on to another line; lost
    # between two departments; given another number to call; moving between teams; a chain
    # "from cards to loans to mortgages"; a second-line team; each new one wanting it again.
    *family(
        (
            "point points pointed pointing",
            r"\bpoint(?:s|ed|ing)? (?:me|us|you|my \w+) (?:at|to|towards) (?:someone|somebody|some1) else\b",
        ),
        (
            "put= putting",
            r"\bput(?:ting)? (?:me |us |you |her |him |my \w+ )?(?:on ?to|through to) (?:a |an |the |yet )?(?:different|another|other|new|wrong|separate|second|third) (?:line|department|team|agent|person|number|queue|desk|colleague)\b",
        ),
        (
            "between",
            r"\bbetween (?:two|2|three|3|several|different|the various) (?:different )?(?:departments|teams|offices|branches|desks|agents)\b",
        ),
        (
            "got= get= gave given handed",
            r"\b(?:got|get|gave (?:me|us|her|him)|given|was given|handed (?:me|us)) (?:a |an |another )?(?:different|another|other|separate|0800|800) (?:phone )?(?:number|line)\b"
            # another party's number to chase it: "just gave me their number"
            r"|\b(?:gave|give|given|handed) (?:me|us|her|him) (?:their|its|the other \w+ s|the \w+ s) (?:phone )?(?:number|email|e-mail|contact details)\b",
        ),
        (
            "moving moved going went goes passing bouncing shuffling kept",
            r"\b(?:kept |keeps )?(?:moving|moved|going|went|goes|passing|bouncing|shuffling|shuffled) (?:back and forth )?between (?:\w+ )?(?:teams|departments|agents|desks|offices|branches|people|reps|queues)\b",
        ),
        (
            "moved sent passed bounced transferred transfered shunted switched shuffled",
            r"\b(?:moved|sent|passed|bounced|transferr?ed|shunted|switched|shuffled) (?:me|us|her|him|my \w+) from (?:\w+ ){1,3}to (?:\w+ ){1,3}to\b",
        ),
        (
            "second third 2nd 3rd",
            r"\b(?:went|go(?:es)?|sent|passed|escalated|moved) (?:up |over |on )?to (?:the |a )?(?:second|third|2nd|3rd)[- ]line\b",
        ),
        (
            "each every",
            r"\b(?:each|every) (?:one|single one|new \w+|handler|person|agent|advisor|adviser|rep) (?:wants|asks|needs|wanted|asked|needed|asks for|asked for) (?:\w+ ){0,3}(?:again|from scratch|all over|whole story|from the start)\b",
        ),
        unrelated=rx(
            # prices that climb ("her bill" explained after the handoff is no other sense)
            r"\bprices?\b|\bcosts?\b|\bfees?\b|\brates?\b|\btension|\bconflict|\bquickly escalat|\bthings escalat",
            r"\bpayments?\b|\bmoney\b|\bfunds?\b|[£$€]|\bflights?\b|\bairport\b|\bbags?\b|\bluggage\b",
        ),
        negated_before=EN_NEG_BEFORE,
    ),
    # The same verb over and over, across commas: "transferred, transferred, transferred".
    Rule(
        re.compile(
            r"\b(transferr?ed|passed on|bounced|forwarded|shunted|escalated)\W+(?:and |then )?\1\b"
        ),
        stems="transferred transfered passed bounced forwarded shunted escalated",
        negated_before=EN_NEG_BEFORE,
        whole_comment=True,
    ),
    # Each says it is the other's, in any words: "team A says ask team B, team B says ask team
    # A", "Insurer says it's the broker's job, broker says call the insurer", "the Camden branch
    # said it was for Islington; Islington said Camden should handle it".
    Rule(
        re.compile(
            r"\b(?!(?:she|they|you|the|and|who|which|that|this|but|one|someone|everyone|he|it)\b)([a-z]{3,})(?: [a-z])? (?:says?|said|tells? (?:me|us)|told (?:me|us)|claims?|claimed)"
            r" [^.]{0,60}?\b(?!(?:she|they|you|the|and|who|which|that|this|but|one|someone|everyone|it|its|was|is)\b)([a-z]{3,})\b[^.]{0,25}?[,;.] ?(?:and |but |then |while |the )?\2(?: [a-z])? (?:says?|said|tells? (?:me|us)|told (?:me|us)|claims?|claimed)"
            r" [^.]{0,60}?\b\1\b"
        ),
        stems="say= says said tell tells told claim",
        negated_before=EN_NEG_BEFORE,
        whole_comment=True,
    ),
)

# Every rule: a negation reaches its cue from anywhere earlier in the clause.
RULES: Final = negated_in_clause(_RULES, earlier=EN_NEG_EARLIER)
