"""ROC AUC of each sentiment method on the real labelled datasets (docs/benchmarks.md).

Reads the files in place from ../shared/datasets (never copies them into the repo):

    .venv/bin/python bench/sentiment_eval.py [--data DIR] [--limit N]

Each dataset becomes texts with a 0 (low) / 1 (high) label; middle ratings are left out.
Methods: TextBlob and VADER (baselines), our lexicon alone (cold start, what
`score_texts` returns), and the lexicon blended with a text model learned from the labels,
cross-fitted over 5 folds (`fit_learned_scores`: no text is scored by a model that saw it).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxcore.fields import LANGUAGE, SENTIMENT  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N rows per dataset (0: all)")
    parser.add_argument("--only", help="evaluate only datasets whose name contains this")
    args = parser.parse_args()
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
