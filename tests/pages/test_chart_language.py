"""Every Plotly chart of every page speaks the reader's language: hover texts with the
language's numbers (1,5; %24 in Turkish) and dates, count axes with whole ticks only."""

from __future__ import annotations

import base64
import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore.i18n import text
from cxcore.ingest.pipeline import load_demo
from cxcore.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
# page, query parameters: each page that draws Plotly charts
PAGES = [
    ("pages/overview.py", {}),
    ("pages/stage.py", {"stage": "support"}),
    ("pages/touchpoints.py", {}),
    ("pages/insights.py", {}),
]
PLACEHOLDER = re.compile(r"%\{([^}:]+)(:[^}]*)?\}")
DOT_DECIMAL = re.compile(r"\d\.\d{1,2}(?![\d.])")  # 0.14 (not 1.234 nor 01.03.2026)
ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('charts') / 'cx.sqlite'}"
    engine = db.get_engine(url)
    load_demo(engine, rows=400)
    newest = db.date_range(engine)[1].date()
    action = {"title": "Callback", "stage": "support", "metric": "csat", "target": 75.5}
    db.add_action(engine, action | {"live_date": newest, "due_date": date(2027, 1, 31)})
    return url


def figures(monkeypatch, url: str, page: str, params: dict, lang: str) -> list[dict]:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["_kept_ui_lang"] = lang
    at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def placed(trace: dict, field: str) -> list:
    """The values a hover placeholder reads from a trace ("customdata[1]", "x", "text")."""
    name, _, index = field.partition("[")
    values = decoded(trace.get(name))
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    if index:
        i = int(index.rstrip("]"))
        values = [row[i] if isinstance(row, list) else row for row in values]
    return list(flattened(values))


def decoded(values):
    """Plotly writes a numeric array as base64 ({"dtype", "bdata"}): back to numbers."""
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        return array.reshape(values["shape"]).tolist() if "shape" in values else array.tolist()
    return values


def flattened(values):
    for value in values:
        if isinstance(value, list):
            yield from flattened(value)
        else:
            yield value


def hover_problems(trace: dict, lang: str) -> list[str]:
    """What a trace's hover would show that is not written in `lang`."""
    if trace["type"] == "sankey":
        return [] if trace.get("valueformat") == ",d" else ["a Sankey's counts unformatted"]
    if trace.get("hoverinfo") in ("skip", "none", "name"):
        return []
    template = trace.get("hovertemplate")
    if not template:
        return [f"default hover on {trace.get('name')!r} (raw numbers, English dates)"]
    problems = []
    for field, spec in PLACEHOLDER.findall(template):
        values = [v for v in placed(trace, field) if v is not None]
        if spec or not all(_written(v) for v in values):
            problems.append(f"{field}{spec} is not a text written in the language")
        problems += [f"{v!r}" for v in values if not written_in(str(v), lang)]
    return problems


def _written(value) -> bool:
    """A text made for the hover (not a day in ISO form), or a whole number that needs no
    separator (a 0–10 score)."""
    if isinstance(value, str):
        return not ISO_DAY.match(value)
    return isinstance(value, int) and abs(value) < 1000


def written_in(shown: str, lang: str) -> bool:
    if lang in ("tr", "cs") and DOT_DECIMAL.search(shown):
        return False
    return not (lang == "tr" and re.search(r"\d%", shown))


def axis_problems(layout: dict, lang: str) -> list[str]:
    problems = []
    for name, axis in layout.items():
        if not re.fullmatch(r"[xy]axis\d*", name):
            continue
        title = (axis.get("title") or {}).get("text")
        if title == text("kpi.responses", lang) and not (
            axis.get("tickformat", "").endswith("d") and float(axis.get("dtick", 0.5)) >= 1
        ):
            problems.append(f"{name}: a count axis with fractional ticks")
        if axis.get("type") == "date" and not axis.get("tickformat"):
            problems.append(f"{name}: dates written the English way")
    return problems


@pytest.mark.parametrize("lang", ["tr", "cs"])
@pytest.mark.parametrize(("page", "params"), PAGES)
def test_every_chart_is_written_in_the_language(monkeypatch, demo_url, lang, page, params):
    found = figures(monkeypatch, demo_url, page, params, lang)
    assert found, "the page draws its charts"
    for figure in found:
        layout = figure["layout"]
        assert layout["separators"] == LANGUAGES[lang].chart_separators
        problems = axis_problems(layout, lang)
        for trace in figure["data"]:
            problems += hover_problems(trace, lang)
            names = [trace.get("name") or ""] + [str(t) for t in trace.get("text") or []]
            problems += [n for n in names if not written_in(str(n), lang)]
        assert problems == [], f"{page}: {problems}"


def test_turkish_hovers_put_the_percent_first_and_write_days_locally(monkeypatch, demo_url):
    found = figures(monkeypatch, demo_url, "pages/stage.py", {"stage": "support"}, "tr")
    scores = next(f for f in found if f["layout"]["xaxis"].get("dtick") == 1)
    shares = [row[1] for trace in scores["data"] for row in trace["customdata"]]
    assert shares and all(re.fullmatch(r"%\d+", s) for s in shares)
    trend = next(f for f in found if f["layout"]["xaxis"].get("type") == "date")
    assert trend["layout"]["xaxis"]["tickformat"] == "%d.%m.%Y"
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", row[0]) for row in trend["data"][0]["customdata"])
    assert trend["layout"]["yaxis2"]["tickformat"] == ",d"
