"""Sentiment as a person reads it: Turkish, Czech and English comments, offline."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxcore import fields as F
from cxcore.text import sentiment
from cxcore.text.lexicon import fold_case
from cxcore.text.sentiment import features, learned, rules, scoring, workers


def polarity(text: str) -> float:
    return float(sentiment.score_texts([text])[F.SENTIMENT].iloc[0])


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Turkish
        ("Harika bir hizmet, çok teşekkürler", 1),
        ("Kargo çok hızlı geldi, memnunum", 1),
        ("Personel çok ilgiliydi ve nazikti", 1),
        ("Sorunsuz kurulum, tavsiye ederim", 1),
        ("Berbat bir deneyim, rezalet", -1),
        ("Bir haftadır bekliyorum, hâlâ gelmedi", -1),
        ("Sorunum çözülmedi, internet sürekli kesildi", -1),
        ("Çağrı merkezinde 40 dakika beklettiler", -1),
        ("urun cok guzel tesekkurler", 1),
        # Czech
        ("Skvělá služba, děkuji", 1),
        ("Velmi rychlé doručení, jsem spokojená", 1),
        ("Ochotný a příjemný personál", 1),
        ("Hrozná zkušenost, aplikace nefunguje", -1),
        ("Čekal jsem na lince hodinu, nikdo to nebral", -1),
        ("Nedoporučuji, zboží přišlo rozbité", -1),
        ("dekuji, vse v poradku", 1),
        # English
        ("Great service, thank you!", 1),
        ("The staff were friendly and helpful", 1),
        ("Terrible, I waited 40 minutes", -1),
        ("My flight was delayed and my bag was lost", -1),
        ("Rude agent, never again", -1),
    ],
)
def test_clear_comments_get_the_sign_a_person_gives(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("memnun değilim", -1),
        ("hiç memnun kalmadım", -1),
        ("hizmetten memnuniyetsizim", -1),
        ("ürünü beğenmedim", -1),
        ("kimseye tavsiye etmem", -1),
        ("hiçbir sorun yaşamadım", 1),
        ("sorun yok, her şey yolunda", 1),
        ("fena değil", 1),
        ("nejsem spokojený", -1),
        ("nespokojená zákaznice", -1),
        ("nikdy nefungovalo", -1),
        ("bez problémů", 1),
        ("nemá chybu", 1),
        ("nejlepší obsluha", 1),  # "nej-" is the superlative, not a negation
        ("not bad", 1),
        ("not good at all", -1),
        ("I wasn't happy with the support", -1),
    ],
)
def test_negation_turns_the_meaning(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("ürün güzel ama kargo berbattı", -1),
        ("kargo biraz geç geldi ama ürün harika", 1),
        ("Film byl hezký, ale konec strašný", -1),
        ("Doručení trvalo dlouho, ale obsluha byla skvělá", 1),
        ("The product is nice but the delivery was awful", -1),
    ],
)
def test_the_clause_after_a_contrast_weighs_more(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        ("çok iyi", "iyi"),
        ("gerçekten harika", "harika"),
        ("velmi dobrý", "dobrý"),
        ("moc spokojený", "spokojený"),
        ("very good", "good"),
    ],
)
def test_intensifiers_strengthen(stronger, weaker):
    assert polarity(stronger) > polarity(weaker) > 0


@pytest.mark.parametrize(
    ("softened", "plain"),
    [("biraz yavaş", "yavaş"), ("trochu pomalé", "pomalé")],
)
def test_softeners_weaken(softened, plain):
    assert polarity(plain) < polarity(softened) < 0


def test_hrozne_intensifies_when_a_sentiment_word_follows():
    assert polarity("hrozně se mi to líbilo") > 0 > polarity("bylo to hrozné")


@pytest.mark.parametrize(
    ("text", "sign"),
    [("👍", 1), ("😡", -1), ("👍🏽👍🏽", 1), ("kargo 👎", -1), ("díky :)", 1), ("ok :(", -1)],
)
def test_emoji_and_emoticons_count(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Kargo çok hızlıydı, thanks a lot!", 1),
        ("Super služba, thank you", 1),
        ("Uygulama berbat, totally useless", -1),
    ],
)
def test_mixed_language_comments(text, sign):
    assert np.sign(polarity(text)) == sign


@pytest.mark.parametrize(
    ("text", "folded"),
    [("İYİ", "iyi"), ("IŞIK", "ışık"), ("KIRIK", "kırık"), ("İade", "iade")],
)
def test_turkish_case_folding(text, folded):
    assert fold_case(text, "tr") == folded


def test_upper_case_turkish_scores_like_lower_case():
    assert polarity("İYİ") == polarity("iyi") > 0
    assert polarity("KARGO ÇOK YAVAŞ") < 0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Harika bir hizmet", "tr"),
        ("kargo gec geldi", "tr"),
        ("memnun kalmadım", "tr"),
        ("urun cok guzel", "tr"),
        ("Skvělá služba", "cs"),
        ("nejsem spokojený", "cs"),
        ("Velmi rychlé doručení, děkuji", "cs"),
        ("The app keeps crashing", "en"),
        ("Great service, thank you!", "en"),
        ("not bad", "en"),
        ("Danke, alles gut", "de"),
    ],
)
def test_language_of_short_comments(text, language):
    assert sentiment.detect_language(text) == language


def test_each_distinct_text_is_scored_once():
    sentiment.clear_cache()
    sentiment.score_texts(["Harika bir hizmet", "Harika bir hizmet", " Harika  bir hizmet "])
    assert sentiment.cache_info() == {"hits": 0, "misses": 1, "size": 1}
    sentiment.score_texts(["Harika bir hizmet", "Berbat bir hizmet"])
    assert sentiment.cache_info() == {"hits": 1, "misses": 2, "size": 2}


def test_the_cache_drops_the_least_recently_used_score(monkeypatch):
    monkeypatch.setattr(scoring, "_CACHE_SIZE", 3)
    sentiment.clear_cache()
    sentiment.score_texts(["Harika", "Berbat", "Skvělé"])
    sentiment.score_texts(["Harika"])  # used again: now the most recent
    sentiment.score_texts(["Hrozné", "Rezalet"])  # two new: the two least recent go
    assert sentiment.cache_info() == {"hits": 1, "misses": 5, "size": 3}
    sentiment.score_texts(["Harika"])  # kept
    assert sentiment.cache_info() == {"hits": 2, "misses": 5, "size": 3}
    sentiment.score_texts(["Skvělé"])  # dropped: the least recently used
    assert sentiment.cache_info() == {"hits": 2, "misses": 6, "size": 3}
    sentiment.clear_cache()


def test_score_texts_keeps_order_and_handles_empty_texts():
    scored = sentiment.score_texts(["Skvělá služba", "", "Berbat"])
    assert list(scored.columns) == [F.LANGUAGE, F.SENTIMENT, F.SENTIMENT_LABEL, F.SENTIMENT_MODEL]
    assert scored[F.LANGUAGE].tolist() == ["cs", None, "tr"]
    assert scored[F.SENTIMENT_MODEL].tolist() == ["lexicon-cs", None, "lexicon-tr"]
    assert math.isnan(scored[F.SENTIMENT].iloc[1])


@pytest.mark.parametrize("dtype", [object, "str"])  # as checked rows hold them, as read
def test_blank_comments_are_not_scored_whatever_the_column_holds(dtype):
    comments = pd.Series(["Harika hizmet", None, "  ", "\u00a0\t", "Terrible support"], dtype=dtype)
    out = sentiment.score_responses(pd.DataFrame({F.COMMENT: comments, F.NPS: [10, 3, 5, 5, 0]}))
    assert out[F.LANGUAGE].tolist() == ["tr", None, None, None, "en"]
    assert out[F.SENTIMENT_LABEL].tolist() == ["positive", None, None, None, "negative"]


def test_labels_of_many_polarities_are_those_of_one():
    polarity = np.array([-1, -0.05, -0.0499, 0, 0.0499, 0.05, 1, np.nan])
    expected = [sentiment.label_for(p) for p in polarity[:-1]] + [None]
    assert rules._labels(polarity).tolist() == expected
    assert expected[:3] == ["negative", "negative", "neutral"]


def test_a_comment_is_normalised_on_every_kind_of_space():
    spaces = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # all 29 of them
    text = f"{spaces}Çok{spaces}iyi\u0301 hizmet{spaces}"
    assert rules._normalize(text) == "Çok iy\u00ed hizmet"  # NFC: i + accent, one letter


def test_score_responses_adds_columns_and_leaves_no_comment_unscored():
    responses = pd.DataFrame(
        {F.COMMENT: ["Harika hizmet", None, "  ", "Terrible support"], F.NPS: [10, 3, 5, 0]}
    )
    out = sentiment.score_responses(responses)
    assert F.LANGUAGE not in responses  # the input is not changed
    assert out[F.LANGUAGE].tolist() == ["tr", None, None, "en"]
    assert out[F.SENTIMENT_LABEL].tolist() == ["positive", None, None, "negative"]
    assert out[F.SENTIMENT].isna().tolist() == [False, True, True, False]
    assert out[F.SENTIMENT_MODEL].iloc[0] == "lexicon-tr"


@pytest.mark.parametrize(
    ("polarity_value", "label"),
    [(-0.5, "negative"), (-0.05, "negative"), (0.0, "neutral"), (0.05, "positive")],
)
def test_label_for(polarity_value, label):
    assert sentiment.label_for(polarity_value) == label


def test_explain_lists_the_words_that_moved_the_score():
    text = "ürün güzel ama kargo berbattı"
    terms = sentiment.explain(text)
    assert terms[0][0] == "berbattı" and terms[0][1] < 0
    assert ("güzel", pytest.approx(terms[1][1])) == terms[1] and terms[1][1] > 0
    assert sum(v for _, v in terms) == pytest.approx(polarity(text))


def test_explain_shows_the_negation_with_its_word():
    assert [w for w, _ in sentiment.explain("memnun değilim")] == ["memnun değilim"]
    assert sentiment.explain("") == []


# A small Turkish survey: the words "kurye" and "fatura" carry no lexicon weight,
# so only a model learned from the scores can tell these comments apart.
@pytest.mark.parametrize(
    "link", ["https://ornek.com/berbat-rezalet", "http://x.tr/harika", "www.harika-urun.com/iyi"]
)
def test_words_inside_a_link_do_not_count(link):
    assert polarity(f"Kargo geç geldi {link}") == polarity("Kargo geç geldi")
    assert polarity(link) == 0.0


_GOOD = ["kurye {} geldi", "fatura {} sade", "kurye {} güler yüzlü", "fatura {} net"]
_BAD = ["kurye {} kapıya gelmeden gitti", "fatura {} iki kez çekildi", "kurye {} aramadı"]
_WORDS = ["bugün", "dün", "sabah", "akşam", "yine", "bu sefer", "erkenden", "öğlen"]


def _survey(n: int = 320) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(7)
    texts, targets = [], []
    for i in range(n):
        good = i % 2 == 0
        template = (_GOOD if good else _BAD)[rng.integers(len(_GOOD if good else _BAD))]
        texts.append(template.format(_WORDS[rng.integers(len(_WORDS))]) + f" {i}")
        targets.append(1.0 if good else 0.0)
    return texts, np.array(targets)


def test_features_are_scikit_learns_tf_idf_in_another_column_order():
    # Counted with arrays over all texts at once; the vectors must be those of the
    # vectorizers they replace: same width, same inner products between every two texts.
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, _targets = _survey(120)
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
    texts, targets = _survey()
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
    texts, targets = _survey()
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
    texts, targets = _survey()
    fitted = sentiment.fit_learned_scores(texts, targets, ["tr"] * len(texts))
    fit = fitted.fits["tr"]
    assert fit.used and fit.blend_auc >= fit.lexicon_auc
    assert set(fitted.models) == {"lexicon+learned-tr"}


def test_too_few_scored_comments_means_no_learning():
    texts, targets = _survey(100)
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
    texts, targets = _survey()
    responses = pd.DataFrame({F.COMMENT: texts, F.NPS: np.where(targets == 1, 10, 2)})
    out = sentiment.score_responses(responses)
    assert set(out[F.SENTIMENT_MODEL]) == {"lexicon+learned-tr"}
    high = out[F.NPS] == 10
    assert out.loc[high, F.SENTIMENT].mean() > out.loc[~high, F.SENTIMENT].mean()


@pytest.mark.parametrize(
    ("nps", "csat", "value", "flagged"),
    [
        (10, None, -0.6, True),
        (9, None, -0.3, False),
        (None, 5, -0.4, True),
        (2, None, 0.5, True),
        (None, 1, 0.4, True),
        (5, None, 0.9, False),
        (10, None, float("nan"), False),
    ],
)
def test_flag_disagreements(nps, csat, value, flagged):
    responses = pd.DataFrame({F.NPS: [nps], F.CSAT: [csat], F.SENTIMENT: [value]}, dtype=float)
    assert sentiment.flag_disagreements(responses).tolist() == [flagged]


_MIXED = [
    f"{text} ({n})"
    for n in range(12)
    for text in (
        "Kargo çok geç geldi, memnun değilim",
        "Skvělá služba, děkuji moc",
        "The agent was rude and slow",
        "Harika, teşekkürler 👍",
    )
]


_IN_WORKERS = """
import json, sys
from cxcore.text import sentiment
from cxcore.text.sentiment import workers
texts = json.loads(sys.stdin.read())
workers._PARALLEL_MIN = 1_000_000
alone = sentiment.score_texts(texts)
sentiment.clear_cache()
workers._PARALLEL_MIN, workers._CHUNK = 10, 7
fractions, told = [], []
in_workers = sentiment.score_texts(
    texts,
    fractions.append,
    lambda keys, languages, spare: told.append(
        (list(keys), list(languages), len(fractions), spare is not None)
    ),
)
print(json.dumps({
    "alone": alone.to_dict("list"),
    "in_workers": in_workers.to_dict("list"),
    "fractions": fractions,
    "told": told,
}))
"""


def _in_a_fresh_interpreter(script: str, payload: object) -> dict:
    """What `script` prints as JSON, run by a new Python with `payload` as JSON on stdin."""
    run = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[3],
        check=True,
    )
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_large_batches_are_scored_in_worker_processes_exactly_as_in_one():
    # Real worker processes (forkserver), chunk by chunk while languages are still being
    # detected: the result must be the one the single-process path gives, in order. Run in
    # a fresh interpreter, as an import runs in the dashboard's or the CLI's process: in
    # this long test session a worker once died at start ("terminated abruptly"), which
    # the import survives by scoring on one core, but which says nothing of this path.
    found = _in_a_fresh_interpreter(_IN_WORKERS, _MIXED)

    assert found["in_workers"] == found["alone"]
    assert set(found["alone"][F.LANGUAGE]) == {"tr", "cs", "en"}
    # 48 texts in chunks of 7: each of the 7 chunks reported when detected and when scored.
    assert found["fractions"] == [k / 14 for k in range(1, 15)]
    # The caller heard every text's language once, after the 7 chunks were detected and
    # before any worker's scores were collected: its own work ran beside the workers.
    keys = [" ".join(t.split()) for t in _MIXED]  # as normalised for scoring
    # With the workers' pool, for work they take up once their scoring is done.
    assert found["told"] == [[keys, found["alone"][F.LANGUAGE], 7, True]]


# Scores the responses on one core first ("alone"), then makes large batches use workers.
_ALONE_FIRST = """
import json, sys
import pandas as pd
from cxcore.text import sentiment
from cxcore.text.sentiment import workers
responses = pd.DataFrame(json.loads(sys.stdin.read()))
def plain(frame):
    return frame.astype(object).where(frame.notna(), None).to_dict("list")
