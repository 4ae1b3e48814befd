"""The learned prior's training text (issue 21, round five): the project's own service
comments join the subtitle lines with a weight, a service file can be left out of a fit
(the cross-check), and nothing of an evaluation file is trained on. Small files written here."""

from __future__ import annotations

import pandas as pd

from bench import sentiment_prior_build as build
from bench import sentiment_prior_cross as cross
from bench import sentiment_sets
from cxcore.text.sentiment.prior import read_prior


def _write(path, rows: list[tuple[str, str, str]]):
    frame = pd.DataFrame(rows, columns=["language", "comment", "sentiment"])
    frame.insert(0, "id", range(1, len(frame) + 1))
    frame.to_csv(path, index=False)
    return path


def test_service_rows_are_the_polar_comments_once_and_never_an_evaluation_text(tmp_path):
    first = _write(
        tmp_path / "a.csv",
        [
            ("tr", "Hat yine koptu", "negative"),
            ("tr", "Kurulum hızlıydı", "positive"),
            ("tr", "Faturam geldi", "neutral"),
            ("cs", "Zase nejde internet", "negative"),
            ("cs", "Tento text je v evaluaci", "positive"),
        ],
    )
    second = _write(
        tmp_path / "b.csv",
        [("tr", "hat  YINE koptu", "negative"), ("tr", "Paketim kayboldu", "negative")],
    )
    exclude = frozenset({sentiment_sets.text_key("Tento text je v evaluaci")})

    found, card = build.service_rows((first, second), exclude)

    assert found["tr"]["a.csv"] == (["Hat yine koptu", "Kurulum hızlıydı"], [0, 1])
    assert found["cs"]["a.csv"] == (["Zase nejde internet"], [0])
    # the copy in b.csv differs only in case and spaces: the first file keeps it
    assert found["tr"]["b.csv"] == (["Paketim kayboldu"], [0])
    by_file = {(row["language"], row["path"]): row for row in card}
    assert by_file[("tr", "bench/a.csv")]["polar"] == 2
    assert by_file[("cs", "bench/a.csv")]["dropped (in evaluation)"] == 1
    assert by_file[("tr", "bench/b.csv")]["used"] == 1
    assert {row["licence"] for row in card} == {build.SERVICE_LICENCE}


def test_service_comments_join_with_their_weight_and_a_file_can_be_left_out():
    subtitles = (["iyi günler", "kötü bir gün"], [1, 0])
    service = {"a.csv": (["hat koptu"], [0]), "b.csv": (["hızlı kurulum", "çok iyi"], [1, 1])}

    assert build.combined(subtitles, service, 0) == (["iyi günler", "kötü bir gün"], [1, 0], None)
    texts, labels, weights = build.combined(subtitles, service, 5)
    assert texts[2:] == ["hat koptu", "hızlı kurulum", "çok iyi"]
    assert labels == [1, 0, 0, 1, 1] and weights == [1.0, 1.0, 5.0, 5.0, 5.0]
    texts, _labels, weights = build.combined(subtitles, service, 5, leave_out="b.csv")
    assert texts == ["iyi günler", "kötü bir gün", "hat koptu"] and weights[-1] == 5.0


def _training(tmp_path) -> cross.Training:
    """Neutral-ish subtitle lines in each language, and two service files: a word only the
    first file teaches (`koptu`, negative), and a comment both files hold."""
    subtitles = {
        language: (
            [f"{a} {b} {n}" for n in ("bir", "iki", "uc", "dort") for a, b in (("iyi", "gun"),)]
            + [f"{a} {b} {n}" for n in ("bir", "iki", "uc", "dort") for a, b in (("kotu", "gun"),)],
            [1, 1, 1, 1, 0, 0, 0, 0],
        )
        for language in cross.LANGUAGES
    }
    rows_a = [("tr", f"hat yine koptu {n}", "negative") for n in ("bir", "iki", "uc")]
    shared = [("tr", f"ortak yorum {n}", "positive") for n in ("bir", "iki", "uc")]
    rows_a += shared
    rows_b = [*shared, ("tr", "kurulum iyi", "positive")]
    paths = (_write(tmp_path / "a.csv", rows_a), _write(tmp_path / "b.csv", rows_b))
    service, _card = build.service_rows(paths, frozenset())
    file_keys = {
        p.name: frozenset(sentiment_sets.text_key(t) for t in pd.read_csv(p)["comment"])
        for p in paths
    }
    return cross.Training(subtitles, service, file_keys)


