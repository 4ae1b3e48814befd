"""Turkish handoff rules (handoffs/turkish.py, turkish_words.py): what they find, what they leave.

Found: the verbs of passing on and their inflections, another unit or person, now here now
there, the ball tossed, hand to hand, telling it all again, escalated, two clauses sending the
customer each to the other, arrows between units. Left alone: the negation inside the verb
("aktar-ma-dan", "bağla-n-ama-dım") or after the cue, the need denied, a handoff offered and
not needed, the customer's own act, the words' other senses (money, a number ported, goods,
devices). Sentences written for these tests, not from any bench set.
"""

from __future__ import annotations

import pytest

from cxcore.text.handoffs import detect, detect_handoff
from cxcore.text.handoffs.detect import fold_comment
from tests.cxcore.text.handoff_checks import assert_first_look_keeps, assert_rules_read

# Found, with this word among the words that show it; without diacritics too.
FOUND = [
    ("Beni üç kez başka birime aktardılar", "aktardilar"),
    ("beni uc kez baska birime aktardilar", "aktardilar"),
    ("Her temsilciye derdimi baştan anlatmak zorunda kaldım", "anlatmak zorunda"),
    ("top gibi birbirlerine attılar beni", "top gibi"),
    # yönlendir-, bağla-, devret-, paslaş-, sevk, another unit, now here now there, tossing
    # the ball, telling it again
    ("Mağaza beni çağrı merkezine yönlendirdi", "yonlendirdi"),
    ("İlk temsilci çözemedi, beni uzman ekibe bağladı", "bagladi"),
    ("dosyam hukuk birimine devredildi", "devredildi"),
    ("Birimler kendi aralarında paslaşıyor", "paslasiyor"),
    ("Beni teknik servise sevk ettiler", "sevk ettiler"),
    ("baska departmana gidin dediler", "baska departmana"),
    ("bir o birime bir bu birime yolladılar", "bir o birime bir bu"),
    ("Fatura birimi teknik ekibe atıyor topu", "atiyor topu"),
    ("top atıyorlar, kimse çözmüyor", "top atiyorlar"),
    ("herkes birbirine atıyor", "herkes birbirine"),
    ("beni yönlendirip durdular", "yonlendirip durdular"),
    ("Destek talebim ikinci seviyeye yükseltildi", "yukseltildi"),
    ("canli temsilciye gecince her seyi yeniden yazmam gerekti", "canli temsilciye gecince"),
    ("her aramada derdimi baştan anlatmak zorunda kalıyorum", "anlatmak zorunda"),
    ("tekrar tekrar anlattırdılar", "anlattirdilar"),
    ("Kimse sorumluluk almıyor", "kimse sorumluluk almiyor"),
    ("Sorunumu anlatıyorum, başka temsilciye veriyorlar", "baska temsilciye"),
    ("3 farklı departmanla görüştüm", "3 farkli departmanla gorustum"),
]


@pytest.mark.parametrize(("comment", "word"), FOUND)
def test_a_handoff_is_found_with_the_words_that_show_it(comment, word):
    found, words = detect_handoff(comment)
    assert found, comment
    assert word in words


# Found, with a word that holds this part: the present drops the last vowel ("bağlıyorum"),
# the must forms of every person, done at another place, the unit will see to it, hand to
# hand, the passive "kept being sent", arrows, two clauses sending the customer each to the
# other.
FOUND_WITHIN_WORDS = [
    ("Sizi hemen fatura birimine bağlıyorum dedi ve beklemeye aldı", "bagliyorum"),
    ("İade için mağazaya gitmeniz lazım dediler", "gitmeniz lazim"),
    ("Bu iş için şubeyi aramanız gerekiyor diye cevap verdiler", "aramaniz gerekiyor"),
    ('Adres değişikliği "başka birimden yapılıyor" dendi', "baska birimden yapiliyor"),
    ("bunu teknik ekip halleder dediler, kimse aramadı", "halleder dediler"),
    ("Şikayetim bir ay boyunca elden ele dolaştı", "sikayetim bir ay boyunca elden ele"),
    ("talebim her el değiştirdiğinde kayboldu", "her el degistir"),
    ("dört farklı yetkilinin eline geçti dosyam", "dort farkli yetkilinin eline gecti"),
    ("bir yerden diğerine yollandım durdum", "bir yerden digerine"),
    ("Oradan buraya aktarıldım durdum", "aktarildim durdum"),
    ("çağrı merkezi → şube → yine çağrı merkezi", "cagri merkezi → sube → yine"),
    ("banka sigortaya, sigorta bankaya yönlendiriyor", "banka sigortaya, sigorta bankaya"),
    ("Telefonda üç kere transfer edildim", "transfer edildim"),
    ("şikayetimi yönetime iletecekler dediler", "iletecekler"),
]