workers._PARALLEL_MIN = 1_000_000
alone = sentiment.score_responses(responses)
sentiment.clear_cache()
workers._PARALLEL_MIN, workers._CHUNK = 10, 40
"""

_RESPONSES_IN_WORKERS = (
    _ALONE_FIRST
    + """messages = []
in_workers = sentiment.score_responses(responses, lambda f, m: messages.append((f, m)))
print(json.dumps({"alone": plain(alone), "in_workers": plain(in_workers), "messages": messages}))
"""
)


def _scored_survey() -> dict[str, list]:
    """Turkish comments that teach a model, with 40 English ones too few to."""
    texts, targets = _survey()
    texts += [f"The agent was rude and slow ({n})" for n in range(40)]
    nps = np.append(np.where(targets == 1, 10, 2), [3] * 40).tolist()
    return {F.COMMENT: texts, F.NPS: nps}


def test_the_model_learns_while_the_workers_score_with_the_same_result():
    # An import's scoring: the lexicon tone in worker processes, the model learning from the
    # survey's scores in the importing process meanwhile. Same scores as one after the
    # other on one core, and the progress bar goes forward through all of it.
    found = _in_a_fresh_interpreter(_RESPONSES_IN_WORKERS, _scored_survey())

    assert found["in_workers"] == found["alone"]
    assert set(found["alone"][F.SENTIMENT_MODEL]) == {"lexicon+learned-tr", "vader+lexicon-en"}
    fractions = [f for f, _m in found["messages"]]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    kinds = ["learn" if m.startswith("Learning") else "tone" for _f, m in found["messages"]]
    # 360 texts in chunks of 40: 9 chunks detected, the 5 parts learned (the first told
    # again as its features are built), 9 chunks collected.
    assert kinds == ["tone"] * 10 + ["learn"] * 7 + ["tone"] * 9


_SCORED_AHEAD = (
    _ALONE_FIRST
    + """import os
