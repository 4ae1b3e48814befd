"""Handoff mentions, round six: Czech families, English sent elsewhere, other senses bounded."""

from __future__ import annotations

import pytest

from cxcore.text.handoffs import detect, detect_handoff
from cxcore.text.handoffs.detect import fold_comment
from tests.cxcore.text.handoff_checks import assert_rules_read, dropped_by_first_look, rules_firing

# Sentences written for these tests (not from any bench set): each is found by the rules
# alone, so the learned model's weights play no part.
RULE_FORMS = [
    ("cs", "Problém šel na druhou linii, odtud na třetí, trvalo to týden."),
    ("cs", "Stížnost poslali výš, na vedoucí, a ta mi zavolala."),
    ("cs", "Na infolince mi řekli, že na reklamace mají jiné číslo, a nadiktovali mi ho."),
    ("cs", "každý další referent začal znova otázkou, co se stalo"),
    ("cs", "Prý mám volat zákaznickou linku, tady to neřeší."),
    ("cs", "Banka říká volejte pojišťovnu, pojišťovna říká volejte banku."),
    ("cs", "k pojistce mi řeknete, ať se zeptám makléře, makléř řekne, ať se zeptám vás"),
    ("cs", "Prodejna ukazuje na výrobce, výrobce na prodejnu."),
    ("cs", "Chodil jsem od okénka k okénku."),
    ("cs", "Řekli že to nespadá pod ně a ať zavolám jinam."),
    ("cs", "Operátor mě bez vysvětlení šoupl na fakturaci."),
    ("en", "you tell me to ask my broker, my broker tells me to ask you"),
    ("en", "Garage blames the dealer, dealer says talk to the insurer, insurer sends me back."),
    ("en", "pls dont transfer me again, third time today"),
    ("en", "Why are you sending me somewhere else again?"),
    ("en", "transfer no. 3 of the afternoon and the same questions again"),
    ("en", "Customer service is pass the parcel and I'm the parcel"),
    ("en", "They said I'd have to take it up with the courier, not them."),
    ("en", "She gave me another email address and that was that."),
    ("en", "Was told this department doesn't handle refunds and to call head office instead."),
    ("en", "They said I should ring the 0800 number instead."),
    ("en", "I was put on hold, then put through to someone who couldn't help either."),
    ("en", "Every time I call I get someone new who knows nothing about it."),
    ("en", "I had to call three different numbers to get an answer."),
    ("en", "They bumped me up to 2nd line."),
    ("tr", "Bana 'bu konu bizde değil, kurumsal hattı arayın' dendi."),
    ("tr", "Önceki temsilciniz beni size gönderdi, siz mi bakıyorsunuz?"),
    ("tr", "Her yeni gelen olayı baştan dinlemek istedi."),
    ("tr", "Derdimi dört ayrı kişiye dinlettim."),
    ("tr", "Sigortaya sorun diyorsunuz, sigorta size sorun diyor."),
    ("tr", "Dosyam üç farklı kişinin elinden geçti."),
    ("tr", "Sorumlu biz değiliz, kargo firmasıyla görüşün dendi."),
    ("tr", "Temsilci 'sizi ilgili birime bağlıyorum' dedi ve hat kesildi."),
    ("tr", "Elden ele dolaştım, kimse çözmedi."),
    ("en", "I got handed around like a parcel."),
    (
        "en",
        "Agent: 'that's not something I can help with, you'll need to speak to our claims team'.",
    ),
    ("en", "Why do I have to tell every single person my account number?"),
    ("en", "Three different advisers, three different answers."),
    ("en", "Customer service couldn't help and suggested I contact the retailer."),
    ("en", "They told me I needed to go through my broker instead."),
    ("en", "Phoned up, was told it's a matter for the loss adjuster."),
    ("en", "i got put thru to 3 diff ppl"),
    ("cs", "Volala jsem třikrát a pokaždé jsem mluvila s někým jiným."),
    ("cs", "Řekli mi, že s tím mi nepomůžou a mám to zkusit na infolince."),
    ("cs", "Celý den jsem běhal od jednoho úředníka k druhému."),
]


