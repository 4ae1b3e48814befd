"""Czech handoff rules (handoffs/czech.py): what they find, what they leave.

Found: přepoj-, převed-, přehazov-, poslali mě na/za, odkázali, předají, hodili mě, through
many hands, one after another, another number handed over, another unit's job, starting again
with each new person, arrows, two parties pointing each at the other (ping-pong). Left alone:
the negation by ne-/bez/nikam (before or after the cue), a handoff expected or offered and not
needed, the customer's own act, the words' other senses (money, a contract moved, films,
prices, a doctor's referral). Sentences written for these tests, not from any bench set.
"""

from __future__ import annotations

import pytest

from cxcore.text.handoffs import detect, detect_handoff
from cxcore.text.handoffs.detect import fold_comment
from tests.cxcore.text.handoff_checks import assert_first_look_keeps, assert_rules_read

# Found, with this word among the words that show it; without diacritics too.
FOUND = [
    ("Přepojovali mě mezi odděleními", "prepojovali"),
    ("prepojovali me mezi oddelenimi", "prepojovali"),
    ("posílali mě od čerta k ďáblu", "od certa k dablu"),
    # přepoj-, převed-, přehazov-, poslali mě na/za, odkázali mě, again, one on another
    ("přepojili mě už potřetí", "prepojili"),
    ("převedli mě na jiné oddělení", "prevedli"),
    ("přehazovali si mě mezi odděleními", "prehazovali"),
    ("poslali mě za vedoucím", "poslali"),
    ("infolinka mě odkázala na letištní přepážku", "odkazala"),
    ("Požadavek předali technikům", "predali"),
    ("Stížnost postoupili právnímu oddělení", "postoupili"),
    ("pořád dokola to musím vysvětlovat", "vysvetlovat"),
    ("musela jsem pětkrát vysvětlovat totéž", "vysvetlovat"),
    ("odkazují jeden na druhého", "jeden na druheho"),
    ("Během jednoho hovoru jsem prošel třemi odděleními", "prosel tremi oddelenimi"),
    ("na infolince mi řekli, že to řeší pobočka", "ze to resi pobocka"),
    ("Musel jsem volat na jiné číslo", "musel jsem volat"),
    ("S každým dalším operátorem jsem začínal od nuly", "zacinal od nuly"),
]


@pytest.mark.parametrize(("comment", "word"), FOUND)
def test_a_handoff_is_found_with_the_words_that_show_it(comment, word):
    found, words = detect_handoff(comment)
    assert found, comment
    assert word in words


# Found, with a word that holds this part: the future and present ("předají", "pošlou",
# "hodili mě"), through many hands, one after another, another number handed over, "musí
# řešit jiné oddělení", arrows, two clauses sending the customer each to the other.
FOUND_WITHIN_WORDS = [
    ("Slíbili, že to předají technikům", "predaji"),
    ("hodili mě na reklamační oddělení", "hodili"),
    ("Pošlou vás na pobočku, tam vás pošlou zpátky", "poslou"),
    ("Žádost prošla přes pět různých oddělení", "pres pet ruznych oddeleni"),
    ("Nejdřív chatbot, potom další operátor a nic", "potom dalsi operator"),
    ("Pokaždé jsem začínal znovu od začátku", "zacinal znovu od zacatku"),
    ("nadiktovali mi jiné číslo a ať volám tam", "nadiktovali mi jine cislo"),
    ("Tohle prý musí vyřídit jiné oddělení", "vyridit jine oddeleni"),
    ("e-shop -> dopravce -> e-shop, a balík nikde", "shop -> dopravce -> e"),
    ("Prodejna mě posílá do servisu, servis zpátky do prodejny", "prodejna me posila do servisu"),
    ("Technik řekl, že to musí řešit dodavatel", "to musi resit dodavatel"),
    ("Prodejna tvrdí, že je to věc servisu, servis tvrdí, že prodejny", "prodejna tvrdi"),
]


@pytest.mark.parametrize(("comment", "word"), FOUND_WITHIN_WORDS)
def test_a_handoff_is_found_and_a_word_holds_this_part(comment, word):
    found, words = detect_handoff(comment)
    assert found, comment
    assert any(word in w for w in words), (comment, words)


