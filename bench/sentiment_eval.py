"""ROC AUC of each sentiment method on the real labelled datasets (docs/benchmarks.md).

Reads the files in place from ../shared/datasets (never copies them into the repo):

    .venv/bin/python bench/sentiment_eval.py [--data DIR] [--limit N]

Each dataset becomes texts with a 0 (low) / 1 (high) label; middle ratings are left out.
Methods: TextBlob and VADER (baselines), our lexicon alone (cold start, what
`score_texts` returns), and the lexicon blended with a text model learned from the labels,
cross-fitted over 5 folds (`fit_learned_scores`: no text is scored by a model that saw it).

Three-class figures (does the label agree with the person's: negative / neutral / positive):

    .venv/bin/python bench/sentiment_eval.py --external [--part tune|heldout|both]
    .venv/bin/python bench/sentiment_eval.py --three-class
    .venv/bin/python bench/sentiment_eval.py --survey [--part tune|heldout|both]

`--external` scores the sets of public repositories in `bench/sentiment_sets.py` (read in
place from /work/.mirror, or from --data-dir), each split by a hash of the text into a tune
and a heldout half before anything is scored, and capped at --cap texts per half.
`--three-class` scores the four sets above with their neutral class kept (airline:
neutral; clothing: 3 stars; Turkish: Durum 2; ČSFD: 2–3 stars), capped at 2 × --cap.
Both report n, ROC AUC negative vs positive, accuracy of the 3-class label, macro-F1 over
the classes the set has, and the share of texts scored exactly 0, for our `score_texts`
(its polarity and `sentiment_label`), TextBlob (polarity > 0 / < 0 / = 0) and VADER
(compound ≥ 0.05 / ≤ −0.05). `--misses N` prints N misread texts per set of the tune half
only: texts of the heldout half are never printed.

`--survey` scores survey-style comments per language: the tune part is
`bench/sentiment_survey_tune.csv` (written for tuning) together with
`bench/journey_heldout_set.csv`, `bench/journey_fresh_set.csv`,
`bench/journey_fresh2_set.csv`, `bench/journey_fresh3_set.csv`,
`bench/journey_fresh4_set.csv`, `bench/journey_fresh5_set.csv` and
`bench/journey_fresh6_set.csv` (all retired to tuning, fresh2 to fresh6 once each was scored
at least twice for sentiment; see bench/HELDOUT_SETS.md), the heldout part
`bench/journey_fresh7_set.csv` (held out for
sentiment and placement: figures only, its misses are never printed); `--survey-heldout
FILE` reads another held-out file of the same columns instead, figures only as well.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sentiment_sets  # noqa: E402
from cxcore.fields import LANGUAGE, SENTIMENT, SENTIMENT_LABEL  # noqa: E402
from cxcore.text import sentiment  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "datasets"


def _clothing(data: Path) -> tuple[list[str], np.ndarray]:
    frame = pd.read_csv(data / "en_womens_clothing_ecommerce_reviews.csv")
    frame = frame.dropna(subset=["Review Text"])
    frame = frame[frame["Rating"] != 3]
    return frame["Review Text"].tolist(), (frame["Rating"] >= 4).to_numpy(float)


def _airline(data: Path) -> tuple[list[str], np.ndarray]:
    frame = pd.read_csv(data / "en_twitter_us_airline_sentiment.csv")
    frame = frame[frame["airline_sentiment"] != "neutral"]
    return frame["text"].tolist(), (frame["airline_sentiment"] == "positive").to_numpy(float)


def _turkish(data: Path) -> tuple[list[str], np.ndarray]:
    # "Turkish Excel" export: UTF-8 with BOM and ; as delimiter.
    frame = pd.read_csv(data / "tr_eticaret_urun_yorumlari.csv", sep=";", encoding="utf-8-sig")
    frame = frame.dropna(subset=["Metin"])
    frame = frame[frame["Durum"].isin([0, 1])]
    return frame["Metin"].astype(str).tolist(), frame["Durum"].to_numpy(float)


def _czech(data: Path) -> tuple[list[str], np.ndarray]:
    frame = pd.read_csv(data / "cs_csfd_movie_reviews_sample.csv")
    frame = frame.dropna(subset=["text"])
    frame = frame[~frame["rating"].isin([2, 3])]
    return frame["text"].astype(str).tolist(), (frame["rating"] >= 4).to_numpy(float)


DATASETS: dict[str, tuple[str, Callable[[Path], tuple[list[str], np.ndarray]]]] = {
    "clothing (en)": ("en", _clothing),
    "airline (en)": ("en", _airline),
    "e-commerce (tr)": ("tr", _turkish),
    "ČSFD (cs)": ("cs", _czech),
}


def _textblob(texts: list[str]) -> np.ndarray:
    from textblob import TextBlob

    return np.array([TextBlob(t).sentiment.polarity for t in texts])


def _vader(texts: list[str]) -> np.ndarray:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t)["compound"] for t in texts])


def _auc(labels: np.ndarray, scores: np.ndarray) -> float:
    return float(roc_auc_score(labels, np.nan_to_num(scores)))


def evaluate(name: str, language: str, texts: list[str], labels: np.ndarray) -> dict[str, str]:
    """AUC of every method on one dataset, formatted for the table."""
    started = time.perf_counter()
    scored = sentiment.score_texts(texts)
    lexicon = scored[SENTIMENT].to_numpy(float)
    detected = float((scored[LANGUAGE] == language).mean())
    learned = sentiment.fit_learned_scores(texts, labels, scored[LANGUAGE].tolist(), lexicon)
    fits = learned.fits.values()
    blend = next((f.blend_auc for f in learned.fits.values() if f.language == language), None)
    return {
        "dataset": name,
        "n": f"{len(texts):,}",
        "TextBlob": f"{_auc(labels, _textblob(texts)):.3f}",
        "VADER": f"{_auc(labels, _vader(texts)):.3f}",
        "ours, cold start": f"{_auc(labels, lexicon):.3f}",
        "ours + learned (5-fold)": f"{_auc(labels, learned.polarity):.3f}",
        "blend in main language": "–" if blend is None else f"{blend:.3f}",
        "blend used": ", ".join(f"{f.language}:{'yes' if f.used else 'no'}" for f in fits),
        "detected as " + language: f"{detected:.1%}",
        "seconds": f"{time.perf_counter() - started:.0f}",
    }


# --- three classes --------------------------------------------------------------------------

NEG, NEU, POS = sentiment_sets.LABELS


def _clothing3(data: Path) -> tuple[list[str], list[str]]:
    frame = pd.read_csv(data / "en_womens_clothing_ecommerce_reviews.csv")
    frame = frame.dropna(subset=["Review Text", "Rating"])
    stars = frame["Rating"].astype(int)
    labels = np.where(stars <= 2, NEG, np.where(stars == 3, NEU, POS))
    return frame["Review Text"].astype(str).tolist(), labels.tolist()


def _airline3(data: Path) -> tuple[list[str], list[str]]:
    frame = pd.read_csv(data / "en_twitter_us_airline_sentiment.csv")
    frame = frame[frame["airline_sentiment"].isin([NEG, NEU, POS])]
    return frame["text"].astype(str).tolist(), frame["airline_sentiment"].tolist()


def _turkish3(data: Path) -> tuple[list[str], list[str]]:
    frame = pd.read_csv(data / "tr_eticaret_urun_yorumlari.csv", sep=";", encoding="utf-8-sig")
    frame = frame.dropna(subset=["Metin"])
    mapping = {0: NEG, 1: POS, 2: NEU}  # the shared README: 0 negative, 1 positive, 2 neutral
    frame = frame[frame["Durum"].isin(list(mapping))]
    return frame["Metin"].astype(str).tolist(), frame["Durum"].map(mapping).tolist()


def _czech3(data: Path) -> tuple[list[str], list[str]]:
    frame = pd.read_csv(data / "cs_csfd_movie_reviews_sample.csv")
    frame = frame.dropna(subset=["text", "rating"])
    stars = frame["rating"].astype(int)
    labels = np.where(stars <= 1, NEG, np.where(stars <= 3, NEU, POS))
    return frame["text"].astype(str).tolist(), labels.tolist()


THREE_CLASS: dict[str, tuple[str, Callable[[Path], tuple[list[str], list[str]]]]] = {
    "clothing 1–2/3/4–5 (en)": ("en", _clothing3),
    "airline (en)": ("en", _airline3),
    "e-commerce Durum 0/2/1 (tr)": ("tr", _turkish3),
    "ČSFD 0–1/2–3/4–5 (cs)": ("cs", _czech3),
}


def _three_way(scores: np.ndarray, low: float, high: float) -> np.ndarray:
    """negative at or below `low`, positive at or above `high`, neutral between (NaN: 0)."""
    scores = np.nan_to_num(scores)
    return np.where(scores <= low, NEG, np.where(scores >= high, POS, NEU)).astype(object)


def _ours3(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scored = sentiment.score_texts(texts)
    labels = scored[SENTIMENT_LABEL].fillna(NEU).to_numpy(object)
    return scored[SENTIMENT].to_numpy(float), labels, scored[LANGUAGE].to_numpy(object)


def _textblob3(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    scores = _textblob(texts)
    return scores, _three_way(scores, -1e-12, 1e-12)  # > 0 / < 0 / exactly 0


def _vader3(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    scores = _vader(texts)
    return scores, _three_way(scores, -0.05, 0.05)


METHODS3: dict[str, Callable[[list[str]], tuple[np.ndarray, np.ndarray]]] = {
    "TextBlob": _textblob3,
    "VADER": _vader3,
}


@dataclass
class Scored:
    """One set's (or part's) gold labels and every method's scores and labels."""

    name: str
    language: str
    part: str
    gold: np.ndarray
    scores: dict[str, np.ndarray]
    labels: dict[str, np.ndarray]
    detected: float


