"""Turkish handoff rules: the verbs of passing on, their negation inside the verb, other senses."""

from __future__ import annotations

import re
from typing import Final

from cxcore.text.handoffs.rules import Rule, family, negated_in_clause, rx
from cxcore.text.handoffs.turkish_words import (
    TR_ARROW,
    TR_BOT,
    TR_MONEY_AND_DATA,
    TR_NEG_AFTER,
    TR_NEG_VERB,
    TR_NOT_MINE,
    TR_NOT_NEG,
    TR_OTHER,
    TR_SEND_VERB,
    TR_UNIT,
    TR_UNIT_ANY_CASE,
    TR_UNIT_STEMS,
    TR_UNITS_FROM,
    TR_UNITS_FROM_STEMS,
    TR_UNITS_TO,
)

__all__ = ["LANGUAGE", "RULES"]

LANGUAGE: Final = "tr"  # the language of these rules (a code of cxcore.languages)

_RULES = (
    Rule(
        re.compile(rf"\baktar{TR_NOT_NEG}{TR_NOT_MINE}\w*"),
        stems="aktar",
        unrelated=rx(
            TR_MONEY_AND_DATA,
            r"\bhavale|\bucus|\bucak|\bhavaliman|\bdisa aktar|\bhatt?(?:im|imi)\b",
            r"\b(?:siparis|urun|paket)\w* (?:\w+ ){0,2}?aktaril",  # goods moved between depots
            TR_NEG_AFTER,
        ),
    ),
    Rule(
        re.compile(
            rf"\b(?:yonlendir|devr?e[dt]|devral|sevk e[dt]|havale e[dt]|gonder|yolla|ilet(?!isim)"
            rf"|tasi|atti(?![mk]\b)|atip|verdi(?![mk]\b)|aktar|cevir|pasla|yolla(?!r)|transfer e[dt]){TR_NOT_NEG}{TR_NOT_MINE}\w*"
        ),
        stems="yonlendir devr deved devet sevk havale gonder yolla ilet tasi atti atip verdi aktar cevir pasla transfer",
        needs=re.compile(rf"{TR_OTHER} (?:bir )?\w+?(?:y?[ae]|n[ae])\b|{TR_UNIT}"),
        unrelated=rx(
            TR_MONEY_AND_DATA,
            # a web redirect ("uygulamaya yönlendirdi"), not the app's own support desk
            r"\bsite\w*|\bsayfa\w*|\blink\w*|\burl\b|\buygulama(?!d)\w*|\bgiris\w*",
            r"\bhatt?(?:im|imi|i)\b.*\b(?:adina|ismine|uzerine)\b|\badina\b|\bismine\b",
            r"\bsiparis|\burun|\bpaket|\bfatura\w* (?:gonder|yolla)",
            r"\bmesaj\w* (?:gonder|yolla|at)|\bsms|\bkod\w*|\bteknisyen (?:gonder|yolla)",
            r"\bgeri cevir\w*|\b(?:turkce|ingilizce|dil)\w* cevir\w*|\bceviri\w*|\bbildirim\w*",
            TR_NEG_AFTER,
        ),
    ),
    # Sent on over and over, no place named: "beni sürekli yönlendiriyorlar".
    Rule(
        re.compile(
            rf"\b(?:yonlendir|aktar|pasla|sevk edil|havale edil|devredil){TR_NOT_NEG}{TR_NOT_MINE}\w*"
        ),
        stems="yonlendir aktar pasla sevk havale devredil",
        needs=re.compile(
            r"\b(?:surekli|durmadan|defalarca|habire|sagdan sola|tekrar tekrar|bir yerden)\b"
        ),
        unrelated=rx(
            TR_MONEY_AND_DATA, r"\bsite\w*|\bsayfa\w*|\blink\w*|\buygulama\w*", TR_NEG_AFTER
        ),
    ),
    # Connected to a person: by a bot to a human, or to another unit.
    Rule(
        # "bağlıyorum": the present drops the stem's last vowel
        re.compile(rf"\bbagl(?:a{TR_NOT_NEG}|iyor)\w*"),
        stems="bagl",
        needs=rx(
            rf"{TR_OTHER} (?:bir )?\w+",
            rf"{TR_BOT}.*\b(?:temsilci|canli|insan|yetkili|operator)\w*",
            rf"\b(?:temsilci|canli|insan|yetkili|operator)\w*.*{TR_BOT}",
            # "beni uzman ekibe bağladı": they put me through (not "bağlandım", I got through)
            rf"{TR_UNIT}(?: \w+)? bagl(?:a(?!n)|iyor)",
            r"\b(?:supervizor|yonetici|amir|mudur|sef)\w*",
        ),
        unrelated=rx(
            # a line connected ("hat kesildi" is the call dropping while it was being passed on)
            r"\binternet|\bmodem|\bwifi|\bhat\b(?! (?:kesil|kapan|dus|git|koptu)\w*)|\bfiber",
            # a device paired with a phone, shoelaces tied
            r"\btelefon\w*|\bbluetooth\w*|\bkulaklik\w*|\btelevizyon\w*|\btv\b|\bsarj\w*|\bcihaz\w*"
            r"|\bbilgisayar\w*|\bhoparlor\w*|\bkablo\w*|\busb\b|\bbagcik\w*|\bsaati\b|\bsaatin\w*",
            TR_NEG_AFTER,
        ),
    ),
    # From the bot to a person: "canlı temsilciye geçince", "gerçek bir kişiye aktardı".
    Rule(
        re.compile(
            r"\b(?:canli|gercek) (?:bir )?(?:destek |musteri )?(?:temsilci|destek|desteg|kisi|insan|operator|yetkili)\w*?(?:y?[ae]|n[ae])"
            rf" (?:\w+ )?(?:gec|aktar|bagla|yonlendir|devr|ilet|yonlen){TR_NOT_NEG}\w*"
        ),
        stems="canli gercek",
        unrelated=re.compile(TR_NEG_AFTER),
    ),
    # Escalated: "talebim ikinci seviyeye yükseltildi", "şikayetimi üst birime yükselttiler".
    Rule(
        re.compile(rf"\byukselt{TR_NOT_NEG}{TR_NOT_MINE}\w*"),
        stems="yukselt",
        needs=re.compile(
            r"\b(?:talep|sikayet|kayit|basvuru|ticket|vaka|dosya|seviye|kademe|ust birim|yonetici|amir"
            r"|supervizor|uzman)\w*"
        ),
        unrelated=rx(
            TR_NEG_AFTER,
            r"\bfiyat\w*|\bzam\w*|\bucret\w*|\bhiz\w*|\bpaket\w*|\blimit\w*|\btarife\w*|\bkota\w*",
        ),
    ),
    # Being tossed around: "top gibi", "kapı kapı", "oradan oraya", "birimden birime".
    *family(
        # "top atıyorlar", "topu birbirlerine atıp duruyorlar", "atıyor topu"
        (
            "top= topu= topa=",
            rx(
                r"\btop gibi\b",
                r"\btopu (?:birbir\w*|bana|bize|baska\w*|taca)",
                r"\btopu? (?:\w+ )?at(?:iyor|ti|ip|ar|mak|maya|arak|tilar|iyorlar)\w*",
                r"\bat(?:iyor|ti|ip|ar|tilar|iyorlar)\w* topu\b",
            ),
        ),
        # "herkes birbirine atıyor", "birbirlerine paslıyorlar"
        (
            "birbir herkes",
            rx(
                r"\bbirbir\w* (?:at(?:iyor|ti|ip|ar|mak|maya|arak)\w*|pasla\w*|havale|yonlendir\w*|gonder\w*|yolla\w*|aktar\w*|devr\w*|yik\w*)",
                r"\bherkes (?:\w+ )?(?:baskasina|digerine|birbirine)\b",
            ),
        ),
        # "yönlendirip durdular": kept sending me on
        (
            "yonlendirip aktarip gonderip yollayip paslayip edip",
            r"\b(?:yonlendirip|aktarip|gonderip|yollayip|paslayip|sevk edip|havale edip) dur\w*",
        ),
        # the passive, "gönderildim durdum": I kept being sent on
        (
            "yonlendiril gonderil aktaril yollan paslan",
            r"\b(?:yonlendiril|gonderil|aktaril|yollan|paslan)(?:dim|dik) dur(?:dum|duk)\b",
        ),
        # hand to hand: "elden ele dolaştı", "hat her el değiştirdiğinde", "beş farklı
        # temsilcinin eline geçti" (a car changing hands is no handoff: a case must)
        (
            "elden el= eline dosya talep sikayet basvuru kayit konu vaka evrak",
            rx(
                r"\b(?:dosya|talep|sikayet|basvuru|kayit|konu|vaka|evrak|hat|hatti)\w* (?:\w+ ){0,3}elden ele\b",
                r"\b(?:her|dosya\w*|talep\w*|hat|hatti\w*|sikayet\w*|kayit\w*|basvuru\w*|konu\w*|cagri\w*) (?:\w+ )?el degistir\w*",
                r"\b(?:\d+|iki|uc|dort|bes|alti|birkac|bir suru|farkli|baska|ayri)\w* (?:\w+ )?(?:temsilci|kisi|yetkili|birim|departman|ekib|ekip|bolum)\w*n[iu]n (?:eline|elinden) gec\w*",
            ),
        ),
        (
            "kapi oradan buraya",
            # not when the verb after it is negated: "oradan oraya koşturmadı"
            r"\b(?:kapi kapi|oradan oraya|bir oraya bir buraya)\b(?! (?:\w+ )?\w+?m[ae](?:d[iu]\w*|dan|den|z)\b)",
        ),
        # caught between them: "iki arada bir derede kaldım", "aralarında kaldım"
        (
            "derede arasinda aralarinda",
            r"\biki arada bir derede\b|\b(?:ikisinin arasinda|aralarinda|birimler arasinda|departmanlar arasinda) kal\w*",
        ),
        (
            "birimden birimten departmandan bolumden temsilciden yetkiliden kisiden masadan giseden subeden yerden",
            rx(
                r"\b(?:birim|departman|bolum|temsilci|yetkili|kisi|masa|gise|sube)(?:d|t)en (?:birime|departmana|bolume|temsilciye|yetkiliye|kisiye|masaya|giseye|subeye|digerine|otekine|obur\w*)",
                r"\bbir (?:birim|departman|bolum|yetkili|temsilci|kisi|masa|yer)\w*(?:d|t)en (?:digerine|otekine|obur\w*|baska\w*)",
            ),
        ),
        (
            "pas= paslas paslan pasladilar eskale ust= dolastir surundur sektir gezdir top= arasinda mekik",
            rx(
                rf"\bpaslas{TR_NOT_NEG}\w*|\bpaslan{TR_NOT_NEG}\w*|\bpasladilar\b|\bpas (?:verdi|attilar)\w*",
                r"\beskale (?:et|edil|olu)\w*",
                r"\bust (?:kademe|yonetim|birim|makam|seviye|merci|amir)\w*",
                rf"\b(?:dolastir|surundur|sektir|gezdir){TR_NOT_NEG}\w*",
                # "top oldum", "aralarında gidip geldim", "mekik dokudum"
                r"\btop (?:oldum|olduk|oldu)\b|\barasinda (?:gidip gel|mekik dok)\w*|\bmekik dok\w*",
            ),
        ),
        (
            "ilgili ilgilendirmiyor",
            rx(
                r"\b(?:bizim |onlarin )?(?:birim|departman|bolum|ekip)\w* (?:ile |le |la )?ilgili degil",
                r"\b(?:bizimle|bizi) ilgilendirmiyor",
            ),
        ),
        # no one owns it: "muhatap bulamadım", "kimse sahiplenmiyor", "kimse sorumluluk almıyor",
        # "herkes başka birimi gösteriyor"
        (
            "muhatap sahiplen sorumlulu goster",
            rx(
                r"\bmuhatap (?:bulam\w*|yok|olmuyor|olmadi|gostere\w*)|\bkimse (?:\w+ )?sahiplen\w*",
                r"\bkimse (?:\w+ )?sorumlulu\w* (?:al|ust)\w*",
                r"\b(?:baska|diger|birbirleri)\w* (?:\w+ )?goster(?:iyor|di|ip)\w*",
            ),
        ),
        # many people in one matter: "3 farklı departmanla görüştüm", "beş kişiyle konuştum"
        (
            "gorus konus",
            r"\b(?:\d+|iki|uc|dort|bes|alti|birkac|bir suru|bircok|bir cok) (?:farkli |ayri )?(?:departman|birim|temsilci|kisi|yetkili|bolum|ekip|operator)\w* (?:\w+ )?(?:gorus|konus)\w*",
        ),
        # "her aktarmada": at every transfer
        ("aktarmada", r"\bher aktarmada\b"),
        unrelated=rx(
            TR_NEG_AFTER,
            # the words' other senses: taste differs from person to person, football
            r"\bkisiden kisiye degis\w*|\bfutbol\w*|\bmac\b|\bmacta\b|\bgol\b|\bkaleye\b",
        ),
    ),
    # Now here, now there: "bir o bir bu", "bir ona bir buna", "bir şubeye bir çağrı merkezine".
    Rule(
        rx(
            r"\bbir? (?:o|ona|oraya|oradan|o birime|o departmana)\b(?! yana| tarafa).{0,25}?\bbir? (?:bu|buna|buraya|buradan|digerine|obur\w*|oteki\w*)\b(?! yana| tarafa)",
            # spoken "bi" for "bir": "bi o bölüme bi bu bölüme"
            rf"\bbir? (?:\w+ )?{TR_UNIT} bir? (?:\w+ )?{TR_UNIT}",
        ),
        stems="bir= bi=",
        unrelated=re.compile(TR_NEG_AFTER),
    ),
    # Sent to another unit: "başka birime", "diğer departmana", "farklı şubeye" and a verb of
    # sending, or of going or calling when told to ("gitmemi söylediler", "gidin").
    Rule(
        re.compile(
            r"\b(?:baska|diger|farkli|ayri|ilgili|ust|yanlis|obur|oteki) (?:bir )?"
            r"(?:birim|departman|bolum|ekip|ekib|servis|sube|magaza|temsilci|yetkili|hat|numara"
            r"|merkez|kisi|masa|gise|banko|ofis|uzman|yonetici|amir|seviye|kademe)\w*?(?:y?[ae]|n[ae])\b"
        ),
        stems="baska diger farkli ayri ilgili ust yanlis obur oteki",
        needs=re.compile(
            rf"\b(?:yonlendir|aktar|gonder|yolla|sevk|havale|devr|bagla|ilet|cevir|tasi|pasla|dus|at(?:ti|il|iyor|ip)|ver(?:di|iyor|ip|il)){TR_NOT_NEG}\w*"
            r"|\b(?:gidin|git|gitmemi|gitmemiz|gitmem|gitmek zorunda|arayin|aramami|aramamiz|aramam"
            r"|aramak zorunda|basvurun|basvurmami|basvurmam|basvurmak zorunda|ulasin|ulasmami|yazin"
            r"|yazmami|sorun|sormami|sormam)\b"
        ),
        unrelated=rx(TR_NEG_AFTER, TR_MONEY_AND_DATA),
    ),
    # Told to go elsewhere: "şube genel müdürlüğe gidin dedi", "mağazaya gitmemi söylediler";
    # must, of every person: "aramanız gerekiyor"; done at another place: "iptal başka
    # numaradan yapılıyor"; the unit will see to it: "bunu müşteri hizmetleri çözer dediler".
    # Each form is its own rule, tried only when its own words are there.
    *(
        Rule(re.compile(cue), stems, re.compile(TR_UNIT_ANY_CASE), re.compile(TR_NEG_AFTER))
        for stems, cue in (
            (
                "dedi soyled isted diye denil dendi denir diyor soyluyor onerdi tavsiye iletisime",
                r"\b(?:git|gidin|gitmemi|gitmemizi|goturun|goturmemi|ara|arayin|aramami|aramamizi|basvur|basvurun"
                r"|basvurmami|yaz|yazin|yazmami|ulasin|ulasmami|sormami|gorusun|gorusunuz|gorusmemi|gorusmemizi)\b"
                r"(?: \w+){0,2} (?:dedi|dediler|soyledi|soylediler|istedi|istediler|diye|denildi|dendi|denir|diyor|deniyor"
                r"|soyluyor|soylendi|onerdi|onerdiler|tavsiye etti)\w*"
                r"|\biletisime gec(?:in|iniz|memi|memizi|mem gerek\w*)\b"
                # done elsewhere: "internet şubesinden yapın dediler"
                r"|\b\w+(?:d|t)[ae]n (?:yapin|halledin|yapmami|halletmemi)(?:iz)? (?:dedi|dediler|soyledi|soylediler|diyor|diyorlar)\b",
            ),
            (
                "gitme arama basvurma ulasma yazma",
                r"\b(?:git|ara|basvur|ulas|yaz)m[ae](?:m|miz|n|niz|si|lari) (?:gerek\w*|lazim\w*)",
            ),
            (
                "yapiliyor yapilir yapilmali halledil bakiliyor ilgilenil takip",
                r"\b(?:baska|diger|farkli|ayri|ilgili) (?:bir )?\w+(?:d|t)[ae]n (?:yapiliyor|yapilir|yapilmali|hallediliyor|halledilir|bakiliyor|ilgileniliyor|takip ediliyor)\b",
            ),
            (
                "cozer halleder bakar ilgilenir yapar verir yardimci",
                r"\b(?:cozer|halleder|bakar|ilgilenir|yapar|karar verir|yardimci olur)(?:lar)? (?:dedi|dediler|deyip|diyor|diyorlar|diye|soyledi|soylediler)\w*",
            ),
        )
    ),
    # Telling it all again, by the customer: "her temsilciye baştan anlattım", "tekrar anlatmak
    # zorunda kaldım", "anlatıp durdum", "tekrar tekrar anlattırdılar". The agent's "anlattı"
    # (he explained) is no cue: only the first person, the "you" of everyone, the must and
    # the made-to forms are.
    Rule(
        re.compile(
            r"\b(?:anlat|acikla|izah et|soyle|tekrarla|anlat)(?:t|d)[ii](?:m|k)\b"
            r"|\b(?:anlat|acikl|izah ed|soyl|tekrarl)(?:i|u)?yor(?:um|uz|sun|sunuz)\b"
            r"|\b(?:anlat|acikla|izah et|soyle|tekrarla)(?:mak|mek)(?:tan|ten| zorunda| durumunda| gerek\w*| lazim\w*| mecbur\w*)"
            r"|\b(?:anlat|acikla|izah et|soyle|tekrarla)(?:maya|meye) (?:mecbur|zorunda|basla)\w*"
            r"|\b(?:anlat|acikla|soyle|tekrarla)(?:yip|ip) dur\w*|\banlata anlata\b"
            r"|\b(?:anlat|acikla|izah et|soyle|tekrarla)(?:mam|mamiz|man|maniz|mem|memiz|men|meniz) (?:gerek\w*|lazim\w*|istendi|istedi\w*|isteniyor|soylendi)"
            r"|\banlatt(?:ir|tir)\w*|\b(?:acikla|soyle|tekrarla)t(?:ti|ir|tir|iyor)\w*"
            # typing it all again after a handover: only the must forms of "yaz-"
            r"|\byaz(?:mam|mamiz|man|maniz) (?:gerek\w*|lazim\w*|istendi)|\byazmak (?:zorunda|durumunda|gerek\w*)"
            # giving the same details again: "bilgilerimi yeniden vermek zorunda kaldım"
            r"|\b(?:bilgi|numara|kimlik|tc|adres|sifre|musteri numara)\w* (?:\w+ )?ver(?:mek|mem|memiz|dim|dik|iyorum|ip dur)\w*"
        ),
        stems="anlat acikl izah soyl tekrarl yazmam yazman yazmak vermek vermem verdim verdik veriyorum verip",
        needs=re.compile(
            r"\b(?:tekrar|yeniden|bastan|en bastan|sifirdan|defalarca|her seferinde|her defasinda|herkese"
            r"|her birine|bir daha|tekrar tekrar"
            r"|her (?:temsilci|yetkili|kisi|gelen|aray|gorus|birim|cagri|arama|sefer|defa)\w*"
            r"|ayni (?:sey\w*|sorun\w*|dert\w*|derd\w*|hikaye\w*|bilgi\w*)"
            r"|(?:iki|uc|dort|bes|alti|kac|birkac|bir cok|\d+) (?:farkli |ayri )?(?:kisi|temsilci|yetkili|kez|kere|defa|sefer)\w*)"
        ),
        # a repeated order or payment is none: "geçen ayki siparişimi tekrarladım"
        unrelated=rx(
            TR_NEG_AFTER,
            r"\bzorunda kalmadim\b|\bzorunda kalmadik\b|\bsiparis\w*|\bodeme\w*|\balisveris\w*",
        ),
    ),
    # A chain of arrows between units: "teknik destek → fatura birimi → yine teknik destek".
    # A unit stands in the chain, so a chain holds a word starting with a stem.
    Rule(
        rx(
            rf"{TR_UNIT_ANY_CASE}(?: \w+)? ?{TR_ARROW} ?\w+(?: \w+)? ?{TR_ARROW} ?\w+",
            rf"\b\w+(?: \w+)? ?{TR_ARROW} ?(?:\w+ )?{TR_UNIT_ANY_CASE}(?: \w+)? ?{TR_ARROW} ?\w+",
            rf"\b\w+(?: \w+)? ?{TR_ARROW} ?\w+(?: \w+)? ?{TR_ARROW} ?(?:\w+ )?{TR_UNIT_ANY_CASE}",
        ),
        stems=TR_UNIT_STEMS,
        marks=">→",
    ),
    # Each sends the customer to the other, in two clauses: "kargo firması satıcıya, satıcı
    # kargoya yönlendiriyor", "banka sigortaya, sigorta bankaya gönderiyor".
    Rule(
        rx(
            rf"\b([a-z]{{4}})\w*(?: \w+)? ([a-z]{{4}})\w*?(?:y?[ae]|n[ae])\b,? (?:ve |de |da |ise |o da )?\2\w*(?: \w+)? \1\w*?(?:y?[ae]|n[ae])\b (?:\w+ )?{TR_SEND_VERB}",
            rf"\b([a-z]{{4}})\w*(?: \w+)? ([a-z]{{4}})\w*?(?:y?[ae]|n[ae])\b (?:\w+ )?{TR_SEND_VERB},? (?:ve |de |da |ise |o da )?\4\w*(?: \w+)? \3\w*?(?:y?[ae]|n[ae])\b",
        ),
        stems="yonlendir gonder yolla pasla havale atiyor atti atip atilar diyor dedi soyl aktar sevk",
        # the two clauses are written with a comma between them (a quick test first)
        marks=",",
        unrelated=re.compile(TR_NEG_AFTER),
        whole_comment=True,
    ),
    # Verb families rather than single phrases: passing on with "geç-" or "düş-" to another
    # person ("hat başka bir temsilciye geçti", "üç kişiye düştüm"); from one unit to the next
    # ("operatörden operatöre", "şubeden bölgeye, bölgeden merkeze", "bir departmandan
    # diğerine geçerken"); caught in between ("arada kaldım", "arada gezdiriyolar"); the agent
    # handing over in the present ("konuyu bilen arkadaşa veriyorum").
    *family(
        (
            "baska diger farkli yeni sonraki ikinci iki uc dort bes birkac",
            rf"\b(?:baska|diger|farkli|yeni|bir sonraki|ikinci|iki|uc|dort|bes|birkac|\d+) (?:ayri |farkli |bir )?(?:{TR_UNITS_TO})\w*?(?:y?[ae]|n[ae]) (?:\w+ )?(?:gec(?!(?:iyorum|iyoruz|tim|tik|ecegim|ecegiz|icem|cem|erim|ecem|mek|meyi|meye|mekten|meliyim|sem)\b)|dus(?!un)|aktar|bagla|devr|yonlendir|pasla){TR_NOT_NEG}\w*",
        ),
        (
            TR_UNITS_FROM_STEMS,
            rf"\b(?:{TR_UNITS_FROM})\w*?(?:d|t)[ae]n (?:{TR_UNITS_TO}|diger|oteki|obur|baska)\w*?(?:y?[ae]|n[ae])\b",
        ),
        (
            "arada",
            r"\b(?:beni |bizi )?arada (?:kal(?:dim|dik|iyorum|diniz)|gezdir|surun|dolas|top)\w*",
        ),
        (
            "arkadasa arkadaslara meslektasa meslektasima arkadasima",
            r"\b(?:arkadasa|arkadaslara|meslektasa|meslektasima|ekip arkadasima|arkadasima) (?:veriyorum|verecegim|aktariyorum|aktaracagim|bagliyorum|baglayacagim|devrediyorum|yonlendiriyorum)\b",
        ),
        unrelated=rx(
            TR_NEG_AFTER,
            TR_MONEY_AND_DATA,
            r"\bkisiden kisiye degis\w*|\bfutbol\w*|\bmac\b|\bmacta\b|\bgol\b",
        ),
    ),
)

