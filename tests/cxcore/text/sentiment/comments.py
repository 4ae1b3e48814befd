"""Comments whose right answer is known by construction, shared by the sentiment tests."""

from __future__ import annotations

import numpy as np

# A small Turkish survey: the words "kurye" and "fatura" carry no lexicon weight,
# so only a model learned from the scores can tell these comments apart.
_GOOD = ["kurye {} geldi", "fatura {} sade", "kurye {} güler yüzlü", "fatura {} net"]
_BAD = ["kurye {} kapıya gelmeden gitti", "fatura {} iki kez çekildi", "kurye {} aramadı"]
_WORDS = ["bugün", "dün", "sabah", "akşam", "yine", "bu sefer", "erkenden", "öğlen"]


def learnable_survey(n: int = 320) -> tuple[list[str], np.ndarray]:
    """`n` comments, every other one good, and their targets (1.0 good, 0.0 bad)."""
    rng = np.random.default_rng(7)
    texts, targets = [], []
    for i in range(n):
        good = i % 2 == 0
        template = (_GOOD if good else _BAD)[rng.integers(len(_GOOD if good else _BAD))]
        texts.append(template.format(_WORDS[rng.integers(len(_WORDS))]) + f" {i}")
        targets.append(1.0 if good else 0.0)
    return texts, np.array(targets)
