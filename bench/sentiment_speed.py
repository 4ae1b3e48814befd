"""Scoring speed: a million synthetic comments, ~40% distinct, Turkish/English/Czech mix.

    .venv/bin/python bench/sentiment_speed.py [--rows 1000000] [--distinct 0.4]

Prints comments per second for each language alone and for the full mix, each from a cold
cache (a fresh import process would see the same), then for the mix again warm (the
second import of the same comments in one process).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxcore.text import sentiment  # noqa: E402

# Fragments are joined opener + middle + closer, with a number in the middle, so a few
# dozen fragments give hundreds of thousands of distinct, realistic-looking comments.
FRAGMENTS = {
    "tr": (
        ["Kargo", "Ürün", "Müşteri hizmetleri", "Uygulama", "Fatura", "Teknisyen", "Paket"],
        [
            "{n} günde geldi, çok memnunum",
            "{n} dakika beklettiler, hiç memnun kalmadım",
            "{n} kez aradım ama sorunum çözülmedi",
            "gayet hızlıydı, {n} numara hizmet",
            "{n} saattir bekliyorum, rezalet",
            "güzel ama {n} gün gecikti",
            "{n} TL fazla yansıtılmış, berbat",
            "sorunsuz kuruldu, {n} yıldır kullanıyorum",
        ],
        [
            "",
            ", teşekkürler",
            ". Tavsiye ederim!",
            ". Bir daha almam.",
            " 👍",
            " 😡",
            ", idare eder",
        ],
    ),
    "en": (
        ["Delivery", "The agent", "Support", "The app", "My bill", "The technician", "Checkout"],
        [
            "arrived in {n} days, very happy",
            "kept me on hold for {n} minutes, not happy at all",
            "called {n} times and the issue is still not fixed",
            "was quick and friendly, {n} out of 10",
            "charged me {n} dollars extra, terrible",
            "was fine but took {n} days",
            "crashed {n} times today, useless",
            "worked perfectly for {n} months",
        ],
        ["", ", thanks", ". Highly recommend!", ". Never again.", " 👍", " 😡", ", it's ok"],
    ),
    "cs": (
        ["Doručení", "Zboží", "Zákaznická linka", "Aplikace", "Faktura", "Technik", "Balík"],
        [
            "přišlo za {n} dní, jsem velmi spokojený",
            "čekal jsem {n} minut, nejsem spokojený",
            "volal jsem {n}krát a problém pořád nevyřešili",
            "rychlé a ochotné, {n} bodů z 10",
            "naúčtovali o {n} Kč víc, hrůza",
            "v pořádku, ale trvalo to {n} dní",
            "spadla {n}krát za den, nefunguje",
            "funguje skvěle už {n} měsíců",
        ],
        ["", ", děkuji", ". Doporučuji!", ". Už nikdy.", " 👍", " 😡", ", ujde to"],
    ),
}
SHARES = {"tr": 0.55, "en": 0.25, "cs": 0.20}


def distinct_comments(language: str, count: int, rng: np.random.Generator) -> list[str]:
    """`count` distinct comments in one language."""
    openers, middles, closers = FRAGMENTS[language]
    seen: set[str] = set()
    while len(seen) < count:
        need = count - len(seen)
        o = rng.integers(len(openers), size=need)
        m = rng.integers(len(middles), size=need)
        c = rng.integers(len(closers), size=need)
        n = rng.integers(1, 2000, size=need)
        for a, b, d, k in zip(o, m, c, n, strict=True):
            seen.add(f"{openers[a]} {middles[b].format(n=k)}{closers[d]}")
    return sorted(seen)


def comments(language: str, rows: int, distinct: float, seed: int = 1) -> list[str]:
    """`rows` comments of which a share `distinct` are distinct, shuffled."""
    rng = np.random.default_rng(seed)
    pool = distinct_comments(language, int(rows * distinct), rng)
    repeats = rng.integers(len(pool), size=rows - len(pool))
    texts = pool + [pool[i] for i in repeats]
    return [texts[i] for i in rng.permutation(len(texts))]


def timed(texts: list[str], cold: bool = True) -> float:
    """Seconds to score `texts`, from an empty cache unless `cold` is False."""
    if cold:
        sentiment.clear_cache()
    started = time.perf_counter()
    sentiment.score_texts(texts)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=float, default=0.4)
    args = parser.parse_args()
    sentiment.score_texts(["warm up lingua, VADER and the lexicons", "İyi", "Dobrý"])
    mix: list[str] = []
    print("| comments | language | distinct | seconds | comments/s |")
    print("|---|---|---|---|---|")
    for language, share in SHARES.items():
        texts = comments(language, int(args.rows * share), args.distinct)
        mix += texts
        seconds = timed(texts)
        row = f"{len(texts):,} | {language} | {len(set(texts)):,} | {seconds:.1f}"
        print(f"| {row} | {len(texts) / seconds:,.0f} |", flush=True)
    order = np.random.default_rng(2).permutation(len(mix))
    mix = [mix[i] for i in order]
    for label, cold in (("mix, cold cache", True), ("mix, warm cache", False)):
        seconds = timed(mix, cold=cold)
        row = f"{len(mix):,} | {label} | {len(set(mix)):,} | {seconds:.1f}"
        print(f"| {row} | {len(mix) / seconds:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