def test_a_prior_fitted_without_a_file_knows_nothing_only_that_file_taught(tmp_path):
    found = _training(tmp_path)

    everything = cross.fit_priors(found, 10, None)["tr"]
    without_a = cross.fit_priors(found, 10, "a.csv")["tr"]
    subtitles_only = cross.fit_priors(found, 0, None)["tr"]

    assert everything.weights.get("koptu", 0) < 0
    assert everything.score("hat yine koptu") < 0
    assert "koptu" not in without_a.weights and "koptu" not in subtitles_only.weights
    # comments b.csv shares with a.csv (which keeps the one copy) are not trained on when
    # b.csv is left out, so b.csv is judged on nothing the prior saw
    assert "ortak" in everything.weights
    assert "ortak" not in cross.fit_priors(found, 10, "b.csv")["tr"].weights


def test_the_built_file_names_the_service_comments_and_their_weight(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "PRIOR_DIR", tmp_path)
    card = [
        {
            "language": "tr",
            "repo": "Helsinki-NLP/XED",
            "commit": "c" * 40,
            "path": "x.tsv",
            "licence": "CC BY 4.0",
            "used": 7,
        },
        {
            "language": "tr",
            "repo": "this repository",
            "commit": "",
            "path": "bench/journey_train1_set.csv",
            "licence": build.SERVICE_LICENCE,
            "used": 98,
        },
    ]

    path = build.write_prior("tr", {"koptu": -1.5, "iyi": 0.5}, card, 10)

    prior = read_prior(path, "tr")
    assert prior.weights == {"koptu": -1.5, "iyi": 0.5}
    text = path.read_text(encoding="utf-8")
    assert "# source: bench/journey_train1_set.csv (this project's own text; 98 comments" in text
    assert "weight 10 each" in text and "Helsinki-NLP/XED @ " + "c" * 40 in text


def test_a_training_row_close_to_a_held_out_one_is_found_in_its_language_only():
    from bench import journey_overlap as near

    heldout = pd.DataFrame(
        {
            "id": [1, 2],
            "language": ["tr", "en"],
            "comment": ["Kargo üç gündür gelmedi, çok kötü!", "The app crashed at checkout"],
        }
    )
    training = pd.DataFrame(
        {
            "id": [10, 11, 12, 13],
            "language": ["tr", "tr", "cs", "en"],
            "comment": [
                "kargo uc gundur gelmedi cok kotu",  # case, diacritics, punctuation
                "Teknisyen randevuya zamanında geldi",
                "Kargo üç gündür gelmedi, çok kötü!",  # the same text, another language
                "The app crashed at checkout again today",  # most of its words
            ],
        }
    )
    assert near.near_ids(heldout, training) == ["10", "13"]


def test_rows_too_close_to_the_held_out_set_are_left_out(tmp_path, monkeypatch):
    path = _write(
        tmp_path / "train.csv",
        [("tr", "Hat yine koptu", "negative"), ("tr", "Kurulum hızlıydı", "positive")],
    )
    monkeypatch.setattr(build, "NEAR_HELD_OUT", {"train.csv": frozenset({"1"})})
    found, card = build.service_rows((path,), frozenset())
    assert found["tr"]["train.csv"] == (["Kurulum hızlıydı"], [1])
    assert card[0]["used"] == 1


def test_a_public_tune_half_joins_with_its_own_weight_and_can_be_left_out():
    """Round eight: the tune half of a public set whose licence allows it (PUBLIC_TRAINING)
    counts its own weight, even when the service files count 0, and leaves like a file."""
    name = next(iter(build.PUBLIC_TRAINING))
    subtitles = (["iyi günler", "kötü bir gün"], [1, 0])
    service = {"a.csv": (["hat koptu"], [0]), name: (["film harikaydı", "sıkıcı"], [1, 0])}

    texts, _labels, weights = build.combined(subtitles, service, 5, None, {name: 2.0})
    assert texts[2:] == ["hat koptu", "film harikaydı", "sıkıcı"]
    assert weights == [1.0, 1.0, 5.0, 2.0, 2.0]
    texts, _labels, weights = build.combined(subtitles, service, 0, None, {name: 2.0})
    assert texts[2:] == ["film harikaydı", "sıkıcı"] and weights[2:] == [2.0, 2.0]
    assert build.combined(subtitles, service, 5, name, {name: 2.0})[0][2:] == ["hat koptu"]
    assert build.combined(subtitles, service, 0, None, {name: 0.0})[2] is None


def test_only_sets_whose_licence_allows_shipping_weights_teach_the_prior():
    # every other set states no licence or is for non-commercial research (docs/benchmarks.md)
    assert set(build.PUBLIC_TRAINING) == {"Beyazperde movies (tr)"}
    assert "MIT" in sentiment_sets.EXTERNAL["Beyazperde movies (tr)"].licence
    assert build.public_weights_of("tr:7") == {"tr": 7.0}
    assert build.public_weights_of("") == {"tr": build.PUBLIC_TRAINING["Beyazperde movies (tr)"]}
