"""Every page in Turkish and in Czech, as a browser with that locale opens it on the demo
database: no English placeholder or label, no None/nan, no raw float, no dot decimal, no
ISO date, no Deploy button.

One server serves both languages; each page is opened once per language. Run one page with
`-k "tr and insights"`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from cxcore.demo import demo_csv_bytes
from tests.browser.server import streamlit_server

PAGES = (
    "",
    "stage",
    "reports",
    "insights",
    "follow_up",
    "actions",
    "touchpoints",
    "upload",
    "review",
    "taxonomy",
    "admin",
    "users",
)
LOCALES = {"tr": "tr-TR", "cs": "cs-CZ"}

_PLACEHOLDERS = ("Choose options", "Choose an option", "No options to select", "No results")
_MISSING = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|<NA>)(?![\w-])")
_RAW_FLOAT = re.compile(r"(?<![\d.,])\d+[.,]\d{4,}(?![\d.,])")
# A dot between digits that is not a thousands separator (Turkish writes 1.234) nor part
# of a date (07.11.2026).
_DOT_DECIMAL = re.compile(r"(?<![\d.])(?:\d+\.(?:\d{1,2}|\d{4,})|0\.\d{3})(?![\d.])")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_TURKISH_PERCENT = re.compile(r"\d ?%")
# Words our code shows in English when it forgets the catalog; whole labels or cells only,
# since customers' own comments may be in English.
_ENGLISH = {
    "negative",
    "positive",
    "neutral",
    "unassigned",
    "empty",
    "plain",
    "row",
    "reason",
    "row_number",
    "none",
    "other",
    "stage",
    "touchpoint",
    "responses",
}
_FIELD_NAME = re.compile(r"^[a-z]+(?:_[a-z]+)+$")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server over the demo database for both languages."""
    import db
    from cxcore.ingest.pipeline import load_demo

    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'cx.sqlite'}"
    load_demo(db.get_engine(url), rows=600)
    # An action with a target and no owner or touchpoint: its table, sentences and history
    # (every field set from nothing) are on the Actions page.
    live = date.today() - timedelta(weeks=10)
    action = {"title": "Geri arama", "stage": "support", "status": "in_progress",
              "live_date": live, "metric": "csat", "target": 80.5,
              "due_date": live + timedelta(weeks=26)}  # fmt: skip
    db.add_action(db.get_engine(url), action, user="lead")
    with streamlit_server(url, folder / "taxonomy.yaml") as address:
        yield address


@pytest.fixture(scope="module")
def pages_by_language(browser: Browser):
    """One browser tab per language, kept for the module (a session per language)."""
    contexts = {
        lang: browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
        for lang, locale in LOCALES.items()
    }
    yield {lang: context.new_page() for lang, context in contexts.items()}
    for context in contexts.values():
        context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid=stMain] h1", timeout=90_000)
    _settle(page)


def _settle(page: Page) -> None:
    """Wait for the run to end and the charts to draw."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=90_000
    )
    page.wait_for_timeout(800)  # charts draw after the run ends


def _texts(page: Page) -> dict[str, list[str]]:
    """What the user reads, by kind: the page's text, labels, table cells, chart text."""
    return {
        "text": [page.inner_text("[data-testid=stAppViewContainer]")],
        "labels": page.locator(
            "[data-testid=stWidgetLabel], [data-baseweb=select] div, [data-baseweb=tag]"
        ).all_inner_texts(),
        "cells": page.locator(
            "[data-testid=stDataFrame] [role=gridcell], "
            "[data-testid=stDataFrame] [role=columnheader], "
            "[data-testid=stTable] td, [data-testid=stTable] th"
        ).all_text_contents(),
        "chart": page.locator(".js-plotly-plot text").all_text_contents(),
        "placeholders": page.eval_on_selector_all(
            "input[placeholder], textarea[placeholder]", "els => els.map(e => e.placeholder)"
        ),
    }


# Pages whose editors hold keys the lead edits or picks by name (the journey model's ids,
# the stage page's re-tagging columns,
# the mapping's fields): a table's accessible copy shows the key, its canvas the name.
_KEYS_IN_CELLS = ("taxonomy", "upload", "stage")


def findings(page: Page, lang: str, path: str = "") -> list[str]:
    """Everything on the page that is not written in `lang`."""
    found = []
    if page.locator("[data-testid=stAppDeployButton]").count():
        found.append("Deploy button")
    texts = _texts(page)
    everything = (
        texts["text"] + texts["labels"] + texts["cells"] + texts["chart"] + texts["placeholders"]
    )
    for shown in everything:
        found += [f"placeholder {p!r}" for p in _PLACEHOLDERS if p in shown]
    # A table's cells are read from its accessible copy, which holds the raw values: the
    # numbers drawn on its canvas (pages._shared.shown) are checked by tests/pages.
    for shown in texts["cells"]:
        found += [f"missing value {m.group(0)!r}" for m in _MISSING.finditer(shown)]
    for shown in texts["chart"] + texts["labels"]:
        for pattern, what in (
            (_MISSING, "missing value"),
            (_RAW_FLOAT, "raw float"),
            (_DOT_DECIMAL, "dot decimal"),
            (_ISO_DATE, "ISO date"),
        ):
            found += [f"{what} {m.group(0)!r} in {shown[:60]!r}" for m in pattern.finditer(shown)]
    for shown in texts["text"]:
        found += [f"missing value {m.group(0)!r}" for m in _MISSING.finditer(shown)]
        found += [f"raw float {m.group(0)!r}" for m in _RAW_FLOAT.finditer(shown)]
        found += [f"ISO date {m.group(0)!r}" for m in _ISO_DATE.finditer(shown)]
    if lang == "tr":
        for shown in everything:
            found += [f"English percent {m.group(0)!r}" for m in _TURKISH_PERCENT.finditer(shown)]
    named = texts["labels"] + texts["chart"]
    for shown in named + ([] if path in _KEYS_IN_CELLS else texts["cells"]):
        word = shown.strip()
        if word.lower() in _ENGLISH or _FIELD_NAME.match(word):
            found.append(f"English label {word!r}")
    return sorted(set(found))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "journey")
@pytest.mark.parametrize("lang", LOCALES)
def test_page_speaks_the_language(server, pages_by_language, lang, path, tmp_path: Path):
    page = pages_by_language[lang]
    _open(page, f"{server}/{path}")
    if path == "upload":
        survey = tmp_path / "anket.csv"
        survey.write_bytes(demo_csv_bytes(rows=50, seed=5))
        page.locator("input[type=file]").set_input_files(str(survey))
        page.wait_for_selector("[data-testid=stDataFrame]", timeout=60_000)
        _settle(page)
    if path == "actions":  # the action's history is inside its expander
        page.locator("[data-testid=stExpander] summary").last.click()
        _settle(page)
    found = findings(page, lang, path)
    assert not found, "\n".join(found)
