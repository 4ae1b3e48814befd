"""Czech handoff rules: the verbs of passing on, negation by ne-/bez/nikam, other senses."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.rules import Rule, rx

__all__ = ["RULES"]

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
RULES: Final = (
    Rule(
        re.compile(r"\bprepoj(?:ova|ov|i|e|uj|en)\w*"),
        stems="prepoj",
        unrelated=re.compile(
            r"\boptik\w*|\bopticke\w*|rychlejsi|tarif|internet\w* na\b|\bsit\w* na\b"
        ),
        negated_before=_CS_NEG_BEFORE,
    ),
    Rule(
        re.compile(
            r"\b(?:predal|predav|predan|preposl|presmerov|preved|odkaz|posla|posil|prehaz"
            r"|soupa|soupl|nasmerov|posun|prevzal|prevzala|prevzali|smerov)\w*"
        ),
        stems="predal predav predan preposl presmerov preved odkaz posla posil prehaz soupa soupl nasmerov posun prevzal smerov",
        needs=re.compile(
            rf"\b(?:na|do|k|ke|mezi|jinemu|jine|dalsimu|od) {_CS_UNIT}|\bme\b|\bmne\b|\bsi me\b|\bkoleg\w*|\bvys\b|\bdal\b"
        ),
        unrelated=rx(
            r"\bpenez\w*|\bpenize\b|\bucet\b|\buct\w*|\bkc\b|\bkorun\w*",
            r"\bcisl[ao]\b.*\bod\b|\bod jineho operator\w*|smlouv\w*|jmeno|manzel\w*",
            r"\bprihlas\w*|\bstrank\w*|\bweb\w*|\bodkaz na\b|\baplikac\w*",
            r"\bbalik\w*|\bzasilk\w*|\bfotk\w*|\bdat\b|\bdata\b|\bkontakt\w*",
            r"\bfaktur\w*|\bsms\b|\bkod\w*|\bheslo",
        ),
        negated_before=_CS_NEG_BEFORE,
    ),
    Rule(
        rx(
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
        stems="certa jednoho oddeleni pobocky linky brambor kolecko ping kruhu eskal stiznost pozadav reklamac tiket ticket pripad zadost neni nespada resi vyridi starosti patri",
        unrelated=re.compile(r"\bcen\w*|\bpoplat\w*|\bkonflikt\w*"),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Sent to call or go elsewhere: "řekli, ať zavolám na infolinku", "obraťte se na pobočku".
    Rule(
        re.compile(
            r"\b(?:at|abych|ze mam|mam|prej mam|pry mam) (?:si )?(?:zavolam|zavolal\w*|zajdu|zasel|zasla"
            r"|napisu|napsal\w*|obratim|obratil\w*|volam|jdu|dojdu|kontaktuju|kontaktoval\w*)"
            r"|\bobratte se\b|\bzavolejte\b|\bzajdete\b|\bkontaktujte\b"
        ),
        stems="zavol zajd zasel zasla napis napsal obrat volam jdu dojdu kontakt",
        needs=re.compile(rf"\b(?:na|do|k|ke|s|se) (?:\w+ )?{_CS_UNIT}|\bjinam\b"),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Telling it all again, in the first person: "musel jsem všechno vysvětlovat znovu".
    Rule(
        re.compile(
            r"\b(?:vysvetl|vyklad|vyprav|opakovat\b|opakoval|popis|popsat|rikat|rict|rikal|odrikav)\w*"
        ),
        stems="vysvetl vyklad vyprav opakov popis popsat rikat rict rikal odrikav",
        needs=re.compile(
            rf"^(?=.*{_CS_FIRST_PERSON})(?=.*\b(?:znovu|dokola|kazdemu|kazdy\w*|zase|opet|porad|stale"
            r"|pokazde|vzdy|dalsimu|to same|totez|furt|(?:dvema|trem|ctyrem|peti|\d+) \w+))"
        ),
        unrelated=re.compile(r"\bobjednav\w*|\bnakup\w*|\bplatb\w*|\bse opakoval\w*|\bvypad\w*"),
        negated_before=_CS_NEG_BEFORE,
    ),
)
