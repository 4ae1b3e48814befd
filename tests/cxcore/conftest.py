"""Fixtures shared by the insights and the reports tests: data planted by construction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.planted import IVR_COMMENT, START, nps_scores, store


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


@pytest.fixture
def planted_hops(engine):
    """7 customers call the IVR and write on social media the same day; 3 call the IVR and
    phone 20 days later; 10 only call the IVR; 5 only phone."""
    rows = []
    for i in range(7):
        when = START + timedelta(days=i)
        rows.append((f"H{i}", when, "IVR", "Support", 2, None, IVR_COMMENT))
        rows.append(
            (f"H{i}", when + timedelta(hours=3), "Twitter", "Support", 9, None, "Thank you, solved")
        )
    for i in range(3):
        rows.append((f"L{i}", START, "IVR", "Support", 5, None, None))
        rows.append((f"L{i}", START + timedelta(days=20), "Phone", "Support", 8, None, None))
    rows += [(f"S{i}", START, "IVR", "Support", 6, None, None) for i in range(10)]
    rows += [(f"P{i}", START, "Phone", "Support", 9, None, None) for i in range(5)]
    store(engine, rows)
    return engine
