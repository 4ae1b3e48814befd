"""The model learned from a survey's own scores: features, cross-fitting, blending, handover."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.text import sentiment
from cxcore.text.lexicon import fold_case
from cxcore.text.sentiment import features, learned, workers
from tests.cxcore.text.sentiment.comments import learnable_survey


def test_features_are_scikit_learns_tf_idf_in_another_column_order():
    # Counted with arrays over all texts at once; the vectors must be those of the
    # vectorizers they replace: same width, same inner products between every two texts.
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, _targets = learnable_survey(120)
    texts += ["Ç o k iyi", "Çok iyi, a b c!", "", "İADE İŞLEMİ yok", "kötü hizmet"]
    # A text holding the character that joins texts for tokenising reads it as a space.
    texts += ["kötü\x01hizmet çok kötü"]
    words, chars = features._features(texts, "tr")

    folded = [fold_case(t, "tr") for t in texts]
    expected = {
        "words": TfidfVectorizer(
            preprocessor=lambda t: t.replace("\x01", " "),
            ngram_range=(1, 2),
            min_df=2,
            sublinear_tf=True,
        ),
        "chars": TfidfVectorizer(
            preprocessor=lambda t: t.replace("\x01", " "),
            analyzer="char_wb",
            ngram_range=(3, 5),
            min_df=2,
            sublinear_tf=True,
        ),
    }
    for ours, (name, vectorizer) in zip((words, chars), expected.items(), strict=True):
        theirs = vectorizer.fit_transform(folded)
        assert ours.shape == theirs.shape, name
        np.testing.assert_allclose(
            (ours @ ours.T).toarray(), (theirs @ theirs.T).toarray(), atol=1e-5, err_msg=name
        )
    assert words.shape[1] > 50 and chars.shape[1] > 200  # the texts do share terms


def test_learned_model_never_uses_a_comments_own_score():
    texts, targets = learnable_survey()
    languages = ["tr"] * len(texts)
    first = sentiment.fit_learned_scores(texts, targets, languages)
    flipped = targets.copy()
    flipped[0] = 1.0 - flipped[0]  # response 0 now says the opposite about its comment
    second = sentiment.fit_learned_scores(texts, flipped, languages)
    assert second.probability[0] == first.probability[0]
    assert first.probability[0] > 0.5  # learned from the others: a good comment


def test_a_large_survey_learns_in_two_folds_without_its_own_scores(monkeypatch):
    # Once half the pairs exceed what one model learns from, two folds give models as good
    # as five for two fits instead of five; every comment is still held out of its model.
    texts, targets = learnable_survey()
    parts = []
    monkeypatch.setattr(learned, "MAX_TRAINING_ROWS", 150)  # 320 pairs: 160 per half
    first = sentiment.fit_learned_scores(
        texts, targets, ["tr"] * len(texts), progress=lambda _f, m: parts.append(m)
    )
    flipped = targets.copy()
    flipped[0] = 1.0 - flipped[0]
    second = sentiment.fit_learned_scores(texts, flipped, ["tr"] * len(texts))
    monkeypatch.setattr(learned, "MAX_TRAINING_ROWS", 30_000)
    five = sentiment.fit_learned_scores(
        texts, targets, ["tr"] * len(texts), progress=lambda _f, m: parts.append(m)
    )

    # Part 1 is told three times: as it starts, with the word features, with all of them.
    two_parts = [f"Learning from the survey's scores (tr, part {k} of 2)" for k in (1, 1, 1, 2)]
    assert parts == two_parts + [m.replace("of 2", "of 5") for m in two_parts] + [
        f"Learning from the survey's scores (tr, part {k} of 5)" for k in (3, 4, 5)
    ]
    counts = [learned._fold_count(n) for n in (300, 37_500, 44_999, 45_000, 60_000)]
    assert counts == [5, 5, 4, 3, 2]
    fold = np.array([learned._fold_of(t, 2) for t in texts])
    other = fold != fold[0]
    assert second.probability[0] == first.probability[0]  # its own score stayed out
    assert (second.probability[other] != first.probability[other]).any()  # the other fold's did not
    assert first.fits["tr"].blend_auc > 0.9 and five.fits["tr"].blend_auc > 0.9


def test_learned_blend_is_used_only_where_it_beats_the_lexicon():
    texts, targets = learnable_survey()
    fitted = sentiment.fit_learned_scores(texts, targets, ["tr"] * len(texts))
    fit = fitted.fits["tr"]
    assert fit.used and fit.blend_auc >= fit.lexicon_auc
    assert set(fitted.models) == {"lexicon+learned-tr"}


def test_too_few_scored_comments_means_no_learning():
    texts, targets = learnable_survey(100)
    fitted = sentiment.fit_learned_scores(texts, targets, ["tr"] * len(texts))
    assert fitted.fits == {} and np.isnan(fitted.probability).all()


def test_a_survey_of_one_repeated_comment_keeps_the_lexicon():
    """One template, many scores: no word is shared by two distinct comments, so there is
    nothing to learn, and the import must go on with the lexicon (it used to raise)."""
    texts = ["Kargo geç geldi"] * 300
    targets = np.array([1.0, 0.0] * 150)
    lexicon = sentiment.score_texts(texts[:1])["sentiment"].iloc[0]
    fitted = sentiment.fit_learned_scores(texts, targets, ["tr"] * len(texts))
    assert np.isnan(fitted.probability).all()
    assert set(fitted.models) == {""}
    assert fitted.polarity == pytest.approx([lexicon] * len(texts))


def test_score_responses_learns_from_nps_when_there_is_enough():
    texts, targets = learnable_survey()
    responses = pd.DataFrame({F.COMMENT: texts, F.NPS: np.where(targets == 1, 10, 2)})
    out = sentiment.score_responses(responses)
    assert set(out[F.SENTIMENT_MODEL]) == {"lexicon+learned-tr"}
    high = out[F.NPS] == 10
    assert out.loc[high, F.SENTIMENT].mean() > out.loc[~high, F.SENTIMENT].mean()


def test_languages_are_handed_to_one_worker_at_a_time_smallest_first():
    from concurrent.futures import Future

    handed: list[str] = []

    class NeverDone:  # a worker still busy with what it was handed
        def submit(self, _work, _texts, _target, language):
            handed.append(language)
            return Future()

    def jobs():
        return [([], np.array([]), lang) for lang in ("tr", "en", "cs", "sk")]  # largest first

    share = learned._Handover(NeverDone(), jobs())
    share.feed()
    assert handed == []  # nothing before this process has built its first features
    assert share.take()[2] == "tr"  # the largest here, while the workers score the tone
    share.started = True
    share.feed()
    share.feed()
    # The smallest waiting (the worker shares its core with the last tone chunks, at a
    # lower priority), and one at a time.
    assert handed == ["sk"]
    assert [share.take()[2], share.take()[2], share.take()] == ["en", "cs", None]
    alone = learned._Handover(None, jobs())
    taken = [alone.take()[2]]
    alone.started = True
    alone.feed()
    assert taken + [job[2] for job in iter(alone.take, None)] == ["tr", "en", "cs", "sk"]


def test_no_language_is_handed_over_while_the_workers_still_score_the_tone():
    from concurrent.futures import Future

    class Pool:
        def __init__(self):
            self.handed: list[str] = []

        def submit(self, _work, *args):
            self.handed.append(args[-1])
            return Future()

    tone = [Future(), Future()]
    tone[0].set_result([])
    pool = Pool()
    spare = workers._Spare(pool, tone)
    share = learned._Handover(spare, [([], np.array([]), lang) for lang in ("tr", "cs")])
    share.start()
    assert spare.busy() and pool.handed == []  # a chunk is still being scored
    tone[1].set_result([])
    share.feed()
    assert not spare.busy() and pool.handed == ["cs"]


def test_the_worker_is_handed_its_languages_once_this_process_has_built_its_features():
    # Building features is the learning's memory peak: the worker builds its own only after
    # this process has built its own, so the two peaks never add up.
    from concurrent.futures import ThreadPoolExecutor

    told: list[str] = []

    class Recording(ThreadPoolExecutor):
        def submit(self, *args, **kwargs):
            told.append("handed over")
            return super().submit(*args, **kwargs)

    texts, targets = learnable_survey()
    texts, targets = texts * 2, np.append(targets, targets)
    langs = np.array(["tr"] * 320 + ["cs"] * 320, dtype=object)
    with Recording(1) as pool:
        shared = learned._learn(texts, targets, langs, lambda _f, m: told.append(m), pool)
    alone = learned._learn(texts, targets, langs, lambda _f, _m: None)

    part = "Learning from the survey's scores (cs, part {} of 5)"
    assert told[:5] == [
        part.format(1),
        part.format(1),
        "handed over",
        part.format(1),
        part.format(2),
    ]
    assert told[-1] == "Learning from the survey's scores (tr)"
    np.testing.assert_array_equal(shared.probability, alone.probability)


def test_a_worker_dying_while_it_learns_leaves_the_learning_to_this_process():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class DiesWhileLearning:  # a pool whose worker is killed (out of memory, say)
        def submit(self, *_args):
            future: Future = Future()
            future.set_exception(BrokenProcessPool("terminated abruptly"))
            return future

    texts, targets = learnable_survey()
    texts, targets = texts * 2, np.append(targets, targets)
    langs = np.array(["tr"] * 320 + ["cs"] * 320, dtype=object)
    alone = learned._learn(texts, targets, langs, lambda _f, _m: None)
    shared = learned._learn(texts, targets, langs, lambda _f, _m: None, DiesWhileLearning())
    np.testing.assert_array_equal(shared.probability, alone.probability)
    assert shared.languages == alone.languages == ["cs", "tr"]
    assert not np.isnan(alone.probability).any()


def test_a_learned_model_labels_with_the_band_its_passives_taught():
    texts, targets = learnable_survey(360)
    nps = np.where(targets == 1, 10, 2)
    nps[::4] = 8  # 90 passives; 270 promoters and detractors are left to learn from
    responses = pd.DataFrame({F.COMMENT: texts, F.NPS: nps})
    out = sentiment.score_responses(responses)
    assert set(out[F.SENTIMENT_MODEL]) == {"lexicon+learned-tr"}
    polarity = out[F.SENTIMENT].to_numpy(float)
    band = sentiment.neutral_band(polarity, sentiment.score_classes(responses).to_numpy(object))
    assert band is not None
    low, high = band
    expected = np.where(
        polarity <= low, "negative", np.where(polarity >= high, "positive", "neutral")
    )
    assert out[F.SENTIMENT_LABEL].tolist() == expected.tolist()