early, later = [], []
# As an import does: started on the mapped comments (one of them with outer blanks the
# checks strip), collected after the rows were checked.
mapped = [f"  {c}  " if i == 3 else c for i, c in enumerate(responses["comment"])]
with sentiment.score_ahead(mapped, early.append) as ahead:
    priority = ahead.pool.submit(os.nice, 0).result()
    preloaded = ahead.pool.submit(eval, "'sklearn.linear_model' in __import__('sys').modules")
    started = len(ahead.keys)
    ahead_scored = sentiment.score_responses(responses, lambda f, m: later.append((f, m)), ahead)
print(json.dumps({
    "alone": plain(alone), "ahead": plain(ahead_scored), "early": early, "later": later,
    "started": started, "priority": priority, "cache": sentiment.cache_info(),
    "preloaded": preloaded.result(),
}))
"""
)


def test_comments_scored_ahead_while_rows_are_checked_give_the_same_result():
    # An import starts the tone in worker processes as soon as the columns are mapped and
    # collects it after checking and tagging the rows on its own core: the same scores as
    # all at once, each distinct comment scored once, the detection reported when started.
    texts = _scored_survey()[F.COMMENT]
    found = _in_a_fresh_interpreter(_SCORED_AHEAD, _scored_survey())

    assert found["ahead"] == found["alone"]
    assert found["started"] == len(set(texts))
    # 360 texts in chunks of 40: the bar shown before the comments' keys are made, then the
    # 9 chunks detected while starting, up to half the bar
    assert found["early"] == [0.0, *(k / 18 for k in range(1, 10))]
    kinds = ["learn" if m.startswith("Learning") else "tone" for _f, m in found["later"]]
    # ...and afterwards only the learning and the 9 chunks collected, nothing detected again.
    assert kinds == ["tone"] + ["learn"] * 7 + ["tone"] * 9
    fractions = [f for f, _m in found["later"]]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    # Scored ahead once: the texts the collection asked for were not scored a second time.
    assert found["cache"]["size"] == len(set(texts))
    # The workers give way to the importing process (its steps are the critical path).
    assert found["priority"] >= 10
    # A worker handed a language to learn finds scikit-learn imported by its fork server.
    assert found["preloaded"] is True


_EARLY_START = """
import json, os, sys
from pathlib import Path
from cxcore.text import sentiment

