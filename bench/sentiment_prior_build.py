"""Rebuild the learned sentiment priors (cxcore/data/sentiment/prior/<language>.tsv).

    .venv/bin/python bench/sentiment_prior_build.py [--data-dir DIR] [--features N]

Reads the training sources in place (`git show COMMIT:PATH` under /work/.mirror, or
DIR/<owner>+<name>/<path>; nothing is copied into the repository), drops every subtitle
line that also occurs in an evaluation set (every set of bench/sentiment_sets.py, every
bench/*.csv, the four shared datasets; compared NFC, casefolded, single spaces), adds the
polar rows of the project's own service comments (SERVICE_FILES, each counting
SERVICE_WEIGHT subtitle lines; a row that also occurs in an evaluation text other than the
service files is dropped), fits a logistic regression per language on the product's own
features (`cxcore.text.sentiment.prior.prior_features`) and keeps only features seen in at
least MIN_DF training texts, the strongest --features of them, rounded: no single text can
be read back from the file. The defaults write the shipped files byte for byte (on the day
in their `built:` line). The shares of the blend (header lines share_beside, share_alone) are
chosen by bench/sentiment_prior_grid.py and kept across rebuilds. Prints the rows used and
dropped per source (docs/benchmarks.md).

Sources (docs/sentiment.md has the provenance card): XED (Öhman et al. 2020), movie
subtitle lines annotated with Plutchik's emotions, CC BY 4.0: English annotated by people,
Turkish, Czech and Slovak projected from them over aligned subtitles. Joy and trust are
positive, anger, disgust, fear and sadness negative; lines with both, or with only
anticipation or surprise, are left out. Service comments (round five of issue 21): survey
answers, tweets, chats and app reviews written by helper sessions of this project for tuning
(three files, and since round six the retired held-out sets journey_fresh2/3/4) and for
training (bench/journey_train1_set.csv to journey_train4_set.csv); their negative and positive
rows, neutral left out, and none near a comment of the held-out survey set
(bench/journey_overlap.py, NEAR_HELD_OUT).
SERVICE_WEIGHT was chosen by bench/sentiment_prior_cross.py (leave one service file out at a
time, judged on it).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sentiment_eval, sentiment_sets  # noqa: E402
from bench.journey_overlap import NEAR_HELD_OUT  # noqa: E402
from bench.sentiment_public import (  # noqa: E402
    PUBLIC_TRAINING,
    public_rows,
    public_weights_of,
)
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
BENCH = ROOT / "bench"
# The project's own service comments, by writer: each file was written by another helper
# session (bench/HELDOUT_SETS.md), so the cross-check leaves one file out at a time.
SERVICE_FILES = (
    BENCH / "sentiment_survey_tune.csv",
    BENCH / "journey_heldout_set.csv",
    BENCH / "journey_fresh_set.csv",
    BENCH / "journey_train1_set.csv",
    # round six of issue 21: the survey sets held out in rounds three to five, retired to
    # tuning, and three more training files (bench/HELDOUT_SETS.md)
    BENCH / "journey_fresh2_set.csv",
    BENCH / "journey_fresh3_set.csv",
    BENCH / "journey_fresh4_set.csv",
    BENCH / "journey_train2_set.csv",
    BENCH / "journey_train3_set.csv",
    BENCH / "journey_train4_set.csv",
    # round seven: fresh5 (held out in round six, scored twice, a tune file now) and four
    # more training files (bench/HELDOUT_SETS.md)
    BENCH / "journey_fresh5_set.csv",
    BENCH / "journey_train5_set.csv",
    BENCH / "journey_train6_set.csv",
    BENCH / "journey_train7_set.csv",
    BENCH / "journey_train8_set.csv",
    # round eight: fresh6 (held out in round seven, scored twice, a tune file now) and two
    # more training files (bench/HELDOUT_SETS.md)
    BENCH / "journey_fresh6_set.csv",
    BENCH / "journey_train9_set.csv",
    BENCH / "journey_train10_set.csv",
)
# Rows of files that bench/journey_overlap.py's NEAR_HELD_OUT does not cover yet (it lists
# the files the two builders read when it was last run), near a comment of its HELD_OUT set:
# found by `bench/journey_overlap.py bench/journey_fresh7_set.csv FILE ...` (counts and ids
# only). Since fresh7 became the held-out set NEAR_HELD_OUT covers every file here, and
# journey_fresh6_set.csv (a tune file since then): none; journey_train9_set.csv and
# journey_train10_set.csv (round eight, 2026-12-08 03:16 UTC): none.
NEAR_HELD_OUT_MORE: dict[str, frozenset[str]] = {}


def near_held_out() -> dict[str, frozenset[str]]:
    """Per service file, the ids of its rows near a held-out comment (left out of training)."""
    found = dict(NEAR_HELD_OUT)
    for name, ids in NEAR_HELD_OUT_MORE.items():
        found[name] = found.get(name, frozenset()) | ids
    return found


# One service comment counts as this many subtitle lines, per language: the cross-check's
# best (100) where a pair of shares keeps the four shared sets' cold-start AUC of the code
# before issue 21 (bench/sentiment_prior_grid.py, SHARED_FLOOR; docs/benchmarks.md). Round
# seven: Czech 30 (0 until round six, held to round four's higher ČSFD figure; at 100 the
# tune labels agreed 0.7 points less).
SERVICE_WEIGHT = {"tr": 100.0, "cs": 30.0, "en": 100.0}


def weights_of(text: str) -> dict[str, float]:
    """Per-language weights from "30" (every language) or "tr:30,cs:0,en:100"."""
    if ":" not in text:
        return dict.fromkeys(SERVICE_WEIGHT, float(text))
    found = dict.fromkeys(SERVICE_WEIGHT, 0.0)
    for item in text.split(","):
        language, _, value = item.partition(":")
        found[language.strip()] = float(value)
    return found


SERVICE_LICENCE = "this project's own text"


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
) -> dict[str, frozenset[str]]:
    """text_key of every evaluation text, by where it comes from: "sets" (the external sets
    and the shared sets), then each bench/*.csv and `extra` CSV file (a held-out set not
    merged yet) by its path, every cell of it."""
    keys: set[str] = set(sentiment_eval._shared_keys(data))
    for labelled in sentiment_sets.EXTERNAL.values():
        texts, _ = labelled.load(labelled.source, labelled.paths, data_dir)
        keys.update(sentiment_sets.text_key(t) for t in texts)
    found = {"sets": frozenset(keys)}
    for path in [*sorted(BENCH.glob("*.csv")), *extra]:
        frame = pd.read_csv(path, dtype=str)
        cells = {sentiment_sets.text_key(t) for c in frame.columns for t in frame[c].dropna()}
        found[str(path.resolve())] = frozenset(cells)
    return found


def keys_but(found: dict[str, frozenset[str]], skip: tuple[Path, ...] = ()) -> frozenset[str]:
    """Every evaluation key except those of the files in `skip` (the service files)."""
    left_out = {str(p.resolve()) for p in skip}
    return frozenset().union(*(k for name, k in found.items() if name not in left_out))


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


Service = dict[str, dict[str, tuple[list[str], list[int]]]]  # language -> file -> rows


def labelled_rows(
    paths: tuple[Path, ...], exclude: frozenset[str], label_of: dict[str, int]
) -> Iterator[tuple[str, str, int, list[str], list[int], int]]:
    """Per service file and language: (file name, language, rows read, texts, labels,
    dropped) of the rows whose label `label_of` maps, one copy of each comment across the
    files (the first file keeps it), rows that occur in `exclude` or are near a held-out
    comment dropped. Both builders read the service files through this."""
    seen: set[str] = set()
    near_all = near_held_out()
    for path in paths:
        frame = pd.read_csv(path, dtype=str)
        for language, group in frame.groupby("language", sort=True):
            kept = group[group["sentiment"].isin(list(label_of))]
            texts, labels, dropped = [], [], 0
            near = near_all.get(path.name, frozenset())  # near a held-out comment
            for row_id, text, label in zip(
                kept["id"], kept["comment"], kept["sentiment"], strict=True
            ):
                key = sentiment_sets.text_key(str(text))
                if key in exclude or key in seen or str(row_id) in near:
                    dropped += 1
                    continue
                seen.add(key)
                texts.append(str(text).strip())
                labels.append(label_of[label])
            yield path.name, str(language), len(group), texts, labels, dropped


def service_rows(
    paths: tuple[Path, ...], exclude: frozenset[str]
) -> tuple[Service, list[dict[str, object]]]:
    """The negative (0) and positive (1) comments of each service file per language, one
    copy of each across the files (the first file keeps it), rows that also occur in an
    evaluation text left out; and a card row per file and language."""
    found: Service = {}
    card = []
    for name, language, read, texts, labels, dropped in labelled_rows(
        paths, exclude, {"negative": 0, "positive": 1}
    ):
        found.setdefault(language, {})[name] = (texts, labels)
        card.append(
            {
                "language": language,
                "repo": "this repository",
                "commit": "",
                "path": f"bench/{name}",
                "licence": SERVICE_LICENCE,
                "lines read": read,
                "polar": len(texts) + dropped,
                "dropped (in evaluation)": dropped,
                "used": len(texts),
            }
        )
    return found, card


def combined(
    subtitles: tuple[list[str], list[int]],
    service: dict[str, tuple[list[str], list[int]]],
    weight: float,
    leave_out: str | None = None,
    public: dict[str, float] | None = None,
) -> tuple[list[str], list[int], list[float] | None]:
    """Training texts, labels and sample weights of one language: the subtitle lines (1
    each), then the service files' rows (`weight` each) and the public tune halves' (their
    weight in `public`, default PUBLIC_TRAINING) but those of `leave_out`; rows of weight 0
    are left out altogether (no sample weights when nothing is added)."""
    public = PUBLIC_TRAINING if public is None else public
    texts, labels = list(subtitles[0]), list(subtitles[1])
    weights = [1.0] * len(texts)
    for name, (more, more_labels) in service.items():
        each = public.get(name, 0.0) if name in PUBLIC_TRAINING else weight
        if name != leave_out and each:
            texts += more
            labels += more_labels
            weights += [each] * len(more)
    if len(weights) == len(subtitles[0]):
        return texts, labels, None
    return texts, labels, weights


def feature_matrix(texts: list[str], language: str) -> tuple[Any, list[str]]:
    """(binary text × feature matrix, feature names by column) of the prior's features
    (`prior_features`) seen in MIN_DF texts or more: what both builders fit on."""
    import scipy.sparse as sp

    rows = [[f for f, _shown in prior_features(t, language)] for t in texts]
    frequency = Counter(f for row in rows for f in row)
    names = sorted(f for f, n in frequency.items() if n >= MIN_DF)
    vocabulary = {f: i for i, f in enumerate(names)}
    indices = [[vocabulary[f] for f in row if f in vocabulary] for row in rows]
    matrix = sp.csr_matrix(
        (
            np.ones(sum(map(len, indices)), dtype=np.float64),
            np.concatenate([np.array(i, dtype=np.int64) for i in indices] or [np.zeros(0)]),
            np.cumsum([0] + [len(i) for i in indices]),
        ),
        shape=(len(texts), len(vocabulary)),
    )
    return matrix, names


def strongest(coef: np.ndarray, names: list[str], most: int) -> dict[str, float]:
    """The `most` strongest weights by name, rounded to 4 places (those that round to 0 left
    out)."""
    order = np.argsort(-np.abs(coef), kind="stable")[:most]
    return {names[i]: round(float(coef[i]), 4) for i in order if round(float(coef[i]), 4)}


def fit_weights(
    texts: list[str],
    labels: list[int],
    language: str,
    most: int,
    sample_weight: list[float] | None = None,
) -> tuple[dict[str, float], dict[str, int]]:
    """Feature weights of a logistic regression on binary features seen in MIN_DF texts
    or more, the `most` strongest kept, and counts for the card."""
    from sklearn.linear_model import LogisticRegression

    matrix, names = feature_matrix(texts, language)
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    model.fit(matrix, np.array(labels), sample_weight=sample_weight)
    weights = strongest(model.coef_.ravel(), names, most)
    counts = {"texts": len(texts), "features (df ≥ 3)": len(names), "kept": len(weights)}
    return weights, counts


def _kept_shares(path: Path) -> tuple[str, str]:
    """The shares of an existing prior file (chosen by bench/sentiment_prior_grid.py and
    written there by hand), so a rebuild keeps them; 0 for a new file."""
    try:
        found = read_prior(path, path.stem)
    except PriorFileError:
        return "0", "0"
    return found.header.get("share_beside", "0"), found.header.get("share_alone", "0")


def write_prior(
    language: str,
    weights: dict[str, float],
    card: list[dict[str, object]],
    service_weight: float,
    public_weight: dict[str, float] | None = None,
) -> Path:
    """The prior file: format line, provenance header, then feature<TAB>weight by strength."""
    PRIOR_DIR.mkdir(parents=True, exist_ok=True)
    path = PRIOR_DIR / f"{language}.tsv"
    public_weight = public_weight or {}
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
        if row["language"] != language or not row["used"]:
            continue
        if row["licence"] == SERVICE_LICENCE and service_weight:
            lines.append(
                f"# source: {row['path']} ({row['licence']}; {row['used']} comments used, "
                f"weight {service_weight:g} each)"
            )
        elif str(row["path"]).endswith("(tune half)"):
            lines.append(
                f"# source: {row['repo']} @ {row['commit']}, {row['path']} "
                f"({row['licence']}; {row['used']} texts used, weight "
                f"{public_weight.get(language, 0):g} each)"
            )
        else:
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
        "--service-weight",
        type=weights_of,
        default=dict(SERVICE_WEIGHT),
        help="one service comment counts as this many subtitle lines: a number or "
        "tr:W,cs:W,en:W (0: subtitles only)",
    )
    parser.add_argument(
        "--public-weight",
        type=public_weights_of,
        default=public_weights_of(""),
        help="one text of a public tune half (PUBLIC_TRAINING) counts as this many "
        "subtitle lines, per language: tr:W (0: left out)",
    )
    parser.add_argument(
        "--exclude-csv",
        type=Path,
        action="append",
        default=[],
        help="another evaluation CSV whose texts must stay out of training (repeatable)",
    )
    args = parser.parse_args()
    needed = any(args.service_weight.values())
    missing = [p for p in SERVICE_FILES if not p.is_file()] if needed else []
    if missing:
        parser.error(f"service file {missing[0]} is missing (or pass --service-weight 0)")
    found = evaluation_keys(args.data, args.data_dir, tuple(args.exclude_csv))
    exclude = keys_but(found)
    print(f"{len(exclude):,} evaluation texts to keep out")
    by_language, card = training_rows(args.data_dir, exclude)
    service, service_card = service_rows(
        tuple(p for p in SERVICE_FILES if p.is_file()), keys_but(found, SERVICE_FILES)
    )
    card += [row for row in service_card if args.service_weight.get(str(row["language"]))]
    public, _keys, public_card = public_rows(args.data, args.data_dir, found)
    card += [row for row in public_card if args.public_weight.get(str(row["language"]))]
    for language, files in public.items():
        service.setdefault(language, {}).update(files)
    sentiment_eval._print_table([{k: str(v) for k, v in row.items()} for row in card])
    by_set = {
        name: args.public_weight.get(sentiment_sets.EXTERNAL[name].language, 0.0)
        for name in PUBLIC_TRAINING
    }
    for language, subtitles in sorted(by_language.items()):
        texts, labels, sample = combined(
            subtitles, service.get(language, {}), args.service_weight[language], None, by_set
        )
        weights, counts = fit_weights(texts, labels, language, args.features, sample)
        path = write_prior(
            language, weights, card, args.service_weight[language], args.public_weight
        )
        print(f"{language}: {counts}, positive share {np.mean(labels):.2f} -> {path}")


if __name__ == "__main__":
    main()
