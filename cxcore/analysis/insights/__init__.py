"""From charts to insight: pain points, moments of truth, channel hopping, what changed.

Small pure functions over the frames `db` returns (stage_summary / cell_summary sums,
responses, customer contacts), one module per job, all at 95%:

- `pain_points`: stages and cells significantly below the rest of the journey;
- `drivers`: moments of truth, the NPS points a bad experience at a stage costs;
- `paths`: channel hopping, each customer's response followed by their next;
- `movers`: what changed between two periods;
- `significance`: the two-sample tests and Benjamini–Hochberg they share;
- `wording`: how they are written; `report`: all of them at once.
"""

from cxcore.analysis.insights.drivers import MIN_BAD, driver_sentences, drivers
from cxcore.analysis.insights.movers import mover_sentences, movers
from cxcore.analysis.insights.pain_points import (
    THEME_SAMPLE,
    TOP_PAIN_POINTS,
    marked_stages,
    pain_point_sentences,
    pain_point_voices,
    pain_points,
    possible_pain_point_sentences,
    possible_pain_points,
)
from cxcore.analysis.insights.paths import (
    OTHER,
    REPEAT_DAYS,
    SANKEY_PER_STEP,
    contact_paths,
    contact_transitions,
    repeat_contacts,
    repeat_sentences,
    sankey_figure,
    sankey_grouped_sentence,
    sankey_links,
    sentiment_by_step,
)
from cxcore.analysis.insights.report import (
    JOURNEY_COLUMNS,
    RESPONSE_COLUMNS,
    contacts_of,
    insight_frames,
    insights_report,
)
from cxcore.analysis.insights.significance import ALPHA, INSIGHT_METRICS, benjamini_hochberg
from cxcore.analysis.insights.wording import (
    TABLE_COLUMNS,
    column_labels,
    named,
    written_by_metric,
)

__all__ = [
    "ALPHA",
    "INSIGHT_METRICS",
    "JOURNEY_COLUMNS",
    "MIN_BAD",
    "OTHER",
    "REPEAT_DAYS",
    "SANKEY_PER_STEP",
    "RESPONSE_COLUMNS",
    "TABLE_COLUMNS",
    "THEME_SAMPLE",
    "TOP_PAIN_POINTS",
    "benjamini_hochberg",
    "column_labels",
    "contact_paths",
    "contact_transitions",
    "contacts_of",
    "driver_sentences",
    "drivers",
    "insight_frames",
    "insights_report",
    "marked_stages",
    "mover_sentences",
    "movers",
    "named",
    "pain_point_sentences",
    "pain_point_voices",
    "pain_points",
    "possible_pain_point_sentences",
    "possible_pain_points",
    "repeat_contacts",
    "repeat_sentences",
    "sankey_figure",
    "sankey_grouped_sentence",
    "sankey_links",
    "sentiment_by_step",
    "written_by_metric",
]
