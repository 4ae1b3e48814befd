"""The learned prior (issue 21, round four): it loads, moves comments no lexicon entry knows,
shows its words in the explanation, and a missing or broken file says what to do."""

from __future__ import annotations

import pytest

from cxcore.text import sentiment
from cxcore.text.lexicon import load_lexicon
from cxcore.text.polarity import has_known_word
from cxcore.text.sentiment import prior as prior_module
from cxcore.text.sentiment import rules
from cxcore.text.sentiment.prior import PriorFileError, load_prior, read_prior


def _scored(text: str) -> tuple[str, float, str]:
    sentiment.clear_cache()
    row = sentiment.score_texts([text]).iloc[0]
    return row["language"], float(row["sentiment"]), row["sentiment_label"]


@pytest.mark.parametrize("language", ["tr", "cs", "en"])
def test_each_language_has_a_prior_with_its_sources(language: str) -> None:
    found = load_prior(language)
    assert all(0 <= share <= 1 for share in found.shares)
    assert 1_000 <= len(found.weights) <= 50_000  # pruned: a few MB at most in all
    assert found.header["language"] == language
    assert "Helsinki-NLP/XED" in found.header["source"]
    assert int(found.header["min_df"]) >= 3


# Comments that hold no word, stem or phrase any lexicon entry knows.
UNKNOWN_TO_THE_LEXICON = [
    ("tr", "Herif telefonu kapattı", "negative"),
    ("tr", "Paket doğru adrese geldi, görüşürüz", "positive"),
    ("cs", "Sakra, proč zase", "negative"),
    ("cs", "Ahoj, nová verze vypadá", "positive"),
]


@pytest.mark.parametrize(("language", "text", "label"), UNKNOWN_TO_THE_LEXICON)
def test_the_prior_moves_a_comment_no_entry_knows(language: str, text: str, label: str) -> None:
    assert not has_known_word(text, load_lexicon(language))
    found_language, polarity, found_label = _scored(text)
    assert found_language == language
    assert (polarity > 0) == (label == "positive") and polarity != 0
    assert found_label == label


@pytest.mark.parametrize(("language", "text", "_label"), UNKNOWN_TO_THE_LEXICON)
def test_the_priors_words_are_in_the_explanation(language: str, text: str, _label: str) -> None:
    sentiment.clear_cache()
    shares = sentiment.explain(text)
    assert shares, text
    words = {w for w, _v in shares}
    assert words <= {shown for _f, shown in prior_module.prior_features(text, language)}
    total = sum(v for _w, v in shares)
    assert (total > 0) == (_scored(text)[1] > 0)


def test_english_prior_scores_the_right_way_but_is_not_blended() -> None:
    # The tune parts chose no English share (docs/benchmarks.md): VADER already reads
    # these words, and blending the subtitle-trained prior cost English labels.
    english = load_prior("en")
    assert english.score("The courier stole my parcel") < -0.3
    assert english.score("The shop was terrific") > 0.3
    assert english.shares == (0.0, 0.0)
    assert _scored("The courier stole my parcel")[1] == 0.0


def test_a_rule_of_the_language_is_not_overruled_by_the_prior() -> None:
    # irony and idioms decide on their own: the prior's word weights are not the point
    _language, polarity, label = _scored("Harika, yine 2 saat bekledim 👏")
    assert polarity < 0 and label == "negative"
    polarity, gate, _lexicon = rules._prior_gate("Ne iyi ne kötü", "tr")
    assert gate == "ruled"


def test_a_missing_prior_says_how_to_rebuild_it(tmp_path) -> None:
    with pytest.raises(PriorFileError, match=r"tr\.tsv is missing: rebuild it with"):
        read_prior(tmp_path / "tr.tsv", "tr")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("feature\t0.5\n", "does not start with '# cx-sentiment-prior 1'"),
        ("# cx-sentiment-prior 1\n# language: tr\nharika\tvery\n", "line 3, is not"),
        ("# cx-sentiment-prior 1\nharika 0.5\n", "line 2, is not"),
        ("# cx-sentiment-prior 1\n# language: tr\n", "holds no weights"),
        ("# cx-sentiment-prior 1\n# share_alone: lots\niyi\t1\n", "'share_alone' must be"),
    ],
)
def test_a_broken_prior_names_the_file_and_line(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "tr.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PriorFileError, match=message) as raised:
        read_prior(path, "tr")
    assert str(path) in str(raised.value) and "bench/sentiment_prior_build.py" in str(raised.value)


def test_scoring_without_its_prior_file_fails_with_the_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(prior_module, "PRIOR_DIR", tmp_path)
    load_prior.cache_clear()
    try:
        with pytest.raises(PriorFileError, match="is missing"):
            _scored("Herif telefonu kapattı")
    finally:
        load_prior.cache_clear()
        sentiment.clear_cache()