# Found by the rules alone (with a word holding this part, where one is given); the negated
# twin, where one is given, is no handoff.
RULES_FIND = [
    # from one branch to the other, travelling between units, "dám vás jinam", the story
    # again, only the head office deals with it
    ("Z jedné pobočky mě poslali na druhou", "z jedne pobocky", None),
    ("Stížnost pak putovala mezi odděleními celý měsíc", "stiznost pak putovala mezi", None),
    ("Paní řekla, že mě dá jinam, a spojení spadlo", None, None),
    ("Moment, dám vás jinam", "dam vas jinam", None),
    ("Každý technik chce slyšet celý příběh znovu", "kazdy technik chce slyset", None),
    ("Vrácení zboží prý řeší jen centrála", "resi jen centrala", None),
    # pushed from one to the other, numbers handed over, only another centre deals with it
    ("Strkali nás od jednoho k druhému", None, "Nikam nás nestrkali, paní to vyřešila"),
    ("Dali mi dvě různá telefonní čísla a nikdo to nevěděl", None, None),
    ("Operátor mi nadiktoval číslo na pojistné centrum", None, None),
    ("Prý to řeší jen centrum v Praze", None, None),
]


@pytest.mark.parametrize(("comment", "word", "negated"), RULES_FIND)
def test_the_rules_alone_find_it_and_not_its_negated_twin(comment, word, negated):
    found, words = detect_handoff(comment, learned=False)
    assert found, comment
    if word is not None:
        assert any(word in w for w in words), (comment, words)
    if negated is not None:
        assert detect_handoff(negated) == (False, ()), negated


# Read by the rules alone, unblocked, by words that stand in the comment: line after line,
# sent higher up, another number, each new clerk starting again, not our job, two parties
# each sending to the other (ping-pong), from window to window, passed among themselves.
RULE_FORMS = [
    "Problém šel na druhou linii, odtud na třetí, trvalo to týden.",
    "Stížnost poslali výš, na vedoucí, a ta mi zavolala.",
    "Na infolince mi řekli, že na reklamace mají jiné číslo, a nadiktovali mi ho.",
    "každý další referent začal znova otázkou, co se stalo",
    "Prý mám volat zákaznickou linku, tady to neřeší.",
    "Banka říká volejte pojišťovnu, pojišťovna říká volejte banku.",
    "k pojistce mi řeknete, ať se zeptám makléře, makléř řekne, ať se zeptám vás",
    "Prodejna ukazuje na výrobce, výrobce na prodejnu.",
    "Chodil jsem od okénka k okénku.",
    "Řekli že to nespadá pod ně a ať zavolám jinam.",
    "Operátor mě bez vysvětlení šoupl na fakturaci.",
    "Volala jsem třikrát a pokaždé jsem mluvila s někým jiným.",
    "Řekli mi, že s tím mi nepomůžou a mám to zkusit na infolince.",
    "Celý den jsem běhal od jednoho úředníka k druhému.",
    "Můj požadavek si mezi sebou přeposílají už měsíc.",
    "Stížnost si předávali tři lidé a nikdo ji nevyřešil.",
    "Infolinka a pobočka, jeden ukazuje na druhého.",
    "Na poště mě honili mezi přepážkami.",
]


@pytest.mark.parametrize("said", RULE_FORMS)
def test_the_rules_read_the_form(said):
    assert_rules_read("cs", said)


# A ne- verb further from the cue than the few words just before it, or after it.
NEGATED_TWINS = [
    ("Z oddělení do oddělení mě posílali", "Z oddělení do oddělení mě tentokrát neposílali"),
    (
        "Od jednoho operátora k druhému mě přehazovali",
        "Od jednoho operátora k druhému mě nikdo nepřehazoval",
    ),
    (
        "Reklamaci předali z pobočky na centrálu",
        "Reklamaci z pobočky na centrálu nepředali, vyřídili ji hned",
    ),
]


@pytest.mark.parametrize(("said", "negated"), NEGATED_TWINS)
def test_a_negation_anywhere_in_the_clause_drops_the_cue(said, negated):
    assert detect_handoff(said)[0], said
    assert detect_handoff(negated) == (False, ()), negated
    # the rules see the negated cue, so the learned model is not asked either
    assert detect._rules_say(fold_comment(negated))[:2] == ([], True), negated


# A negation of another verb, in another clause, or two negations ("no department they did
# not put me through to"): the handoff stands.
NOT_NEGATED = [
    "Nebylo oddělení, kam by mě nepřepojili",
    "Nikdo mi nepomohl, z oddělení do oddělení mě posílali",
    "Z oddělení do oddělení mě posílali a nikdo nic nevěděl",
]


@pytest.mark.parametrize("comment", NOT_NEGATED)
def test_a_negation_of_another_verb_leaves_the_handoff(comment):
    assert detect_handoff(comment)[0], comment


