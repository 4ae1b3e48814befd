"""The word, word-pair and letter-piece features the shipped second-opinion models read.

The handoff model (`handoffs.learned`) and the stage model (`stage_model`) are trained on
the same features (bench/handoff_learn.py, bench/placement_learn.py); their weight files
name each feature by these strings, so the strings must not change without a rebuild.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CHAR_SIZES", "char_features", "ngram_features"]

CHAR_SIZES: Final = (3, 4, 5)  # letter pieces of each word, the word padded with spaces


def char_features(word: str) -> list[str]:
    """The 3–5-letter pieces of a word padded with a space each side ("c: ka", "c:kar")."""
    padded = f" {word} "
    return [
        "c:" + padded[i : i + size] for size in CHAR_SIZES for i in range(len(padded) - size + 1)
    ]


def ngram_features(words: list[str]) -> list[str]:
    """Words ("w:"), neighbouring pairs ("b:") and letter pieces, as often as they occur."""
    out = [f"w:{w}" for w in words]
    out += [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for word in words:
        out += char_features(word)
    return out