def servers():
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                line = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid() and b"forkserver" in line:
                found.append(int(entry.name))
    return found

sentiment.start_workers_early(1_000)  # a small file: no process
small = servers()
sentiment.start_workers_early(1_000_000)
large = servers()
sentiment.start_workers_early(1_000_000)  # started once
print(json.dumps({"small": small, "large": large, "again": servers()}))
"""


def test_the_workers_server_starts_early_only_for_a_large_batch_and_once():
    found = _in_a_fresh_interpreter(_EARLY_START, None)
    assert found["small"] == []
    assert len(found["large"]) == 1 and found["again"] == found["large"]


def test_a_text_the_scoring_ahead_did_not_start_is_scored_when_collected(monkeypatch):
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    sentiment.clear_cache()
    alone = sentiment.score_texts([*_MIXED, "Berbat bir deneyim"])
    sentiment.clear_cache()
    told = []

    with sentiment.score_ahead(_MIXED) as ahead:
        scored = sentiment.score_texts(
            [*_MIXED, "Berbat bir deneyim"],
            meanwhile=lambda _keys, langs, spare: told.append((list(langs), spare is not None)),
            ahead=ahead,
        )
    sentiment.clear_cache()

    pd.testing.assert_frame_equal(scored, alone)
    assert told == [(alone[F.LANGUAGE].tolist(), True)]  # every language, once, with the pool


def test_scoring_ahead_starts_nothing_for_a_small_batch_or_no_comments():
    sentiment.clear_cache()
    for texts in (None, [], _MIXED):  # 48 texts: below what is worth other processes
        with sentiment.score_ahead(texts) as ahead:
            assert ahead.keys == [] and ahead.pool is None
    scored = sentiment.score_texts(_MIXED, ahead=ahead)
    sentiment.clear_cache()
    assert scored[F.SENTIMENT].notna().all()


# As _RESPONSES_IN_WORKERS, with the tone scored ahead and done before the learning starts:
# a worker is handed a language only once no tone chunk is pending (with chunks still being
# scored, this process learns every language itself).
_TONE_DONE_FIRST = _RESPONSES_IN_WORKERS.replace(
    "in_workers = sentiment.score_responses(responses, lambda f, m: messages.append((f, m)))",
    """import time
