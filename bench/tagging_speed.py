"""How long tagging takes at scale: 1,000,000 synthetic responses through tag_responses.

    .venv/bin/python bench/tagging_speed.py [--rows N] [--seed S]

Comments are built from fragments in tr/en/cs with numbers and names mixed in, so most
of them are distinct (as in a real export); a share have no comment, a stage column or a
channel written the way source systems write it.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxcore import fields as F  # noqa: E402
from cxcore.text.tagging import tag_responses  # noqa: E402
from cxcore.text.taxonomy import load_taxonomy  # noqa: E402

FRAGMENTS = [
    "kargom {n} gün gecikti",
    "faturam bu ay {n} TL yüksek geldi",
    "çağrı merkezinde {n} dakika bekledim",
    "internet {n} gündür kesiliyor",
    "teknisyen randevuya gelmedi",
    "uygulama sürekli çöküyor",
    "iptal etmek istiyorum",
    "mağazadaki çalışan çok ilgiliydi",
    "canlı destek hızlıca çözdü",
    "sesli yanıt sistemi numaramı tanımadı",
    "{name} bey çok yardımcı oldu",
    "teşekkürler",
    "my parcel arrived {n} days late",
    "the bill went up by {n} pounds",
    "on hold for {n} minutes",
    "outage again in {name}",
    "the app keeps crashing",
    "I want to cancel my contract",
    "chat agent {name} was great",
    "great service",
    "the website checkout failed",
    "balík přišel o {n} dní později",
    "faktura je vyšší o {n} Kč",
    "na zákaznické lince {n} minut",
    "výpadek internetu v obci {name}",
    "technik nepřišel",
    "chci zrušit smlouvu",
    "aplikace padá",
    "paní {name} na pobočce byla milá",
    "díky",
    "ok",
    "{n}/10",
]
NAMES = ["Ayşe", "Mehmet", "Jana", "Petr", "John", "Emma", "Brno", "Ankara", "Leeds", "Plzeň"]
CHANNELS = [
    "Call centre",
    "CALL CENTER",
    "Çağrı Merkezi",
    "zákaznická linka",
    "Twitter",
    "Instagram",
    "WhatsApp",
    "Canlı destek",
    "Kargo",
    "Kurýr",
    "Courier",
    "E-mail",
    "Web",
    "App",
    "Store",
]
STAGES = ["Onboarding", "Destek", "Podpora", "Usage & billing", "loyalty", "Satın alma"]


def synthetic_responses(rows: int, seed: int) -> pd.DataFrame:
    """`rows` responses with comments, channels and a few stage values."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, len(FRAGMENTS), rows)
    second = rng.integers(0, len(FRAGMENTS), rows)
    numbers = rng.integers(1, 500, rows)
    names = rng.integers(0, len(NAMES), rows)
    comments = [
        f"{FRAGMENTS[a]}, {FRAGMENTS[b]}".format(n=n, name=NAMES[m])
        for a, b, n, m in zip(first, second, numbers, names, strict=True)
    ]
    comment = pd.Series(comments, dtype=object).where(rng.random(rows) > 0.2, None)
    channel = pd.Series(np.array(CHANNELS, dtype=object)[rng.integers(0, len(CHANNELS), rows)])
    stage = pd.Series(np.array(STAGES, dtype=object)[rng.integers(0, len(STAGES), rows)])
    return pd.DataFrame(
        {
            F.COMMENT: comment,
            F.CHANNEL: channel.where(rng.random(rows) < 0.4, None),
            F.STAGE: stage.where(rng.random(rows) < 0.1, None),
        }
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    responses = synthetic_responses(args.rows, args.seed)
    taxonomy = load_taxonomy()
    distinct = responses[F.COMMENT].nunique()
    started = time.perf_counter()
    tagged = tag_responses(responses, taxonomy)
    seconds = time.perf_counter() - started
    print(
        f"{platform.python_implementation()} {platform.python_version()}, pandas {pd.__version__}"
    )
    print(f"rows={args.rows:,}  distinct comments={distinct:,}  tag_responses: {seconds:.2f} s")
    print(tagged[F.STAGE_SOURCE].value_counts().to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
