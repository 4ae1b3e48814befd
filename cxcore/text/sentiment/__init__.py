"""Language and polarity of each comment: Turkish, Czech and English, offline.

- Language: `cxcore.text.language` (letters only Turkish or Czech use, then lingua).
- Turkish and Czech: our lexicons with their morphology (`cxcore.text.lexicon`,
  `cxcore.text.polarity`, `data/sentiment/*.yaml`), blended with a prior learned offline
  from public labelled text (`prior`, `data/sentiment/prior/`). English: VADER and our
  lexicon together (`rules`).
- `score_responses` also learns from the survey's own NPS/CSAT where an import has enough
  scored comments in a language, cross-fitted so no response's score touches its own
  comment (`learned`, `features`).
- Each distinct comment is scored once per process (cached across imports, `scoring`);
  large batches use every core (`workers`).

The method and its accuracy are in docs/sentiment.md and docs/benchmarks.md.
"""

from cxcore.text.language import detect_language
from cxcore.text.sentiment.learned import (
    LanguageFit,
    LearnedScores,
    fit_learned_scores,
    neutral_band,
    score_classes,
    score_targets,
)
from cxcore.text.sentiment.prior import PriorFileError
from cxcore.text.sentiment.responses import flag_disagreements, score_responses
from cxcore.text.sentiment.rules import NEUTRAL_BAND, NEUTRAL_BANDS, label_for
from cxcore.text.sentiment.scoring import (
    NEUTRAL_TERM,
    cache_info,
    clear_cache,
    explain,
    score_ahead,
    score_texts,
)
from cxcore.text.sentiment.workers import ScoringAhead, start_workers_early

__all__ = [
    "LanguageFit",
    "LearnedScores",
    "NEUTRAL_BAND",
    "NEUTRAL_BANDS",
    "NEUTRAL_TERM",
    "PriorFileError",
    "cache_info",
    "clear_cache",
    "detect_language",
    "explain",
    "fit_learned_scores",
    "neutral_band",
    "score_classes",
    "flag_disagreements",
    "label_for",
    "ScoringAhead",
    "score_ahead",
    "start_workers_early",
    "score_responses",
    "score_targets",
    "score_texts",
]