@pytest.mark.parametrize(("comment", "word"), FOUND_WITHIN_WORDS)
def test_a_handoff_is_found_and_a_word_holds_this_part(comment, word):
    found, words = detect_handoff(comment)
    assert found, comment
    assert any(word in w for w in words), (comment, words)


# Found by the rules alone (with a word holding this part, where one is given); the negated
# twin, where one is given, is no handoff.
RULES_FIND = [
    # from one unit or person to the next, caught in between, the agent handing over
    ("Operatörden operatöre geçip durdum", "operatorden operatore", None),
    ("Hattım iki kez başka bir temsilciye geçti", "baska bir temsilciye gecti", None),
    ("Başvurum şubeden bölgeye, bölgeden merkeze gönderildi", "subeden bolgeye", None),
    ("Sizi konuyu bilen arkadaşa veriyorum dedi ve kapattı", "arkadasa veriyorum", None),
    ("İki ekip arasında arada kaldım", "arada kaldim", None),
    ("Paslanıp duruyorum aylardır", "paslanip", None),
    # a number of transfers, spoken "bi", taken to the boss, a chain of two sendings
    ("Üç kere transfer edildim, hâlâ çözülmedi", None, "Hiç transfer edilmedim, ilk kişi çözdü"),
    ("Bi o masaya bi bu masaya gönderdiler", None, None),
    (
        "Görevli itirazımı müdürüne iletti",
        None,
        "Görevli itirazımı müdürüne iletmedi, kendisi çözdü",
    ),
    ("Santral beni muhasebeye, muhasebe de hukuka yolladı", None, None),
    # beside the senses left alone below: the need said, not denied; the agent's own words of
    # passing on; an order named, the customer passed on
    ("Her seferinde şubeye gitmem gerekti, oradan da merkeze yönlendirdiler.", None, None),
    ("yöneticiye aktarıyorum dedi 20 dakika müzik dinledim", None, None),
    ("Siparişim için beni başka birime aktardılar.", None, None),
    ("Beni başka temsilciye aktaracağını söyledi, yarım saat bekledim.", None, None),
    ("Üç ayrı temsilciye düştüm.", None, None),
]


@pytest.mark.parametrize(("comment", "word", "negated"), RULES_FIND)
def test_the_rules_alone_find_it_and_not_its_negated_twin(comment, word, negated):
    found, words = detect_handoff(comment, learned=False)
    assert found, comment
    if word is not None:
        assert any(word in w for w in words), (comment, words)
    if negated is not None:
        assert detect_handoff(negated) == (False, ()), negated


# Read by the rules alone, unblocked, by words that stand in the comment: not ours, sent to
# you by the one before, each new one hearing it all again, each sending to the other in so
# many words, hand to hand, the agent's quoted words.
RULE_FORMS = [
    "Bana 'bu konu bizde değil, kurumsal hattı arayın' dendi.",
    "Önceki temsilciniz beni size gönderdi, siz mi bakıyorsunuz?",
    "Her yeni gelen olayı baştan dinlemek istedi.",
    "Derdimi dört ayrı kişiye dinlettim.",
    "Sigortaya sorun diyorsunuz, sigorta size sorun diyor.",
    "Dosyam üç farklı kişinin elinden geçti.",
    "Sorumlu biz değiliz, kargo firmasıyla görüşün dendi.",
    "Temsilci 'sizi ilgili birime bağlıyorum' dedi ve hat kesildi.",
    "Elden ele dolaştım, kimse çözmedi.",
    "Destek sohbetim iki kez başka temsilciye devredildi.",
]


@pytest.mark.parametrize("said", RULE_FORMS)
def test_the_rules_read_the_form(said):
    assert_rules_read("tr", said)


# A verb of passing on negated after the cue, further than the few words just before it.
NEGATED_TWINS = [
    ("Beni birimden birime gönderdiler", "Beni birimden birime göndermediler, hemen çözdüler"),
    (
        "Operatörden operatöre dolaştırdılar",
        "Operatörden operatöre dolaştırmadılar, tek kişi halletti",
    ),
    (
        "Şikayetimi şubeden bölgeye yolladılar",
        "Şikayetimi şubeden bölgeye hiç yollamadılar, şube çözdü",
    ),
]


@pytest.mark.parametrize(("said", "negated"), NEGATED_TWINS)
def test_a_negation_anywhere_in_the_clause_drops_the_cue(said, negated):
    assert detect_handoff(said)[0], said
    assert detect_handoff(negated) == (False, ()), negated
    # the rules see the negated cue, so the learned model is not asked either
    assert detect._rules_say(fold_comment(negated))[:2] == ([], True), negated


