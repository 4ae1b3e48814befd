"""Cross-check the service comments' weight in the learned prior: one file left out at a time.

    .venv/bin/python bench/sentiment_prior_cross.py [--weights 0,1,3,10] [--data-dir DIR]

The service files (`sentiment_prior_build.SERVICE_FILES`: tune and training files only,
each written by another helper session) teach the prior beside the subtitle lines, each
comment counting `weight` lines. For each weight and each file, the priors of the three
languages are fitted without that file (and without any comment it shares with the
others), and the file is scored with them as the product scores it: the rules, the gate
(`rules._prior_gate`), the blend with the shares of --shares (default: the shipped ones)
and the label by `NEUTRAL_BANDS`. Weight 0 is the subtitles alone (round four). Prints per
weight, language and left-out file: AUC of the prior alone and of the blend on its
negative and positive rows, label agreement, share scored exactly 0; then the mean over
the files. Heldout files are never read: only the service files are judged.

`out_of_fold` gives the scores of a weight to bench/sentiment_prior_grid.py, which chooses
the shares and the band on them.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sentiment_eval, sentiment_sets  # noqa: E402
from bench import sentiment_prior_build as build  # noqa: E402
from cxcore.fields import LANGUAGE  # noqa: E402
from cxcore.text import sentiment  # noqa: E402
from cxcore.text.sentiment import rules  # noqa: E402
from cxcore.text.sentiment.prior import Prior, load_prior  # noqa: E402

LANGUAGES = ("tr", "cs", "en")
NEG, NEU, POS = sentiment_sets.LABELS


@dataclass
class Training:
    """What every fit starts from: subtitle lines per language, the service rows per
    language and file, and the text keys of each service file (all its rows)."""

    subtitles: dict[str, tuple[list[str], list[int]]]
    service: build.Service
    file_keys: dict[str, frozenset[str]]
    # weight of each public tune half that teaches the prior (build.PUBLIC_TRAINING)
    public: dict[str, float] = field(default_factory=dict)


def service_paths() -> tuple[Path, ...]:
    """The service files present (journey_train1_set.csv joins when it is committed)."""
    return tuple(p for p in build.SERVICE_FILES if p.is_file())


def training(data: Path, data_dir: Path | None, public: dict[str, float] | None = None) -> Training:
    """The training rows as bench/sentiment_prior_build.py reads them; `public` (per
    language, default build.PUBLIC_TRAINING's) weighs the public tune halves."""
    found = build.evaluation_keys(data, data_dir)
    subtitles, _card = build.training_rows(data_dir, build.keys_but(found))
    service, _card = build.service_rows(service_paths(), build.keys_but(found, build.SERVICE_FILES))
    rows, file_keys, _card = build.public_rows(data, data_dir, found)
    for language, files in rows.items():
        service.setdefault(language, {}).update(files)
    for path in service_paths():
        comments = pd.read_csv(path, dtype=str)["comment"].dropna()
        file_keys[path.name] = frozenset(sentiment_sets.text_key(t) for t in comments)
    by_language = public or build.public_weights_of("")
    weights = {
        name: by_language.get(sentiment_sets.EXTERNAL[name].language, 0.0)
        for name in build.PUBLIC_TRAINING
    }
    return Training(subtitles, service, file_keys, weights)


def fit_priors(
    found: Training, weight: float | dict[str, float], leave_out: str | None
) -> dict[str, Prior]:
    """The prior of each language, fitted without the file `leave_out` (None: all files)
    and without any comment of another file that `leave_out` holds too; `weight` is one
    for every language or one per language."""
    held = found.file_keys.get(leave_out or "", frozenset())
    priors = {}
    for language in LANGUAGES:
        service = {}
        for name, (texts, labels) in found.service.get(language, {}).items():
            kept = [sentiment_sets.text_key(t) not in held for t in texts]
            service[name] = (
                [t for t, k in zip(texts, kept, strict=True) if k],
                [lab for lab, k in zip(labels, kept, strict=True) if k],
            )
        texts, labels, sample = build.combined(
            found.subtitles[language],
            service,
            weight[language] if isinstance(weight, dict) else weight,
            leave_out,
            found.public,
        )
        weights, _counts = build.fit_weights(
            texts, labels, language, build.DEFAULT_FEATURES, sample
        )
        priors[language] = Prior(language, weights, load_prior(language).header)
    return priors


def rules_parts(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The rules' polarity, the gate and the prior's language of each text by its detected
    language, as the product computes them, and the normalized texts."""
    languages = sentiment.score_texts(texts)[LANGUAGE].to_numpy(object)
    polarity = np.zeros(len(texts))
    gates, lexicons, keys = [], [], []
    for i, (text, language) in enumerate(zip(texts, languages, strict=True)):
        key = rules._normalize(text)
        keys.append(key)
        if not key or not isinstance(language, str):
            gates.append("none")
            lexicons.append(None)
            continue
        polarity[i], gate, lexicon = rules._prior_gate(key, language)
        gates.append(gate)
        lexicons.append(lexicon)
    return polarity, np.array(gates, dtype=object), np.array(lexicons, dtype=object), keys


def prior_scores(keys: list[str], lexicons: np.ndarray, priors: dict[str, Prior]) -> np.ndarray:
    """Each text's prior polarity by the prior of its lexicon's language (0 without one)."""
    return np.array(
        [
            priors[lex].score(key) if lex in priors else 0.0
            for key, lex in zip(keys, lexicons, strict=True)
        ]
    )


def blend(
    polarity: np.ndarray, gates: np.ndarray, prior: np.ndarray, beside: float, alone: float
) -> np.ndarray:
    """The cold-start score the product computes from the rules and the prior."""
    return np.where(
        gates == "beside",
        (1 - beside) * polarity + beside * prior,
        np.where(gates == "alone", alone * prior, polarity),
    )


def labels_of(scores: np.ndarray, high: float) -> np.ndarray:
    """negative below 0, positive from `high`, neutral between."""
    return np.where(scores < 0, NEG, np.where(scores >= high, POS, NEU)).astype(object)


@dataclass
class FileScores:
    """One service file's rows of one language, scored out of fold."""

    name: str
    language: str
    gold: np.ndarray
    polarity: np.ndarray
    gates: np.ndarray
    prior: np.ndarray
    keys: list[str] | None = None
    lexicons: np.ndarray | None = None


def out_of_fold(
    found: Training, weight: float | dict[str, float]
) -> tuple[list[FileScores], dict[str, Prior]]:
    """Every service file's rows per language scored by priors that never saw the file,
    and the priors fitted on all the files (for sets that are not training text)."""
    scored = []
    for path in service_paths():
        priors = fit_priors(found, weight, path.name)
        frame = pd.read_csv(path, dtype=str)
        for language, group in frame.groupby("language", sort=True):
            texts = group["comment"].astype(str).tolist()
            polarity, gates, lexicons, keys = rules_parts(texts)
            prior = prior_scores(keys, lexicons, priors)
            gold = group["sentiment"].to_numpy(object)
            scored.append(
                FileScores(path.name, language, gold, polarity, gates, prior, keys, lexicons)
            )
        print(f"weight {weight}: scored {path.name} out of fold", file=sys.stderr, flush=True)
    return scored, fit_priors(found, weight, None)


def _auc(gold: np.ndarray, scores: np.ndarray) -> float:
    return sentiment_eval.figures3(gold, scores, gold)["auc"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=sentiment_eval.DEFAULT_DATA)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--weights", default="0,1,3,10")
    parser.add_argument(
        "--shares",
        default="",
        help="tr:beside/alone,cs:...,en:... (default: the shipped shares)",
    )
    args = parser.parse_args()
    shares = {lang: load_prior(lang).shares for lang in LANGUAGES}
    for item in filter(None, args.shares.split(",")):
        lang, _, pair = item.partition(":")
        beside, _, alone = pair.partition("/")
        shares[lang] = (float(beside), float(alone))
    bands = {
        lang: rules.NEUTRAL_BANDS[m][1]
        for lang, m in (("tr", "lexicon-tr"), ("cs", "lexicon-cs"), ("en", "vader+lexicon-en"))
    }
    found = training(args.data, args.data_dir)
    rows, means = [], []
    for weight in (float(w) for w in args.weights.split(",")):
        scored, _full = out_of_fold(found, weight)
        for language in LANGUAGES:
            figures = []
            for part in (s for s in scored if s.language == language):
                mixed = blend(part.polarity, part.gates, part.prior, *shares[language])
                found3 = sentiment_eval.figures3(
                    part.gold, mixed, labels_of(mixed, bands[language])
                )
                figure = {
                    "prior AUC": _auc(part.gold, part.prior),
                    "AUC": found3["auc"],
                    "agrees": found3["accuracy"],
                    "scored 0": found3["zero"],
                }
                figures.append(figure)
                rows.append(
                    {"weight": f"{weight:g}", "lang": language, "left out": part.name}
                    | {k: f"{v:.3f}" for k, v in figure.items()}
                )
            means.append(
                {"weight": f"{weight:g}", "lang": language, "files": str(len(figures))}
                | {k: f"{np.mean([f[k] for f in figures]):.3f}" for k in figures[0]}
            )
    sentiment_eval._print_table(rows)
    print()
    sentiment_eval._print_table(means)


if __name__ == "__main__":
    main()
