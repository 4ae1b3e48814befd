"""Turkish handoff words: units in the dative, negation inside the verb, other senses of a cue."""

from __future__ import annotations

import re

__all__ = [
    "TR_ARROW",
    "TR_BOT",
    "TR_MONEY_AND_DATA",
    "TR_NEG_AFTER",
    "TR_NEG_VERB",
    "TR_NOT_MINE",
    "TR_NOT_NEG",
    "TR_OTHER",
    "TR_SEND_VERB",
    "TR_UNIT",
    "TR_UNITS_FROM",
    "TR_UNITS_FROM_STEMS",
    "TR_UNITS_TO",
    "TR_UNIT_ANY_CASE",
    "TR_UNIT_STEMS",
]

# A verb is negated by -ma/-me after its root or passive (aktar-ma-dı, aktar-ıl-ma-dan), and
# "could not" by -ama/-eme (bağla-n-ama-dım): the cues match only forms without them (the noun
# "aktarma", a connecting flight or a parcel hub, too). "-mak/-mek" (the infinitive) stays in.
TR_NOT_NEG = r"(?!(?:il|in|t|d|ti|di|tir|dir|n)?(?:y?[ae])?m(?:[ae](?!k\b)|[iu]yor))"
# The customer's own act ("numaramı taşıdım") is no handoff; the passive ("aktarıldım") is.
TR_NOT_MINE = r"(?!(?:d|t)[iu][mk]\b)"
# A place inside the company in the dative ("birime", "müşteri hizmetlerine", "şubeye").
TR_UNIT_STEMS = (
    "birim departman bolum ekib ekip servis temsilci yetkili kisi biri baskasi numara hat telefon cagri buro desteg"
    " magaza sube merkez hizmet mudurlu teknik muhasebe destek uzman yonetici amir supervizor"
    " operator bayi ofis gise banko masa arkadas meslektas seviye kademe musavir call satis"
    " fatura yonetim idare belediye bolge"
)
# "yerine" is "instead of" and "yerine getir-" is "to fulfil": not a place.
TR_UNIT = (
    r"\b(?!yerine\b)"
    rf"(?:{TR_UNIT_STEMS.replace(' ', '|').replace('call', 'call center')})\w*?(?:y?[ae]|n[ae])\b"
)
TR_UNIT_ANY_CASE = TR_UNIT.removesuffix(r"\w*?(?:y?[ae]|n[ae])\b") + r"\w*"
# Units and people a case passes between: "operatörden operatöre", "şubeden bölgeye",
# "başka bir temsilciye geçti".
TR_UNITS_FROM_STEMS = (
    "birim departman bolum temsilci yetkili operator ekip ekib sube bolge merkez mudurlu"
    " masa gise servis uzman idare belediye kurum"
)
TR_UNITS_FROM = TR_UNITS_FROM_STEMS.replace(" ", "|")
TR_UNITS_TO = TR_UNITS_FROM + "|kisi|birine|birin"
TR_OTHER = r"\b(?:baska|diger|farkli|ayri|ilgili|ust|yanlis|bir sonraki|obur|oteki|ikinci|2\.?)"
TR_NEG_AFTER = (
    r"\b(?:gerek\w* (?:kalmadan|olmadan|yok|kalmadi|olmadi|duymadan)|gerek(?:me(?:di|z|mis|yecek)|miyor)\w*"
    r"|(?:aktar|yonlendir|gonder|bagla|devret|pasla|sevk et|havale et|ilet)\w*(?:mak|mek) yerine)\b"
)
# Other senses of passing on: money, a balance or a debt, data and photos, a number, a parcel.
TR_MONEY_AND_DATA = (
    r"\bpara\b|\bparam\w*|\bbakiye\w*|\bhesab\w*|\beft\b|\btl\b|\blira\w*|\bdolar\w*|\beuro"
    r"|\bborc\w*|\bmaas\w*|\bfaiz\w*|\bpuan\w*|\bmil\b|\bfotograf\w*|\bresim\w*"
    r"|\bveri(?:ler\w*|yi|mi|min|nin|tabani\w*)?\b|\brehber\w*|\bdosyalar\w*|\bkisiler\w*|\byedek\w*|\bkargo(?! firma)\w*"
    # a number ported by its owner, files and media, a thing moved to one's own line ("hattıma")
    r"|\bnumara\w* (?:\w+ ){0,3}?tasi\w*|\btasima (?:sure|islem|basvuru|talep)\w*|\bhatt?(?:ima|imiza)\b"
    r"|\bvideo\w*|\bsarki\w*|\bbelge\w*|\bdisk\w*|\busb\b|\bbulut\w*|\bbilgisayar\w*"
    # moving house: a line or a subscription carried to the new address
    r"|\badres\w*|\btasin\w*|\bnakil\b|\bnakl\w*|\byeni ev\w*"
    # a payment order moved to another card
    r"|\botomatik odeme\w*|\btalimat\w*|\b\w*karta\b|\bkartima\b"
    # chats and messages moved to a new phone
    r"|\byazisma\w*|\bmesajlar\w*|\byeni (?:cihaz|telefon)\w*"
)
# A verb of passing on negated anywhere in the clause, usually after the cue ("birimden
# birime göndermediler", "operatörden operatöre dolaştırmadılar"): -ma-/-me- after the root or
# the passive, then a person, the past, -madan, -maz, -mayan, -mamış. "-madan önce" (before
# sending) is no negation, nor "aktarılmadığım birim kalmadı" (every unit did).
TR_NEG_VERB = re.compile(
    r"\b(?:aktar|yonlendir|gonder|yolla|pasla|devret|devred|sevk et|sevk ed|havale et|havale ed"
    r"|ilet|bagla|dolastir|gezdir|surundur|sektir|at|cevir|yukselt|tasi)(?:il|in|n|t|tir|dir)?"
    r"(?:y?[ae])?m[ae](?:d[iu]\w*|dan|den|z\w*|y(?:an|en|acak|ecek|in|ip)\w*|mis\w*)"
    r"(?<!dan once)(?! (?:once|evvel)\b)(?! (?:\w+ )?(?:birim|departman|yer|kisi|temsilci|bolum|sube|numara)\w* (?:kalmadi|yok)\b)"
    # nobody said it: "kimse 'bu bizim işimiz değil' demedi"
    r"|\b(?:demedi|demediler|soylemedi|soylemediler)\b"
    # right after a noun cue: "aktarım yok", "yönlendirme olmadı"
    r"|^ (?:hic )?(?:yok|olmadi|olmadan|gerekmedi|yapilmadi)\b"
)
TR_ARROW = r"(?:->|→|=>|>)"
# Sending or saying where to go: the verbs of a two-clause "each sends to the other".
TR_SEND_VERB = (
    r"(?:yonlendir|gonder|yolla|pasla|havale|at(?:iyor|ti|ip|ilar)|diyor|dedi|soyl|aktar|sevk)\w*"
)
TR_BOT = r"\b(?:bot\w*|chatbot\w*|robot\w*|asistan\w*|sesli yanit\w*|otomatik\w*|menu\w*)"
