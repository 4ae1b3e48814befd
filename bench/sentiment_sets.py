"""Labelled comments from public repositories, for checking sentiment on data nobody tuned on.

Nothing here is copied into this repository: every set is read in place, either from a
snapshot's bare git directory (`git show COMMIT:PATH` under `MIRROR`), or, with `data_dir`,
from `DATA_DIR/<owner>+<name>/<path>` (a checkout or an unpacked copy of the same files).
Several of these sets have non-commercial or unstated licences (see `licence`), so they stay
out of the repository and out of any release.

Each set gives texts with labels in negative / neutral / positive (two-class sets have no
neutral). Before anything is scored, every set is split by a stable hash of its text into a
`tune` half and a `heldout` half, and each half is capped by a deterministic sample
(`split`). The heldout half is for reporting only: do not look at its texts.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

NEGATIVE, NEUTRAL, POSITIVE = "negative", "neutral", "positive"
LABELS = (NEGATIVE, NEUTRAL, POSITIVE)
PARTS = ("tune", "heldout")
MIRROR = Path("/work/.mirror")
DEFAULT_CAP = 3_000


@dataclass(frozen=True)
class Source:
    """One repository snapshot the files of a set come from."""

    repo: str  # owner/name
    commit: str

    def read(self, path: str, data_dir: Path | None = None) -> bytes:
        """The bytes of `path` at `commit`, or of DATA_DIR/<owner>+<name>/<path>."""
        folder = self.repo.replace("/", "+")
        if data_dir is not None:
            return (data_dir / folder / path).read_bytes()
        git_dir = MIRROR / folder / "repo"
        if not git_dir.is_dir():
            raise FileNotFoundError(
                f"{git_dir} is missing: fetch github:{self.repo} first, or pass --data-dir"
            )
        done = subprocess.run(
            ["git", "--git-dir", str(git_dir), "show", f"{self.commit}:{path}"],
            capture_output=True,
            check=False,
        )
        if done.returncode:
            raise FileNotFoundError(done.stderr.decode(errors="replace").strip())
        return done.stdout


Loaded = tuple[list[str], list[str]]
Loader = Callable[[Source, tuple[str, ...], Path | None], Loaded]


@dataclass(frozen=True)
class LabelledSet:
    name: str
    language: str
    source: Source
    paths: tuple[str, ...]
    licence: str
    labels: str  # how the person's label was given, in words
    load: Loader
    caveat: str = ""


# --- loaders: (source, paths, data_dir) -> (texts, labels) --------------------------------


def _lines_per_label(files: dict[str, str]) -> Loader:
    """One text per non-empty line, the label given by the file."""

    def load(source: Source, paths: tuple[str, ...], data_dir: Path | None) -> Loaded:
        texts, labels = [], []
        for path in paths:
            for line in source.read(path, data_dir).decode("utf-8-sig").splitlines():
                if line.strip():
                    texts.append(line.strip())
                    labels.append(files[path])
        return texts, labels

    return load


def _csv_column(
    text: str,
    label: str,
    mapping: dict[str, str],
    encoding: str = "utf-8-sig",
    **options: str,
) -> Loader:
    """Rows of CSV files: `text` column, `label` column mapped by `mapping` (others dropped)."""

    def load(source: Source, paths: tuple[str, ...], data_dir: Path | None) -> Loaded:
        texts, labels = [], []
        for path in paths:
            raw = source.read(path, data_dir).decode(encoding)
            for row in csv.DictReader(io.StringIO(raw, newline=""), **options):
                value = (row.get(label) or "").strip()
                body = (row.get(text) or "").strip()
                if value in mapping and body:
                    texts.append(body)
                    labels.append(mapping[value])
        return texts, labels

    return load


def _absa_reviews(source: Source, paths: tuple[str, ...], data_dir: Path | None) -> Loaded:
    """SemEval-2016-style XML: a review's label is the polarity all its opinions share.

    Reviews whose opinions disagree (positive beside negative, or either beside neutral),
    have no opinion, or are marked OutOfScope are left out.
    """
    texts, labels = [], []
    for path in paths:
        root = ET.fromstring(source.read(path, data_dir))
        for sentence in root.iter("sentence"):
            if sentence.get("OutOfScope", "").upper() == "TRUE":
                continue
            body = (sentence.findtext("text") or "").strip()
            polarities = {o.get("polarity") for o in sentence.iter("Opinion")}
            if body and len(polarities) == 1 and (only := polarities.pop()) in LABELS:
                texts.append(body)
                labels.append(only)
    return texts, labels


def _pros_cons(files: dict[str, str]) -> Loader:
    """XML of review summaries (pros or cons, by file); inline <target> tags are unwrapped.

    Some of these files have no root element (a list of <..._summary> elements), so every
    file is wrapped in one before parsing.
    """

    def load(source: Source, paths: tuple[str, ...], data_dir: Path | None) -> Loaded:
        texts, labels = [], []
        for path in paths:
            raw = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", source.read(path, data_dir))
            root = ET.fromstring(b"<wrapped>" + raw + b"</wrapped>")
            for item in root.iter():
                if not item.tag.endswith("_summary"):
                    continue
                body = " ".join("".join(item.itertext()).split())
                if body:
                    texts.append(body)
                    labels.append(files[path])
        return texts, labels

    return load


_TSA = "training data/"
_ALZA = "resources/me_sentiment/corpora/czech/"
_BUT = Source("MixedEmotions/but_sentiment", "470ef1d9a62fe86b9d2c9a27aeff7450cd3fd615")
_CSREST = "data/cs_rest_m/"

# Left out on purpose (kept back for independent checks, or possibly overlapping them):
# tweets of the Turkcell corpus (Amasyalı et al. 2018: Kemik 17bin / 3000 tweets), so also
# cemrifki/sentiment-embeddings' Turkish_twitter_*.csv (15% of it mentions Turkcell) and
# kevserbusrayildirim/FSMTSAD (tweets of unstated origin, some about Turkcell; it also holds
# LLM-written and augmented texts); the Czech Facebook and Mall.cz corpora of Habernal et
# al. (2013); the UCI "Sentiment Labelled Sentences" (Kotzias et al. 2015).
EXTERNAL: dict[str, LabelledSet] = {
    s.name: s
    for s in (
        LabelledSet(
            name="TSATweets (tr)",
            language="tr",
            source=Source(
                "sercankulcu/sentiment-analysis-of-tweets-in-Turkish",
                "9647a08a9f0f6ac117d6f79a65578315b27682d9",
            ),
            paths=(f"{_TSA}negative.txt", f"{_TSA}notr.txt", f"{_TSA}positive.txt"),
            licence="not stated in the repository (unknown): read in place only",
            labels="3 classes, one file per class (Kulcu 2015): 3,000 neg / 1,448 neu / "
            "1,552 pos tweets",
            load=_lines_per_label(
                {
                    f"{_TSA}negative.txt": NEGATIVE,
                    f"{_TSA}notr.txt": NEUTRAL,
                    f"{_TSA}positive.txt": POSITIVE,
                }
            ),
        ),
        LabelledSet(
            name="Store reviews (tr)",
            language="tr",
            source=Source("Eminkorkut/exam", "1ea797c786d1f0e54ecc36352a8b1c81c5797488"),
            paths=("magaza_yorumlari_duygu_analizi.csv",),
            licence="not stated in the repository (a copy of the Kaggle set 'Mağaza "
            "Yorumları Duygu Analizi'; unknown): read in place only",
            labels="3 classes Olumsuz / Tarafsız / Olumlu (4,237 / 2,937 / 4,252), "
            "Hepsiburada store reviews",
            # UTF-16 (BOM), comma-delimited, CRLF.
            load=_csv_column(
                "Görüş",
                "Durum",
                {"Olumsuz": NEGATIVE, "Tarafsız": NEUTRAL, "Olumlu": POSITIVE},
                encoding="utf-16",
            ),
        ),
        LabelledSet(
            name="Beyazperde movies (tr)",
            language="tr",
            source=Source(
                "cemrifki/sentiment-embeddings", "7b22dcfd26cb80f5df6d224ec28e84185a02c98c"
            ),
            paths=("input/Sentiment_dataset_turk.csv",),
            licence="MIT (repository LICENSE); the data is a subset of Türkmenoğlu & "
            "Tantuğ (2014), given to the authors: read in place only",
            labels="2 classes (P/N) from star ratings, balanced",
            load=_csv_column("Text", "Sentiment", {"N": NEGATIVE, "P": POSITIVE}),
        ),
        LabelledSet(
            name="CsRest-M restaurants (cs)",
            language="cs",
            source=Source(
                "biba10/Czech-Dataset-for-Complex-ABSA-Tasks",
                "d8a908b30bd58a880916291f295e70f28477c71a",
            ),
            paths=(f"{_CSREST}train.xml", f"{_CSREST}dev.xml", f"{_CSREST}test.xml"),
            licence="MIT (repository LICENSE, code); the paper (Šmíd et al., LREC-COLING "
            "2024) gives the data for non-commercial research: read in place only",
            labels="3 classes: the polarity shared by all of a review's aspect opinions "
            "(reviews with mixed polarities left out)",
            load=_absa_reviews,
        ),
        LabelledSet(
            name="Alza pros/cons (cs)",
            language="cs",
            source=_BUT,
            paths=tuple(
                f"{_ALZA}{kind}_summary_anot_{part}.xml"
                for kind in ("negative", "positive")
                for part in ("first", "length")
            ),
            licence="not stated in the repository; from LINDAT hdl 11234/1-1507 (Fiala "
            "2015): read in place only",
            labels="2 classes: the review's pros field (positive) or cons field (negative)",
            load=_pros_cons(
                {
                    f"{_ALZA}{kind}_summary_anot_{part}.xml": label
                    for kind, label in (("negative", NEGATIVE), ("positive", POSITIVE))
                    for part in ("first", "length")
                }
            ),
            caveat="the label is the field the customer wrote in, so a few are not "
            "sentiment at all (e.g. 'none' written as a pro)",
        ),
        LabelledSet(
            name="Sanders brand tweets (en)",
            language="en",
            source=_BUT,
            paths=("resources/me_sentiment/corpora/sanders/full-corpus.csv",),
            licence="not stated in the repository (Sanders Analytics corpus): read in place only",
            labels="3 classes, manual, tweets about Apple / Google / Microsoft / Twitter "
            "('irrelevant', mostly other languages, left out)",
            load=_csv_column(
                "TweetText",
                "Sentiment",
                {"negative": NEGATIVE, "neutral": NEUTRAL, "positive": POSITIVE},
            ),
        ),
        LabelledSet(
            name="STS-Gold tweets (en)",
            language="en",
            source=_BUT,
            paths=("resources/me_sentiment/corpora/sts_gold_v03/sts_gold_tweet.csv",),
            licence="not stated in the repository (Saif et al. 2013): read in place only",
            labels="2 classes (0/4), agreed by 3 annotators",
            load=_csv_column("tweet", "polarity", {"0": NEGATIVE, "4": POSITIVE}, delimiter=";"),
        ),
    )
}


# --- split --------------------------------------------------------------------------------


def text_key(text: str) -> str:
    """What two copies of a comment share: NFC, casefolded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _hash(text: str, salt: str) -> int:
    digest = hashlib.blake2b(f"{salt}\x00{text_key(text)}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def part_of(text: str) -> str:
    """tune or heldout, by a stable hash of the text alone (same text, same part everywhere)."""
    return PARTS[_hash(text, "part") % 2]


def deduplicate(texts: list[str], labels: list[str]) -> tuple[list[str], list[str], int]:
    """One copy of each text; texts given different labels are dropped. Returns dropped count."""
    seen: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for text, label in zip(texts, labels, strict=True):
        key = text_key(text)
        seen.setdefault(key, set()).add(label)
        first.setdefault(key, text)
    kept = [(first[k], next(iter(v))) for k, v in seen.items() if len(v) == 1]
    conflicting = sum(1 for v in seen.values() if len(v) > 1)
    return [t for t, _ in kept], [lab for _, lab in kept], conflicting


def split(
    texts: list[str], labels: list[str], cap: int = DEFAULT_CAP
) -> dict[str, tuple[list[str], list[str]]]:
    """Both parts, each its texts in a stable hash order and cut at `cap` (0: no cap)."""
    parts: dict[str, list[tuple[int, str, str]]] = {part: [] for part in PARTS}
    for text, label in zip(texts, labels, strict=True):
        parts[part_of(text)].append((_hash(text, "sample"), text, label))
    result = {}
    for part, rows in parts.items():
        rows.sort()
        rows = rows[:cap] if cap else rows
        result[part] = ([t for _, t, _ in rows], [lab for _, _, lab in rows])
    return result


def load(
    labelled: LabelledSet,
    data_dir: Path | None = None,
    cap: int = DEFAULT_CAP,
    exclude: frozenset[str] = frozenset(),
) -> tuple[dict[str, tuple[list[str], list[str]]], dict[str, int]]:
    """The set's tune and heldout parts, and counts (read, conflicting, excluded, distinct).

    Texts whose `text_key` is in `exclude` (e.g. comments of the sets the lexicons were
    checked against) are left out before the cap, so they can be in neither part.
    """
    texts, labels = labelled.load(labelled.source, labelled.paths, data_dir)
    unknown = set(labels) - set(LABELS)
    if unknown:
        raise ValueError(f"{labelled.name}: labels outside {LABELS}: {sorted(unknown)}")
    read = len(texts)
    texts, labels, conflicting = deduplicate(texts, labels)
    kept = [text_key(t) not in exclude for t in texts]
    excluded = kept.count(False)
    texts = [t for t, k in zip(texts, kept, strict=True) if k]
    labels = [lab for lab, k in zip(labels, kept, strict=True) if k]
    counts = {
        "read": read,
        "conflicting": conflicting,
        "excluded": excluded,
        "distinct": len(texts),
    }
    return split(texts, labels, cap), counts
