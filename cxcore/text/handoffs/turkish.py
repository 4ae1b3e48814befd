"""Turkish handoff rules: the verbs of passing on, their negation inside the verb, other senses."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.rules import Rule, rx

__all__ = ["RULES"]

# A verb is negated by -ma/-me right after its root or passive (aktar-ma-dı, aktar-ıl-ma-dan,
# yönlendir-me-den): the cues match only forms without it (the noun "aktarma", a connecting
# flight or a parcel hub, falls out the same way). "-mak/-mek" (the infinitive) stays in.
_TR_NOT_NEG = r"(?!(?:il|in|t|d|ti|di|tir|dir|n)?m[ae](?!k\b))"
# A place inside the company in the dative ("birime", "müşteri hizmetlerine", "şubeye"):
# where a customer is sent.
_TR_UNIT = (
    r"\b(?:birim|departman|bolum|ekib|ekip|servis|temsilci|yetkili|kisi|biri|baskasi|yer"
    r"|numara|hat|magaza|sube|merkez|hizmet|mudurlu|teknik|muhasebe|destek|uzman|yonetici"
    r"|amir|supervizor|operator|bayi|ofis|gise|banko|masa|arkadas|meslektas|seviye|kademe"
    r"|musavir|call center|satis|fatura|iade)\w*?(?:y?[ae]|n[ae])\b"
)
_TR_UNIT_ANY_CASE = _TR_UNIT.removesuffix(r"\w*?(?:y?[ae]|n[ae])\b") + r"\w*"
_TR_OTHER = r"\b(?:baska|diger|farkli|ayri|ilgili|ust|yanlis|bir sonraki|obur|oteki|ikinci|2\.?)"
_TR_NEG_AFTER = r"\b(?:gerek\w* (?:kalmadan|olmadan|yok|kalmadi|olmadi|duymadan)|yerine)\b"
# Other senses of passing on: money, a balance or a debt, data and photos, a number, a parcel.
_TR_MONEY_AND_DATA = (
    r"\bpara\b|\bparam\w*|\bbakiye\w*|\bhesab\w*|\beft\b|\btl\b|\blira\w*|\bdolar\w*|\beuro"
    r"|\bborc\w*|\bkart\w*|\bkredi\w*|\bfaiz\w*|\bpuan\w*|\bmil\b|\bfotograf\w*|\bresim\w*"
    r"|\bveri\w*|\brehber\w*|\bdosya\w*|\bkisiler\w*|\byedek\w*|\bnumara\w* tasi\w*|\bkargo\w*"
)
_TR_BOT = r"\b(?:bot\w*|chatbot\w*|robot\w*|asistan\w*|sesli yanit\w*|otomatik\w*|menu\w*)"
RULES: Final = (
    Rule(
        re.compile(rf"\baktar{_TR_NOT_NEG}\w*"),
        stems="aktar",
        unrelated=rx(
            _TR_MONEY_AND_DATA,
            r"\bhavale|\bucus|\bucak|\bhavaliman|\bdisa aktar|\bhatt?(?:im|imi)\b",
            _TR_NEG_AFTER,
        ),
    ),
    Rule(
        re.compile(
            rf"\b(?:yonlendir|devr?e[dt]|devral|sevk ed|havale et|gonder|yolla|ilet(?!isim)"
            rf"|tasi|atti|atip|verdi|aktar){_TR_NOT_NEG}\w*"
        ),
        stems="yonlendir devr deved devet sevk havale gonder yolla ilet tasi atti atip verdi aktar",
        needs=re.compile(rf"{_TR_OTHER} (?:bir )?\w+|{_TR_UNIT}"),
        unrelated=rx(
            _TR_MONEY_AND_DATA,
            r"\bsite\w*|\bsayfa\w*|\blink\w*|\burl\b|\buygulama\w*|\bgiris\w*",
            r"\bhatt?(?:im|imi|i)\b.*\b(?:adina|ismine|uzerine)\b|\badina\b|\bismine\b",
            r"\bsiparis|\burun|\bpaket|\bfatura\w* (?:gonder|yolla)",
            r"\bmesaj\w* (?:gonder|yolla|at)|\bsms|\bkod\w*|\bteknisyen (?:gonder|yolla)",
            _TR_NEG_AFTER,
        ),
    ),
    # Connected to a person: by a bot to a human, or to another unit.
    Rule(
        re.compile(rf"\bbagla{_TR_NOT_NEG}\w*"),
        stems="bagla",
        needs=rx(
            rf"{_TR_OTHER} (?:bir )?\w+",
            rf"{_TR_BOT}.*\b(?:temsilci|canli|insan|yetkili|operator)\w*",
        ),
        unrelated=rx(r"\binternet|\bmodem|\bwifi|\bhat\b|\bfiber", _TR_NEG_AFTER),
    ),
    # Being tossed around: "top gibi", "kapı kapı", "oradan oraya", "birimden birime".
    Rule(
        rx(
            r"\btop gibi\b",
            r"\btopu (?:birbir\w*|bana|bize|baska\w*)",
            r"\bbirbir\w* (?:attilar|atip|pasla\w*|havale|yonlendir\w*|gonder\w*|yolla\w*)",
            r"\bkapi kapi\b",
            r"\boradan oraya\b|\bbir oraya bir buraya\b",
            r"\b(?:birim|departman|bolum|temsilci|yetkili|kisi|masa|gise|sube)(?:d|t)en (?:birime|departmana|bolume|temsilciye|yetkiliye|kisiye|masaya|giseye|subeye|digerine|otekine|obur\w*)",
            r"\bbir (?:birim|departman|bolum|yetkili|temsilci|kisi|masa)\w*(?:d|t)en (?:digerine|otekine|obur\w*|baska\w*)",
            r"\bpaslas\w*|\bpaslan\w*|\bpasladilar\b|\bpas (?:verdi|attilar)\w*",
            r"\beskale (?:et|edil|olu)\w*",
            r"\bust (?:kademe|yonetim|birim|makam|seviye|merci|amir)\w*",
            r"\bdolastir\w*|\bsurundur\w*|\bsektir\w*",
            r"\b(?:bizim |onlarin )?(?:birim|departman|bolum|ekip)\w* (?:ile |le |la )?ilgili degil",
            r"\b(?:bizimle|bizi) ilgilendirmiyor",
        ),
        stems="top birbir kapi oradan buraya birim departman bolum temsilci yetkili kisi masa gise sube pas eskale ust dolastir surundur sektir ilgili ilgilen",
        unrelated=re.compile(_TR_NEG_AFTER),
    ),
    # Told to go elsewhere: "şube genel müdürlüğe gidin dedi", "mağazaya gitmemi söylediler".
    Rule(
        re.compile(
            r"\b(?:git|gidin|gitmemi|gitmemizi|ara|arayin|aramami|aramamizi|basvur|basvurun"
            r"|basvurmami|yaz|yazin|yazmami|ulasin|ulasmami)\b"
            r"(?: \w+){0,2} (?:dedi|dediler|soyledi|soylediler|istedi|istediler|diye|denildi)\w*"
        ),
        stems="dedi soyled isted diye denildi",
        needs=re.compile(_TR_UNIT_ANY_CASE),
    ),
    # Telling it all again, in the first person: "her temsilciye baştan anlattım".
    Rule(
        re.compile(
            r"\b(?:anlat|acikla|izah et|soyle)(?:t|d)[ii](?:m|k)\b"
            r"|\b(?:anlat|acikl|izah ed|soyl)(?:i|u)?yor(?:um|uz)\b"
            r"|\b(?:anlat|acikla|izah et|soyle)(?:mak|mek)(?:tan|ten| zorunda| durumunda)\b"
            r"|\b(?:anlat|acikla|soyle)(?:yip|ip) dur\w*"
            r"|\b(?:anlat|acikla|izah et|soyle)(?:mam|memiz|mamiz|mem) (?:gerek\w*|lazim\w*|istendi)"
            r"|\b(?:anlat|acikla|izah et|soyle)t(?:ir|tir)\w*"
        ),
        stems="anlat acikl izah soyl",
        needs=re.compile(
            r"\b(?:tekrar|yeniden|bastan|sifirdan|defalarca|her seferinde|herkese|her birine"
            r"|her (?:temsilci|yetkili|kisi|gelen|aray|gorus|birim)\w*|ayni (?:sey\w*|sorun\w*|dert\w*|derd\w*|hikaye\w*)"
            r"|(?:iki|uc|dort|bes|alti|kac|birkac|bir cok|\d+) (?:farkli |ayri )?(?:kisi|temsilci|yetkili|kez|kere|defa)\w*)"
        ),
        unrelated=rx(_TR_NEG_AFTER, r"\bzorunda kalmadim\b"),
    ),
)
