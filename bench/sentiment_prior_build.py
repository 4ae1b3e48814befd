"""Rebuild the learned sentiment priors (cxcore/data/sentiment/prior/<language>.tsv).

    .venv/bin/python bench/sentiment_prior_build.py [--data-dir DIR] [--features N]

Reads the training sources in place (`git show COMMIT:PATH` under /work/.mirror, or
DIR/<owner>+<name>/<path>; nothing is copied into the repository), drops every training
text that also occurs in an evaluation set (every set of bench/sentiment_sets.py, every
bench/*.csv, the four shared datasets; compared NFC, casefolded, single spaces), fits a
logistic regression per language on the product's own features
(`cxcore.text.sentiment.prior.prior_features`) and keeps only features seen in at least
MIN_DF training texts, the strongest --features of them, rounded: no single text can be read
back from the file. The shares of the blend (header lines share_beside, share_alone) are
chosen by bench/sentiment_prior_grid.py and kept across rebuilds. Prints the rows used and
dropped per source (docs/benchmarks.md).

Sources (docs/sentiment.md has the provenance card): XED (Öhman et al. 2020), movie
subtitle lines annotated with Plutchik's emotions, CC BY 4.0: English annotated by people,
Turkish, Czech and Slovak projected from them over aligned subtitles. Joy and trust are
positive, anger, disgust, fear and sadness negative; lines with both, or with only
anticipation or surprise, are left out.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sentiment_eval, sentiment_sets  # noqa: E402
from cxcore.text.sentiment.prior import (  # noqa: E402
    FORMAT,
    PRIOR_DIR,
    PriorFileError,
    prior_features,
    read_prior,
)

MIN_DF = 3  # a feature must occur in this many training texts
DEFAULT_FEATURES = 20_000  # the strongest, per language
C = 1.0  # inverse L2 strength of the logistic regression

_XED = sentiment_sets.Source("Helsinki-NLP/XED", "76666d251f147cf518071bef4f8415dab6b96115")
_POSITIVE = {5, 8}  # joy, trust
_NEGATIVE = {1, 3, 4, 6}  # anger, disgust, fear, sadness


@dataclass(frozen=True)
class TrainingSource:
    """One file of labelled lines for one language's prior."""

    language: str
    source: sentiment_sets.Source
    path: str
    licence: str


SOURCES = (
    TrainingSource("en", _XED, "AnnotatedData/en-annotated.tsv", "CC BY 4.0"),
    TrainingSource("tr", _XED, "Projections/tr-projections2.tsv", "CC BY 4.0"),
    TrainingSource("cs", _XED, "Projections/cs-projections.tsv", "CC BY 4.0"),
    TrainingSource("cs", _XED, "Projections/sk-projections.tsv", "CC BY 4.0"),
)


def _xed_lines(raw: bytes) -> tuple[list[str], list[int], int]:
    """(texts, 1 positive / 0 negative, lines read) of an XED file: text<TAB>emotions."""
    texts, labels, read = [], [], 0
    for line in raw.decode("utf-8").splitlines():
        text, tab, emotions = line.rpartition("\t")
        if not tab or emotions.strip() == "emotion":  # the header of some files
            continue
        read += 1
        try:
            found = {int(e) for e in emotions.replace(" ", "").split(",") if e}
        except ValueError:
            continue
        positive, negative = bool(found & _POSITIVE), bool(found & _NEGATIVE)
        if positive != negative and text.strip():
            texts.append(text.strip())
            labels.append(int(positive))
    return texts, labels, read


def evaluation_keys(
    data: Path, data_dir: Path | None, extra: tuple[Path, ...] = ()
) -> frozenset[str]:
    """text_key of every evaluation text: the external sets, bench/*.csv, shared sets, and
    every cell of the `extra` CSV files (a held-out set not merged yet)."""
    keys: set[str] = set(sentiment_eval._shared_keys(data))
    for labelled in sentiment_sets.EXTERNAL.values():
        texts, _ = labelled.load(labelled.source, labelled.paths, data_dir)
        keys.update(sentiment_sets.text_key(t) for t in texts)
    for path in [*sorted((ROOT / "bench").glob("*.csv")), *extra]:
        frame = pd.read_csv(path, dtype=str)
        for column in frame.columns:
            keys.update(sentiment_sets.text_key(t) for t in frame[column].dropna())
    return frozenset(keys)


