"""Does a comment say the customer was passed on inside the company? A flag and its words.

Being transferred, passed around, sent to another department or unit, escalated, handed
from a bot to a person, or made to tell the story again to each new person. The rules are
the languages' own, read on folded text (lower case, no accents, Turkish ı as i), so
comments typed without diacritics count the same. Every language's rules run on every
comment: short comments are often in no clear language.

A cue is dropped when

- the language negates it: Turkish puts the negation inside the verb ("aktar-ma-dan",
  "aktar-ıl-ma-dım") or after it ("gerek kalmadan"); Czech prefixes it ("ne-přepojili")
  or says "bez", "nikam", "nikomu"; English puts "not", "never", "without", "no" before it;
- the words around it give it another sense: money or a balance transferred, a number
  ported, photos or data moved, an airport transfer or a connecting flight, a parcel hub,
  a web page redirecting, a contract moved to another name, prices escalating, a repeat
  order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import pandas as pd

from cxcore.text.taxonomy import fold_text

__all__ = ["detect_handoff", "handoff_words"]

_CLAUSE: Final = re.compile(r"[.!?;:\n]+|,|\b(?:but|ama|fakat|ancak|ale|avsak)\b")


@dataclass(frozen=True)
class _Rule:
    """A cue of being passed on, what must stand near it, and what gives it another sense."""

    cue: re.Pattern[str]
    needs: re.Pattern[str] | None = None  # somewhere in the clause
    unrelated: re.Pattern[str] | None = None  # in the clause: another sense
    negated_before: re.Pattern[str] | None = None  # the words just before the cue


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


# --- Turkish -------------------------------------------------------------------------------
# A verb is negated by -ma/-me right after its root or passive (aktar-ma-dı, aktar-ıl-ma-dan,
# yönlendir-me-den): the cues match only forms without it (the noun "aktarma", a connecting
# flight or a parcel hub, falls out the same way). "-mak/-mek" (the infinitive) stays in.
_TR_NOT_NEG = r"(?!(?:il|in|t|d|ti|di|tir|dir|n)?m[ae](?!k\b))"
# A place inside the company in the dative ("birime", "müşteri hizmetlerine", "şubeye"):
# where a customer is sent.
_TR_UNIT = (
    r"\b(?:birim|departman|bolum|ekib|ekip|servis|temsilci|yetkili|kisi|biri|baskasi|yer"
    r"|numara|hat|magaza|sube|merkez|hizmet|mudurlu|teknik|muhasebe|destek|uzman|yonetici"
    r"|amir|supervizor|operator|bayi|ofis|gise|banko|masa|arkadas|meslektas|seviye|kademe"
    r"|musavir|call center|satis|fatura|iade)\w*?(?:y?[ae]|n[ae])\b"
)
_TR_UNIT_ANY_CASE = _TR_UNIT.removesuffix(r"\w*?(?:y?[ae]|n[ae])\b") + r"\w*"
_TR_OTHER = r"\b(?:baska|diger|farkli|ayri|ilgili|ust|yanlis|bir sonraki|obur|oteki|ikinci|2\.?)"
_TR_NEG_AFTER = r"\b(?:gerek\w* (?:kalmadan|olmadan|yok|kalmadi|olmadi|duymadan)|yerine)\b"
# Other senses of passing on: money, a balance or a debt, data and photos, a number, a parcel.
_TR_MONEY_AND_DATA = (
    r"\bpara\b|\bparam\w*|\bbakiye\w*|\bhesab\w*|\beft\b|\btl\b|\blira\w*|\bdolar\w*|\beuro"
    r"|\bborc\w*|\bkart\w*|\bkredi\w*|\bfaiz\w*|\bpuan\w*|\bmil\b|\bfotograf\w*|\bresim\w*"
    r"|\bveri\w*|\brehber\w*|\bdosya\w*|\bkisiler\w*|\byedek\w*|\bnumara\w* tasi\w*|\bkargo\w*"
)
_TR_BOT = r"\b(?:bot\w*|chatbot\w*|robot\w*|asistan\w*|sesli yanit\w*|otomatik\w*|menu\w*)"
_TR_RULES: Final = (
    _Rule(
        re.compile(rf"\baktar{_TR_NOT_NEG}\w*"),
        unrelated=_rx(
            _TR_MONEY_AND_DATA,
            r"\bhavale|\bucus|\bucak|\bhavaliman|\bdisa aktar|\bhatt?(?:im|imi)\b",
            _TR_NEG_AFTER,
        ),
    ),
    _Rule(
        re.compile(
            rf"\b(?:yonlendir|devr?e[dt]|devral|sevk ed|havale et|gonder|yolla|ilet(?!isim)"
            rf"|tasi|atti|atip|verdi|aktar){_TR_NOT_NEG}\w*"
        ),
        needs=re.compile(rf"{_TR_OTHER} (?:bir )?\w+|{_TR_UNIT}"),
        unrelated=_rx(
            _TR_MONEY_AND_DATA,
            r"\bsite\w*|\bsayfa\w*|\blink\w*|\burl\b|\buygulama\w*|\bgiris\w*",
            r"\bhatt?(?:im|imi|i)\b.*\b(?:adina|ismine|uzerine)\b|\badina\b|\bismine\b",
            r"\bsiparis|\burun|\bpaket|\bfatura\w* (?:gonder|yolla)",
            r"\bmesaj\w* (?:gonder|yolla|at)|\bsms|\bkod\w*|\bteknisyen (?:gonder|yolla)",
            _TR_NEG_AFTER,
        ),
    ),
    # Connected to a person: by a bot to a human, or to another unit.
    _Rule(
        re.compile(rf"\bbagla{_TR_NOT_NEG}\w*"),
        needs=_rx(
            rf"{_TR_OTHER} (?:bir )?\w+",
            rf"{_TR_BOT}.*\b(?:temsilci|canli|insan|yetkili|operator)\w*",
        ),
        unrelated=_rx(r"\binternet|\bmodem|\bwifi|\bhat\b|\bfiber", _TR_NEG_AFTER),
    ),
    # Being tossed around: "top gibi", "kapı kapı", "oradan oraya", "birimden birime".
    _Rule(
        _rx(
            r"\btop gibi\b",
            r"\btopu (?:birbir\w*|bana|bize|baska\w*)",
            r"\bbirbir\w* (?:attilar|atip|pasla\w*|havale|yonlendir\w*|gonder\w*|yolla\w*)",
            r"\bkapi kapi\b",
            r"\boradan oraya\b|\bbir oraya bir buraya\b",
            r"\b(?:birim|departman|bolum|temsilci|yetkili|kisi|masa|gise|sube)(?:d|t)en (?:birime|departmana|bolume|temsilciye|yetkiliye|kisiye|masaya|giseye|subeye|digerine|otekine|obur\w*)",
            r"\bbir (?:birim|departman|bolum|yetkili|temsilci|kisi|masa)\w*(?:d|t)en (?:digerine|otekine|obur\w*|baska\w*)",
            r"\bpaslas\w*|\bpaslan\w*|\bpasladilar\b|\bpas (?:verdi|attilar)\w*",
            r"\beskale (?:et|edil|olu)\w*",
            r"\bust (?:kademe|yonetim|birim|makam|seviye|merci|amir)\w*",
            r"\bdolastir\w*|\bsurundur\w*|\bsektir\w*",
            r"\b(?:bizim |onlarin )?(?:birim|departman|bolum|ekip)\w* (?:ile |le |la )?ilgili degil",
            r"\b(?:bizimle|bizi) ilgilendirmiyor",
        ),
        unrelated=re.compile(_TR_NEG_AFTER),
    ),
    # Told to go elsewhere: "şube genel müdürlüğe gidin dedi", "mağazaya gitmemi söylediler".
    _Rule(
        re.compile(
            r"\b(?:git|gidin|gitmemi|gitmemizi|ara|arayin|aramami|aramamizi|basvur|basvurun"
            r"|basvurmami|yaz|yazin|yazmami|ulasin|ulasmami)\b"
            r"(?: \w+){0,2} (?:dedi|dediler|soyledi|soylediler|istedi|istediler|diye|denildi)\w*"
        ),
        needs=re.compile(_TR_UNIT_ANY_CASE),
    ),
    # Telling it all again, in the first person: "her temsilciye baştan anlattım".
    _Rule(
        re.compile(
            r"\b(?:anlat|acikla|izah et|soyle)(?:t|d)[ii](?:m|k)\b"
            r"|\b(?:anlat|acikl|izah ed|soyl)(?:i|u)?yor(?:um|uz)\b"
            r"|\b(?:anlat|acikla|izah et|soyle)(?:mak|mek)(?:tan|ten| zorunda| durumunda)\b"
            r"|\b(?:anlat|acikla|soyle)(?:yip|ip) dur\w*"
            r"|\b(?:anlat|acikla|izah et|soyle)(?:mam|memiz|mamiz|mem) (?:gerek\w*|lazim\w*|istendi)"
            r"|\b(?:anlat|acikla|izah et|soyle)t(?:ir|tir)\w*"
        ),
        needs=re.compile(
            r"\b(?:tekrar|yeniden|bastan|sifirdan|defalarca|her seferinde|herkese|her birine"
            r"|her (?:temsilci|yetkili|kisi|gelen|aray|gorus|birim)\w*|ayni (?:sey\w*|sorun\w*|dert\w*|derd\w*|hikaye\w*)"
            r"|(?:iki|uc|dort|bes|alti|kac|birkac|bir cok|\d+) (?:farkli |ayri )?(?:kisi|temsilci|yetkili|kez|kere|defa)\w*)"
        ),
        unrelated=_rx(_TR_NEG_AFTER, r"\bzorunda kalmadim\b"),
    ),
)

# --- Czech ---------------------------------------------------------------------------------
# Czech negates a verb with the prefix ne- ("nepřepojili"): a cue that starts at a word's
# start never matches it. "bez", "nikam", "nikomu", "aniž" before a cue negate it too.
_CS_NEG_BEFORE = re.compile(r"\b(?:bez|nikam|nikomu|nikdo|aniz|zadne|zadneho|nemusel\w*|ne)\b")
_CS_UNIT = (
    r"(?:oddeleni|koleg\w*|technik\w*|specialist\w*|nadrizen\w*|vedouci\w*|linii|linku|linka"
    r"|operator\w*|pobock\w*|infolink\w*|central\w*|cislo|tym\w*|dispecink\w*|prepazk\w*"
    r"|podpor\w*|reklamac\w*|jinam|jin\w*|dalsi\w*|druh\w*|me\b|mne\b|nas\b|hovor\w*|clovek\w*"
    r"|cloveku|vys\b|dal\b|prodejn\w*|kancelar\w*|obchod\w*|letist\w*|call ?cent\w*|e-?mail\w*)"
)
_CS_FIRST_PERSON = r"\b(?:jsem|jsme|sem|musel\w*|musim|musime|museli)\b"
_CS_RULES: Final = (
    _Rule(
        re.compile(r"\bprepoj(?:ova|ov|i|e|uj|en)\w*"),
        unrelated=re.compile(
            r"\boptik\w*|\bopticke\w*|rychlejsi|tarif|internet\w* na\b|\bsit\w* na\b"
        ),
        negated_before=_CS_NEG_BEFORE,
    ),
    _Rule(
        re.compile(
            r"\b(?:predal|predav|predan|preposl|presmerov|preved|odkaz|posla|posil|prehaz"
            r"|soupa|soupl|nasmerov|posun|prevzal|prevzala|prevzali|smerov)\w*"
        ),
        needs=re.compile(
            rf"\b(?:na|do|k|ke|mezi|jinemu|jine|dalsimu|od) {_CS_UNIT}|\bme\b|\bmne\b|\bsi me\b|\bkoleg\w*|\bvys\b|\bdal\b"
        ),
        unrelated=_rx(
            r"\bpenez\w*|\bpenize\b|\bucet\b|\buct\w*|\bkc\b|\bkorun\w*",
            r"\bcisl[ao]\b.*\bod\b|\bod jineho operator\w*|smlouv\w*|jmeno|manzel\w*",
            r"\bprihlas\w*|\bstrank\w*|\bweb\w*|\bodkaz na\b|\baplikac\w*",
            r"\bbalik\w*|\bzasilk\w*|\bfotk\w*|\bdat\b|\bdata\b|\bkontakt\w*",
            r"\bfaktur\w*|\bsms\b|\bkod\w*|\bheslo",
        ),
        negated_before=_CS_NEG_BEFORE,
    ),
    _Rule(
        _rx(
            r"\bod certa k dablu\b",
            r"\bod jednoho (?:oddeleni|cloveka|operator\w*|k)\b.*\b(?:k|ke|do) (?:druhemu|dalsimu|jinemu)",
            r"\bz (?:oddeleni|pobocky|linky) (?:do|na) (?:oddeleni|pobocky|linky)\b",
            r"\bhorky brambor\w*",
            r"\bkolecko\b|\bping ?pong\w*|\bv kruhu\b",
            r"\beskal(?:ov|ac)\w*",
            r"\b(?:stiznost|pozadav|reklamac|tiket|ticket|pripad|zadost)\w* (?:sl[ao]|putoval\w*) (?:na|k|ke|do) (?:vedouci|nadrizen|central|vedeni|jine|dalsi|druh)\w*",
            r"\b(?:neni|nespada) (?:to )?(?:pod )?(?:nase|nasi|nas) (?:oddeleni|pobock\w*|tym\w*|kompetenc\w*)",
            r"\b(?:resi|vyridi|ma na starosti|patri) (?:to )?(?:jine|jiny|jina|dalsi) (?:oddeleni|tym|pobocka|linka)\b",
        ),
        unrelated=re.compile(r"\bcen\w*|\bpoplat\w*|\bkonflikt\w*"),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Sent to call or go elsewhere: "řekli, ať zavolám na infolinku", "obraťte se na pobočku".
    _Rule(
        re.compile(
            r"\b(?:at|abych|ze mam|mam|prej mam|pry mam) (?:si )?(?:zavolam|zavolal\w*|zajdu|zasel|zasla"
            r"|napisu|napsal\w*|obratim|obratil\w*|volam|jdu|dojdu|kontaktuju|kontaktoval\w*)"
            r"|\bobratte se\b|\bzavolejte\b|\bzajdete\b|\bkontaktujte\b"
        ),
        needs=re.compile(rf"\b(?:na|do|k|ke|s|se) (?:\w+ )?{_CS_UNIT}|\bjinam\b"),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Telling it all again, in the first person: "musel jsem všechno vysvětlovat znovu".
    _Rule(
        re.compile(
            r"\b(?:vysvetl|vyklad|vyprav|opakovat\b|opakoval|popis|popsat|rikat|rict|rikal|odrikav)\w*"
        ),
        needs=re.compile(
            rf"^(?=.*{_CS_FIRST_PERSON})(?=.*\b(?:znovu|dokola|kazdemu|kazdy\w*|zase|opet|porad|stale"
            r"|pokazde|vzdy|dalsimu|to same|totez|furt|(?:dvema|trem|ctyrem|peti|\d+) \w+))"
        ),
        unrelated=re.compile(r"\bobjednav\w*|\bnakup\w*|\bplatb\w*|\bse opakoval\w*|\bvypad\w*"),
        negated_before=_CS_NEG_BEFORE,
    ),
)

# --- English -------------------------------------------------------------------------------
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
_EN_RULES: Final = (
    _Rule(
        # "Transferred" alone is also dye or a stain: a person or a call must be the one moved.
        _rx(
            r"\btransfer(?:r?ed|r?ing|s)? (?:me|us|my call|the call|my \w+ call|calls)\b",
            r"\b(?:was|were|got|get|been|being|getting|kept getting|keep getting) (?:\w+ )?transferr?ed\b",
            r"\b(?:first|second|third|fourth|fifth|another|one more|\d+(?:st|nd|rd|th)?|several|multiple"
            r"|many|two|three|four|five|endless|constant) transfers?\b",
            rf"\btransferr?(?:ed|ing)? (?:it |my \w+ |the \w+ )?(?:back |over |across )?to (?:\w+ ){{0,3}}{_EN_UNIT}",
            r"\bxfer\w*",
        ),
        unrelated=_rx(
            r"\bmoney\b|\bfunds?\b|\bbalance\b|\bbank transfer|\bwire\b|\bpayment\w*|\bsavings\b",
            r"[£$€]|\d+ ?(?:pounds|dollars|euros?|k)\b|\bcash\b|\bpoints\b|\bmiles\b|\bcredit\b",
            r"\bnumber from\b|\bmy number\b|\bport\w*|\bphotos?\b|\bdata\b|\bfiles?\b|\bcontacts\b",
            r"\bairport\b|\bhotel\b|\bshuttle\b|\bflights?\b|\bname\b|\bownership\b|\bbus\b|\btrain\b",
            r"\bpictures\b|\bapps?\b|\bsim\b|\bcontract\b|\bsubscription\b|\blicen[cs]e\b",
            r"\baddress\b|\bbroadband\b|\bhome move\b|\bphone to\b",
        ),
        negated_before=_EN_NEG_BEFORE,
    ),
    _Rule(
        _rx(
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
        unrelated=re.compile(
            r"\bprices?\b|\bcosts?\b|\bbills?\b|\bfees?\b|\brates?\b|\btension|\bsituation\b"
        ),
        negated_before=_EN_NEG_BEFORE,
    ),
    _Rule(
        _rx(
            r"\b(?:sent|sending|directed|redirected|referred|forwarded|connected|routed|passed|handed|pushed)"
            r" (?:me|us|my \w+|the \w+|it|them)? ?(?:on |back |over |off |across )?to\b",
            r"\b(?:was|got|been|were|being) (?:sent|redirected|referred|forwarded|routed|connected|passed|handed|put through) (?:on |back |over |across )?to\b",
            r"\btold (?:me|us) to (?:call|ring|phone|contact|go to|go back to|visit|email|e-mail|try|speak to|talk to|take it to|write to)\b",
            r"\b(?:have|had|has) to (?:call|ring|phone|contact|go to|visit|email) (?:a |the )?(?:different|another|other|separate|head|customer)\b",
            r"\b(?:said|says|told me|told us)(?: that)? (?:i|we) (?:had|have|need|needed|should|must) to"
            r" (?:call|ring|phone|contact|go to|visit|email|speak to|talk to|take it to)\b",
        ),
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
    _Rule(
        _rx(
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

_RULES: Final = (*_TR_RULES, *_CS_RULES, *_EN_RULES)
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


def _rule_words(rule: _Rule, clause: str) -> list[str]:
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
