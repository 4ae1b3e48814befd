"""Handoff mentions, round three: the forms the rules first missed, as rules of each language."""

from __future__ import annotations

import pytest

from cxcore.text.handoffs import detect, detect_handoff
from cxcore.text.taxonomy import fold_text
from tests.cxcore.text.handoff_checks import dropped_by_first_look

# Sentences written for these tests (not from any bench set): each names the rule it shows.
FOUND = [
    # Turkish: the present drops the last vowel ("bağlıyorum"), the must forms of every
    # person, done at another place, the unit will see to it, hand to hand, the passive
    # "kept being sent", arrows, two clauses sending the customer each to the other.
    ("tr", "Sizi hemen fatura birimine bağlıyorum dedi ve beklemeye aldı", "bagliyorum"),
    ("tr", "İade için mağazaya gitmeniz lazım dediler", "gitmeniz lazim"),
    ("tr", "Bu iş için şubeyi aramanız gerekiyor diye cevap verdiler", "aramaniz gerekiyor"),
    ("tr", 'Adres değişikliği "başka birimden yapılıyor" dendi', "baska birimden yapiliyor"),
    ("tr", "bunu teknik ekip halleder dediler, kimse aramadı", "halleder dediler"),
    ("tr", "Şikayetim bir ay boyunca elden ele dolaştı", "sikayetim bir ay boyunca elden ele"),
    ("tr", "talebim her el değiştirdiğinde kayboldu", "her el degistir"),
    ("tr", "dört farklı yetkilinin eline geçti dosyam", "dort farkli yetkilinin eline gecti"),
    ("tr", "bir yerden diğerine yollandım durdum", "bir yerden digerine"),
    ("tr", "Oradan buraya aktarıldım durdum", "aktarildim durdum"),
    ("tr", "çağrı merkezi → şube → yine çağrı merkezi", "cagri merkezi → sube → yine"),
    ("tr", "banka sigortaya, sigorta bankaya yönlendiriyor", "banka sigortaya, sigorta bankaya"),
    ("tr", "Telefonda üç kere transfer edildim", "transfer edildim"),
    ("tr", "şikayetimi yönetime iletecekler dediler", "iletecekler"),
    # Czech: the future and present ("předají", "pošlou", "hodili mě"), through many hands,
    # one after another, another number handed over, "musí řešit jiné oddělení", arrows,
    # two clauses.
    ("cs", "Slíbili, že to předají technikům", "predaji"),
    ("cs", "hodili mě na reklamační oddělení", "hodili"),
    ("cs", "Pošlou vás na pobočku, tam vás pošlou zpátky", "poslou"),
    ("cs", "Žádost prošla přes pět různých oddělení", "pres pet ruznych oddeleni"),
    ("cs", "Nejdřív chatbot, potom další operátor a nic", "potom dalsi operator"),
    ("cs", "Pokaždé jsem začínal znovu od začátku", "zacinal znovu od zacatku"),
    ("cs", "nadiktovali mi jiné číslo a ať volám tam", "nadiktovali mi jine cislo"),
    ("cs", "Tohle prý musí vyřídit jiné oddělení", "vyridit jine oddeleni"),
    ("cs", "e-shop -> dopravce -> e-shop, a balík nikde", "shop -> dopravce -> e"),
    (
        "cs",
        "Prodejna mě posílá do servisu, servis zpátky do prodejny",
        "prodejna me posila do servisu",
    ),
    ("cs", "Technik řekl, že to musí řešit dodavatel", "to musi resit dodavatel"),
    ("cs", "Prodejna tvrdí, že je to věc servisu, servis tvrdí, že prodejny", "prodejna tvrdi"),
    # English: -ing forms, "took over", told to go in person or phone instead, "a store
    # issue", many agents on one call, every one of them, shuffling a case, transferred
    # again, two clauses blaming each other.
    ("en", "She was connecting me to the returns team when the line dropped", "connecting me to"),
    ("en", "A supervisor took over the call and fixed it", "supervisor took over"),
    ("en", "The app chat told me to ring instead", "told me to ring"),
    ("en", "They said I must go in person to a branch", "said i must go in"),
    ("en", "The rep said it's a billing issue and I should call them", "said it s a billing issue"),
    ("en", "Four agents for one simple question", "four agents for one simple question"),
    ("en", "each one of them asked for my postcode", "each one of them asked"),
    ("en", "they kept bouncing my ticket between teams", "bouncing my ticket between"),
    ("en", "Put on hold, transferred again, hung up on", "transferred again"),
    ("en", "Billing says it's tech, tech says it's billing", "billing says it s tech"),
    ("en", "The shop sent me to the bank and the bank sent me back to the shop", "sent me to"),
    ("en", "Your staff kept handing me over to someone else", "handing me over"),
    ("en", "After being escalated, a specialist called me back", "being escalated"),
    (
        "en",
        "Tech support says it's a billing problem, billing says it's a tech problem",
        "tech support says",
    ),
]

NOT_FOUND = [
    # a handoff offered or expected that was not needed
    ("tr", "Olmazsa sizi uzmana bağlarım dedi, gerek kalmadı, kendisi çözdü"),
    ("cs", "Myslel jsem, že mě přepojí na techniky, ale nakonec to nebylo potřeba"),
    ("en", "I thought they'd send me to another team but the agent handled it himself"),
    # a bad line: the same person again
    ("cs", "Musel jsem mu to opakovat třikrát, protože špatně slyšel"),
    ("en", "I had to repeat my details twice, the line was terrible"),
    # other senses
    ("tr", "Mesajlarımı yeni telefona aktardılar, teşekkürler"),
    ("tr", "Ürün evde elden ele dolaşıyor, herkes bayıldı"),
    ("cs", "Přepojili celý dům na novou ústřednu"),
    ("cs", "Tenhle film se mi hodí na večer"),
    ("en", "Every year at renewal the escalation of the premium is shocking"),
    ("en", "My bag was held in transfer at the airport"),
    ("en", "How about connecting me with a real person?"),
    ("en", "I asked to speak to a manager but the agent solved it herself"),
    ("en", "The engineer said it's a tech issue and fixed it on the spot"),
]


@pytest.mark.parametrize(("language", "comment", "word"), FOUND)
def test_the_round_three_forms_are_found_with_their_words(language, comment, word):
    found, words = detect_handoff(comment)
    assert found, (language, comment)
    assert any(word in w for w in words), (comment, words)


@pytest.mark.parametrize(("language", "comment"), NOT_FOUND)
def test_offered_not_needed_a_bad_line_and_other_senses_are_no_handoff(language, comment):
    assert detect_handoff(comment) == (False, ()), (language, comment)


def test_the_first_look_by_stems_keeps_every_new_rule_whose_cue_would_match():
    # Arrows and two-clause rules name their units or verbs in the cue itself, so the quick
    # look by word starts never drops one whose cue matches.
    comments = [c for _, c, _ in FOUND] + [c for _, c in NOT_FOUND]
    for comment in comments:
        folded = fold_text(comment).translate(detect._QUOTES).replace("n't", "nt").replace("'", " ")
        assert not dropped_by_first_look(folded), comment
