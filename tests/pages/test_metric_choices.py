"""A metric is offered only where the survey has scores of it: a survey without CES shows no
CES button, whose curve, trend and table would all be empty."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file

ROOT = Path(__file__).resolve().parents[2]
NPS_ONLY = (
    "Response ID,Date,Stage,NPS,Comment\n"
    "R1,2026-03-02,Support,3,Nobody called me back\n"
    "R2,2026-03-03,Purchase,9,Quick and easy order\n"
)
WITH_CES = NPS_ONLY.replace("NPS,Comment", "NPS,CES,Comment").replace(",3,", ",3,6,")
WITH_CES = WITH_CES.replace(",9,", ",9,2,")


def offered(monkeypatch, db_url: str, survey: str, page: str) -> list[str]:
    import_file(survey.encode(), "survey.csv", engine=db.get_engine(db_url))
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.query_params["stage"] = "support"  # the stage page opens a stage with responses
    at.switch_page(page).run()
    assert not at.exception
    return metric_buttons(at)


def metric_buttons(at: AppTest) -> list[str]:
    """The options of the page's metric choice (the one offering the default, sentiment)."""
    for control in at.segmented_control:
        if "Mean sentiment (−1…1)" in control.options:
            return list(control.options)
    raise AssertionError("no metric choice on the page")


def test_a_survey_without_ces_offers_no_ces_curve(monkeypatch, db_url):
    options = offered(monkeypatch, db_url, NPS_ONLY, "pages/overview.py")
    assert options == ["Mean sentiment (−1…1)", "NPS (−100…100)"]


def test_a_survey_with_ces_offers_it(monkeypatch, db_url):
    options = offered(monkeypatch, db_url, WITH_CES, "pages/overview.py")
    assert "CES, mean effort (1–7)" in options and "CSAT, % satisfied" not in options


def test_the_stage_trend_and_the_map_offer_the_same(monkeypatch, db_url):
    assert "CES, mean effort (1–7)" not in offered(monkeypatch, db_url, NPS_ONLY, "pages/stage.py")
    import_file(WITH_CES.encode(), "ces.csv", engine=db.get_engine(db_url))
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/touchpoints.py").run()
    assert metric_buttons(at) == [
        "Mean sentiment (−1…1)",
        "NPS (−100…100)",
    ]  # the map has no CES view at all
