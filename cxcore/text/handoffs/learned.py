"""A learned second opinion on handoffs: word and letter n-grams weighed by a logistic model.

The rules (`detect.py`) speak first. Where they are silent, this model may flag a comment,
but only when it is confident (`Model.thresholds`, by the language of the first cue in what
it reads: `cue_language`), the comment names a unit, a person, another party or a transfer in
one of the languages (`window`; the model reads only those sentences), and
nothing in it negates a handoff (`_NEGATED`; the rules' own negations are checked in
`detect.py`). The weights are learned from the labelled sets in `bench/` by
`bench/handoff_learn.py`, which writes `cxcore/data/handoff_model.json`; reading a comment
needs no library but the standard one.

Features, read on the folded text the rules read: each word ("w:"), each pair of neighbouring
words ("b:"), and the 3- to 5-letter pieces of each word padded with a space ("c:"), as
counts divided by the square root of how many features the comment has. A word's letter
pieces are summed once and remembered, so a comment costs about two look-ups a word.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final

from cxcore.text.handoffs.czech import LANGUAGE as CZECH
from cxcore.text.handoffs.english import LANGUAGE as ENGLISH
from cxcore.text.handoffs.rules import word_trie
from cxcore.text.handoffs.turkish import LANGUAGE as TURKISH
from cxcore.text.ngrams import CHAR_SIZES, ngram_features

__all__ = [
    "CUE_WORD_STARTS",
    "MODEL_PATH",
    "Model",
    "cue_language",
    "features",
    "learned_opinion",
    "load_model",
    "window",
]

MODEL_PATH: Final = Path(__file__).parent.parent.parent / "data" / "handoff_model.json"
_WORD: Final = re.compile(r"\w+")
# Words' remembered letter pieces: comments share most of their words.
_WORD_CACHE_MAX: Final = 50_000


def features(folded: str) -> list[str]:
    """The features of a folded comment, repeated as often as they occur (for training)."""
    return ngram_features(_WORD.findall(folded))


@dataclass
class Model:
    """Weights by feature, the intercept, and the probability above which a comment is flagged."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    # by the language of the cue that opened the window ("tr", "cs", "en"); `threshold` for
    # a language without one
    thresholds: dict[str, float] = field(default_factory=dict)
    _words: dict[str, tuple[float, int]] = field(default_factory=dict, repr=False)
    # the weights of letter pieces and of word pairs without their "c:"/"b:" mark: a word's
    # pieces are looked up without building a string for each
    _pieces: dict[str, float] = field(default_factory=dict, repr=False)
    _pairs: dict[str, float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for key, weight in self.weights.items():
            if key.startswith("c:"):
                self._pieces[key[2:]] = weight
            elif key.startswith("b:"):
                self._pairs[key[2:]] = weight

    def _word(self, word: str) -> tuple[float, int]:
        """A word's summed weight (itself and its letter pieces) and its number of features."""
        kept = self._words.get(word)
        if kept is None:
            padded = f" {word} "
            get = self._pieces.get
            total = self.weights.get(f"w:{word}", 0.0)
            count = 1
            for size in CHAR_SIZES:
                last = len(padded) - size + 1
                total += sum(get(padded[i : i + size], 0.0) for i in range(last))
                count += max(last, 0)
            kept = (total, count)
            if len(self._words) >= _WORD_CACHE_MAX:
                self._words.clear()
            self._words[word] = kept
        return kept

    def _parts(self, words: list[str]) -> tuple[list[tuple[float, str]], int]:
        """Each word's and each known pair's weight, and the comment's number of features."""
        parts: list[tuple[float, str]] = []
        count = len(words) - 1
        for word in words:
            weight, n = self._word(word)
            parts.append((weight, word))
            count += n
        get = self._pairs.get
        for a, b in zip(words, words[1:], strict=False):
            pair = f"{a} {b}"
            weight = get(pair)
            if weight is not None:
                parts.append((weight, pair))
        return parts, count

    def probability(self, folded: str) -> float:
        """The probability that a folded text says the customer was passed on."""
        words = _WORD.findall(folded)
        if not words:
            return 0.0
        parts, count = self._parts(words)
        score = self.intercept + sum(w for w, _ in parts) / math.sqrt(count)
        return 1.0 / (1.0 + math.exp(-score)) if score > -30 else 0.0

    def strongest(self, folded: str, most: int = 3) -> tuple[str, ...]:
        """The words and pairs of a folded text that weighed most for a handoff."""
        parts, _ = self._parts(_WORD.findall(folded))
        shown: list[str] = []
        for weight, said in sorted(parts, reverse=True):
            if weight <= 0 or len(shown) == most:
                break
            # a short word alone ("me", "to", "bir") shows nothing to a reader
            if said not in shown and (len(said) >= 4 or " " in said):
                shown.append(said)
        return tuple(shown)


def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The model written by bench/handoff_learn.py, or None when there is none."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
        thresholds={k: float(v) for k, v in data.get("thresholds", {}).items()},
    )


