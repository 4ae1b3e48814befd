"""The learned second opinion on handoffs (handoffs/learned.py) and its weights file.

When it is asked (only where the rules are silent and no cue of theirs was negated), what it
flags (wordings no rule has, never their negated twins, not ordinary comments), the window it
reads, its threshold by the language of the cue, the shipped weights and the sets they were
trained on, and the training script's bound on false flags (bench/handoff_learn.py).
Sentences written for these tests, not from any bench set.
"""

from __future__ import annotations

import csv
import json

import numpy as np
import pandas as pd
import pytest

from bench.handoff_learn import TRAINING_SETS, read_as_handoff, threshold_for
from cxcore.text.handoffs import detect_handoff, learned
from cxcore.text.handoffs.detect import fold_comment
from cxcore.text.handoffs.learned import MODEL_PATH, Model, features, load_model, window
from tests.cxcore.text.handoff_checks import assert_first_look_keeps

# Wordings no rule has (so only the model can find them), with their negated twins.
LEARNED = [
    (
        "tr",
        "Çağrı merkezindeki kişi beni başka bir yetkiliyle görüştürdü, o da bir başkasıyla",
        "Çağrı merkezindeki kişi beni başka bir yetkiliyle görüştürmedi, kendisi çözdü",
    ),
    (
        "cs",
        "Operátorka mě přesunula na jiné oddělení a tam mě zase vrátili zpátky",
        "Operátorka mě nepřesunula na jiné oddělení, vyřešila to sama",
    ),
    (
        "en",
        "They kept juggling my case among the departments",
        "They never juggled my case among the departments",
    ),
]


@pytest.mark.parametrize(("language", "comment", "negated"), LEARNED)
def test_the_model_flags_what_the_rules_miss_and_never_a_negated_handoff(
    language, comment, negated
):
    assert detect_handoff(comment, learned=False) == (False, ()), "a rule found it already"
    found, words = detect_handoff(comment)
    assert found, (language, comment)
    # its words are the strongest n-grams, each one that stands in the comment
    folded = fold_comment(comment)
    assert words and all(w in folded for w in words), words
    assert detect_handoff(negated) == (False, ()), (language, negated)


# Wordings no rule reads: the model finds each, and only with its weights file (a cue of the
# model's gate opens the window of the first two).
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


# Ordinary comments (two more, "Another department store had it cheaper" and "After an hour
# on hold I was put through to an agent, who fixed it", are in test_handoff_english.py).
ORDINARY = [
    "i tend to go back and forth between sizes and the dress fits",
    "Kargo zamanında geldi, ürün çok güzel",
    "Film má skvělou atmosféru a herce",
]


@pytest.mark.parametrize("comment", ORDINARY)
def test_the_model_leaves_ordinary_comments_alone(comment):
    assert detect_handoff(comment) == (False, ())


def test_a_rule_negation_keeps_the_model_out():
    # the rules read "did not transfer"; the model is not asked at all
    comment = "The agent did not transfer me to the billing team, she sorted it"
    assert detect_handoff(comment, learned=False) == (False, ())
    assert detect_handoff(comment) == (False, ())


def test_the_window_is_the_sentences_that_name_a_cue():
    folded = fold_comment("Lovely dress. They kept handing my case around. Size M fits.")
    assert window(folded) == "they kept handing my case around"
    assert window(fold_comment("Lovely dress, size M fits well.")) is None
    assert window(fold_comment("Great team!")) is None  # fewer than five words


def test_the_shipped_weights_load_and_score_like_their_features():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = load_model()
    assert model is not None
    assert model.threshold == data["threshold"] and 0.5 <= model.threshold < 1
    # the shipped file is what the rebuild script's defaults write
    assert data["trained_on"] == list(TRAINING_SETS)
    # the score is the intercept plus the weights of the features over their square root
    text = "they kept handing my case around the departments"
    found = features(text)
    score = model.intercept + sum(model.weights.get(f, 0.0) for f in found) / len(found) ** 0.5
    probability = model.probability(text)
    assert probability == pytest.approx(1 / (1 + 2.718281828459045**-score), abs=1e-9)


def test_the_model_is_trained_on_the_retired_sets_never_the_held_out_one():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert {"fresh5", "train1"} <= set(data["trained_on"])
    assert {"fresh6", "train2"} <= set(data["trained_on"])
    assert "fresh7" not in data["trained_on"]


def test_without_a_weights_file_only_the_rules_speak(tmp_path, monkeypatch):
    assert load_model(tmp_path / "none.json") is None
    monkeypatch.setattr(learned, "_model", lambda: None)
    comment = "They kept juggling my case among the departments"
    assert detect_handoff(comment) == (False, ())


def test_a_tiny_model_flags_above_its_threshold_only():
    model = Model({"w:handing": 40.0}, intercept=-2.0, threshold=0.9)
    assert model.probability("they kept handing my case around") > 0.9
    assert model.probability("they kept my case around") < 0.2
    assert model.strongest("they kept handing my case around") == ("handing",)


def test_the_weights_file_has_a_threshold_by_the_language_of_the_cue():
    data = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
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


def test_the_first_look_lets_the_model_read_every_comment_it_would():
    # One look at the words decides which rules are tried and whether the model may be
    # asked: it must never drop a rule whose cue matches, nor a comment the model would read.
    comments = [c for _, *pair in LEARNED for c in pair] + [c for _, c in MODEL_ONLY]
    for comment in comments + ORDINARY:
        assert_first_look_keeps(comment)
