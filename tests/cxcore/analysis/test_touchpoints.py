"""The touchpoint map's cells and category split, on responses whose answers are known."""

from __future__ import annotations

import math

import pytest

import db
from cxcore.analysis import touchpoints
from cxcore.analysis.journey import MIN_N
from cxcore.ingest.pipeline import import_file
from cxcore.text.taxonomy import load_active_taxonomy
from tests.planted import TOUCHPOINT_SURVEY as SURVEY


@pytest.fixture
def cells(engine):
    import_file(SURVEY.encode(), "map.csv", engine=engine)
    return db.cell_summary(engine)


def test_each_cell_holds_its_own_nps_and_n_in_journey_order(cells):
    table = touchpoints.cell_table(cells, load_active_taxonomy(), "nps")
    got = {(r.stage, r.touchpoint): (r.n, round(r.value)) for r in table.itertuples()}
    assert got == {
        ("purchase", "store"): (1, -100),
        ("support", "ivr"): (2, -50),
        ("support", "phone"): (2, 100),
        ("loyalty", "email"): (1, 100),
    }
    # Stages in the journey's order, not alphabetical.
    assert list(dict.fromkeys(table["stage"])) == ["purchase", "support", "loyalty"]
    assert not table["enough"].any()  # every cell is below MIN_N
    assert MIN_N > 2


def test_categories_split_digital_human_physical(cells):
    split = touchpoints.category_table(cells, load_active_taxonomy(), "nps").set_index("category")
    assert list(split.index) == ["digital", "human", "physical"]
    # digital: IVR 5, 7 and e-mail 9 -> (1 - 1) / 3 = 0; human: phone 10, 9; physical: store 3.
    assert split.loc["digital", "n"] == 3
    assert split.loc["digital", "value"] == pytest.approx(0.0)
    assert split.loc["human", "value"] == pytest.approx(100.0)
    assert split.loc["physical", "value"] == pytest.approx(-100.0)


def test_the_heatmap_puts_each_value_in_its_cell(cells):
    model = load_active_taxonomy()
    table = touchpoints.cell_table(cells, model, "csat")
    figure = touchpoints.heatmap_figure(table, model, "csat")
    heat = figure.data[0]
    grid = {
        (y, x): z
        for y, row in zip(heat.y, heat.z, strict=True)
        for x, z in zip(heat.x, row, strict=True)
    }
    phone, ivr = "Phone / call centre", "IVR / voice self-service"
    assert grid[(phone, "Service & support")] == pytest.approx(100.0)  # CSAT 5 and 4
    assert grid[(ivr, "Service & support")] == pytest.approx(0.0)  # CSAT 2 and 3
    assert grid[(ivr, "Purchase")] is None  # nobody used the IVR to buy
    # The veil marks every cell with too few responses.
    assert all(v == 1 for row in figure.data[1].z for v in row if v is not None)


def test_an_empty_database_gives_an_empty_map(engine):
    cells = db.cell_summary(engine)
    model = load_active_taxonomy()
    assert touchpoints.cell_table(cells, model).empty
    split = touchpoints.category_table(cells, model)
    assert list(split["n"]) == [0, 0, 0]
    assert all(math.isnan(v) for v in split["value"])
