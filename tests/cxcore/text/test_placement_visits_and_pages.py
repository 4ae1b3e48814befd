"""Touchpoint words of round eight (issue 22): the person who comes to the home (a fitter,
an insurer's assessor) is a technician visit, and a payment page is the website, not the
bill; each language, sentences written for this test, read by the rules alone."""

from __future__ import annotations

import pytest

from cxcore.text.comment_rules import compile_rules
from cxcore.text.taxonomy import load_taxonomy

RULES = compile_rules(load_taxonomy())


@pytest.mark.parametrize(
    "comment, touchpoint",
    [
        ("The fitter drilled one small hole and left the hall spotless.", "field_service"),
        ("The loss adjuster still hasn't been round to look at the roof.", "field_service"),
        ("Likvidátor pojišťovny se ukázal až po třech týdnech.", "field_service"),
        ("Sigorta eksperi hasarı görmeye iki hafta sonra geldi.", "field_service"),
        ("The payment page froze twice before I gave up.", "website"),
        ("Platební brána mi dvakrát spadla a objednávka nevznikla.", "website"),
        ("Ödeme sayfası kart bilgilerimi bir türlü kabul etmiyor.", "website"),
        ("odeme sayfasi acilmiyor, uc kez denedim", "website"),
    ],
)
def test_visits_and_payment_pages_name_their_touchpoint(comment, touchpoint):
    assert RULES.tag(comment)[1] == touchpoint


def test_a_bill_alone_is_still_the_bill():
    assert RULES.tag("Ödeme yaptım ama faturada hâlâ borç görünüyor.")[1] == "billing"
    assert RULES.tag("The bill I paid last week still shows as due.")[1] == "billing"
