"""The stage drill-down in the real Streamlit runtime, on a database seeded with known values."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest.pipeline import import_file
from tests.planted import STAGE_Q1, STAGE_Q2

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded_url(db_url: str) -> str:
    engine = db.get_engine(db_url)
    import_file(STAGE_Q1.encode(), "q1.csv", engine=engine, survey="Q1")
    import_file(STAGE_Q2.encode(), "q2.csv", engine=engine, survey="Q2")
    return db_url


def open_stage(monkeypatch, url: str, stage: str | None = "support") -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/stage.py").run()
    if stage:
        at.query_params["stage"] = stage
        at.run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def stored(url: str, response_id: str) -> dict:
    frame = db.responses_frame(db.get_engine(url))
    return frame.set_index("response_id").loc[response_id].to_dict()


def test_the_url_chooses_the_stage_and_the_kpis_are_the_known_values(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url)
    assert at.title[0].value == "Stage drill-down"
    assert at.selectbox(key="stage_choice").value == "support"
    frame = db.responses_frame(db.get_engine(seeded_url))
    support = frame[frame["stage"] == "support"]
    shown = metrics(at)
    assert shown["Responses"] == "6"
    assert shown["NPS"] == "−17"
    assert shown["Negative comments, %"] == "60%"  # 3 of the 5 comments
    assert shown["Mean sentiment"] == f"{support['sentiment'].mean():+.2f}".replace("-", "−")
    assert "fewer than 30" in at.warning[0].value


def test_first_stage_by_default_and_the_selector_writes_the_url(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url, stage=None)
    assert at.selectbox(key="stage_choice").value == "awareness"
    assert metrics(at)["Responses"] == "1"
    at.selectbox(key="stage_choice").set_value("loyalty").run()
    assert at.query_params["stage"] == "loyalty"
    assert metrics(at)["NPS"] == "+100"


def test_an_unknown_stage_in_the_url_warns_and_shows_the_first(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url, stage="nowhere")
    assert "There is no stage 'nowhere'" in at.warning[0].value
    assert at.selectbox(key="stage_choice").value == "awareness"


def test_a_survey_filter_changes_the_numbers(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url)
    at.sidebar.multiselect[0].set_value(["Q1"]).run()
    assert not at.exception
    shown = metrics(at)
    assert (shown["Responses"], shown["NPS"], shown["Negative comments, %"]) == ("4", "+25", "33%")


def test_verbatims_most_negative_first_and_where_customers_came_from(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url)
    table = at.data_editor[0].value
    assert len(table) == 5  # R5 has no comment
    assert table["sentiment"].is_monotonic_increasing
    assert "terrible" in table["comment"].iloc[0] and table["why"].iloc[0]
    assert at.checkbox[0].label.startswith("Score and words disagree (")
    came, went = (t.value for t in at.dataframe[-2:])
    assert came.values.tolist() == [["Awareness", 1]]
    assert went.values.tolist() == [["Loyalty & renewal", 1]]


def test_text_search_narrows_the_verbatims(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url)
    at.text_input[0].set_value("AGENT").run()
    assert sorted(at.data_editor[0].value["comment"]) == [
        "Friendly agent",
        "Rude agent",
        "The agent was great and solved it fast",
    ]


def test_a_manual_retag_in_the_table_is_stored_as_manual(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url)
    editor = at.data_editor[0]
    table = editor.value
    ids = {rid: stored(seeded_url, rid)["id"] for rid in ("R4", "S2")}
    ivr_row = table.index.get_loc(ids["R4"])
    rude_row = table.index.get_loc(ids["S2"])
    at.session_state[editor.key] = {
        "edited_rows": {ivr_row: {"touchpoint": "phone"}, rude_row: {"stage": "usage"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="save_tags").click().run()
    assert not at.exception
    assert at.success[0].value == "Manual tags saved for responses: 2."
    r4, s2 = stored(seeded_url, "R4"), stored(seeded_url, "S2")
    assert (r4["stage"], r4["touchpoint"], r4["touchpoint_source"]) == (
        "support",
        "phone",
        "manual",
    )
    assert r4["stage_source"] == "column"
    assert (s2["stage"], s2["stage_source"]) == ("usage", "manual")
    # The page shows the stored state: S2 left support, the edits are not applied twice.
    assert metrics(at)["Responses"] == "5"
    assert ids["S2"] not in at.data_editor[0].value.index


def test_the_journey_overview_links_each_stage_to_its_drill_down(monkeypatch, seeded_url):
    monkeypatch.setenv("CX_DATABASE_URL", seeded_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    links = [link.proto for link in at.get("page_link")]
    assert [(link.label, link.query_string) for link in links][:2] == [
        ("Open", "stage=awareness"),
        ("Open", "stage=consideration"),
    ]
    names = [m.value for m in at.markdown]
    # each over its link
    assert ":small[**Awareness**]" in names and ":small[**Consideration**]" in names
    assert {link.page for link in links} == {"stage"}
    assert len(links) == 7


def test_an_empty_stage_says_what_to_do(monkeypatch, seeded_url):
    at = open_stage(monkeypatch, seeded_url, stage="purchase")
    assert "No responses at **Purchase**" in at.info[0].value
    assert "Import" in at.info[0].value