with sentiment.score_ahead(responses["comment"].tolist()) as ahead:
    while ahead.pool.busy():
        time.sleep(0.05)
    in_workers = sentiment.score_responses(
        responses, lambda f, m: messages.append((f, m)), ahead=ahead
    )""",
)


def test_a_second_language_is_learned_by_a_worker_with_the_same_result():
    # Two languages with enough scored comments: the larger is learned in the importing
    # process, the other by a worker once its tone chunks are done, side by side.
    texts, targets = _survey()
    english = [
        ("Great service, the agent solved it fast ({})", 10),
        ("Terrible support, the agent was rude and slow ({})", 1),
    ]
    for n in range(240):
        template, score = english[n % 2]
        texts.append(template.format(n))
        targets = np.append(targets, 1.0 if score > 5 else 0.0)
    nps = np.where(targets == 1, 10, 2).tolist()
    assert "score_ahead" in _TONE_DONE_FIRST
    found = _in_a_fresh_interpreter(_TONE_DONE_FIRST, {F.COMMENT: texts, F.NPS: nps})

    assert found["in_workers"] == found["alone"]
    assert {"lexicon+learned-tr", "lexicon+learned-en"} <= set(found["alone"][F.SENTIMENT_MODEL])
    learning = [m for _f, m in found["messages"] if m.startswith("Learning")]
    # Turkish (320 comments) here, part by part; English (240) in the worker.
    assert learning[:-1] == [
        f"Learning from the survey's scores (tr, part {k} of 5)" for k in (1, 1, 1, 2, 3, 4, 5)
    ]
    assert learning[-1] == "Learning from the survey's scores (en)"
    fractions = [f for f, _m in found["messages"]]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)


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

    texts, targets = _survey()
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

    texts, targets = _survey()
    texts, targets = texts * 2, np.append(targets, targets)
    langs = np.array(["tr"] * 320 + ["cs"] * 320, dtype=object)
    alone = learned._learn(texts, targets, langs, lambda _f, _m: None)
    shared = learned._learn(texts, targets, langs, lambda _f, _m: None, DiesWhileLearning())
    np.testing.assert_array_equal(shared.probability, alone.probability)
    assert shared.languages == alone.languages == ["cs", "tr"]
    assert not np.isnan(alone.probability).any()


def test_an_error_of_the_work_done_meanwhile_is_raised_once(monkeypatch):
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    sentiment.clear_cache()
    calls = []

    def fails(keys, languages, spare):
        calls.append(languages)
        raise RuntimeError("the model could not learn")  # also what a broken pool raises

    with pytest.raises(RuntimeError, match="could not learn"):
        sentiment.score_texts(_MIXED, meanwhile=fails)
    sentiment.clear_cache()
    assert len(calls) == 1  # not retried on one core as if the workers had failed


def test_workers_dying_after_the_languages_were_told_still_give_every_score(monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    def dies(_pending, _progress):  # what collecting raises when a worker was killed
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    sentiment.clear_cache()
    alone = sentiment.score_texts(_MIXED)
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    monkeypatch.setattr(workers, "_collect", dies)
    sentiment.clear_cache()
    told = []
    scored = sentiment.score_texts(
        _MIXED, meanwhile=lambda _keys, langs, _spare: told.append(list(langs))
    )
    sentiment.clear_cache()

    assert len(told) == 1 and told[0] == alone[F.LANGUAGE].tolist()
    pd.testing.assert_frame_equal(scored, alone)


def test_a_host_that_cannot_start_processes_still_gets_scores(monkeypatch):
    def no_processes(*_args, **_kwargs):  # as on hosts without POSIX semaphores
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_processes)
    sentiment.clear_cache()
    scored = sentiment.score_texts(_MIXED)
    sentiment.clear_cache()

    assert scored[F.SENTIMENT].notna().all()
    assert (scored[F.SENTIMENT].iloc[:4] * [-1, 1, -1, 1] > 0).all()


def test_large_batches_use_the_workers_after_a_dashboard_page_has_run(tmp_path, monkeypatch):
    # In the dashboard an import runs inside a Streamlit page run, which leaves the page as
    # `__main__`: worker processes must not run that script again (it ended them, and the
    # import fell back to one core).
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CX_DATABASE_URL", f"sqlite:///{tmp_path / 'cx.sqlite'}")
    AppTest.from_file(str(Path(__file__).resolve().parents[3] / "app.py")).run(timeout=60)
    assert getattr(sys.modules["__main__"], "__file__", "").endswith("app.py")
    monkeypatch.setattr(workers, "_PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "_CHUNK", 7)
    sentiment.clear_cache()
    fractions: list[float] = []
    scored = sentiment.score_texts(_MIXED, fractions.append)
    sentiment.clear_cache()

    assert fractions == [k / 14 for k in range(1, 15)]  # every chunk scored by a worker
    assert scored[F.SENTIMENT].notna().all()
    assert getattr(sys.modules["__main__"], "__file__", "").endswith("app.py")  # put back
