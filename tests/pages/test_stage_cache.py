"""The stage page's shared caches (pages/_stage_cache.py) in the real Streamlit runtime: a
second session builds nothing again, an import shows at once, each language keeps its own."""

from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.analysis import handoffs, stage_detail
from cxcore.ingest.pipeline import import_file
from tests.planted import STAGE_Q1, STAGE_Q2

ROOT = Path(__file__).resolve().parents[2]
# What the stage page builds from the database's sums and rows; each must run once per
# stage, filters, language and data version, not once per session.
BUILDERS = [
    (stage_detail, "kpi_texts"),
    (stage_detail, "nps_figure"),
    (stage_detail, "touchpoint_table_from"),
    (stage_detail, "touchpoint_figure"),
    (stage_detail, "weekly_trend_from"),
    (stage_detail, "trend_figure"),
    (stage_detail, "disagreements"),
    (stage_detail, "filter_verbatims"),
    (stage_detail, "verbatim_table"),
    (stage_detail, "neighbour_stages"),
    (handoffs, "team_table"),
]


@pytest.fixture
def seeded_url(db_url: str) -> str:
    import_file(STAGE_Q1.encode(), "first.csv", engine=db.get_engine(db_url), survey="First")
    return db_url


@pytest.fixture
def built(monkeypatch) -> Counter:
    """How often each builder ran since the fixture started (the real functions run)."""
    calls: Counter = Counter()
    for module, name in BUILDERS:
        real = getattr(module, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return calls


def open_stage(monkeypatch, url: str, lang: str = "en") -> AppTest:
    """A new session on the support stage (a new browser: its own session state)."""
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["stage"] = "support"
    at.switch_page("pages/stage.py").run()
    if lang != "en":
        at.sidebar.selectbox(key="ui_lang").set_value(lang).run()
    assert not at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def numbers(values: list | dict) -> list:
    """A trace's values: plotly writes arrays as {"dtype", "bdata"} (base64) or a list."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), values["dtype"]).tolist()
    return list(values)


def nps_counts(at: AppTest) -> int:
    """Responses the 0–10 bars count (the figure with one trace per NPS band)."""
    bars = next(f for f in figures(at) if len(f["data"]) == len(stage_detail.NPS_BANDS))
    return int(sum(sum(numbers(trace["y"])) for trace in bars["data"]))


def test_a_second_session_builds_no_figure_or_table_again(monkeypatch, seeded_url, built):
    first = open_stage(monkeypatch, seeded_url)
    assert {name for _, name in BUILDERS} <= set(built), "the page builds each of them"
    built.clear()

    second = open_stage(monkeypatch, seeded_url)

    assert not built, f"built again for the second session: {dict(built)}"
    assert {m.label: m.value for m in second.metric} == {m.label: m.value for m in first.metric}
    assert figures(second) == figures(first)
    assert second.data_editor[0].value.equals(first.data_editor[0].value)


def test_an_import_shows_at_once_in_the_next_session(monkeypatch, seeded_url, built):
    before = open_stage(monkeypatch, seeded_url)
    assert {m.label: m.value for m in before.metric}["Responses"] == "4"
    assert nps_counts(before) == 4

    import_file(STAGE_Q2.encode(), "later.csv", engine=db.get_engine(seeded_url), survey="Later")
    built.clear()
    after = open_stage(monkeypatch, seeded_url)

    assert {m.label: m.value for m in after.metric}["Responses"] == "6"
    assert nps_counts(after) == 6
    assert len(after.data_editor[0].value) == 5  # the two new comments among the verbatims
    assert built["nps_figure"] == built["verbatim_table"] == 1


def test_each_language_has_its_own_figures_and_they_stay_as_built(monkeypatch, seeded_url):
    english = figures(open_stage(monkeypatch, seeded_url))
    turkish = figures(open_stage(monkeypatch, seeded_url, lang="tr"))
    english_again = figures(open_stage(monkeypatch, seeded_url))

    assert english == english_again  # a Turkish session did not change the shared figures
    assert {f["layout"].get("separators") for f in turkish} == {",."}
    assert {f["layout"].get("separators") for f in english} == {".,"}
    assert turkish[0]["layout"]["xaxis"]["title"] != english[0]["layout"]["xaxis"]["title"]
