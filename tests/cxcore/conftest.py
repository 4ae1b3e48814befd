"""Fixtures shared by the insights and the reports tests: data planted by construction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.cxcore.test_insights import START, nps_scores, store


@pytest.fixture
def planted_driver(engine):
    """200 customers answer at support (CSAT) then at loyalty (NPS). The 100 with a bad
    support contact (CSAT 1) score NPS −40; the 100 with CSAT 5 score +20: a bad support
    contact costs exactly 60 NPS points."""
    rows = []
    groups = ((1, nps_scores(20, 20, 60)), (5, nps_scores(50, 20, 30)))
    for csat, scores in groups:
        for i, score in enumerate(scores):
            customer = f"C{csat}-{i}"
            when = START + timedelta(hours=i)
            rows.append((customer, when, "Phone", "Support", None, csat, None))
            rows.append(
                (customer, when + timedelta(days=10), "E-mail", "Loyalty", score, None, None)
            )
    store(engine, rows)
    return engine