@pytest.mark.parametrize(("language", "said"), RULE_FORMS)
def test_the_new_forms_are_read_by_the_rules(language, said):
    assert_rules_read(language, said)


# The same words in another sense, a handoff expected and not needed, or the agent's offer.
NOT_A_HANDOFF = [
    ("cs", "Čekal jsem kolečko po odděleních, a ona to celé udělala sama."),
    ("cs", "čekal jsem, že mě z pobočky pošlou na centrálu, ale slečna vše zařídila sama"),
    ("cs", "Cena šla nahoru, o 200 korun výš."),
    ("cs", "Prodavač mě nasměroval k regálu s kabely."),
    ("cs", "Má jiné číslo než minulý rok."),
    ("cs", "Každý další díl seriálu je horší."),
    ("en", "The app keeps bouncing me between the same two screens."),
    ("en", "The coats were listed under the wrong department in the app."),
    ("en", "She was about to put me through to tech, then spotted the fix herself."),
    ("en", "Braced myself for the runaround and got a straight answer from the first person."),
    ("en", "I expected to be passed around but the first agent handled everything."),
    ("en", "I switched to another provider myself because it was cheaper."),
    ("en", "Please don't send me any more marketing emails."),
    ("en", "Transfer number 2 from the airport was on time."),
    ("en", "The shop doesn't do alterations, which is a shame."),
    ("en", "We played pass the parcel at my son's party."),
    ("en", "The engineer handed over the new router and walked me through the setup."),
    ("en", "Tension escalated at the counter when the queue got long."),
    ("en", "I got through to the right department first time for once."),
    ("en", "Delivery was passed to a neighbour, fine by me."),
    ("en", "The branch manager was really helpful and sorted my mortgage."),
    ("tr", "Geçen ayki siparişimi tekrarladım, bu sefer fiyat yüksekti."),
    ("tr", "Yöneticiye bağlarım dedi ama gerek kalmadı, kendisi çözdü."),
    ("tr", "Mağaza çalışanı beni doğru reyona yönlendirdi."),
    ("tr", "Çok güzel bir ürün, evde elden ele geçiyor."),
    ("tr", "Kimse 'bu bizim işimiz değil' demedi, çok memnun kaldım."),
    ("tr", "İlk temsilci her şeyi çözdü, aktarım yok."),
    ("tr", "Doktorum beni hastaneye sevk etti."),
    ("cs", "Přepojení na kolegu nebylo potřeba."),
    ("cs", "Lékař mě poslal na vyšetření do nemocnice."),
    ("cs", "Každý díl režíroval někdo jiný, a je to znát."),
    ("cs", "Jiné oddělení v obchodě mělo lepší výběr."),
    ("cs", "Neviděl ani jednoho Predátora a ani jednoho Vetřelce, předtím."),
    ("en", "I found one of each colour in two different stores and bought both."),
    ("en", "My pension transfer to the new provider finally went through."),
    ("en", "Handed the keys to the estate agent."),
    ("en", "Three different people stopped me to ask where the dress was from."),
    ("en", "My colleague recommended this bank to me."),
    ("en", "Customer service said they'd call back and they did, same person."),
]


@pytest.mark.parametrize(("language", "said"), NOT_A_HANDOFF)
def test_other_senses_and_handoffs_not_needed_are_left_alone(language, said):
    assert detect_handoff(said) == (False, ()), (language, said)


# Negated twins of the new forms: the negation drops the cue.
NEGATED = [
    ("cs", "Stížnost nikam výš neposlali, vyřídili ji hned."),
    ("en", "They never told me to take it up with the courier."),
    ("en", "I did not have to call three different numbers, one was enough."),
    ("tr", "Beni size göndermediler, ilk kişi çözdü."),
]


@pytest.mark.parametrize(("language", "said"), NEGATED)
def test_the_new_forms_negated(language, said):
    assert detect_handoff(said) == (False, ()), (language, said)


def test_the_first_look_by_stems_keeps_every_new_rule():
    """Each sentence's firing rules are among those its words' stems wake."""
    for _, said in RULE_FORMS:
        folded = fold_comment(said)
        assert rules_firing(folded) and not dropped_by_first_look(folded), said
    assert detect._rules_in.cache_info().currsize > 0