# A negation of another verb, in another clause, "-madan önce" (before sending), or two
# negations ("no unit left that I was not passed to"): the handoff stands.
NOT_NEGATED = [
    "Kimse yardım etmedi, beni birimden birime gönderdiler",
    "Beni başka birime aktarmadan önce yarım saat beklettiler ve aktardılar",
    "Aktarılmadığım birim kalmadı",
]


@pytest.mark.parametrize("comment", NOT_NEGATED)
def test_a_negation_of_another_verb_leaves_the_handoff(comment):
    assert detect_handoff(comment)[0], comment


# Negated: -ma-/-me- inside the verb, "could not" -ama-, after the cue ("aktarım yok"), or
# nobody said it ("demedi").
NEGATED = [
    "aktarılmadan çözdüler",
    "Temsilci beni hiç aktarmadan sorunumu çözdü",
    "Beni hiçbir yere yönlendirmeden hemen yardımcı oldu",
    "canlı temsilciye bağlanamadım",
    "Hiç paslanmadan işim bitti",
    "Kapıdan kapıya kargo hızlıydı, oradan oraya koşturmadılar",
    "Beni size göndermediler, ilk kişi çözdü.",
    "Temsilci işi kimseye bırakmadı, her gün arayıp bilgi verdi",
    "Kimse 'bu bizim işimiz değil' demedi, çok memnun kaldım.",
    "İlk temsilci her şeyi çözdü, aktarım yok.",
]

# Not needed: the need denied ("gitmem gerekmedi"), a handoff offered, feared or expected and
# then not needed, the same or the first person seeing to it, a wait and no more.
NOT_NEEDED = [
    "başka birime aktarılmama gerek kalmadı",
    "tekrar anlatmak zorunda kalmadım, kayıtlarda her şey vardı",
    "Şubeye gitmem gerekmedi, her şey uygulamadan yapıldı.",
    "Temsilci 'sizi aktarmama gerek yok' dedi ve kendisi çözdü.",
    "Durumu tekrar anlatmam gerekmedi, kayıtlar ekrandaydı.",
    "Olmazsa sizi uzmana bağlarım dedi, gerek kalmadı, kendisi çözdü",
    "Yöneticiye bağlarım dedi ama gerek kalmadı, kendisi çözdü.",
    "Temsilci beni bir üst birime aktaracağını söyledi ama gerek kalmadı.",
    "Başka birime atılırım diye korktum ama aynı kadın sonuna kadar ilgilendi",
    "Başka birime aktarılacağımı sandım ama temsilci konuyu kendisi çözdü.",
    "Üçüncü aramada yine aynı temsilciye denk geldim ve işimi bitirdi.",
    "Çağrı merkezini aradım, ilk temsilci çözdü.",
    "Çağrı merkezinde 40 dakika bekledim",
]

# The customer's own act, or the customer's own things moved: a number ported, a salary, a
# provider switched, documents, minutes, messages, a line to a new address.
OWN_ACT = [
    "Numaramı başka operatörden taşıdım",
    "Maaşımı başka bankaya yönlendirdim",
    "iade ile uğraşmak istemedim, iadeye göndermedim",
    "Başka operatöre geçiyorum artık, hoşça kalın",
    "Başka bir operatöre geçmeyi düşünüyorum.",
    "Numaramı başka operatöre taşımak istiyorum, süreç kaç gün?",
    "Teknik servise gönderdim, tamir edip geri yolladılar.",
    "Belgelerimi buluta aktarmak çok kolaydı.",
    "Kalan dakikalarım yeni hattıma devredildi, teşekkürler.",
    "Mesajlarımı yeni telefona aktardılar, teşekkürler",
    "hattımı yeni adresime taşıttılar",
]

# The words' other senses: money, a connecting flight, a payment order, a device paired, a
# product passed round at home, goods between depots, a repeat order, a shop aisle, a
# doctor's referral, taste, colours, promises kept.
OTHER_SENSES = [
    "Hesabıma para transferi yaptım",
    "Arkadaşıma para aktardım",
    "aktarmalı uçuşta bagajım kayboldu",
    "otomatik ödeme talimatı başka karta aktarıldı",
    "telefona bluetoothla bağladığınızda ses gecikiyor",
    "kalite anlayışı kişiden kişiye değişir",
    "başka renk gönderdiler",
    "Beğenmedik başka birine verdik",
    "Verdiği tüm vaatleri yerine getiriyor",
    "Ürün evde elden ele dolaşıyor, herkes bayıldı",
    "Çok güzel bir ürün, evde elden ele geçiyor.",
    "Siparişim başka depoya aktarılmış, bir gün gecikti.",
    "Geçen ayki siparişimi tekrarladım, bu sefer fiyat yüksekti.",
    "Mağaza çalışanı beni doğru reyona yönlendirdi.",
    "Doktorum beni hastaneye sevk etti.",
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