def score3(name: str, language: str, part: str, texts: list[str], gold: list[str]) -> Scored:
    ours, ours_labels, languages = _ours3(texts)
    scores, labels = {"ours": ours}, {"ours": ours_labels}
    for method, run in METHODS3.items():
        scores[method], labels[method] = run(texts)
    detected = float(np.mean(languages == language)) if len(texts) else float("nan")
    return Scored(name, language, part, np.array(gold, dtype=object), scores, labels, detected)


def figures3(gold: np.ndarray, scores: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """AUC negative vs positive, 3-class accuracy, macro-F1 and share scored exactly 0."""
    polar = gold != NEU
    is_pos = gold[polar] == POS
    auc = (
        float(roc_auc_score(is_pos, np.nan_to_num(scores[polar])))
        if 0 < is_pos.sum() < len(is_pos)
        else float("nan")
    )
    present = [c for c in sentiment_sets.LABELS if (gold == c).any()]
    return {
        "auc": auc,
        "accuracy": float(np.mean(labels == gold)),
        "macro_f1": float(f1_score(gold, labels, labels=present, average="macro", zero_division=0)),
        "zero": float(np.mean(np.nan_to_num(scores) == 0.0)),
    }


def _pooled(parts: list[Scored], name: str) -> Scored:
    first = parts[0]
    return Scored(
        name,
        first.language,
        first.part,
        np.concatenate([p.gold for p in parts]),
        {m: np.concatenate([p.scores[m] for p in parts]) for m in first.scores},
        {m: np.concatenate([p.labels[m] for p in parts]) for m in first.labels},
        float(np.average([p.detected for p in parts], weights=[len(p.gold) for p in parts])),
    )


def rows3(result: Scored) -> list[dict[str, str]]:
    counts = "/".join(f"{int((result.gold == c).sum()):,}" for c in sentiment_sets.LABELS)
    rows = []
    for method in result.scores:
        found = figures3(result.gold, result.scores[method], result.labels[method])
        rows.append(
            {
                "set": result.name,
                "lang": result.language,
                "part": result.part,
                "n": f"{len(result.gold):,}",
                "neg/neu/pos": counts,
                "method": method,
                "AUC neg–pos": "–" if np.isnan(found["auc"]) else f"{found['auc']:.3f}",
                "label agrees": f"{found['accuracy']:.1%}",
                "macro-F1": f"{found['macro_f1']:.3f}",
                "scored 0": f"{found['zero']:.1%}",
                "detected": f"{result.detected:.0%}" if method == "ours" else "",
            }
        )
    return rows


def _print_table(rows: list[dict[str, str]]) -> None:
    table = pd.DataFrame(rows)
    print("| " + " | ".join(table.columns) + " |")
    print("|" + "---|" * len(table.columns))
    for row in table.itertuples(index=False):
        print("| " + " | ".join(str(v) for v in row) + " |")


def _print_misses(result: Scored, texts: list[str], limit: int) -> None:
    """Texts of a tune part that our label misreads (never called for a heldout part)."""
    assert result.part != "heldout", "heldout texts are never printed"
    wrong = np.flatnonzero(result.labels["ours"] != result.gold)
    print(f"\n#### Misread by ours: {result.name}, {result.part} ({len(wrong):,} texts)\n")
    for i in wrong[:limit]:
        text = " ".join(texts[i].split())
        print(
            f"- person {result.gold[i]}, ours {result.labels['ours'][i]} "
            f"({result.scores['ours'][i]:+.2f}): {text[:300]}"
        )


def _shared_keys(data: Path) -> frozenset[str]:
    """The comments of the four shared sets, to keep them out of the external sets."""
    keys: set[str] = set()
    for _, load in THREE_CLASS.values():
        try:
            texts, _ = load(data)
        except FileNotFoundError:
            print(f"note: {data} has not every shared set; overlap not excluded", file=sys.stderr)
            continue
        keys.update(sentiment_sets.text_key(t) for t in texts)
    return frozenset(keys)


def _sample(texts: list[str], labels: list[str], cap: int) -> tuple[list[str], list[str]]:
    """Deterministic sample by the same text hash as the external sets' split."""
    if not cap or len(texts) <= cap:
        return texts, labels
    order = sorted(range(len(texts)), key=lambda i: sentiment_sets._hash(texts[i], "sample"))
    keep = sorted(order[:cap])
    return [texts[i] for i in keep], [labels[i] for i in keep]


SURVEY_SETS = {
    # journey_heldout_set.csv and journey_fresh_set.csv were retired to tuning on
    # 2026-12-07 (bench/HELDOUT_SETS.md); journey_fresh2/3/4_set.csv followed later that day,
    # each scored at least twice for sentiment, when journey_fresh5_set.csv was written;
    # journey_fresh5_set.csv (scored twice for sentiment in round six) when
    # journey_fresh6_set.csv was written; journey_fresh6_set.csv (scored twice in round
    # seven) when journey_fresh7_set.csv became the held-out part.
    "tune": (
        ROOT / "bench" / "sentiment_survey_tune.csv",
        ROOT / "bench" / "journey_heldout_set.csv",
        ROOT / "bench" / "journey_fresh_set.csv",
        ROOT / "bench" / "journey_fresh2_set.csv",
        ROOT / "bench" / "journey_fresh3_set.csv",
        ROOT / "bench" / "journey_fresh4_set.csv",
        ROOT / "bench" / "journey_fresh5_set.csv",
        ROOT / "bench" / "journey_fresh6_set.csv",
    ),
    "heldout": (ROOT / "bench" / "journey_fresh7_set.csv",),
}


def run_survey(args: argparse.Namespace) -> list[dict[str, str]]:
    """Figures per language and pooled on the survey-style comments of each part."""
    rows = []
    parts = list(sentiment_sets.PARTS) if args.part == "both" else [args.part]
    for part in parts:
        paths = SURVEY_SETS[part]
        if part == "heldout" and args.survey_heldout:
            paths = (args.survey_heldout,)
        frame = pd.concat([pd.read_csv(path) for path in paths], ignore_index=True)
        results = []
        for language, group in frame.groupby("language", sort=True):
            texts, gold = group["comment"].astype(str).tolist(), group["sentiment"].tolist()
            result = score3(f"survey comments ({language})", language, part, texts, gold)
            results.append(result)
            rows += rows3(result)
            if args.misses and part == "tune":
                _print_misses(result, texts, args.misses)
        pooled = _pooled(results, "survey comments, all languages")
        pooled.language = "all"
        rows += rows3(pooled)
    return rows


def run_three_class(args: argparse.Namespace) -> None:
    rows, by_language = [], {}
    if args.survey:
        rows += run_survey(args)
    if args.three_class:
        for name, (language, load) in THREE_CLASS.items():
            if args.only and args.only not in name:
                continue
            texts, gold = _sample(*load(args.data), 2 * args.cap)
            result = score3(name, language, "all (shared)", texts, gold)
            rows += rows3(result)
            print(rows[-1], file=sys.stderr, flush=True)
            if args.misses:
                _print_misses(result, texts, args.misses)
    if args.external:
        parts = list(sentiment_sets.PARTS) if args.part == "both" else [args.part]
        exclude = _shared_keys(args.data) if args.data.is_dir() else frozenset()
        for name, labelled in sentiment_sets.EXTERNAL.items():
            if args.only and args.only not in name:
                continue
            split, counts = sentiment_sets.load(labelled, args.data_dir, args.cap, exclude)
            print(f"{name}: {counts}", file=sys.stderr, flush=True)
            for part in parts:
                texts, gold = split[part]
                result = score3(name, labelled.language, part, texts, gold)
                rows += rows3(result)
                by_language.setdefault((labelled.language, part), []).append(result)
                if args.misses and part == "tune":
                    _print_misses(result, texts, args.misses)
        for (language, _part), results in sorted(
            by_language.items(), key=lambda item: (item[0][0], parts.index(item[0][1]))
        ):
            if len(results) > 1:
                rows += rows3(_pooled(results, f"all {language} sets, pooled"))
    _print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N rows per dataset (0: all)")
    parser.add_argument("--only", help="evaluate only datasets whose name contains this")
    parser.add_argument(
        "--external", action="store_true", help="3-class figures on bench/sentiment_sets.py"
    )
    parser.add_argument("--part", choices=["tune", "heldout", "both"], default="tune")
    parser.add_argument(
        "--three-class", action="store_true", help="3-class figures on the four shared sets"
    )
    parser.add_argument(
        "--survey", action="store_true", help="3-class figures on survey-style comments"
    )
    parser.add_argument(
        "--cap",
        type=int,
        default=sentiment_sets.DEFAULT_CAP,
        help="texts per external part (shared sets: twice this; 0: all)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="read external sets from DIR/<owner>+<name>/<path> instead of /work/.mirror",
    )
    parser.add_argument(
        "--misses", type=int, default=0, help="print N misread texts per set (tune part only)"
    )
    parser.add_argument(
        "--survey-heldout",
        type=Path,
        default=None,
        help="another held-out survey file (comment, language, sentiment columns) for --survey",
    )
    args = parser.parse_args()
    if args.misses and (args.external or args.survey) and args.part != "tune":
        parser.error("--misses prints texts, so only with --part tune (heldout stays unread)")
    if args.external or args.three_class or args.survey:
        run_three_class(args)
        return
    rows = []
    for name, (language, load) in DATASETS.items():
        if args.only and args.only not in name:
            continue
        texts, labels = load(args.data)
        if args.limit:
            texts, labels = texts[: args.limit], labels[: args.limit]
        rows.append(evaluate(name, language, texts, labels))
        print(rows[-1], file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    header = "| " + " | ".join(table.columns) + " |"
    print(header)
    print("|" + "---|" * len(table.columns))
    for row in table.itertuples(index=False):
        print("| " + " | ".join(str(v) for v in row) + " |")


if __name__ == "__main__":
    main()