# Negated: ne- before the verb, "bez", "nikam", "ani jednou", "nemusela".
NEGATED = [
    "nikam mě nepřepojovali",
    "Vyřešili to bez přepojování na další oddělení",
    "nemusela jsem nic znovu vysvětlovat",
    "nepřepojili mě, všechno vyřešila jedna paní",
    "Stížnost nikam výš neposlali, vyřídili ji hned.",
    "Operátor mě ani jednou nedal jinam, vše vyřešil.",
    "Reklamaci si mezi sebou nepřeposílali, vyřídil ji hned první technik.",
]

# Not needed: a handoff expected, wished for or offered and then not needed; the same person
# again because of a bad line.
NOT_NEEDED = [
    "Myslel jsem, že mě přepojí na techniky, ale nakonec to nebylo potřeba",
    "Čekal jsem kolečko po odděleních, nakonec to vyřídil jeden pán",
    "Čekal jsem kolečko po odděleních, a ona to celé udělala sama.",
    "čekal jsem, že mě z pobočky pošlou na centrálu, ale slečna vše zařídila sama",
    "Počítala jsem s tím, že mě pošlou na pobočku, ale vyřídili to po telefonu",
    "Čekal jsem, že mě pošlou na pobočku, ale paní mi tarif změnila rovnou.",
    "Chtěla jsem, aby mě přepojili na vedoucího, ale nebylo to potřeba, zvládla to sama.",
    "Přepojení na kolegu nebylo potřeba.",
    "Musel jsem mu to opakovat třikrát, protože špatně slyšel",
]

# The customer's own act or question, or one's own things sent: a complaint, a contract, a
# balance, photos, a parcel.
OWN_ACT = [
    "Poslal jsem reklamaci na jiné oddělení",
    "Můžu převést zůstatek z kreditky na jinou kartu?",
    "přestěhovali jsme se a převedli smlouvu na novou adresu",
    "Na jaké číslo mám volat kvůli fakturám?",
    "Kluci si mezi sebou posílají fotky z dovolené.",
    "Objednávku si posílám na výdejní místo.",
]

# The words' other senses: money, a fibre line, a house's switchboard, invoices, a camera, a
# price, a shop aisle, a phone number, films and series, a doctor's referral.
OTHER_SENSES = [
    "Převod peněz na jiný účet trval tři dny",
    "Přepojení na optiku bylo rychlé",
    "Přepojili celý dům na novou ústřednu",
    "poslali mi fakturu dvakrát",
    "Přeposílání faktur na e-mail nefunguje",
    "Vysvětlil mi to znovu a trpělivě",
    "stále se opakující scény a postavy",
    "Tenhle film se mi hodí na večer",
    "Kamera přejíždí z jedné strany pokoje na druhou",
    "Hrdinové se potácejí od jednoho zločinu ke druhému",
    "Cena šla nahoru, o 200 korun výš.",
    "Prodavač mě nasměroval k regálu s kabely.",
    "Má jiné číslo než minulý rok.",
    "Každý další díl seriálu je horší.",
    "Lékař mě poslal na vyšetření do nemocnice.",
    "Každý díl režíroval někdo jiný, a je to znát.",
    "Jiné oddělení v obchodě mělo lepší výběr.",
    "Neviděl ani jednoho Predátora a ani jednoho Vetřelce, předtím.",
]


@pytest.mark.parametrize("comment", NEGATED)
def test_a_negated_cue_is_no_handoff(comment):
    assert detect_handoff(comment) == (False, ()), comment


@pytest.mark.parametrize("comment", NOT_NEEDED)
def test_a_handoff_not_needed_is_none(comment):
    assert detect_handoff(comment) == (False, ()), comment


@pytest.mark.parametrize("comment", OWN_ACT)
def test_the_customers_own_act_is_no_handoff(comment):
    assert detect_handoff(comment) == (False, ()), comment


@pytest.mark.parametrize("comment", OTHER_SENSES)
def test_other_senses_of_the_words_are_no_handoff(comment):
    assert detect_handoff(comment) == (False, ()), comment


def test_the_first_look_keeps_every_rule_these_sentences_wake():
    comments = [c for c, _ in FOUND + FOUND_WITHIN_WORDS]
    comments += [c for row in RULES_FIND for c in (row[0], row[2]) if c]
    comments += [c for pair in NEGATED_TWINS for c in pair]
    comments += RULE_FORMS + NOT_NEGATED + NEGATED + NOT_NEEDED + OWN_ACT + OTHER_SENSES
    for comment in comments:
        assert_first_look_keeps(comment)
    assert detect._rules_in.cache_info().currsize > 0
