"""Speed of learning from the survey's scores (`fit_learned_scores`) at a million comments.

    .venv/bin/python bench/learned_speed.py [--rows 1000000] [--distinct 0.4] [--ref HEAD]

Builds the comments of bench/sentiment_speed.py (55% Turkish, 25% English, 20% Czech,
40% distinct), gives each a score target that follows its words (the middle fragment is
positive or negative; 10% of targets flipped, 20% left NaN as passives would be), and times
`fit_learned_scores` alone, with the languages given (no detection) and the lexicon
polarity set to zero (the lexicon is timed by bench/sentiment_speed.py). `--ref REV` runs
the learning's code as it was at that git revision (cxcore/text/sentiment/learned.py and
features.py, or cxcore/text/sentiment.py before they were split out of it) instead of the
working tree's, for a before/after comparison. Prints seconds, the peak memory of the
process (and of any child processes) and the held-out AUC of each language.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sentiment_speed import FRAGMENTS, SHARES, comments  # noqa: E402

# Middle fragments (see FRAGMENTS) whose meaning is clearly positive: index -> 1, else 0.
POSITIVE_MIDDLES = {0, 3, 7}


def targets_for(texts: list[str], language: str, rng: np.random.Generator) -> np.ndarray:
    """1/0 from the middle fragment, 10% flipped, 20% NaN."""
    middles = [m.split("{n}") for m in FRAGMENTS[language][1]]
    target = np.empty(len(texts))
    for i, text in enumerate(texts):
        target[i] = next(
            (1.0 if j in POSITIVE_MIDDLES else 0.0)
            for j, (a, b) in enumerate(middles)
            if a in text and b in text
        )
    flip = rng.random(len(texts)) < 0.10
    target[flip] = 1.0 - target[flip]
    target[rng.random(len(texts)) < 0.20] = np.nan
    return target


def _at_ref(ref: str, path: str) -> str | None:
    """The text of `path` at git revision `ref`, or None where it did not exist."""
    run = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True, text=True)
    return run.stdout if run.returncode == 0 else None


def _load(name: str, source: str):
    """`source` run as the module `name`."""
    path = Path(tempfile.mkdtemp()) / f"{name.rsplit('.', 1)[-1]}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_sentiment(ref: str | None):
    """A module with `fit_learned_scores`: the working tree's, or the learning's code as it
    was at git revision `ref` (what it imports besides comes from the working tree)."""
    if not ref:
        from cxcore.text import sentiment

        return sentiment
    package = "cxcore/text/sentiment"
    features = _at_ref(ref, f"{package}/features.py")
    learned = _at_ref(ref, f"{package}/learned.py")
    if features is not None and learned is not None:
        # The ref's learned module imports its features from here: that one is the ref's too.
        _load("cxcore.text.sentiment.features", features)
        return _load("cxcore.text.sentiment.learned_at_ref", learned)
    single = _at_ref(ref, f"{package}.py")  # before the package split: one module
    if single is None:
        sys.exit(f"{ref}: neither {package}/learned.py nor {package}.py")
    return _load("sentiment_at_ref", single)


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=float, default=0.4)
    parser.add_argument("--ref", help="git revision of the learning's code to time instead")
    parser.add_argument("--profile", type=Path, help="write cProfile stats to this file")
    args = parser.parse_args()
    sentiment = load_sentiment(args.ref)
    rng = np.random.default_rng(3)
    texts: list[str] = []
    target_parts = []
    languages: list[str] = []
    for language, share in SHARES.items():
        part = comments(language, int(args.rows * share), args.distinct)
        texts += part
        target_parts.append(targets_for(part, language, rng))
        languages += [language] * len(part)
    order = rng.permutation(len(texts))
    texts = [texts[i] for i in order]
    languages = [languages[i] for i in order]
    target = np.concatenate(target_parts)[order]
    lexicon = np.zeros(len(texts))
    before = peak_mb(resource.RUSAGE_SELF)
    print(
        f"{len(texts):,} comments, {len(set(texts)):,} distinct, "
        f"{int((~np.isnan(target)).sum()):,} with a target; "
        f"code: {args.ref or 'working tree'}",
        flush=True,
    )
    updates: list[tuple[float, float, str]] = []
    started = time.perf_counter()

    def progress(fraction: float, message: str) -> None:
        updates.append((time.perf_counter() - started, fraction, message))

    def run():
        return sentiment.fit_learned_scores(texts, target, languages, lexicon, progress)

    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        learned = profiler.runcall(run)
        profiler.dump_stats(str(args.profile))
    else:
        learned = run()
    seconds = time.perf_counter() - started
    gaps = np.diff([0.0] + [u[0] for u in updates] + [seconds])
    print(f"fit_learned_scores: {seconds:.1f} s")
    print(
        f"peak memory: {peak_mb(resource.RUSAGE_SELF):,.0f} MB "
        f"(before the fit {before:,.0f} MB); children {peak_mb(resource.RUSAGE_CHILDREN):,.0f} MB"
    )
    print(f"progress updates: {len(updates)}, longest standstill {gaps.max():.1f} s")
    for fit in learned.fits.values():
        print(
            f"  {fit.language}: {fit.comments:,} scored, lexicon AUC {fit.lexicon_auc:.3f}, "
            f"blend AUC {fit.blend_auc:.3f}, used {fit.used}"
        )


if __name__ == "__main__":
    main()
