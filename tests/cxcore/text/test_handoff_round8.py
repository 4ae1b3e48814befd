"""Handoff mentions, round eight: one party sending on to another, sent on, said not to happen."""

from __future__ import annotations

import csv
import json

import numpy as np
import pandas as pd
import pytest

from bench.handoff_learn import read_as_handoff, threshold_for
from cxcore.text.handoffs import detect_handoff
from cxcore.text.handoffs.detect import _rules_say, fold_comment
from cxcore.text.handoffs.learned import MODEL_PATH

# Sentences written for these tests (not from any bench set): each is found by the rules
# alone, so the learned model's weights play no part.
RULE_FORMS = [
    # one party sends the customer to another, who sends back or on (pingpong.py)
    ("en", "The shop blamed the courier, courier blamed the shop. Still no parcel."),
    ("en", "They send you to the landlord and the landlord sends you back to them."),
    ("en", "Surgery sent me to 111, 111 sent me back to the surgery."),
    ("en", "Bank keeps pointing me at the retailer and the retailer keeps pointing at the bank."),
    ("cs", "Prodejna mě poslala do servisu a servis zpátky do prodejny."),
    ("cs", "Dopravce to hodil na aplikaci a aplikace zpátky na dopravce."),
    ("tr", "Mağaza beni servise yönlendirdi, servis de mağazaya gidin dedi."),
    ("tr", "Uygulama beni bankaya yolladı, banka da uygulamaya."),
    # sent on (sent_on.py)
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


@pytest.mark.parametrize(("language", "said"), RULE_FORMS)
def test_the_new_forms_are_read_by_the_rules(language, said):
    words, blocked, _ = _rules_say(fold_comment(said))
    assert words and not blocked, (language, said)
    assert detect_handoff(said, learned=False)[0], (language, said)


# Words of a handoff in a comment that says none happened (said_not.py, detect.py): neither
# the rules nor the model flag these.
NOT_A_HANDOFF = [
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


@pytest.mark.parametrize(("language", "said"), NOT_A_HANDOFF)
def test_said_not_to_happen_is_no_handoff(language, said):
    assert detect_handoff(said) == (False, ()), (language, said)


# What stays a handoff beside them: the same words, the handoff said as well.
STILL_A_HANDOFF = [
    ("tr", "Neden başka numarayı aramam gerekiyor? Beni üç kez aktardılar."),
    ("cs", "Proč musím volat na jiné číslo? Přepojovali mě třikrát."),
    ("en", "Instead of helping me they transferred me to billing."),
    ("en", "The agent gave me the runaround and transferred me twice."),
    ("en", "food never came, restaurant blamed the app, app blamed the restaurant"),
]


@pytest.mark.parametrize(("language", "said"), STILL_A_HANDOFF)
def test_a_handoff_said_beside_them_is_found(language, said):
    assert detect_handoff(said, learned=False)[0], (language, said)


def test_the_false_flags_bound_counts_only_flags_not_read_as_handoffs(tmp_path):
    read = tmp_path / "read.csv"
    with read.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "comment", "handoff", "reading"])
        writer.writerow(["tweets", "they moved me on twice", "true", "a handoff"])
        writer.writerow(["tweets", "lovely agent", "false", "praise"])
    checking = pd.DataFrame(
        {"source": ["tweets"] * 3, "comment": ["they moved me on twice", "lovely agent", "x"]}
    )
    handoff = read_as_handoff(checking, read)
    assert handoff.tolist() == [True, False, False]
    # one labelled comment, flagged right at any threshold; two check flags at 0.9
    frame = pd.DataFrame({"asked": [True], "gold": [True]})
    check = np.array([0.9, 0.9, 0.1])
    rule = {"precision": 0.96, "rate": 0.5}  # at most 1.5 of 3 flagged
    assert threshold_for(frame, np.array([0.99]), check, **rule) == 0.91
    # the comment read as a handoff counts for nothing: one false flag is allowed
    assert threshold_for(frame, np.array([0.99]), np.where(handoff, 0.0, check), **rule) == 0.5


def test_the_model_is_trained_on_fresh6_and_train2():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert {"fresh6", "train2"} <= set(data["trained_on"])
    assert "fresh7" not in data["trained_on"]
