"""The public tune halves that teach the sentiment prior (round eight of issue 21).

bench/sentiment_prior_build.py reads them through `public_rows`: the TUNE half of each set
of PUBLIC_TRAINING, split as bench/sentiment_eval.py splits it (its heldout half and every
other evaluation text never), negative and positive texts only.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sentiment_eval, sentiment_sets  # noqa: E402

__all__ = ["PUBLIC_TRAINING", "public_rows", "public_weights_of"]

Service = dict[str, dict[str, tuple[list[str], list[int]]]]  # language -> set -> rows


def public_weights_of(text: str) -> dict[str, float]:
    """Per-language weights of the public tune halves from "tr:1" ("": PUBLIC_TRAINING's)."""
    found = {
        sentiment_sets.EXTERNAL[name].language: weight for name, weight in PUBLIC_TRAINING.items()
    }
    for item in filter(None, text.split(",")):
        language, _, value = item.partition(":")
        found[language.strip()] = float(value)
    return found


# Round eight of issue 21: the TUNE halves of the public sets of bench/sentiment_sets.py whose
# licence allows shipping weights learned from them teach the prior too (their heldout halves
# never), each text counting this many subtitle lines. Only Beyazperde qualifies (MIT,
# the repository's LICENSE); TSATweets, the store reviews, Alza, Sanders and STS-Gold state
# no licence and CsRest-M is for non-commercial research (docs/benchmarks.md).
# bench/sentiment_prior_grid.py scores such a tune half by priors fitted without it.
PUBLIC_TRAINING = {"Beyazperde movies (tr)": 10.0}


def public_rows(
    data: Path, data_dir: Path | None, found: dict[str, frozenset[str]]
) -> tuple[Service, dict[str, frozenset[str]], list[dict[str, object]]]:
    """The negative (0) and positive (1) texts of the TUNE half of each set of
    PUBLIC_TRAINING (split as bench/sentiment_eval.py splits it), none that also occurs in
    another evaluation text (its heldout half, another set, a bench CSV, a shared set); the
    keys of each tune half (for leaving it out); a card row each."""
    shared = sentiment_eval._shared_keys(data) if data.is_dir() else frozenset()
    bench_keys = frozenset().union(*(k for n, k in found.items() if n != "sets"))
    rows: Service = {}
    keys: dict[str, frozenset[str]] = {}
    card = []
    for name in PUBLIC_TRAINING:
        labelled = sentiment_sets.EXTERNAL[name]
        split, _counts = sentiment_sets.load(labelled, data_dir, sentiment_sets.DEFAULT_CAP, shared)
        tune_texts, gold = split["tune"]
        heldout = {sentiment_sets.text_key(t) for t in split["heldout"][0]}
        own = {sentiment_sets.text_key(t) for t in tune_texts}
        elsewhere = set()
        for other, other_set in sentiment_sets.EXTERNAL.items():
            if other != name:
                texts, _ = other_set.load(other_set.source, other_set.paths, data_dir)
                elsewhere.update(sentiment_sets.text_key(t) for t in texts)
        texts, labels, dropped = [], [], 0
        for text, label in zip(tune_texts, gold, strict=True):
            key = sentiment_sets.text_key(text)
            if label == sentiment_sets.NEUTRAL:
                continue
            if key in heldout or key in elsewhere or key in bench_keys or key in shared:
                dropped += 1
                continue
            texts.append(text.strip())
            labels.append(int(label == sentiment_sets.POSITIVE))
        rows.setdefault(labelled.language, {})[name] = (texts, labels)
        keys[name] = frozenset(own)
        card.append(
            {
                "language": labelled.language,
                "repo": labelled.source.repo,
                "commit": labelled.source.commit,
                "path": ", ".join(labelled.paths) + " (tune half)",
                "licence": "MIT",
                "lines read": len(tune_texts),
                "polar": len(texts) + dropped,
                "dropped (in evaluation)": dropped,
                "used": len(texts),
            }
        )
    return rows, keys, card
