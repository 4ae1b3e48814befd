"""Comments that hold a handoff's words but say no customer was passed on.

Read on the whole folded comment, before the rules' words count: where one of these stands,
neither the rules nor the learned model flag the comment. Each is a form of its language,
kept narrow, so that a comment which says both (its own question and a transfer) is rare:

- the customer's own question whether to go elsewhere, opening its sentence ("Hangi numarayı
  aramam gerekiyor?", "Musím volat na jiné číslo, nebo to zvládnete vy?");
- one's own thing moved or sent on: a document to one's accountant ("e-faturamı muhasebecime
  yönlendirmek istiyorum"), a ticket to another date ("biletimi başka bir tarihe
  aktarabilir miyim"), a subscription to another's name ("aboneliği eşimin üzerine
  devretmek");
- a handoff said not to have happened after its noun ("Na eskalaci nedošlo");
- a file or a document passed on, not the customer ("gönderdiğiniz dosyayı kendi ekibime
  ilettim", "please send our company invoices to our accounts department");
- a handoff named as what was not done ("dealt with it himself instead of telling me to call
  the helpline");
- a runaround by one's own children or pets ("Kids gave me the runaround at bedtime").
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["SAID_NOT_WORD_STARTS", "said_not"]

# (words one of which stands in every comment the form can match, the form): a form is
# searched for only in a comment that holds one of its words. Every form starts a word of
# the comment with one of `SAID_NOT_WORD_STARTS`, which the detector's one look at a
# comment's words finds (`detect.py`): the rest of the comments are never searched.
_FORMS: Final = (
    # Turkish: which number or unit must I call, the customer's question
    (
        ("hangi ",),
        r"(?:^|[.!?] *)hangi (?:\w+ ){0,2}?(?:aramam|aramamiz|gitmem|gitmemiz|yazmam|yazmamiz"
        r"|basvurmam|basvurmamiz|ulasmam|ulasmamiz) (?:gerek\w*|lazim)[^.!?]*\?",
    ),
    # a document forwarded by the customer
    (
        ("yonlendirmek", "iletmek", "aktarmak", "gondermek"),
        r"\b(?:e-?)?(?:fatura|belge|evrak|dekont|makbuz|sozlesme|e-?posta|mail)\w* (?:\w+ ){0,2}?"
        r"(?:yonlendirmek|iletmek|aktarmak|gondermek) (?:ist|isti)\w*",
    ),
    # a booking or ticket moved to another date or time
    (
        ("bilet", "rezervasyon", "randevu", "seyahat", "ucus", "sefer"),
        r"\b(?:bilet|rezervasyon|randevu|seyahat|ucus|sefer)\w* (?:\w+ ){0,3}?(?:tarih|gun|saat|sefer)\w*"
        r" (?:aktar|tasi|al)\w*",
    ),
    # a file the agent forwarded to their own team: "gönderdiğiniz dosyayı kendi ekibime ilettim"
    (
        ("ilettim", "aktardim", "gonderdim", "yonlendirdim", "ilettik"),
        r"\b(?:dosya|ekran goruntu|belge)\w* (?:\w+ ){0,2}?(?:ilettim|aktardim|gonderdim|yonlendirdim"
        r"|ilettik)\b",
    ),
    # a subscription or contract moved to another's name
    (("uzerine", "adina"), r"\b(?:uzerine|adina) (?:devr|aktar|gecir)\w*"),
    # Czech: must I call another number, the customer's question
    (
        ("volat", "zavolat", "napsat", "jit", "zajit", "obratit"),
        r"(?:^|[.!?] *)(?:musim|mam|mame|musime|mel bych|mela bych) (?:\w+ ){0,2}?(?:volat|zavolat"
        r"|napsat|jit|zajit|obratit)\w*[^.!?]*\?",
    ),
    # a handoff said not to have happened: "na eskalaci nedošlo", "k přepojení nedošlo"
    (
        ("nedoslo",),
        r"\b(?:na|k|ke) (?:eskalac|prepojen|predan|postoupen)\w* (?:\w+ )?nedoslo\b"
        r"|\bnedoslo (?:\w+ )?(?:na|k|ke) (?:eskalac|prepojen|predan|postoupen)\w*",
    ),
    # English: what was not done, "instead of telling me to call the helpline"
    (
        ("instead of",),
        r"\binstead of (?:telling|sending|transferring|passing|putting|bouncing|forwarding|referring"
        r"|redirecting|routing|handing|escalating) (?:me|us|it|my \w+)\b",
    ),
    # a file the agent passed on: "I've passed the attachment you sent on to my team"
    (
        ("attachment", "screenshot", "file", "log"),
        r"\b(?:i|we) (?:ve |have |ll |will |just )?(?:passed|forwarded|sent)(?: on)? (?:the|your|this"
        r"|that) (?:attachment|file|screenshot|logs?)s?\b",
    ),
    # documents routed to one's own department: "please send our invoices to our accounts
    # department"
    (
        ("invoice", "bill", "statement", "receipt", "letter"),
        r"\b(?:send|forward|address) (?:\w+ ){0,2}?(?:invoices?|bills?|statements?|receipts?"
        r"|letters?) to (?:our|my)\b",
    ),
    # one's own children or pets
    (
        ("runaround", "run around"),
        r"\b(?:kids?|children|toddlers?|twins|my (?:son|daughter|dog|cat|puppy|husband|wife"
        r"|partner)) (?:\w+ ){0,2}?(?:gave|give|gives|giving) (?:me|us) the run ?around\b",
    ),
)
_COMPILED: Final = tuple((keys, re.compile(form)) for keys, form in _FORMS)
# The word starts of the forms' words, the first word of each ("run" as a whole word: "run
# around"; "instead" of "instead of")
SAID_NOT_WORD_STARTS: Final = " ".join(
    sorted({"run=" if k == "run around" else k.split()[0] for keys, _ in _FORMS for k in keys})
)


def said_not(folded: str) -> bool:
    """Whether a folded comment holds a handoff's words but says none happened."""
    return any(
        form.search(folded) is not None
        for keys, form in _COMPILED
        if any(key in folded for key in keys)
    )
