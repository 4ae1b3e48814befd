"""A bookmarked page opened first on a fresh server is the app's page: its menu in the
reader's language, not the files of pages/ run on their own."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from cxcore.i18n import text
from tests.browser.server import streamlit_server

ROOT = Path(__file__).resolve().parents[2]


def test_a_page_opened_first_by_its_address_has_the_apps_menu(browser: Browser, tmp_path):
    import db
    from cxcore.ingest.pipeline import load_demo

    url = f"sqlite:///{tmp_path / 'cx.sqlite'}"
    load_demo(db.get_engine(url), rows=200)
    with streamlit_server(url, tmp_path / "taxonomy.yaml") as address:
        context = browser.new_context(locale="tr-TR", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{address}/actions")  # nobody has opened the journey page yet
        page.wait_for_selector("[data-testid=stMain] h1", timeout=90_000)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=90_000
        )
        menu = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
        context.close()
    menu = [item.split("\n")[-1].strip() for item in menu]  # after the icon's name
    assert text("nav.journey", "tr") in menu and text("nav.actions", "tr") in menu
    files = {p.stem.lstrip("_").replace("_", " ") for p in (ROOT / "pages").glob("*.py")}
    assert not files & set(menu), menu
