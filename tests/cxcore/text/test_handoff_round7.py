"""Handoff mentions, round seven: needs negated, own things moved, expected and not needed."""

from __future__ import annotations

import json

import pytest

from cxcore.text.handoffs import detect, detect_handoff, learned
from cxcore.text.handoffs.detect import fold_comment
from tests.cxcore.text.handoff_checks import assert_rules_read, dropped_by_first_look, rules_firing

# Sentences written for these tests (not from any bench set): each is found by the rules
# alone, so the learned model's weights play no part.
RULE_FORMS = [
    ("en", "Every agent I reached sent me somewhere else."),
    ("en", "Chat agent: 'not my area, lemme transfer u'."),
    ("en", "Apparently my refund belongs to a different team."),
    ("en", "The bank and the shop each insisted the other had to refund me."),
    ("en", "The rep said 'I'll need to put you through to another department'."),
    ("tr", "Destek sohbetim iki kez başka temsilciye devredildi."),
    ("cs", "Můj požadavek si mezi sebou přeposílají už měsíc."),
    ("cs", "Stížnost si předávali tři lidé a nikdo ji nevyřešil."),
    ("cs", "Infolinka a pobočka, jeden ukazuje na druhého."),
    ("cs", "Na poště mě honili mezi přepážkami."),
]


@pytest.mark.parametrize(("language", "said"), RULE_FORMS)
def test_the_new_forms_are_read_by_the_rules(language, said):
    assert_rules_read(language, said)


# The need negated, one's own things moved, the same person again, a handoff expected and
# not needed, a question of the customer's own.
NOT_A_HANDOFF = [
    ("tr", "Şubeye gitmem gerekmedi, her şey uygulamadan yapıldı."),
    ("tr", "Temsilci 'sizi aktarmama gerek yok' dedi ve kendisi çözdü."),
    ("tr", "Durumu tekrar anlatmam gerekmedi, kayıtlar ekrandaydı."),
    ("tr", "Belgelerimi buluta aktarmak çok kolaydı."),
    ("tr", "Numaramı başka operatöre taşımak istiyorum, süreç kaç gün?"),
    ("tr", "Kalan dakikalarım yeni hattıma devredildi, teşekkürler."),
    ("tr", "Başka birime aktarılacağımı sandım ama temsilci konuyu kendisi çözdü."),
    ("tr", "Üçüncü aramada yine aynı temsilciye denk geldim ve işimi bitirdi."),
    ("tr", "Siparişim başka depoya aktarılmış, bir gün gecikti."),
    ("tr", "Çağrı merkezini aradım, ilk temsilci çözdü."),
    ("tr", "Teknik servise gönderdim, tamir edip geri yolladılar."),
    ("tr", "Başka bir operatöre geçmeyi düşünüyorum."),
    ("tr", "Temsilci beni bir üst birime aktaracağını söyledi ama gerek kalmadı."),
    ("cs", "Chtěla jsem, aby mě přepojili na vedoucího, ale nebylo to potřeba, zvládla to sama."),
    ("cs", "Na jaké číslo mám volat kvůli fakturám?"),
    ("cs", "Čekal jsem, že mě pošlou na pobočku, ale paní mi tarif změnila rovnou."),
    ("cs", "Operátor mě ani jednou nedal jinam, vše vyřešil."),
    ("cs", "Kluci si mezi sebou posílají fotky z dovolené."),
    ("cs", "Objednávku si posílám na výdejní místo."),
    ("cs", "Reklamaci si mezi sebou nepřeposílali, vyřídil ji hned první technik."),
    ("en", "I expected to be sent to another desk but the clerk handled my refund there and then."),
    ("en", "Half expected to be passed to another team, wasn't."),
    ("en", "I braced for the runaround but got a straight answer."),
    ("en", "My air miles were transferred to my husband's account."),
    ("en", "Moved my ISA to another provider without any fuss."),
]


@pytest.mark.parametrize(("language", "said"), NOT_A_HANDOFF)
def test_needs_negated_own_things_and_handoffs_not_needed_are_left_alone(language, said):
    assert detect_handoff(said) == (False, ()), (language, said)


# What stays a handoff next to the new senses: the need said, not denied; the agent's own
# words of passing on; the transfer while hold music played.
STILL_A_HANDOFF = [
    ("tr", "Her seferinde şubeye gitmem gerekti, oradan da merkeze yönlendirdiler."),
    ("tr", "yöneticiye aktarıyorum dedi 20 dakika müzik dinledim"),
    ("tr", "Siparişim için beni başka birime aktardılar."),
    ("tr", "Beni başka temsilciye aktaracağını söyledi, yarım saat bekledim."),
    ("tr", "Üç ayrı temsilciye düştüm."),
    ("en", "You'll need to speak to our claims team, she said, and transferred me."),
]


@pytest.mark.parametrize(("language", "said"), STILL_A_HANDOFF)
def test_what_stays_a_handoff(language, said):
    assert detect_handoff(said, learned=False)[0], (language, said)


def test_the_first_look_by_stems_keeps_every_new_rule():
    for _, said in RULE_FORMS:
        folded = fold_comment(said)
        assert rules_firing(folded) and not dropped_by_first_look(folded), said
    assert detect._rules_in.cache_info().currsize > 0


# Wordings no rule reads, written for these tests: the model finds each, and only with its
# weights file (a cue of round seven's gate opens the window of the first two).
MODEL_ONLY = [
    ("tr", "Sigorta eksperle görüşün dedi, eksper de acenteye sorun dedi."),
    ("cs", "Pokaždé mě vyřizoval jiný tým a nikdo nevěděl, co se děje."),
    ("en", "Each time I rang, a different team picked it up and knew nothing."),
]


@pytest.mark.parametrize(("language", "said"), MODEL_ONLY)
def test_the_model_finds_what_no_rule_reads_and_only_with_its_weights(language, said, monkeypatch):
    assert detect_handoff(said, learned=False) == (False, ()), (language, said)
    found, words = detect_handoff(said)
    assert found and all(w in fold_comment(said) for w in words), (language, said, words)
    monkeypatch.setattr(learned, "_model", lambda: None)
    assert detect_handoff(said) == (False, ()), (language, said)


def test_the_weights_file_has_a_threshold_by_the_language_of_the_cue():
    data = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
    assert {"fresh5", "train1"} <= set(data["trained_on"])
    model = learned.load_model()
    assert model is not None and set(model.thresholds) == {"cs", "en", "tr"}
    assert model.thresholds == data["thresholds"]
    assert all(0.5 <= t < 1 for t in model.thresholds.values())
    # the language of the first cue in the window picks the threshold
    assert learned.cue_language("beni baska birime aktardilar") == "tr"
    assert learned.cue_language("prepojili me na jine oddeleni") == "cs"
    assert learned.cue_language("5 kere transfer edildim") == "en"
    assert learned.cue_language("nothing to see here") is None


def test_the_threshold_of_the_cues_language_decides(monkeypatch):
    said = "They kept juggling my case among the departments"  # a cue in English, no rule
    assert detect_handoff(said, learned=False) == (False, ())
    for english, others, flagged in ((0.5, 0.999999, True), (0.999999, 0.5, False)):
        model = learned.Model(
            {"w:juggling": 40.0}, -2.0, others, thresholds={"en": english, "tr": others}
        )
        monkeypatch.setattr(learned, "_model", lambda model=model: model)
        assert detect_handoff(said)[0] is flagged, english
