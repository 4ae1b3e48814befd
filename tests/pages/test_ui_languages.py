"""Each UI language renders every translated page with no raw catalog key left showing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cxcore.i18n import catalog, text
from cxcore.ingest.pipeline import load_demo
from pages._shared import MISSING

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "pages/overview.py",
    "pages/touchpoints.py",
    "pages/stage.py",
    "pages/reports.py",
    "pages/upload.py",
    "pages/admin.py",
    "pages/users.py",
    "pages/insights.py",
    "pages/follow_up.py",
    "pages/review.py",
    "pages/taxonomy.py",
]
# The pages whose every string already comes from the catalog.
FILTERED = {
    "pages/overview.py",
    "pages/touchpoints.py",
    "pages/stage.py",
    "pages/reports.py",
    "pages/insights.py",
    "pages/follow_up.py",
}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    import db

    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'cx.sqlite'}"
    load_demo(db.get_engine(url), rows=400)
    return url


def shown_texts(at: AppTest) -> list[str]:
    """Every text the page shows: titles, captions, markdown, labels, metrics, alerts."""
    texts: list[str] = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "error"):
        texts += [str(e.value) for e in at.get(kind)]
    texts += [str(m.label) for m in at.metric]
    for kind in ("selectbox", "multiselect", "segmented_control", "date_input"):
        texts += [str(w.label) for w in at.get(kind)]
    return texts


def leaked_keys(texts: list[str]) -> set[str]:
    keys = set(catalog())
    return {word for t in texts for word in re.findall(r"[a-z_]+\.[a-z_]+", t) if word in keys}


@pytest.mark.parametrize("lang", ["en", "tr", "cs"])
@pytest.mark.parametrize("page_path", PAGES)
def test_each_language_renders_each_page(monkeypatch, demo_url, lang, page_path):
    monkeypatch.setenv("CX_DATABASE_URL", demo_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.sidebar.selectbox(key="ui_lang").set_value(lang).run()
    at.switch_page(page_path).run()
    assert not at.exception
    title_key = {
        "pages/overview.py": "overview.title",
        "pages/touchpoints.py": "map.title",
        "pages/stage.py": "stage.title",
        "pages/reports.py": "reports.title",
        "pages/upload.py": "upload.title",
        "pages/admin.py": "admin.title",
        "pages/users.py": "users.title",
        "pages/insights.py": "insights.title",
        "pages/follow_up.py": "followup.title",
        "pages/review.py": "review.title",
        "pages/taxonomy.py": "model.title",
    }[page_path]
    assert at.title[0].value == text(title_key, lang)
    texts = shown_texts(at)
    assert leaked_keys(texts) == set()
    assert at.sidebar.selectbox(key="ui_lang").value == lang  # every page offers the picker
    if page_path in FILTERED:
        assert text("filters.period", lang) in texts  # the sidebar speaks the language too
    # Streamlit writes "None" in an empty cell unless the table names its placeholder.
    tables = [e.proto for e in at.dataframe]
    assert tables or page_path not in FILTERED - {"pages/reports.py"}
    assert all(table.placeholder == MISSING for table in tables)


def test_turkish_numbers_stage_names_and_dates_on_the_overview(monkeypatch, demo_url):
    monkeypatch.setenv("CX_DATABASE_URL", demo_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.sidebar.selectbox(key="ui_lang").set_value("tr").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Yanıtlar", "NPS"]
    # Stage names from the journey model in Turkish; dates as dd.mm.yyyy.
    assert ":small[**Farkındalık**]" in [m.value for m in at.markdown]  # the canvas's stage lane
    assert re.search(r"son 30 gün, \d\d\.\d\d\.\d{4} – \d\d\.\d\d\.\d{4}", at.caption[0].value)


def test_the_language_holds_across_pages(monkeypatch, demo_url):
    monkeypatch.setenv("CX_DATABASE_URL", demo_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.sidebar.selectbox(key="ui_lang").set_value("cs").run()
    at.switch_page("pages/touchpoints.py").run()
    assert at.sidebar.selectbox(key="ui_lang").value == "cs"
    assert at.title[0].value == "Mapa kontaktních bodů"
