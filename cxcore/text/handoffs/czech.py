"""Czech handoff rules: the verbs of passing on, negation by ne-/bez/nikam, other senses."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.rules import Rule, family, negated_in_clause, rx

__all__ = ["LANGUAGE", "RULES"]

LANGUAGE: Final = "cs"  # the language of these rules (a code of cxcore.languages)

# Czech negates a verb with the prefix ne- ("nepřepojili"): a cue that starts at a word's
# start never matches it. "bez", "nikam", "nikomu", "aniž" before a cue negate it too.
# Folded "ně" (them) after a preposition is no "ne": "nespadá pod ně a ať zavolám jinam".
_CS_NEG_BEFORE = re.compile(
    # "bez vysvětlení mě šoupl na fakturaci": without a word, not without a handoff
    r"\b(?:bez(?! (?:vysvetleni|slova|varovani|omluvy|upozorneni|ptani|zeptani|reci|cekani|pozdravu))|nikam|nikomu|nikdo|aniz|zadne|zadneho|nemusel\w*"
    r"|(?<!\bpod )(?<!\bna )(?<!\bza )(?<!\bpro )(?<!\bpred )(?<!\bnad )(?<!\bo )(?<!\bpres )ne)\b"
)
_CS_UNIT = (
    r"(?:oddeleni|koleg\w*|technik\w*|specialist\w*|nadrizen\w*|vedouci\w*|linii|linku|linka"
    r"|operator\w*|pobock\w*|infolink\w*|central\w*|cislo|tym\w*|dispecink\w*|prepazk\w*"
    r"|podpor\w*|reklamac\w*|jinam|jin\w*|dalsi\w*|druh\w*|me\b|mne\b|nas\b|hovor\w*|clovek\w*"
    r"|cloveku|vys\b|dal\b|prodejn\w*|kancelar\w*|obchod\w*|letist\w*|call ?cent\w*|e-?mail\w*"
    r"|vyrobc\w*|prodejc\w*|dodavatel\w*|dopravc\w*|servis\w*|pojistovn\w*|vedeni\w*|zpatky|zpet"
    r"|manazer\w*|referent\w*|makler\w*|distribuc\w*|fakturac\w*|reklamacn\w*"
    # the locative, k → c: "na infolince", "na pobočce", "na lince"
    r"|infolince|pobocce|lince|centrale|podpore)"
)
# A verb of passing on negated with ne- anywhere in the clause, before or after the cue ("z
# oddělení do oddělení mě neposílali", "nepřehazovali mě od jednoho k druhému"); not when
# something is sent to the customer ("neposlali mi potvrzení").
_CS_NEG_VERB = re.compile(
    # not needed: "přepojení na kolegu nebylo potřeba"
    r"\bnebyl[oay]? (?:to |ho |ji )?(?:treba|potreba|nutn\w*)\b"
    r"|\bne(?:prepoj|predav|preda[lnv]|posla|posil|poslou|preposl|preposil|preved|prevad|prehod"
    r"|prehaz|odkaz|hodil|hazel|hazej|presmer|soupl|soupa|postoup|eskal|tahal|pinkal|smerov"
    r"|nasmer|prepnul|prepin|posun)\w*(?! (?:mi|nam)\b)"
    r"|\b(?:nikam|nikomu)\b"
)
_ARROW = r"(?:->|→|=>|>)"
# Units that stand in a chain of arrows ("infolinka -> podpora -> obchod"): stems, as a rule's
# stems and as the words of its cue.
_CS_CHAIN_STEMS = (
    "infolink podpor obchod oddeleni pobock prodejn central technik operator robot chat servis"
    " reklamac fakturac vedeni dopravc prodejc vyrobc shop eshop kuryr pojistovn"
)
_CS_CHAIN_UNIT = rf"\b(?:{_CS_CHAIN_STEMS.replace(' ', '|')})\w*"
_CS_FIRST_PERSON = r"\b(?:jsem|jsme|sem|musel\w*|musim|musime|museli)\b"
# A unit in the dative with no preposition: "předali technikům", "postoupili právnímu oddělení".
_CS_UNIT_DATIVE = (
    r"\b(?:technikum|technikovi|kolegovi|kolegum|kolegyni|vedoucimu|nadrizenemu|specialistum"
    r"|specialistovi|firme|dodavateli|vyrobci|centrale|oddeleni|tymu|pravnikum|operatorovi"
    r"|operatorce|pobocce|podpore|vedeni)\b"
)
# The customer's own act, first person: "poslal jsem reklamaci" is no handoff.
_CS_MINE = (
    r"\b(?:jsem|sem) (?:\w+ )?(?:poslal|poslala|posilal|posilala|preposlal|preposlala|predal|predala|prevedl|prevedla|hodil|hodila)\b"
    r"|\b(?:poslal|poslala|posilal|posilala|preposlal|preposlala|predal|predala|prevedl|prevedla|hodil|hodila) (?:jsem|sem)\b"
    r"|\bjsme (?:\w+ )?(?:poslali|preposlali|predali|prevedli)\b|\b(?:poslali|preposlali|predali|prevedli) jsme\b"
)
_RULES = (
    Rule(
        re.compile(r"\bprepoj(?:ova|ov|i|e|uj|en)\w*"),
        stems="prepoj",
        unrelated=re.compile(
            r"\boptik\w*|\bopticke\w*|rychlejsi|tarif|internet\w* na\b|\bsit\w* na\b"
            # a house or a line moved to a new exchange
            r"|\bustredn\w*|\bdum\b|\bdomu\b|\bkabel\w*|\bpripojk\w*"
        ),
        negated_before=_CS_NEG_BEFORE,
    ),
    Rule(
        re.compile(
            # the future and the present too: "předají vedení", "pošlou mě", "hodila mě na"
            r"\b(?:preda(?:l|v|n|j|t(?!or)|\b)|posl(?:e|ou)\b|preposl|preposil|presmerov|preved|prevad|prevest|posla|posil(?!ov|n)|prehaz"
            r"|prehod|prehoz|soupa|soupl|nasmerov|posun|prevzal|prevzala|prevzali|smerov|postoup|prepnul|prepl|prepin|odesl"
            # "odkázali mě na": referring a person, not a film referring to another
            r"|odkaz\w*(?= (?:\w+ )?(?:me|mne|nas|vas)\b)|(?:(?<=\bme )|(?<=\bmne )|(?<=\bnas )|(?<=\bvas ))odkaz"
            # "hodili mě na techniky" ("to se hodí" is "that suits": the customer must be thrown)
            r"|hodi(?:l[aiy]?|t)?\b(?= (?:me|mne|nas)\b)|(?:(?<=\bme )|(?<=\bmne )|(?<=\bnas ))hodi(?:l[aiy]?|t)?\b)\w*"
        ),
        stems="odesl prehoz preda preposl preposil presmerov preved prevad prevest odkaz posla posil posle= poslou= hodil hodit hodi= prehaz prehod soupa soupl nasmerov posun prevzal smerov postoup prepnul prepl prepin",
        needs=rx(
            rf"\b(?:na|do|k|ke|za|mezi|jinemu|jine|dalsimu|od|pres) (?:\w+ )?{_CS_UNIT}|\bsi me\b|\bkoleg\w*|\bvys\b",
            # the customer moved, next to the verb: "poslali mě", "mě přehodili", "předali to dál"
            r"\b(?:me|mne|nas) (?:\w+ ){0,2}?(?:preda|preposl|preposil|presmerov|preved|prevad|posl|posil|hodi|prehaz|prehod|soup|nasmerov|posun|prepnul|prepl|odkaz)\w*",
            r"\b(?:preda|preposl|preposil|presmerov|preved|prevad|posl|posil|hodi|prehaz|prehod|soup|nasmerov|posun|prepnul|prepl|odkaz)\w* (?:\w+ )?(?:me|mne|nas)\b",
            r"\b(?:preda|preposl|posla|posun)\w* (?:to |ho |ji |je )?dal\b",
            _CS_UNIT_DATIVE,
            r"\b(?:tiket|ticket|pozadav|stiznost|reklamac|pripad|zadost|hovor|dotaz)\w*",
        ),
        unrelated=rx(
            r"\bpenez\w*|\bpenize\b|\bucet\b|\buct\w*|\bkc\b|\bkorun\w*|\bzustat\w*|\bkredit\w*|\bkart[ayeu]\b",
            r"\bcisl[ao]\b.*\bod\b|\bod jineho operator\w*|smlouv\w*|jmeno|manzel\w*",
            r"\bprihlas\w*|\bstrank\w*|\bweb\w*|\bodkaz na\b|\baplikac\w*",
            r"\bbalik\w*|\bzasilk\w*|\bfotk\w*|\bdat\b|\bdata\b|\bkontakt\w*",
            # the invoice sent (not "na fakturaci", the billing department)
            r"\bfaktur(?:u|y|a|ou|ami|ach)?\b|\bsms\b|\bkod\w*|\bheslo",
            # a technician or a courier sent out to the customer
            r"\b(?:posla|posil)\w* (?:k nam |nam |mi )?(?:technik(?:a|y)|montazni\w*|kuryr\w*|opravar\w*)\b",
            _CS_MINE,
            # moving house, another tariff, a car or a flat handed over, an order moved
            r"\badres\w*|\bstehov\w*|\bprestehov\w*|\btarif\w*|\bpausal\w*|\bauto\b|\bvuz\w*"
            r"|\bbyt\w*|\bklic\w*|\bobjednavk\w*|\btermin\w*|\bzbozi\b",
            # shown the way in a shop: "nasměroval mě k regálu"
            r"\bregal\w*|\bulick\w*|\bpokladn\w*|\bparkovist\w*|\bvytah\w*",
            # sent home; a doctor's referral ("lékař mě poslal na vyšetření")
            r"\bdomu\b|\blekar\w*|\bdoktor\w*|\bvysetren\w*",
        ),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Passed around, sent from one place to the next, escalated, told it is not theirs.
    *family(
        (
            "certa brambor kolecko ping kruhu",
            r"\bod certa k dablu\b|\bhorky brambor\w*|\bkolecko\b|\bping ?pong\w*|\bv kruhu\b",
        ),
        (
            "jednoho",
            rx(
                r"\bod jednoho (?:oddeleni|cloveka|operator\w*|urednik\w*|pracovnik\w*|referent\w*|technik\w*|kolegy|specialist\w*|poradc\w*)\b.*\b(?:k|ke|do) (?:druhemu|dalsimu|jinemu)",
                # the customer moved ("od jednoho zločinu ke druhému" in a film is none)
                r"\b(?:me|mne|nas) (?:\w+ )?od jednoho (?:k|ke|do) (?:druhemu|dalsimu|jinemu)\b",
                r"\bz jednoho \w+ (?:na|do|k) (?:druh|dalsi|jin)\w*",
            ),
        ),
        (
            "oddeleni pobocky linky infolinky centraly prodejny podpory obchodu kancelare servisu",
            r"\bz (?:\w+ )?(?:oddeleni|pobocky|linky|infolinky|centraly|prodejny|podpory|obchodu|kancelare|servisu)"
            r" (?:\w+ )?(?:do|na|k) (?:\w+ )?(?:oddeleni|pobock\w*|link\w*|infolink\w*|central\w*|prodejn\w*|podpor\w*|obchod\w*|kancelar\w*|servis\w*|vedouci\w*)\b",
        ),
        # "odkazují jeden na druhého", "přehazují si to jeden druhému"
        (
            "druheho druhe= druhou druhy= druhemu",
            rx(
                r"\bjed(?:en|ni|na|no|ny) na druh(?:eho|e|ou|y)\b",
                r"\b(?:prehazuj|hazej|hazi|posilaj|predavaj|prehazov|odkazuj)\w* (?:si )?(?:\w+ )?jed(?:en|ni|na) druhemu\b",
            ),
        ),
        (
            "hazeli hazeji hazi hazou hazet pinkal pinkaj tahal",
            r"\bhaz(?:eli|eji|i|ou|et)\w* si (?:me|nas|to|zakazniky)\b|\bpinkal\w*|\bpinkaj\w*|\btahal\w* (?:me |nas )?(?:po|mezi) \w+",
        ),
        ("spada", r"\bspada pod (?:jine|jiny|jinou|jinym|dalsi|druhe)\b"),
        # caught between two departments: "a já mezi nimi", "uvízl jsem mezi nimi"
        (
            "nimi nima dvema oddelenimi",
            r"\b(?:ja|uvizl\w*|zasekl\w*|zustal\w*) (?:jsem )?(?:mezi nimi|mezi nima|mezi dvema \w+|mezi oddelenimi)\b",
        ),
        (
            "nikdo",
            r"\bnikdo (?:to |za to )?(?:nema na starosti|nezodpovida|nechce (?:to )?(?:resit|vzit|prevzit))\b",
        ),
        # each new person asks it all again: "každý operátor chtěl znovu číslo smlouvy"
        (
            "kazdy kazdej",
            r"\bkazd(?:y|ej) (?:novy |dalsi )?(?:operator|clovek|technik|pracovnik|kolega|agent)\w* (?:\w+ )?(?:chtel|chce|se ptal|zadal|vyzadoval)\w*",
        ),
        ("eskal", r"\beskal(?:ov|ac)\w*"),
        # through many hands: "reklamace šla přes tři oddělení", "prošlo rukama pěti lidí"
        (
            "pres= rukama= rukou=",
            rx(
                r"\bpres (?:dve|dva|tri|ctyri|pet|sest|nekolik|mnoho|\d+|ruzn\w*) (?:\w+ )?(?:oddeleni|ruce|lidi|operator\w*|pracovnik\w*|tym\w*|pobock\w*|koleg\w*|link\w*)\b",
                r"\b(?:rukama|rukou) (?:\w+ )?(?:dvou|tri|ctyr|peti|sesti|nekolika|mnoha|\d+|ruzn\w*) (?:\w+ )?(?:lidi|operator\w*|pracovnik\w*|oddeleni)\b",
            ),
        ),
        # one after another in one contact: "nejdřív robot, pak operátor, pak jiný operátor"
        (
            "operator pracovnik koleg oddeleni agent specialist",
            r"\b(?:pak|potom|nakonec) (?:zase )?(?:jin|dalsi|druh|treti)\w* (?:operator|pracovnik|kolega|kolegyne|oddeleni|agent|specialist)\w*",
        ),
        # "pokaždé znovu od začátku", "s každým od nuly"
        (
            "pokazde kazdym kazdeho",
            r"\b(?:pokazde|s kazdym|u kazdeho|s kazdou) (?:\w+ )?(?:znovu |zase )?(?:od zacatku|od nuly|odznova|nanovo)\b",
        ),
        # another number handed over: "dali mi číslo na jinou linku", "nadiktovali mi jiné číslo"
        (
            "dal= dali= dala= dalo= nadiktoval poslal",
            rx(
                r"\b(?:dal[aio]?|nadiktoval\w*|poslal\w*) (?:mi|nam) (?:\w+ )?(?:cislo|kontakt|telefon)\w* (?:na|do) (?:\w+ )?(?:jin|dalsi|druh|oddeleni|pobock|central|podpor|infolink)\w*",
                r"\b(?:dal[aio]?|nadiktoval\w*) (?:mi|nam) (?:jin|dalsi)\w* (?:telefonni )?(?:cislo|kontakt|linku)\b",
            ),
        ),
        (
            "sla= slo= putoval",
            r"\b(?:stiznost|pozadav|reklamac|tiket|ticket|pripad|zadost)\w* (?:sl[ao]|putoval\w*) (?:na|k|ke|do) (?:vedouci|nadrizen|central|vedeni|jine|dalsi|druh)\w*",
        ),
        (
            "nase nasi nas=",
            r"\b(?:neni|nespada) (?:to )?(?:pod )?(?:nase|nasi|nas) (?:oddeleni|pobock\w*|tym\w*|kompetenc\w*|vec|starost|parket\w*)",
        ),
        # "že to řeší pobočka": someone else's, the customer sent there
        (
            "resi vyridi vyrizuje",
            r"\b(?:ze )?to (?:musi |bude |ma |by mel\w* )?(?:resi|resit|ma na starosti|vyridi|vyridit|vyrizuje) (?:az )?(?:pobock\w*|infolink\w*|central\w*|oddeleni|prodejn\w*|vyrobc\w*|dopravc\w*|prodejc\w*|dodavatel\w*|pojistovn\w*|bank[auy]|kolegove|technici|servis\w*)\b",
        ),
        (
            "resi vyridi vyrizuje starosti patri",
            r"\b(?:resi|resit|vyridi|vyridit|vyrizuje|ma na starosti|patri) (?:to |tohle |toto )?(?:az )?(?:jine|jiny|jina|jinou|dalsi) (?:oddeleni|tym|pobock\w*|link\w*|region|koleg\w*|technik\w*|firm\w*|spolecnost|central\w*|dodavatel|operator|prodejn\w*|pracovist\w*|sekce|usek)\b",
        ),
        # "prošel jsem třemi odděleními", "mluvil jsem s pěti různými operátory"
        (
            "prosel prosla prosli mluvil hovoril jednal",
            rx(
                r"\bpros(?:el|la|li)\w* (?:\w+ )?(?:dvema|tremi|ctyrmi|peti|sesti|nekolika|mnoha|ruznymi|\d+) (?:\w+ )?(?:oddelen\w*|operator\w*|lidmi|koleg\w*|link\w*|pracovnik\w*|pobock\w*)",
                r"\b(?:mluvil|mluvila|mluvili|hovoril\w*|jednal\w*) (?:jsem |jsme )?(?:\w+ )?(?:s|se) (?:\w+ )?(?:dvema|tremi|ctyrmi|peti|sesti|nekolika|mnoha|ruznymi|\d+) (?:\w+ )?(?:operator\w*|lidmi|koleg\w*|pracovnik\w*|technik\w*)",
            ),
        ),
        unrelated=re.compile(r"\bcen\w*|\bpoplat\w*|\bkonflikt\w*|\bmic\w*|\bfilm\w*"),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Starting from nothing with each one: "s každým operátorem jsem začínal od nuly".
    Rule(
        re.compile(
            r"\bzac(?:in|al)\w* (?:zase |znovu |vzdy |pokazde )?(?:od nuly|od zacatku|odznova|nanovo)\b"
        ),
        stems="zacin zacal",
        needs=re.compile(r"\b(?:kazd|dalsi|novy|noveho|novym|jin|pokazde|znovu|zase)\w*"),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Sent to call or go elsewhere: "řekli, ať zavolám na infolinku", "obraťte se na pobočku".
    Rule(
        re.compile(
            r"\b(?:at|abych|ze|mam|prej mam|pry mam|musim|musime|musel\w*(?: jsem| jsme)?)(?: to| si| si to| se)?(?: musim| mam| musime)? (?:zavolam|zavolal\w*|zajdu|zasel|zasla"
            r"|napisu|napsal\w*|obratim|obratil\w*|volam|jdu|dojdu|kontaktuju|kontaktoval\w*"
            r"|resim|resil\w*|resit|vyridim|vyridil\w*|vyridit|volat|zavolat|zajit|jit|obratit|napsat|kontaktovat"
            r"|zkusit|zkusim|zkusil\w*)\b"
            r"|\bobratte se\b|\bzavolejte\b|\bzajdete\b|\bkontaktujte\b"
        ),
        stems="zavol zajd zasel zasla napis napsal obrat volam jdu dojdu kontakt resim resil resit vyridim vyridil vyridit volat zajit jit zkusit zkusim zkusil",
        needs=re.compile(
            rf"\b(?:na|do|k|ke|s|se|pres) (?:\w+ )?{_CS_UNIT}|\bjinam\b"
            # another channel: "ať to řeším přes aplikaci"
            r"|\b(?:na|do|pres|v|ve) (?:\w+ )?(?:aplikac|web|e-?shop|chat|formular|e-?mail|internetov)\w*"
        ),
        # the customer asks which number to call: "Na které číslo mám volat …?"
        unrelated=re.compile(r"\b(?:ktere|jake|jaky|kterou|jakou) (?:cislo|linku|telefon)\b"),
        negated_before=_CS_NEG_BEFORE,
    ),
    # Telling it all again, by the customer: "musel jsem všechno vysvětlovat znovu", "pořád
    # dokola vysvětluju", "každému znovu popisovat". The agent's "vysvětlil mi" is no cue.
    Rule(
        re.compile(
            r"\b(?:vysvetl|vyklad|vyprav|odrikav|sdelov|sdelit|diktov|nadiktov|udavat|uvadet|psat|napsat|vypisov|vypsat)\w*"
            r"|\b(?:opakovat|opakoval\w*|opakuju|opakuji|popisoval\w*|popisovat|popsat|popsal\w*|popisuju|popisuji"
            r"|rikat|rict|rikal\w*)\b"
        ),
        stems="vysvetl vyklad vyprav opakov opakuj popis popsat popsal rikat rict rikal odrikav sdelov sdelit diktov nadiktov udavat uvadet psat napsat vypisov vypsat",
        needs=re.compile(
            rf"^(?=.*(?:{_CS_FIRST_PERSON}|\b(?:vysvetluju|vysvetluji|opakuju|opakuji|popisuju|popisuji|vykladam|diktuju|sdeluju)\b"
            r"|\b(?:musite|musis|musi|clovek|nutne|treba|nutil\w*|chteji|chtel\w*|nechal\w* me)\b))"
            r"(?=.*\b(?:znovu|znova|odznova|nanovo|od zacatku|dokola|kazdemu|kazdy\w*|zase|opet|porad|stale"
            r"|pokazde|vzdy|dalsimu|novemu|jinemu|to same|totez|furt|opakovane|jeste jednou|podruhe|potreti|poctvrte"
            r"|(?:dva|tri|ctyri|pet|sest|nekolik|mnoho|\d+) ?(?:krat|x)"
            r"|(?:dvema|trem|ctyrem|peti|\d+) \w+))"
        ),
        unrelated=rx(
            r"\bobjednav\w*|\bnakup\w*|\bplatb\w*|\bse opakoval\w*|\bse opakuj\w*|\bvypad\w*",
            r"\bfilm\w*|\bdil\b|\bdily\b|\bseri\w*|\bscen\w*|\bpostav\w*|\bherc\w*",
            r"\bnemusel\w*|\bnemusim\b|\bnemusime\b|\bnebylo (?:treba|nutne)\b",
            r"\b(?:vysvetlil|vysvetlila|vysvetlili|popsal|popsala|popsali|rekl|rekla|rekli)\w* (?:mi|nam)\b",
        ),
        negated_before=_CS_NEG_BEFORE,
        # the same person again, on a bad line: "opakovat dvakrát, protože špatně slyšel"
        not_in_comment=re.compile(
            r"\bspatne (?:slysel\w*|slyset|slysi|bylo slyset)|\bspatn\w* (?:spojeni|signal\w*)|\bnerozumel\w*|\bneslysel\w*"
        ),
    ),
    # A chain of arrows between units: "infolinka -> technická podpora -> obchod".
    # A unit stands in the chain, so a chain holds a word starting with a stem.
    Rule(
        rx(
            rf"{_CS_CHAIN_UNIT}(?: \w+)? ?{_ARROW} ?\w+(?: \w+)? ?{_ARROW} ?\w+",
            rf"\b\w+(?: \w+)? ?{_ARROW} ?(?:\w+ )?{_CS_CHAIN_UNIT}(?: \w+)? ?{_ARROW} ?\w+",
            rf"\b\w+(?: \w+)? ?{_ARROW} ?\w+(?: \w+)? ?{_ARROW} ?(?:\w+ )?{_CS_CHAIN_UNIT}",
        ),
        stems=_CS_CHAIN_STEMS,
        marks=">→",
    ),
    # Each sends the customer to the other, in two clauses: "banka mě posílá na pojišťovnu,
    # pojišťovna zpátky na banku", "prodejna tvrdí, že to je servis, servis, že prodejna".
    Rule(
        re.compile(
            r"\b([a-z]{4})\w* (?:\w+ ){0,2}?(?:posila|posilal|poslal|odkazuj|odkazal|tvrdi|rika|hazi|hazej|prehazuj|preposila|smeruj)\w*,? (?:\w+,? ){0,2}?(?:na|do|k|ke|ze|je) (?:to )?(?:je )?(?:vec |chyba |problem |starost )?([a-z]{4})\w*\b.{0,40}?\b\2\w*,? (?:\w+,? ){0,3}?(?:na|do|k|ke|ze|je) (?:to )?(?:je )?(?:vec |chyba |problem |starost )?\1\w*"
        ),
        stems="posila posilal poslal odkazuj odkazal tvrdi rika hazi hazej prehazuj preposila smeruj",
        # the two clauses are written with a comma between them (a quick test first)
        marks=",",
        negated_before=_CS_NEG_BEFORE,
        whole_comment=True,
    ),
    # Families of forms rather than single phrases: from one line or unit to the next
    # ("z jedné linky házeli na druhou"); a complaint that went on ("šla z vedoucího pobočky
    # na oblastního manažera", "putoval mezi týmy"); the agent's "dám vás jinam"; each new
    # person wanting it all again ("každý chce slyšet všechno znovu"); only another unit does
    # it ("dělá jen telefonní podpora", "tvrdí, že vrácení modemu řeší infolinka").
    *family(
        (
            "jedne jednoho jedny jednich",
            # a unit or a person of the company ("z jedné strany pokoje na druhou" is a room)
            r"\bz jedn(?:e|oho|y|ich) (?:link|oddelen|pobock|operator|kancelar|prepazk|tym|clovek|pracovnik"
            r"|koleg|infolink|podpor|centr|prodejn|servis|urednik|ured|okenk|technik|specialist)\w* (?:\w+ ){0,2}(?:na|do|k|ke) (?:druh|dalsi|jin)\w*",
        ),
        (
            "sla= slo= putoval presla preslo kolovala kolovalo",
            r"\b(?:stiznost|pozadav|reklamac|tiket|ticket|pripad|zadost|dotaz|spis)\w* (?:\w+ )?(?:sl[ao]|putoval\w*|presl[ao]|kolovala?)"
            r" (?:\w+ ){0,3}(?:na|k|ke|do|mezi) (?:\w+ )?(?:vedouci|nadrizen|central|vedeni|jin|dalsi|druh|manazer|oddelen|tym|pobock|specialist|referent|koleg)\w*",
        ),
        (
            "da= dam= daji= dame= dal= dala= dali=",
            r"\b(?:(?:da|dam|daji|dame|dal|dala|dali) (?:vas|te|me|mne|nas)|(?:vas|te|me|mne|nas) (?:da|dam|daji|dame|dal|dala|dali)) (?:jinam|kolegovi|kolegyni|kolegum|(?:na|k|ke) (?:\w+ )?(?:oddeleni|podpor\w*|link\w*|infolink\w*|technik\w*|fakturac\w*|specialist\w*|vedouc\w*))\b",
        ),
        (
            "kazdy kazdej kazda kazde",
            r"\bkazd(?:y|ej|a|e) (?:\w+ ){0,2}(?:chce|chtel\w*|chteji|zada|zadal\w*|se pta|se ptal\w*|ptal\w* se) (?:\w+ ){0,3}(?:znovu|znova|od zacatku|odznova|nanovo|zase|opet)\b",
        ),
        (
            "dela resi vyrizuje vyridi starosti",
            rx(
                r"\b(?:dela|resi|vyrizuje|vyridi|ma na starosti) (?:\w+ )?(?:jen|pouze|jenom|az) (?:\w+ )?(?:pobock|infolink|centr|oddeleni|prodejn|podpor|servis|technik|link)\w*",
                r"\b(?:tvrdi|tvrdil\w*|rika|rikaj\w*|rekl\w*|odpovedel\w*|prej|pry|ze),? (?:ze )?(?:\w+ ){0,3}(?:resi|vyrizuje|vyridi|ma na starosti) (?:\w+ )?(?:pobock|infolink|centr|oddeleni|prodejn|podpor|zakaznick\w* servis|servis)\w*",
            ),
        ),
        # prices and money ("cena", "ceny"; not "centrála"), films
        unrelated=re.compile(
            r"\bcen(?:a|y|u|ou|e|ami|ach|ik\w*)\b|\bpoplat\w*|\bfilm\w*|\bpenez\w*|\bpenize\b"
        ),
        negated_before=_CS_NEG_BEFORE,
    ),
)

# Two negations, a handoff: "nebylo oddělení, kam by mě nepřepojili", "nezbyl snad žádný
# operátor, který by mě nepřehodil dál".
_CS_EVERY_UNIT = Rule(
    re.compile(
        r"\b(?:nebylo|nezbylo|nezbyl[ao]?|neni|nebyl[ao]?) (?:snad |uz |ani )?(?:jedno |jeden |jedna |zadn\w* )?"
        r"(?:oddeleni|link\w*|pobock\w*|operator\w*|clovek|tym|prepazk\w*|kancelar\w*),? (?:kam|na kter\w*|kde|kter\w*|kdo)"
        r" (?:by )?(?:me|mne|nas)? ?(?:uz |jeste )?ne(?:prepoj|posla|posil|preda|prehod|prehaz|odkaz|hodil|smerov)\w*"
    ),
    stems="nebylo nezbylo nezbyl neni= nebyl",
    whole_comment=True,
)
# Pushed along from one to the next ("strkali mě od jednoho k druhému"); given several
# numbers, or another unit's number, to call instead ("dali mi tři různá telefonní čísla",
# "mi nadiktoval číslo na hypoteční centrum").
_CS_PUSHED_ALONG_OR_GIVEN_NUMBERS = family(
    (
        "strkal strkaj strka strcil",
        r"\b(?:strkal|strkaj|strka|strcil)\w* (?:\w+ )?(?:me|mne|nas)\b",
    ),
    (
        "dal= dali= dala= dalo= nadiktoval poslal",
        rx(
            r"\b(?:dal[aio]?|nadiktoval\w*|poslal\w*) (?:mi|nam) (?:dve|dva|tri|ctyri|pet|nekolik|ruzn\w*) (?:\w+ ){0,2}(?:cisl|kontakt|link)\w*",
            r"\b(?:mi|nam) (?:dal[aio]?|nadiktoval\w*|poslal\w*) (?:\w+ )?(?:cislo|kontakt|telefon)\w* (?:na|do) (?:\w+ )?(?:jin|dalsi|druh|oddeleni|pobock|centr|podpor|infolink|link|specialist|technik)\w*",
        ),
    ),
    unrelated=re.compile(
        r"\bcen(?:a|y|u|ou|e|ami|ach)\b|\bpoplat\w*|\bfilm\w*|\bpenez\w*|\bpenize\b"
    ),
    negated_before=_CS_NEG_BEFORE,
)
# A unit named in the accusative after a verb of calling, with no preposition: "mám volat
# firemní linku", "volejte dodavatele".
_CS_UNIT_TO_CALL = (
    r"(?:\w+ )?(?:link[uy]|infolink[uy]|cislo|podporu|pobocku|centralu|oddeleni|dodavatel[ea]"
    r"|distribuci|vyrobce|prodejce|servis|banku|pojistovnu|maklere|dopravce|prodejnu|kolegu|kolegyni)\b"
)
# Sent up or on to another, in families of forms: a case that went up a line or higher
# ("problém šel na druhou linii, odtud na třetí", "stížnost poslali výš"); from one counter or
# person to the next ("od okénka k okénku", "od člověka k člověku"); another unit has its own
# number ("na reklamace mají jiné číslo"); each next handler from the start ("každý další
# referent začal otázkou, co se stalo"); a unit to call in the accusative ("mám volat firemní
# linku").
_CS_UP_OR_ON_TO_ANOTHER = family(
    (
        "lini linku urove stupe instanc",
        r"\b(?:sel|sla|slo|presl[ao]?|presel|putoval\w*|posunul\w*|posunut\w*|dostal\w*|postoupil\w*)"
        r" (?:\w+ ){0,2}?na (?:druh|treti|vyss|dalsi)\w* (?:lini|linku|urove|stupe|instanc)\w*",
    ),
    # "od okénka k okénku", "od člověka k člověku"
    (
        "okenk prepazk oddelen clovek operator pobock kancelar urednik referent",
        r"\bod (okenk|prepazk|oddelen|clovek|operator|pobock|kancelar|urednik|referent)\w* (?:k|ke|do|na) \1\w*",
    ),
    (
        "vys= vyse= nahoru= patro=",
        r"\b(?:posla|posil|posle|poslou|preda|postoup|posun|eskal|sel\b|sla\b|slo\b|putoval)\w*"
        r" (?:to |ji |ho |je |me |mne |nas |\w+ )?(?:vys|vyse|nahoru|o patro vys)\b",
    ),
    (
        "cislo= linku= linka= kontakt email= e=",
        r"\b(?:maji|plati|na (?:to|tohle|\w+) je) (?:\w+ )?jin(?:e|a|ou|y) (?:telefonni )?(?:cislo|linku|linka|kontakt|e-?mail)\b"
        r"|\bnadiktoval\w* (?:mi |nam )?(?:jin\w* )?(?:cislo|kontakt)\b",
    ),
    (
        "kazdy kazdej kazda",
        r"\bkazd(?:y|ej|a) (?:dalsi|novy|novej|nova) (?:referent|operator|clovek|technik|pracovnik|kolega|agent"
        r"|urednik|likvidator|poradce|specialist|banker|pracovnice|operatorka|referentka|urednice|kolegyne)\w*",
    ),
    (
        "volat zavolat volejte zavolejte zavolam volam kontaktovat kontaktujte",
        rf"\b(?:mam|mame|musim|musime|ma|ze|at|abych|prej|pry|rika|rikaj\w*|rekl\w*) (?:\w+ )?"
        rf"(?:volat|zavolat|volejte|zavolejte|zavolam|volam|kontaktovat|kontaktujte) {_CS_UNIT_TO_CALL}",
    ),
    unrelated=re.compile(
        r"\bcen(?:a|y|u|ou|e|ami|ach)\b|\bpoplat\w*|\bfilm\w*|\bpenez\w*|\bpenize\b"
    ),
    negated_before=_CS_NEG_BEFORE,
)
# Each sends the customer on to the next, who sends on again: "poruchová linka říká volejte
# dodavatele, dodavatel říká volejte distribuci", "řeknete, ať se zeptám makléře, makléř
# řekne, ať se zeptám vás" (the one sent to speaks next).
_CS_SENT_ON = Rule(
    re.compile(
        r"\b(?:rika|rikaj\w*|rekne|reknou|reknete|rekl\w*|tvrdi|posila\w*|poslal\w*|odkazuj\w*|odkazal\w*)"
        r",? (?:ze |at )?(?:\w+ ){0,3}?(?:volejte|zavolejte|zavolat|volat|zeptejte se|se zeptam|se zeptat|zavolam|volam|obratte se na"
        r"|obratit se na|obratim se na|napiste|jdete|jdu|na|k|ke|do) (?:\w+ )?([a-z]{4})\w*[^.]{0,30}?[,;.] ?(?:a |ale |pak |tak )?(?:\w+ )?\1\w*"
        r" (?:rika|rikaj\w*|rekne|reknou|rekl\w*|tvrdi|posila\w*|poslal\w*|odkazuj\w*|odkazal\w*)\b"
    ),
    stems="rika rikaj rekne reknou reknete rekl tvrdi posila poslal odkazuj odkazal",
    marks=",;.",
    negated_before=_CS_NEG_BEFORE,
    whole_comment=True,
)
# Someone else each time: "pokaždé jsem mluvila s někým jiným", "dali mi někoho jiného".
# The one reached, not who directed a film ("každý díl režíroval někdo jiný").
_CS_SOMEONE_ELSE = Rule(
    rx(
        r"\b(?:mluvil\w*|hovoril\w*|jednal\w*|dovolal\w*) (?:jsem |jsme )?(?:\w+ )?(?:s|se) nekym jinym\b"
        r"|\b(?:vzal|zvedl|ozval)\w* (?:to |se )?(?:\w+ )?nekdo jiny\b",
        r"\b(?:dal[aiy]?|prepojil\w*|poslal\w*|predal\w*|prehodil\w*) (?:mi|me|mne|nas) (?:na telefon |k telefonu |zase |pak )?nek(?:oho|omu) jin(?:eho|emu)\b",
    ),
    stems="nekdo nekoho nekym nekomu",
    needs=re.compile(
        r"\b(?:pokazde|zase|znovu|znova|vzdy|kazd\w*|dal[aiy]?|prepoj\w*|poslal\w*|predal\w*|prehodil\w*|telefon\w*|lince|linku)\b"
    ),
    negated_before=_CS_NEG_BEFORE,
)
# Each points at the other, across a comma: "servis ukazuje na vás, vy na servis".
_CS_POINTING = Rule(
    re.compile(
        r"\b(?:ukazuj|ukazoval|ukazal|svaluj|svalil|hazej|hazi)\w* (?:to |vinu )?na \w+,? (?:a )?\w+ (?:zase |pak )?na \w+"
    ),
    stems="ukazuj ukazoval ukazal svaluj svalil hazej hazi",
    marks=",",
    negated_before=_CS_NEG_BEFORE,
    whole_comment=True,
)
# Passed among themselves ("hlášení si mezi sebou přeposílají", "objednávku si předávali tři
# lidé"; not gifts or photos), one pointing at the other ("jeden ukazuje na druhého"), chased
# between units ("honili mě mezi okénky").
_CS_AMONG_THEMSELVES = family(
    (
        "si preposil predava prehazov prehazuj posila prepojov",
        r"\bsi (?:\w+ ){0,3}?(?:preposil|predava|prehazov|prehazuj|posila|prepojov)(?!a?me?\b)\w*",
    ),
    (
        "jeden",
        r"\bjeden (?:\w+ )?(?:ukazuj|ukazoval|odkazuj|odkazoval|svaluj|svaloval)\w* na druh\w*",
    ),
    (
        "honil honi",
        r"\b(?:(?:honil\w*|honi) (?:me|nas|mne)|(?:me|nas|mne) (?:honil\w*|honi)) (?:mezi|od \w+ k)\b",
    ),
    needs=re.compile(
        r"\b(?:reklamac|hlaseni|pozadav|objednav|tiket|ticket|pripad|stiznost|zadost|dotaz|spis|vec"
        r"|me|mne|nas|druh|okenk|oddeleni|uredni|prepazk)\w*"
    ),
    unrelated=re.compile(r"\b(?:fotk|fotografi|dark|zprav|vtip|mem|video|pisnick|recept)\w*"),
    negated_before=_CS_NEG_BEFORE,
)
# Every rule: a negated verb of passing on in the clause drops its cue.
RULES: Final = (
    *negated_in_clause(
        (
            *_RULES,
            *_CS_PUSHED_ALONG_OR_GIVEN_NUMBERS,
            *_CS_UP_OR_ON_TO_ANOTHER,
            *_CS_AMONG_THEMSELVES,
        ),
        earlier=_CS_NEG_VERB,
        after=_CS_NEG_VERB,
    ),
    _CS_EVERY_UNIT,
    _CS_SENT_ON,
    _CS_POINTING,
    *negated_in_clause((_CS_SOMEONE_ELSE,), earlier=_CS_NEG_VERB, after=_CS_NEG_VERB),
)
