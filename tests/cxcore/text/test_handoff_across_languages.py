"""Handoff rules read in every language, and the detector's answer over a column of comments.

One party sending the customer to another, who sends back or on (handoffs/pingpong.py); sent
on to another number, address or person (sent_on.py); a comment that holds a handoff's words
but says none happened (said_not.py), and a handoff said beside such words; `handoff_words`
(the words per comment, each distinct comment read once) and comments with nothing to read.
Sentences written for these tests, not from any bench set.
"""

from __future__ import annotations

import pandas as pd
import pytest

from cxcore.text.handoffs import detect_handoff, handoff_words
from cxcore.text.handoffs.detect import _rules_say, fold_comment
from tests.cxcore.text.handoff_checks import assert_first_look_keeps

# One party sends the customer to another, who sends back or on (pingpong.py).
PING_PONG = [
    ("en", "The shop blamed the courier, courier blamed the shop. Still no parcel."),
    ("en", "They send you to the landlord and the landlord sends you back to them."),
    ("en", "Surgery sent me to 111, 111 sent me back to the surgery."),
    ("en", "Bank keeps pointing me at the retailer and the retailer keeps pointing at the bank."),
    ("cs", "Prodejna mě poslala do servisu a servis zpátky do prodejny."),
    ("cs", "Dopravce to hodil na aplikaci a aplikace zpátky na dopravce."),
    ("tr", "Mağaza beni servise yönlendirdi, servis de mağazaya gidin dedi."),
    ("tr", "Uygulama beni bankaya yolladı, banka da uygulamaya."),
]

# Sent on: a new person each time, the n-th transfer, a number put in one's hand, the other
# party sending on as well, another department's business, rerouted, sent over here, told to
# write elsewhere (sent_on.py).
SENT_ON = [
    ("tr", "Her aradığımda karşıma yeni bir temsilci çıkıyor."),
    ("tr", "Bugün dördüncü transferim, hâlâ çözüm yok."),
    ("tr", "Şubedeki görevli elime bir numara tutuşturdu, oradan arayın dedi."),
    ("tr", "Kargo firması satıcıya sorun dedi, satıcı ise kargoya yazın diyor."),
    ("cs", "Prý s tím musím na jiné oddělení, tady to neřeší."),
    ("cs", "Na pobočce tvrdí, že je to věc banky."),
    ("cs", "Slíbil, že se ozve, a zase mi volal někdo jiný."),
    ("en", "I was rerouted three times on one call."),
    ("en", "I've been moved between three departments today."),
    ("en", "Your phone team sent me over here."),
    ("en", "The agent said to message you here about the refund."),
    ("en", "Told me to email a different address for invoices."),
]


def _read_by_the_rules(language: str, said: str) -> None:
    words, blocked, _ = _rules_say(fold_comment(said))
    assert words and not blocked, (language, said)
    assert detect_handoff(said, learned=False)[0], (language, said)


@pytest.mark.parametrize(("language", "said"), PING_PONG)
def test_one_party_sending_to_another_and_back_is_read_by_the_rules(language, said):
    _read_by_the_rules(language, said)


@pytest.mark.parametrize(("language", "said"), SENT_ON)
def test_sent_on_is_read_by_the_rules(language, said):
    _read_by_the_rules(language, said)


# Words of a handoff in a comment that says none happened (said_not.py, detect.py): the
# customer's own question, one's own thing moved or sent on, a handoff feared or expected and
# not done, no handoff took place, a document passed on, a toddler's runaround. Neither the
# rules nor the model flag these.
SAID_NOT = [
    ("tr", "Hangi birimi aramam gerekiyor? Sitede üç numara var."),
    ("tr", "Faturalarımı muhasebecime iletmek istiyorum, nasıl yaparım?"),
    ("tr", "Rezervasyonumu başka bir tarihe aktarabilir misiniz?"),
    ("tr", "Hattımı annemin üzerine devretmek istiyorum."),
    ("tr", "Muhasebeye aktarılırım diye korkmuştum, temsilci iadeyi kendisi yaptı."),
    ("tr", "Başka birime yönlendirileceğimi sanıyordum ama siz çözdünüz, sağ olun."),
    ("tr", "Yöneticinize iletin diyecektim, fırsat kalmadan ilk temsilci cezayı sildi."),
    ("cs", "Mám zavolat na jinou linku, nebo to vyřešíte tady?"),
    ("cs", "K přepojení nedošlo, paní vše vyřídila."),
    ("cs", "Technik odpověděl do večera a závadu opravil, díky."),
    ("en", "The clerk sorted it instead of sending me to the returns desk."),
    ("en", "My toddler gave me the runaround all morning."),
    ("en", "Thanks, I've forwarded the screenshot to our developers."),
    ("en", "Could you send my invoices to my office address from now on?"),
    ("tr", "Yolladığınız belgeyi ilgili arkadaşa ilettim, yarın dönüş yapacağız."),
    ("tr", "Canlı destek hemen bağlandı, başka birime aktarma olmadı, çok memnunum."),
    ("cs", "Můj lékař mě objednal na kontrolu do nemocnice, jak se tam dostanu?"),
]


@pytest.mark.parametrize(("language", "said"), SAID_NOT)
def test_said_not_to_happen_is_no_handoff(language, said):
    assert detect_handoff(said) == (False, ()), (language, said)


# What stays a handoff beside them: the same words, the handoff said as well.
SAID_BESIDE = [
    ("tr", "Neden başka numarayı aramam gerekiyor? Beni üç kez aktardılar."),
    ("cs", "Proč musím volat na jiné číslo? Přepojovali mě třikrát."),
    ("en", "Instead of helping me they transferred me to billing."),
    ("en", "The agent gave me the runaround and transferred me twice."),
    ("en", "food never came, restaurant blamed the app, app blamed the restaurant"),
]


@pytest.mark.parametrize(("language", "said"), SAID_BESIDE)
def test_a_handoff_said_beside_them_is_found(language, said):
    assert detect_handoff(said, learned=False)[0], (language, said)


@pytest.mark.parametrize("comment", ["", None])
def test_nothing_to_read_is_no_handoff(comment):
    assert detect_handoff(comment) == (False, ())


def test_words_per_comment_joined_and_none_without():
    comments = pd.Series(["They transferred me twice", "Great service", None], index=[5, 6, 7])
    words = handoff_words(comments)
    assert words.index.tolist() == [5, 6, 7]
    assert words.tolist() == ["transferred me", None, None]


def test_the_first_look_keeps_every_rule_these_sentences_wake():
    for _, comment in PING_PONG + SENT_ON + SAID_NOT + SAID_BESIDE:
        assert_first_look_keeps(comment)