def training_rows(
    data_dir: Path | None, exclude: frozenset[str]
) -> tuple[dict[str, tuple[list[str], list[int]]], list[dict[str, object]]]:
    """Texts and labels per language (one copy of each, conflicting labels dropped) and a
    card row per source: read, polar, dropped as evaluation texts, used."""
    by_language: dict[str, tuple[list[str], list[int]]] = {}
    card = []
    for source in SOURCES:
        texts, labels, read = _xed_lines(source.source.read(source.path, data_dir))
        kept = [sentiment_sets.text_key(t) not in exclude for t in texts]
        used_texts, used_labels = by_language.setdefault(source.language, ([], []))
        used_texts += [t for t, k in zip(texts, kept, strict=True) if k]
        used_labels += [lab for lab, k in zip(labels, kept, strict=True) if k]
        card.append(
            {
                "language": source.language,
                "repo": source.source.repo,
                "commit": source.source.commit,
                "path": source.path,
                "licence": source.licence,
                "lines read": read,
                "polar": len(texts),
                "dropped (in evaluation)": kept.count(False),
                "used": kept.count(True),
            }
        )
    for language, (texts, labels) in by_language.items():
        texts2, labels2, conflicting = sentiment_sets.deduplicate(texts, [str(x) for x in labels])
        by_language[language] = (texts2, [int(x) for x in labels2])
        print(f"{language}: {len(texts2):,} distinct texts ({conflicting} conflicting dropped)")
    return by_language, card


def fit_weights(
    texts: list[str], labels: list[int], language: str, most: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Feature weights of a logistic regression on binary features seen in MIN_DF texts
    or more, the `most` strongest kept, and counts for the card."""
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    rows = [[f for f, _shown in prior_features(t, language)] for t in texts]
    frequency = Counter(f for row in rows for f in row)
    vocabulary = {
        f: i for i, f in enumerate(sorted(f for f, n in frequency.items() if n >= MIN_DF))
    }
    indices = [[vocabulary[f] for f in row if f in vocabulary] for row in rows]
    matrix = sp.csr_matrix(
        (
            np.ones(sum(map(len, indices)), dtype=np.float64),
            np.concatenate([np.array(i, dtype=np.int64) for i in indices] or [np.zeros(0)]),
            np.cumsum([0] + [len(i) for i in indices]),
        ),
        shape=(len(texts), len(vocabulary)),
    )
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    model.fit(matrix, np.array(labels))
    coef = model.coef_.ravel()
    order = np.argsort(-np.abs(coef), kind="stable")[:most]
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    weights = {names[i]: round(float(coef[i]), 4) for i in order if round(float(coef[i]), 4)}
    counts = {"texts": len(texts), "features (df ≥ 3)": len(vocabulary), "kept": len(weights)}
    return weights, counts


def _kept_shares(path: Path) -> tuple[str, str]:
    """The shares of an existing prior file (chosen by bench/sentiment_prior_grid.py and
    written there by hand), so a rebuild keeps them; 0 for a new file."""
    try:
        found = read_prior(path, path.stem)
    except PriorFileError:
        return "0", "0"
    return found.header.get("share_beside", "0"), found.header.get("share_alone", "0")


def write_prior(language: str, weights: dict[str, float], card: list[dict[str, object]]) -> Path:
    """The prior file: format line, provenance header, then feature<TAB>weight by strength."""
    PRIOR_DIR.mkdir(parents=True, exist_ok=True)
    path = PRIOR_DIR / f"{language}.tsv"
    beside, alone = _kept_shares(path)
    lines = [
        f"# {FORMAT}",
        f"# language: {language}",
        f"# share_beside: {beside}",
        f"# share_alone: {alone}",
        f"# built: {date.today().isoformat()} by bench/sentiment_prior_build.py",
        f"# min_df: {MIN_DF}",
    ]
    for row in card:
        if row["language"] == language:
            lines.append(
                f"# source: {row['repo']} @ {row['commit']}, {row['path']} "
                f"({row['licence']}; {row['used']} lines used)"
            )
    for feature, weight in sorted(weights.items(), key=lambda item: (-abs(item[1]), item[0])):
        lines.append(f"{feature}\t{weight}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=sentiment_eval.DEFAULT_DATA)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--features", type=int, default=DEFAULT_FEATURES)
    parser.add_argument(
        "--exclude-csv",
        type=Path,
        action="append",
        default=[],
        help="another evaluation CSV whose texts must stay out of training (repeatable)",
    )
    args = parser.parse_args()
    exclude = evaluation_keys(args.data, args.data_dir, tuple(args.exclude_csv))
    print(f"{len(exclude):,} evaluation texts to keep out")
    by_language, card = training_rows(args.data_dir, exclude)
    sentiment_eval._print_table([{k: str(v) for k, v in row.items()} for row in card])
    for language, (texts, labels) in sorted(by_language.items()):
        weights, counts = fit_weights(texts, labels, language, args.features)
        path = write_prior(language, weights, card)
        print(f"{language}: {counts}, positive share {np.mean(labels):.2f} -> {path}")


if __name__ == "__main__":
    main()