@cache
def _model() -> Model | None:
    return load_model()


# A transfer, a unit or a person of the company named in one of the languages (folded text):
# the model reads only the sentences that hold one, and is not asked about a comment with none.
# Word starts of a verb of passing on, telling again or sending, or of a unit or a person of
# the company. (Asking for two units, "from billing to the store", traded recall for false
# flags no better than a higher threshold: docs/benchmarks.md.)
_CUE_STARTS_BY_LANGUAGE: Final = {
    # Turkish: passing on, telling again, sent elsewhere; units and people
    TURKISH: "aktar yonlendir bagla pasla sevk devr ilet gonderil gonderdi yollad havale elden_ele"
    " top_gibi muhatap anlat arayin gidin basvurun"
    " birim departman temsilci yetkili sube musteri_hizmet cagri_merkez operator yonetici"
    " amir supervizor genel_mudurlug magaza servis bayi uzman ekip ekib teknik"
    # other parties and people ("sigorta eksperle görüşün dedi", "her yeni kişi")
    " kisi arkadas sigorta acente eksper satici kargo hastane bolge planlama masa_ masaya",
    CZECH: "prepoj preda posla posil poslou prehaz prehod preved prevad odkaz postoup eskal dokola"
    " znovu jinam vysvetl zavolat zavolejte obratte"
    " oddeleni pobock infolink linku koleg vedouc nadrizen podpor central technik specialist"
    " prodejn dodavatel pojistovn banka banku"
    " tym linka lidi referent urad odbor okenk lekar dopravc centr ucetn pravni obchodnik parta"
    " spravce",
    ENGLISH: "transfer xfer passed passing pass_me pass_us pass_it sent send bounc handed handing"
    " hand_me hand_over hands_ refer forward redirect routed routing connect put_me put_us"
    " escalat someone_else somebody_else repeat reexplain explain"
    " runaround run_around told_me_to told_us_to took_over"
    " department dept supervisor manager agent rep_ reps representative team desk colleague"
    " helpline hotline call_cent store branch billing support customer_service airline airport"
    " bank insurer courier seller retailer manufacturer engineer"
    " unit line_ lines_ person_ guy_ number council brand claims underwriting tier_"
    " chat_",
}
_CUE_STARTS: Final = " ".join(_CUE_STARTS_BY_LANGUAGE.values())
# Each cue start (as the cue expression matches it) → its language.
_CUE_LANGUAGE: Final = {
    start.replace("_", " "): language
    for language, starts in _CUE_STARTS_BY_LANGUAGE.items()
    for start in starts.split()
}
# Their first words, for the detector's one look at a comment's words (`detect.py`).
# An entry of several words ("call_cent", "rep_") gives its first word as a whole word
# ("call=", "rep="), so that "callback" or "report" wake nothing.
CUE_WORD_STARTS: Final = " ".join(
    sorted({w.split("_")[0] + ("=" if "_" in w else "") for w in _CUE_STARTS.split()})
)
# "předat" is no "predátor"
_CUE: Final = re.compile(
    r"\b(?!predator)" + word_trie(sorted({w.replace("_", " ") for w in _CUE_STARTS.split()}))
)
_SENTENCE_ENDS: Final = ".!?;\n"
_WINDOW_SENTENCES: Final = 3
# Fewer words than this say too little to be sure of ("team", "agent to help me, thanks").
_MIN_WORDS: Final = 5


