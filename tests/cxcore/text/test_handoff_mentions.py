"""Handoff mentions in comments: the languages' rules, negation and other senses."""

from __future__ import annotations

import pandas as pd
import pytest

from cxcore.text.handoffs import detect_handoff, handoff_words


@pytest.mark.parametrize(
    ("comment", "word"),
    [
        ("Beni üç kez başka birime aktardılar", "aktardilar"),
        ("beni uc kez baska birime aktardilar", "aktardilar"),
        ("Her temsilciye derdimi baştan anlatmak zorunda kaldım", "anlatmak zorunda"),
        ("top gibi birbirlerine attılar beni", "top gibi"),
        ("Přepojovali mě mezi odděleními", "prepojovali"),
        ("prepojovali me mezi oddelenimi", "prepojovali"),
        ("posílali mě od čerta k ďáblu", "od certa k dablu"),
        ("They transferred me three times", "transferred me"),
        ("I had to repeat my story every time", "repeat my story"),
        ("my complaint was escalated to a supervisor", "complaint was escalated"),
        ("the bot finally handed me over to a human", "handed me over"),
    ],
)
def test_a_handoff_is_found_with_the_words_that_show_it(comment, word):
    found, words = detect_handoff(comment)
    assert found, comment
    assert word in words


@pytest.mark.parametrize(
    "comment",
    [
        # Negated: the language's own negation.
        "aktarılmadan çözdüler",
        "Temsilci beni hiç aktarmadan sorunumu çözdü",
        "nikam mě nepřepojovali",
        "Vyřešili to bez přepojování na další oddělení",
        "She solved it without transferring me",
        "I never had to repeat myself",
        # Other senses of the same words.
        "Hesabıma para transferi yaptım",
        "Arkadaşıma para aktardım",
        "aktarmalı uçuşta bagajım kayboldu",
        "Převod peněz na jiný účet trval tři dny",
        "Přepojení na optiku bylo rychlé",
        "The bank transfer took three days",
        "Transferring my number from my old provider was easy",
        "Prices keep escalating every year",
        "I placed a repeat order",
        "the site keeps redirecting me to the login page",
        # Nothing of the kind.
        "Çağrı merkezinde 40 dakika bekledim",
        "I waited on hold for 45 minutes and hung up",
        "",
        None,
    ],
)
def test_negated_and_other_senses_are_no_handoff(comment):
    assert detect_handoff(comment) == (False, ())


def test_words_per_comment_joined_and_none_without():
    comments = pd.Series(["They transferred me twice", "Great service", None], index=[5, 6, 7])
    words = handoff_words(comments)
    assert words.index.tolist() == [5, 6, 7]
    assert words.tolist() == ["transferred me", None, None]
