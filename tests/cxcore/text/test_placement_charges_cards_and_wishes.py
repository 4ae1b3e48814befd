"""Readings of the language for banking and service comments (issue 22), in each
language: an unknown charge, a blocked card, the fault line, ways of paying, switching to us,
collecting a card, a number ported, closing a card, a charge cancelled, a loan approved, a
feature wish, and Czech účet as an account; the sentences are written for these tests."""

from __future__ import annotations

import pytest

from cxcore.text.comment_rules import compile_rules
from cxcore.text.taxonomy import load_taxonomy

RULES = compile_rules(load_taxonomy())


@pytest.mark.parametrize(
    "comment, stage",
    [
        # a charge the customer does not know, asked to be checked: support
        ("Hesabımda tanımadığım bir ödeme var, bakar mısınız", "support"),
        ("Na výpisu je platba, o které nic nevím, prosím o prověření", "support"),
        ("There's a card payment I don't recognise on my statement", "support"),
        # a card or a line blocked, a bar lifted: support
        ("Kartıma kısıtlama koyabilir misiniz, telefonum çalındı", "support"),
        ("Můžete mi odblokovat kartu? Třikrát jsem zadal špatný PIN", "support"),
        ("My data roaming is barred, please lift it before Friday", "support"),
        # the fault line out of reach during an outage: support, not the outage's usage
        ("Elektrik kesik, arıza hattı hiç açılmıyor", "support"),
        ("Výpadek proudu a poruchová linka pořád obsazená", "support"),
        ("Outage since lunch and the fault line just plays music", "support"),
        # asking for someone to be sent: support
        ("Wifi padá každou chvíli, můžete poslat někoho?", "support"),
        ("The box keeps rebooting, can you send someone round", "support"),
        # paying in instalments or later: purchase
        ("Jde ta pračka koupit na splátky?", "purchase"),
        ("Is there a pay later option at checkout?", "purchase"),
        ("Telefonda taksit seçeneği var mı?", "purchase"),
        # switched, or switching, to us: purchase
        ("Switched my broadband to you in May, went smoothly", "purchase"),
        ("Přecházíme k vám od jiného dodavatele, co pro to musím udělat?", "purchase"),
        # a new card collected: onboarding
        ("Vyzvednutí karty na pobočce trvalo pět minut", "onboarding"),
        ("Went in to collect my card and it still wasn't there", "onboarding"),
        # a number ported, a line connected: onboarding
        ("Převod čísla od minulého operátora trval dva dny", "onboarding"),
        ("Zapojení optiky proběhlo bez problémů", "onboarding"),
        # closing a card or an account: loyalty
        ("How do I close my card, I never use it", "loyalty"),
        ("Hesabımı kapatmak istiyorum, başka bankaya geçtim", "loyalty"),
        # a charge cancelled on request is support, not leaving
        ("Na lince mi zrušili špatně zaúčtovanou platbu", "support"),
        ("They agreed to cancel the charge for the late payment", "support"),
        # a loan approved: purchase
        ("Konut kredim iki günde onaylandı", "purchase"),
        ("My loan approved within the hour, money the next morning", "purchase"),
    ],
)
def test_charges_cards_payments_and_switching_are_read_to_their_stage(comment, stage):
    assert RULES.tag(comment)[0] == stage


@pytest.mark.parametrize(
    "comment, touchpoint",
    [
        ("Uygulamaya bütçe planlayıcı eklenirse harika olur", "mobile_app"),
        ("Přidejte do aplikace tmavý režim, prosím", "mobile_app"),
        ("Please add a dark mode to the app", "mobile_app"),
        ("Bring back the old app layout", "mobile_app"),
    ],
)
def test_a_feature_wish_names_no_stage_but_keeps_its_channel(comment, touchpoint):
    assert RULES.tag(comment)[:2] == (None, touchpoint)


def test_czech_ucet_alone_is_an_account_not_a_bill():
    """'účet' is a bank account as often as a bill: alone it names no billing; the bill's own
    words still do."""
    assert RULES.tag("Mám u vás účet od střední školy")[1] is None
    assert RULES.tag("Vyúčtování za březen je vyšší než obvykle")[1] == "billing"


def test_paying_for_weighs_value_not_a_bill():
    assert RULES.tag("What am I even paying for with this speed")[1] is None
    assert RULES.tag("I paid the bill twice this month")[1] == "billing"


@pytest.mark.parametrize(
    "comment",
    [
        "Müşteri hizmetlerini aradım, robot ses üç kez numaramı sordu",
        "Na infolince mě automat poslal třikrát do stejného menu",
        "Rang the helpline, the phone tree went round in circles",
    ],
)
def test_an_automated_menu_on_the_phone_line_is_the_ivr(comment):
    assert RULES.tag(comment)[1] == "ivr"


def test_a_phone_line_without_a_menu_stays_the_phone():
    assert RULES.tag("Rang the helpline and a lovely agent sorted it")[1] == "phone"