def _sentence_around(folded: str, start: int, end: int) -> tuple[int, int]:
    first = max(folded.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    ends = [i for i in (folded.find(mark, end) for mark in _SENTENCE_ENDS) if i >= 0]
    return first, min(ends, default=len(folded))


def window(folded: str) -> str | None:
    """The sentences of a folded comment that name a cue (at most three), or None when none
    does or they hold fewer than five words."""
    spans: list[tuple[int, int]] = []
    for match in _CUE.finditer(folded):
        if spans and match.start() < spans[-1][1]:
            continue
        spans.append(_sentence_around(folded, match.start(), match.end()))
        if len(spans) == _WINDOW_SENTENCES:
            break
    if not spans:
        return None
    read = " . ".join(folded[a:b].strip() for a, b in spans)
    return read if len(_WORD.findall(read)) >= _MIN_WORDS else None


def cue_language(read: str) -> str | None:
    """The language ("tr", "cs", "en") of the first cue in a window, or None when none is."""
    match = _CUE.search(read)
    return None if match is None else _CUE_LANGUAGE.get(match.group(0))


# A handoff said not to have happened, in any of the languages: the model is not asked.
_NEGATED: Final = re.compile(
    r"\b(?:aktar|yonlendir|bagla|gonder|yolla|devr|sevk|pasla|ilet|gorustur|havale et|birak)\w*?(?:il|in|n)?(?:ma|me)(?:dan|den|di|dik|dim|diler|dilar|z|yip|yerek|yarak|zsiniz|zlar)\w*"
    r"|\bgerek (?:kalmadan|olmadan|kalmadi|olmadi|yok)\b|\bgerek(?:me(?:di|z|mis|yecek)|miyor)\b"
    r"|\bne(?:prepoj|preda|predav|posla|posil|preved|prevad|prehod|prehaz|odkaz|hodil|musel|musim"
    r"|presun|presmer|soupl|vratil|postoup|eskal)\w*"
    r"|\b(?:aktarma|yonlendirme|transfer)\w* (?:yok|olmadi|olmadan)\b"
    r"|\bbez (?:prepoj|predav|preposil)\w*|\bnikam\b|\bnikomu\b|\bnedal\w* (?:\w+ )?jinam\b"
    r"|\b(?:without|no|never|not|didnt|did not|wasnt|was not|werent|dont|no need to|no one)"
    r" (?:\w+ ){0,3}?(?:transfer|pass|send|sent|escalat|redirect|forward|bounc|hand|repeat|pushed|connect|put"
    r"|juggl|shunt|shov|shuffl|kick|bump|dump|throw|threw|toss|palm|fob|rout|refer|switch|mov|reassign|shift)\w*"
)


# Other senses the rules leave to the model but which it reads as a handoff: a department
# store; the one agent reached after a wait ("after an hour on hold I was put through to an
# agent, who fixed it"); the same person fixing it there and then ("said it's a tech issue
# and fixed it on the spot", "kendisi hemen çözdü", "hned to sám vyřešil").
_OTHER_SENSE: Final = re.compile(
    r"\bdepartment stores?\b"
    # the customer's own move: "we moved to a new branch of the gym", "I switched to another bank"
    r"|\b(?:i|we) (?:have |had |just |then )?(?:moved|switched|changed) (?:over )?to\b"
    # a request for a supervisor, not a handoff: "asked to speak w/supervisor. Told 20 min"
    r"|\basked (?:to speak|to talk|for) (?:to |with |w ?/ ?)?(?:a |the |his |her |your )?(?:supervisor|manager)"
    # photos, data, money moved ("transferred my photos over")
    r"|\btransferr?\w* (?:\w+ ){0,3}(?:photos|pictures|contacts|data|files|money|funds|balance|points|miles|accounts)\b"
    r"|\b(?:photos|pictures|contacts|data|files|money|funds|balance|points|miles) (?:were |was |got |have been |had been )?transferr"
    r"|\bon hold\b.*\b(?:put|got|get) through to (?:a|an|the) (?:agent|person|rep|advisor|adviser|human)\b"
    # goods handed over, a setup walked through: "handed over the new router and walked me
    # through the setup"
    r"|\bhand(?:ed|s|ing)? (?:over |me |us )?(?:the |a |an |my |our )?(?:new |old |spare |replacement )?"
    r"(?:router|modem|box|device|phone|handset|keys?|card|sim|parcel|package|receipt|paperwork|documents?|bag)\b"
    r"|\bwalk(?:ed|s|ing)? (?:me|us) through\b"
    # the one person helpful and done: "was really helpful and sorted my mortgage"
    r"|\b(?:helpful|lovely|great|friendly|brilliant|kind|patient|polite)\b (?:\w+ )?and (?:\w+ )?(?:sorted|fixed|solved|resolved|handled)\b"
    # a doctor's referral ("doktorum beni hastaneye sevk etti"); a line connected
    r"|\b(?:doktor|hekim|gp|doctor|lekar|praktik)\w* (?:\w+ ){0,2}?(?:sevk|referred|sent|poslal|odkazal|pozval|objednal)\w*"
    r"|\bconnect\w* (?:me|us) to (?:the |a )?(?:new )?(?:fibre|fiber|broadband|internet|wifi|grid|mains|supply|network)\b"
    # the customer's own shopping around: "found one of each colour in two different stores"
    r"|\b(?:in|at|from) (?:two|2|three|3|several|multiple) (?:different )?(?:stores|shops)\b"
    # goods returned by the customer: "iade ettim", "iade edin dedi"
    r"|\biade (?:edin|et)\w*"
    # the same one again, one's own earlier case, a recommendation: "same person", "referred
    # to my previous complaint", "recommended this bank to me"
    r"|\bsame (?:person|agent|guy|lady|rep|advisor|adviser|operator|man|woman)\b"
    r"|\bayni (?:temsilci|kisi|yetkili|operator|arkadas)\w*"
    # the first one solved it: "ilk temsilci çözdü", "hned první operátor to vyřešil"
    r"|\bilk (?:temsilci|kisi|yetkili|gorusme|arama|operator)\w* (?:\w+ ){0,3}?(?:cozdu|halletti|yardimci oldu)"
    r"|\bprvni (?:operator|clovek|pan|pani|slecn|technik|hovor)\w* (?:\w+ ){0,3}?(?:vyresil|vyridil|zvladl|pomohl)\w*"
    r"|\bfirst (?:person|agent|rep|call|advisor|adviser|operator) (?:\w+ ){0,3}?(?:sorted|fixed|solved|resolved|handled)\b"
    # praise of the team or its service: "Fantastic support by the Twitter team", "again, yr
    # team is awesome" (not a sarcastic "Brilliant." after a transfer: no team praised)
    r"|\b(?:fantastic|awesome|amazing|excellent|friendliest|superb|outstanding|wonderful) (?:\w+ ){0,2}?(?:team|support|staff|service|department|agents?|people|calls?)\b"
    r"|\b(?:team|staff|support|department|agents?) (?:is|are|was|were|has been|have been) (?:\w+ )?(?:awesome|amazing|fantastic|excellent|superb|outstanding|wonderful)\b"
    # strangers' compliments: "three different people stopped me to ask where it was from"
    r"|\b(?:people|strangers|women) (?:\w+ ){0,2}?(?:stopped me|complimented|asked me where)\b"
    # the customer's own sending: "teknik servise gönderdim"
    r"|\b\w+(?:e|a|ye|ya) (?:gonderdim|yolladim|kargoladim)\b"
    r"|\b(?:stejn|tentyz|tataz|tehoz|tutez)\w* (?:operator|clovek|pan|pani|slecn|technik|kolega|kolegyn|referent)\w*"
    r"|\breferr\w* to (?:my|the|your|our|his|her) (?:previous|earlier|last|old|original|first)\b"
    # the one who answered fixed it: "Podpora softwaru odpověděla do hodiny a chybu opravila"
    r"|\b(?:podpora|technik|operator\w*|kolega|kolegyne|pani|pan)\b (?:\w+ ){0,3}?(?:odpovedel|reagoval)\w*"
    r" (?:\w+ ){0,4}?a (?:\w+ )?(?:opravil|vyresil|vyridil)\w*"
    r"|\brecommend\w* (?:this|the|your|their|it|them)\b"
    # a shop's own departments: "jiné oddělení v obchodě", "obchodní dům"
    r"|\boddeleni (?:v|ve) (?:obchod|supermarket|hypermarket|obchodnim)\w*|\bobchodni\w* d[ou]m\w*"
    # tempers, not a case: "tension escalated at the counter"
    r"|\b(?:tension|tensions|argument|situation|things|row|tempers?|prices?|costs?)\b (?:\w+ )?escalat"
    # the right one at once: "got through to the right department first time"
    r"|\bright (?:department|person|team|agent|desk|people)\b.{0,30}\bfirst (?:time|go|try|call)\b"
    # goods passed on: "delivery was passed to a neighbour"
    r"|\b(?:delivery|parcel|package|order|item|box|kargo\w*|paket\w*|balik\w*|zasilk\w*)\b.{0,25}"
    r"\b(?:passed|handed|given|left|teslim|birak|komsu|predal\w*|nechal\w*)"
    # shown the way in a shop: "doğru reyona yönlendirdi", "nasměroval k regálu"
    r"|\b(?:reyon|raf|kasa(?:ya|lara)|regal|ulick|aisle|shelf|shelves|fitting room)\w*"
    r"|\b(?:fixed|sorted|solved|resolved) it (?:on the spot|right away|straight away|there and then"
    r"|immediately|himself|herself|themselves|(?:all )?by (?:himself|herself|themselves))"
    r"|\bkendi(?:si)? (?:hemen |orada )?(?:cozdu|halletti)|\b(?:hned|sam|sama) (?:to )?(?:sam |sama )?(?:vyresil|vyridil|opravil)\w*"
)


def learned_opinion(folded: str) -> tuple[bool, tuple[str, ...]]:
    """A folded comment the rules left unflagged → (whether the model flags it, its words)."""
    model = _model()
    read = None if model is None else window(folded)
    if model is None or read is None:
        return False, ()
    threshold = model.thresholds.get(cue_language(read) or "", model.threshold)
    if model.probability(read) < threshold:
        return False, ()
    if _NEGATED.search(folded) or _OTHER_SENSE.search(folded):
        return False, ()
    return True, model.strongest(read)
