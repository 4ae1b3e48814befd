"""Rebuild the neutral models (cxcore/data/sentiment/neutral/<language>.tsv) and cross-check them.

    .venv/bin/python bench/sentiment_neutral_build.py            # write the shipped files
    .venv/bin/python bench/sentiment_neutral_build.py --cross    # leave one file out, print

A neutral model says whether a person would call a comment neutral (questions, requests,
plain statements of a problem) rather than negative or positive: a logistic regression per
language, neutral (1) vs polar (0), over the learned prior's features
(`cxcore.text.sentiment.prior.prior_features`), trained on every row of the project's own
service files (`sentiment_prior_build.SERVICE_FILES`: the survey tune files and the
training files, each with its three labels; one copy of each comment, none that occurs in
another evaluation text, none near a held-out comment: `sentiment_prior_build.near_held_out`).
Only features seen in at least MIN_DF training texts are kept, rounded: no text can be read
back. The header keeps the intercept, `max_words` (the 99th percentile of the training comments'
lengths in words: longer texts, such as reviews, are left alone) and `neutral_from`, the
probability from which the product takes a comment for neutral; it is chosen by
bench/sentiment_prior_grid.py (`--neutral`) on the tune parts and kept across rebuilds (1 or
more: off). The defaults
write the shipped files byte for byte (on the day in their `built:` line).

`--cross` fits the models once per service file without it and prints, per language and
file left out, the AUC of P(neutral) for neutral vs polar rows, and the mean; `out_of_fold`
gives the grid the same scores.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sentiment_eval, sentiment_sets  # noqa: E402
from bench import sentiment_prior_build as build  # noqa: E402
from cxcore.text.sentiment.neutral import NEUTRAL_DIR, NeutralModel, read_neutral  # noqa: E402
from cxcore.text.sentiment.prior import (  # noqa: E402
    FORMAT,
    Prior,
    PriorFileError,
)

LANGUAGES = ("tr", "cs", "en")
MIN_DF = build.MIN_DF  # the features the prior keeps (`build.feature_matrix`)
DEFAULT_FEATURES = 20_000
C = build.C  # inverse L2 strength, as the prior's
OFF = "1"  # neutral_from of a new file: the model decides nothing until the grid says so

Rows = dict[str, dict[str, tuple[list[str], list[int]]]]  # language -> file -> rows


def service_rows(paths: tuple[Path, ...], exclude: frozenset[str]) -> Rows:
    """Every labelled row of each service file per language, 1 when neutral; one copy of
    each comment across the files (the first keeps it), none that occurs in `exclude` or
    is near a held-out comment (`build.labelled_rows`)."""
    label_of = {label: int(label == sentiment_sets.NEUTRAL) for label in sentiment_sets.LABELS}
    found: Rows = {}
    for name, language, _read, texts, labels, dropped in build.labelled_rows(
        paths, exclude, label_of
    ):
        if texts or dropped:  # a language with labelled rows in this file
            found.setdefault(language, {})[name] = (texts, labels)
    return found


def fit(texts: list[str], labels: list[int], language: str) -> tuple[dict[str, float], float]:
    """(feature weights, intercept) of neutral vs polar on features seen MIN_DF times."""
    from sklearn.linear_model import LogisticRegression

    matrix, names = build.feature_matrix(texts, language)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(matrix, np.array(labels))
    weights = build.strongest(model.coef_.ravel(), names, DEFAULT_FEATURES)
    return weights, round(float(model.intercept_[0]), 4)


def max_words(texts: list[str]) -> int:
    """The longest comment the model decides for: the 99th percentile of the lengths (in
    words) of the comments it learned from, rounded up."""
    return int(np.ceil(np.percentile([len(t.split()) for t in texts], 99)))


def _pooled(rows: Rows, language: str, leave_out: str | None) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    labels: list[int] = []
    for name, (more, more_labels) in rows.get(language, {}).items():
        if name != leave_out:
            texts += more
            labels += more_labels
    return texts, labels


def models(rows: Rows, leave_out: str | None = None, keep: dict | None = None) -> dict:
    """The neutral model of each language fitted without the file `leave_out`, with the
    `neutral_from` of `keep` (language -> threshold text; default off)."""
    found = {}
    for language in LANGUAGES:
        texts, labels = _pooled(rows, language, leave_out)
        if len(set(labels)) < 2:
            continue  # nothing to learn from
        weights, intercept = fit(texts, labels, language)
        header = {
            "intercept": str(intercept),
            "neutral_from": (keep or {}).get(language, OFF),
            "max_words": str(max_words(texts)),
        }
        found[language] = NeutralModel(Prior(language, weights, header))
    return found


def training() -> Rows:
    """The rows as the shipped files are built from them."""
    found = build.evaluation_keys(sentiment_eval.DEFAULT_DATA, None)
    paths = tuple(p for p in build.SERVICE_FILES if p.is_file())
    return service_rows(paths, build.keys_but(found, build.SERVICE_FILES))


def out_of_fold(rows: Rows) -> dict[str, dict]:
    """Per service file, the models fitted without it (file name -> language -> model)."""
    found = {}
    for path in build.SERVICE_FILES:
        if path.is_file():
            found[path.name] = models(rows, path.name)
            print(f"neutral: fitted without {path.name}", file=sys.stderr, flush=True)
    return found


def _kept_threshold(path: Path, language: str) -> str:
    try:
        return read_neutral(path, language).prior.header["neutral_from"]
    except PriorFileError:
        return OFF


def write(language: str, model: NeutralModel, rows: Rows) -> Path:
    """The file: format line, header (intercept, threshold kept, sources), weights."""
    NEUTRAL_DIR.mkdir(parents=True, exist_ok=True)
    path = NEUTRAL_DIR / f"{language}.tsv"
    threshold = _kept_threshold(path, language)
    lines = [
        f"# {FORMAT}",
        f"# language: {language}",
        "# kind: neutral vs polar (a positive weight: a person calls it neutral)",
        f"# intercept: {model.prior.header['intercept']}",
        f"# neutral_from: {threshold}",
        f"# max_words: {model.prior.header['max_words']}",
        f"# built: {date.today().isoformat()} by bench/sentiment_neutral_build.py",
        f"# min_df: {MIN_DF}",
    ]
    for name, (texts, labels) in rows.get(language, {}).items():
        lines.append(
            f"# source: bench/{name} ({build.SERVICE_LICENCE}; {len(texts)} comments used, "
            f"{sum(labels)} neutral)"
        )
    weights = model.prior.weights
    for feature, weight in sorted(weights.items(), key=lambda item: (-abs(item[1]), item[0])):
        lines.append(f"{feature}\t{weight}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def probabilities(model: NeutralModel, texts: list[str], language: str) -> np.ndarray:
    """P(neutral) of each text by `model`."""
    from cxcore.text.sentiment.prior import feature_keys

    return np.array([model.probability(feature_keys(t, language)) for t in texts])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cross", action="store_true", help="leave one file out and print")
    args = parser.parse_args()
    rows = training()
    if not args.cross:
        for language, model in models(rows).items():
            texts, labels = _pooled(rows, language, None)
            path = write(language, model, rows)
            print(
                f"{language}: {len(texts)} comments, {sum(labels)} neutral, "
                f"{len(model.prior.weights)} weights -> {path}"
            )
        return
    table, means = [], {}
    for name, fitted in out_of_fold(rows).items():
        for language in LANGUAGES:
            texts, labels = rows.get(language, {}).get(name, ([], []))
            if len(set(labels)) < 2:
                continue
            from sklearn.metrics import roc_auc_score

            auc = float(roc_auc_score(labels, probabilities(fitted[language], texts, language)))
            means.setdefault(language, []).append(auc)
            table.append(
                {
                    "lang": language,
                    "left out": name,
                    "n": str(len(texts)),
                    "neutral": str(sum(labels)),
                    "AUC neutral vs polar": f"{auc:.3f}",
                }
            )
    sentiment_eval._print_table(table)
    print()
    sentiment_eval._print_table(
        [
            {"lang": k, "files": str(len(v)), "mean AUC": f"{np.mean(v):.3f}"}
            for k, v in means.items()
        ]
    )


if __name__ == "__main__":
    main()