# Two negations, a handoff: "aktarılmadığım birim kalmadı" (no unit left that I was not
# passed to), "gönderilmediğim yer yok".
_TR_EVERY_UNIT = Rule(
    re.compile(
        r"\b(?:aktar|yonlendir|gonder|yolla|pasla|devred|sevk edil|havale edil|dolastir|bagla)\w*m[ae]d[iu]g(?:im|imiz)"
        r" (?:\w+ )?(?:birim|departman|yer|kisi|temsilci|bolum|sube|numara|kapi|masa|gise)\w* (?:kalmadi|yok)\b"
    ),
    stems="aktar yonlendir gonder yolla pasla devred sevk havale dolastir bagla",
)
# Passed on a number of times ("tam 5 kere transfer edildim"); taken up a level, to the boss
# ("itirazımı şefine çıkardı").
_TR_N_TIMES_OR_UP_A_LEVEL = family(
    (
        "kere kez defa sefer kac defalarca",
        rf"\b(?:\d+|iki|uc|dort|bes|alti|birkac|kac|bir suru|defalarca)(?: (?:kere|kez|defa|sefer))? (?:transfer edil|aktaril|yonlendiril|devredil|paslan|sevk edil){TR_NOT_NEG}\w*",
    ),
    (
        "sef amir mudur yonetici",
        r"\b(?:sef|amir|mudur|yonetici|supervizor)\w*?(?:y?[ae]|n[ae]) (?:\w+ )?(?:cikar|ilet|tasi|gotur|aktar|yonlendir)(?!ma|me)\w*",
    ),
    unrelated=rx(TR_NEG_AFTER, TR_MONEY_AND_DATA),
)
# Sent on by the one sent to: a chain of two sendings, the second unit the first one's target
# ("danışma beni hasta haklarına, hasta hakları da başhekimliğe yolladı").
_TR_SENT_ON = Rule(
    re.compile(
        rf"\b([a-z]{{4}})\w*(?: \w+)?(?:y?[ae]|n[ae]),? \1\w*(?: \w+)? (?:de|da|ise) (?:\w+ )?\w+(?:y?[ae]|n[ae]) (?:\w+ )?{TR_SEND_VERB}"
    ),
    stems="yonlendir gonder yolla pasla havale atiyor atti atip atilar diyor dedi soyl aktar sevk",
    marks=",",
    unrelated=re.compile(TR_NEG_AFTER),
    whole_comment=True,
)
# Not ours ("bu konu bizde değil", "bizim birimle ilgili değil"); passed from hand to hand:
# like a ping-pong ball ("pinpon topu gibi", "elden ele dolaştım"), sent to you by the one
# before ("önceki arkadaşınız beni size gönderdi"), each new one hearing it all again ("her
# yeni gelen benden dinlemek istedi", "derdimi beş ayrı kişiye dinlettim", "dosya her elden
# geçtiğinde").
_TR_NOT_OURS_OR_HAND_TO_HAND = family(
    (
        "bizde bizim bize biz= ilgilenmiyoruz bakmiyoruz",
        rx(
            r"\b(?:konu|is|islem|talep|sorun|bu)\w* (?:\w+ )?(?:bizde|bizim (?:birim|departman|bolum|ekip|alan|konu|sube|is)\w*|bize ait) degil",
            r"\b(?:sorumlu|yetkili|muhatap|ilgili birim) biz degiliz\b|\bbiz (?:bu \w+ )?(?:ilgilenmiyoruz|bakmiyoruz)\b|\bbizim isimiz degil\b",
        ),
    ),
    # "pinpon topu gibi", "elden ele dolaştım"
    (
        "pinpon ping elden",
        # the customer passed, not a product ("evde elden ele geçiyor")
        r"\b(?:pinpon|ping ?pong)\w*"
        r"|\belden ele (?:dolas(?:tim|tik|tirildim|tirildik|tirdilar|tiriyorlar)|gez(?:dim|dik|dirildim|dirdiler)|pasla\w*)\b",
    ),
    (
        "beni",
        rf"\bbeni (?:\w+ )?(?:size|sana|ona|onlara|buraya|oraya) (?:\w+ )?(?:gonder|yolla|yonlendir|aktar|pasla|sevk et|havale et){TR_NOT_NEG}\w*",
    ),
    (
        "yeni= gelen= sonraki= elden=",
        rx(
            r"\bher (?:yeni|gelen|yeni gelen|bir sonraki) (?:\w+ ){0,5}?(?:dinle|anlat|sor|iste|bastan|sifirdan)\w*",
            r"\bher elden gec\w*",
        ),
    ),
    (
        "dinlet",
        r"\b(?:iki|uc|dort|bes|alti|birkac|kac|\d+) (?:farkli |ayri )?(?:kisi|temsilci|yetkili|birim|operator)\w* (?:\w+ )?dinlet\w*",
    ),
    unrelated=rx(TR_NEG_AFTER, TR_MONEY_AND_DATA),
)
# Each sends the customer to the other in so many words: "poliçe sorumu acenteye sorun
# diyorsunuz, acente size sorun diyor".
_TR_ASK_THE_OTHER = Rule(
    re.compile(
        r"\b([a-z]{4})\w*?(?:y?[ae]|n[ae]) (?:sorun|sor|arayin|ara|gidin|git|basvurun|yazin|danisin)\w* (?:\w+ )?"
        r"(?:diyor|dedi|diyorsunuz|dediniz|deniyor|dendi|soyluyor|soyledi)\w*,? (?:\w+ ){0,2}?\1\w* (?:\w+ )?"
        r"(?:size|bize|bana|onlara|\w+(?:y?[ae]|n[ae])) (?:\w+ )?(?:sorun|sor|arayin|ara|gidin|git|basvurun|yazin|danisin)\w*"
    ),
    stems="diyor dedi diyorsunuz dediniz deniyor dendi soyluyor soyledi",
    marks=",",
    unrelated=re.compile(TR_NEG_AFTER),
    whole_comment=True,
)
# Every rule: a negated verb of passing on in the clause drops its cue.
RULES: Final = (
    *negated_in_clause(
        (*_RULES, *_TR_N_TIMES_OR_UP_A_LEVEL, _TR_SENT_ON, *_TR_NOT_OURS_OR_HAND_TO_HAND),
        earlier=TR_NEG_VERB,
        after=TR_NEG_VERB,
    ),
    _TR_EVERY_UNIT,
    _TR_ASK_THE_OTHER,
)
