"""The Insights page's channel-hopping Sankey on the demo (the main touchpoints at each
step, the rest grouped as "other", and a caption saying what the grouping hides) and its
"What changed" when nothing changed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.analysis import insights
from cxcore.ingest.pipeline import import_file
from tests.planted import planted_survey

ROOT = Path(__file__).resolve().parents[2]


def test_the_sankey_shows_the_main_paths_in_czech(monkeypatch, demo_db):
    monkeypatch.setenv("CX_DATABASE_URL", demo_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.sidebar.selectbox(key="ui_lang").set_value("cs").run()
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    sankey = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    labels = sankey["node"]["label"]
    per_step = Counter(label.split(".", 1)[0] for label in labels)
    assert max(per_step.values()) <= insights.SANKEY_PER_STEP + 1, per_step
    others = [label for label in labels if "Ostatní (" in label]
    assert others  # the demo reaches more touchpoints than a step shows
    captions = " ".join(c.value for c in at.caption)
    assert "sloučeny pod „Ostatní“" in captions


def test_what_changed_without_a_significant_change_says_so_in_turkish(monkeypatch, db_url):
    # 40 support calls in one month, none before it: no stage has two periods to compare.
    import_file(planted_survey().encode(), "planted.csv", engine=db.get_engine(db_url))
    monkeypatch.setenv("CX_DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.sidebar.selectbox(key="ui_lang").set_value("tr").run()
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    assert at.subheader[-1].value == "Ne değişti"
    said = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert any(line.startswith("- Anlamlı bir değişim yok") for line in said), said
