"""Choose the learned prior's share and the neutral band per language, on TUNE parts only.

    .venv/bin/python bench/sentiment_prior_grid.py [--shares 0,0.1,...] [--data-dir DIR]

Scores every tune part (the tune halves of bench/sentiment_sets.py and the survey tune
files of bench/sentiment_eval.py) once with the rules alone and once with the prior alone
(`rules._prior_gate`, `Prior.score`). Then, for each pair of shares (beside the rules'
words, alone where they found none), it blends them as the product does and searches the
neutral band's positive bound (steps of 0.025 up to 0.6; negative stays below 0, as the
rules of issue 21 need: faint irony and idioms are complaints; --free-negative searches it
too) that maximises the mean label agreement over the
language's tune sets that have a neutral class (on a two-class set every neutral label is
a miss). Prints AUC and agreement per set and pair, then the choice per language: of the
pairs whose mean agreement is within AGREEMENT_SLACK of the best, the one with the highest
mean AUC over all the language's tune sets (the label first, the ranking next). The
chosen shares go into the prior files' header lines share_beside and share_alone.
Heldout parts are never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sentiment_eval, sentiment_sets  # noqa: E402
from cxcore.fields import LANGUAGE  # noqa: E402
from cxcore.text import sentiment  # noqa: E402
from cxcore.text.sentiment import rules  # noqa: E402
from cxcore.text.sentiment.prior import load_prior  # noqa: E402

AGREEMENT_SLACK = 0.005
_STEPS = np.round(np.arange(0.0, 0.61, 0.025), 3)
NEG, NEU, POS = sentiment_sets.LABELS


def tune_sets(data: Path, data_dir: Path | None) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, language, texts, gold labels) of every tune part."""
    found = []
    exclude = sentiment_eval._shared_keys(data) if data.is_dir() else frozenset()
    for name, labelled in sentiment_sets.EXTERNAL.items():
        split, _counts = sentiment_sets.load(
            labelled, data_dir, sentiment_sets.DEFAULT_CAP, exclude
        )
        texts, gold = split["tune"]
        found.append((name, labelled.language, texts, gold))
    frame = pd.concat([pd.read_csv(p) for p in sentiment_eval.SURVEY_SETS["tune"]])
    for language, group in frame.groupby("language", sort=True):
        found.append(
            (
                f"survey tune ({language})",
                language,
                group["comment"].astype(str).tolist(),
                group["sentiment"].tolist(),
            )
        )
    return found


def _parts(texts: list[str], languages: np.ndarray) -> tuple[np.ndarray, ...]:
    """The rules' polarity, where the prior may go (rules._prior_gate) and the prior's
    polarity of each text by its detected language, as the product computes them."""
    rules_polarity, gates, prior = np.zeros(len(texts)), [], np.zeros(len(texts))
    for i, (text, language) in enumerate(zip(texts, languages, strict=True)):
        key = rules._normalize(text)
        if not key or not isinstance(language, str):
            gates.append("none")
            continue
        rules_polarity[i], gate, lexicon = rules._prior_gate(key, language)
        gates.append(gate)
        if lexicon:
            prior[i] = load_prior(lexicon).score(key)
    return rules_polarity, np.array(gates, dtype=object), prior


def _labels(p: np.ndarray, low: float, high: float) -> np.ndarray:
    negative = p <= -low if low else p < 0
    positive = (p >= high if high else p > 0) & ~negative
    return np.where(negative, NEG, np.where(positive, POS, NEU))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=sentiment_eval.DEFAULT_DATA)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--shares", default="0,0.1,0.2,0.3", help="beside the rules' words")
    parser.add_argument("--alone", default="0,0.3,0.6,1", help="where the rules found none")
    parser.add_argument(
        "--free-negative",
        action="store_true",
        help="search the negative bound too (default: negative is below 0, as before)",
    )
    args = parser.parse_args()
    shares = [(float(b), float(a)) for b in args.shares.split(",") for a in args.alone.split(",")]
    scored = []
    for name, language, texts, gold in tune_sets(args.data, args.data_dir):
        languages = sentiment.score_texts(texts)[LANGUAGE].to_numpy(object)
        lexicon, gates, prior = _parts(texts, languages)
        scored.append((name, language, np.array(gold, dtype=object), (lexicon, gates), prior))
        print(f"scored {name}", file=sys.stderr, flush=True)
    rows, chosen = [], []
    for language in ("tr", "cs", "en"):
        candidates = []
        sets = [s for s in scored if s[1] == language]
        for share in shares:
            beside, alone = share
            blends = [
                np.where(
                    gates == "beside",
                    (1 - beside) * lex + beside * pri,
                    np.where(gates == "alone", alone * pri, lex),
                )
                for _n, _l, _g, (lex, gates), pri in sets
            ]
            # Only sets with a neutral class say where neutral lies: on a two-class set
            # every neutral label is a miss, which pulls the band to nothing.
            three = [i for i, s in enumerate(sets) if (s[2] == NEU).any()]
            best = (-1.0, 0.0, 0.0)
            for low in _STEPS if args.free_negative else (0.0,):
                for high in _STEPS:
                    agree = np.mean(
                        [np.mean(_labels(blends[i], low, high) == sets[i][2]) for i in three]
                    )
                    if agree > best[0] + 1e-12:
                        best = (float(agree), float(low), float(high))
            aucs = []
            for blend, (name, _l, gold, _lex, _pri) in zip(blends, sets, strict=True):
                found = sentiment_eval.figures3(gold, blend, _labels(blend, best[1], best[2]))
                aucs.append(found["auc"])
                rows.append(
                    {
                        "lang": language,
                        "share": f"{beside:.2f}, {alone:.2f}",
                        "band": f"< -{best[1]:.3f} / ≥ {best[2]:.3f}",
                        "mean agrees (3-class sets)": f"{best[0]:.3f}",
                        "set": name,
                        "AUC": f"{found['auc']:.3f}",
                        "agrees": f"{found['accuracy']:.1%}",
                        "scored 0": f"{found['zero']:.1%}",
                    }
                )
            candidates.append((best[0], float(np.mean(aucs)), share, best[1], best[2]))
        top = max(c[0] for c in candidates)
        agree, auc, share, low, high = max(
            (c for c in candidates if c[0] >= top - AGREEMENT_SLACK), key=lambda c: c[1]
        )
        chosen.append(
            {
                "lang": language,
                "share (beside, alone)": f"{share[0]:.2f}, {share[1]:.2f}",
                "band (negative to, positive from)": f"{-low if low else -0.001} / "
                f"{high if high else 0.001}",
                "mean agrees (3-class sets)": f"{agree:.3f}",
                "mean AUC": f"{auc:.3f}",
            }
        )
    sentiment_eval._print_table(rows)
    print()
    sentiment_eval._print_table(chosen)


if __name__ == "__main__":
    main()
