"""Every table a page shows writes its headers, numbers and dates as the lead's language does.

st.dataframe shows a Styler's display values, not the frame's; AppTest keeps them in the
element's proto (`arrow_data.styler.display_values`), so the test reads what the browser
would draw. A table not passed through `pages._shared.shown` has none: that alone fails
where it holds a date or a number a language writes its own way (the journey model's editors
hold names, words and the stages' order only).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from cxcore.i18n import format_date
from cxcore.ingest.pipeline import load_demo

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("[!_]*.py"))
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
POINT_DECIMAL = re.compile(r"^[−-]?\d+\.\d+$")  # 0.25 where Turkish and Czech write 0,25
RAW_KEY = re.compile(r"^[a-z_]+\.[a-z_]+$")  # "category.nan": a word the catalog never had


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    import db

    url = f"sqlite:///{tmp_path_factory.mktemp('tables') / 'cx.sqlite'}"
    load_demo(db.get_engine(url), rows=400)
    return url


def displayed_tables(monkeypatch, url: str, lang: str, page: str) -> list[pd.DataFrame]:
    """Each table of `page` as drawn: its display values, or its values where it has none."""
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.sidebar.selectbox(key="ui_lang").set_value(lang).run()
    at.switch_page(page).run()
    assert not at.exception
    tables = []
    for element in at.dataframe:
        assert not _raw_headers(element), f"{page}: columns headed by their key"
        assert len(element.value), f"{page}: an empty grid (Streamlit writes 'empty' in English)"
        data = element.proto.arrow_data
        values = data.styler.display_values if data.HasField("styler") else b""
        if values:
            tables.append(pa.ipc.open_stream(values).read_all().to_pandas())
        else:
            assert not _numbers_or_dates(element.value), f"{page}: a table drawn without shown()"
            tables.append(element.value)
    return tables


def _raw_headers(element) -> list[str]:
    """Columns shown under their key (snake_case) with no header from column_config."""
    config = json.loads(element.proto.columns or "{}")
    headed = {name.removeprefix("name:") for name, c in config.items() if c.get("label")}
    hidden = {name.removeprefix("name:") for name, c in config.items() if c.get("hidden")}
    return [
        str(c)
        for c in element.value.columns
        if str(c) not in headed | hidden and re.fullmatch(r"[a-z]+(_[a-z]+)*", str(c))
    ]


def _numbers_or_dates(frame: pd.DataFrame) -> list[str]:
    """Columns of dates, or of numbers other than small whole ones (1 reads 1 everywhere)."""

    def written_alike(values: pd.Series) -> bool:
        numbers = values.dropna().astype(float)
        return bool(((numbers % 1 == 0) & (numbers.abs() < 1000)).all())

    return [
        str(column)
        for column in frame.columns
        if pd.api.types.is_datetime64_any_dtype(frame[column])
        or (
            pd.api.types.is_numeric_dtype(frame[column])
            and not pd.api.types.is_bool_dtype(frame[column])
            and not written_alike(frame[column])
        )
    ]


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_every_table_writes_numbers_and_dates_in_the_leads_language(monkeypatch, demo_url, lang):
    seen = 0
    for page in PAGES:
        for number, table in enumerate(displayed_tables(monkeypatch, demo_url, lang, page)):
            where = f"{page}, table {number + 1} ({lang})"
            cells = [str(v) for column in table.columns for v in table[column]]
            assert not [c for c in cells if ISO_DATE.search(c)], f"{where} has ISO dates"
            assert not [c for c in cells if POINT_DECIMAL.match(c)], f"{where}: 0.25, not 0,25"
            assert not [c for c in cells if RAW_KEY.match(c)], f"{where} shows a catalog key"
            seen += len(cells)
    assert seen > 1_000  # the demo data fills the tables: the checks above saw them


def test_the_follow_up_queue_dates_its_responses_as_the_lead_writes_dates(monkeypatch, demo_url):
    (queue,) = displayed_tables(monkeypatch, demo_url, "cs", "pages/follow_up.py")
    dates = queue["submitted_at"].head(20)
    assert format_date(pd.Timestamp("2026-03-01"), "cs") == "1. 3. 2026"
    assert len(dates) == 20 and all(
        re.fullmatch(r"\d{1,2}\. \d{1,2}\. \d{4}( \d{2}:\d{2})?", d) for d in dates
    )
