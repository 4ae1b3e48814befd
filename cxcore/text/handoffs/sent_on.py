"""Handoff rules for being sent to another number, address or party, a new person each time.

Each is written as a form of its language, not as one sentence, so that other wordings of
the same handoff match too:

- Turkish: a new person each time ("her yazışmada karşıma yeni biri çıkıyor"), the n-th
  transfer ("üçüncü transferim"), a number put in one's hand ("elime bir 0850 numarası
  tutuşturdu"), the other party sending on as well ("satıcı ise pazaryerine yazın diyor");
- Czech: another number, address or department to call or write to ("To musíte na jiné
  číslo", "mám napsat na jinou adresu"), another party's business ("prý je to záležitost
  e-shopu"), someone else again ("zase někdo jiný");
- English: rerouted times on one call, moved between agents, sent over here, told to message here, told to
  write or call a different address or number.
"""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.english import EN_NEG_BEFORE
from cxcore.text.handoffs.rules import family

__all__ = ["RULES"]

_TURKISH: Final = family(
    (
        "karsima karsimiza",
        r"\bkarsim(?:a|iza) (?:\w+ )?(?:yeni|baska|farkli) (?:bir )?(?:biri|birisi|kisi|temsilci|yetkili)\w* cik\w*",
    ),
    (
        "ikinci ucuncu dorduncu besinci",
        r"\b(?:ikinci|ucuncu|dorduncu|besinci) (?:kez |defa )?(?:transfer|aktarma|aktarim)\w*",
    ),
    ("elime", r"\belime (?:bir |baska bir )?(?:\w+ )?numara\w* (?:tutusturdu|verdi|verip)\w*"),
    (
        "ise",
        r"\b\w+ ise (?:\w+ ){0,2}?\w+(?:e|a|ye|ya) (?:yazin|yazmam|basvurun|gidin|arayin|sorun"
        r"|gorusun)\w* (?:diyor|dedi|der)\w*",
    ),
)
_CZECH: Final = (
    *family(
        (
            "jine jinou jiny jineho",
            r"\b(?:mam|musim|musite|musime|at) (?:\w+ )?(?:na|do) (?:jine|jinou|jiny|jineho)"
            r" (?:cislo|linku|adresu|email|oddeleni|pobocku|prepazku|okenko)\b",
        ),
        needs=re.compile(r"\b(?:at|pry|rika|rikaj|tvrd|rekl|musite|mam|musim|slysel)\w*"),
    ),
    # another party's business: "prý je to záležitost e-shopu", "tvrdí, že je to věc banky"
    *family(
        (
            "zalezitost vec",
            r"\b(?:je to|to je|pry) (?:\w+ )?(?:zalezitost|vec)\w* (?:e-?shop|prodejc|prodejn|dopravc"
            r"|kuryr|bank|pojistovn|vyrobc|servis|central|pobock|restaurac|aplikac)\w*",
        ),
    ),
    *family(
        ("zase", r"\bzase (?:\w+ ){0,2}?(?:nekdo|nekoho|nekym) jin\w*"),
        needs=re.compile(r"\b(?:volal|vzal|ozval|psal|napsal|prepoj|pry|odpov)\w*"),
    ),
)
_ENGLISH: Final = family(
    # on a call, not a flight or a parcel: "rerouted four times on a single call"
    (
        "rerout",
        r"\brerout\w* (?:\w+ ){0,2}?(?:times|twice) (?:on|in|during) (?:a |one |the |my )?(?:single )?"
        r"(?:\w+ )?(?:call|chat)\b",
    ),
    (
        "moved",
        r"\bmoved (?:around |about )?(?:between|among) (?:\w+ )?(?:agents|departments|teams|people"
        r"|reps|desks|advisors|advisers)\b",
    ),
    ("sent", r"\bsent (?:me|us) over here\b"),
    ("said told", r"\b(?:said|told (?:me|us)) to (?:msg|message|dm|tweet|ask) (?:u|you) here\b"),
    (
        "write email call ring",
        r"\b(?:write|email|e-mail|call|ring) (?:\w+ )?to (?:a|another) (?:different|other|separate)"
        r" (?:address|number|department|team|email)\b",
    ),
    negated_before=EN_NEG_BEFORE,
)
RULES: Final = (*_TURKISH, *_CZECH, *_ENGLISH)
