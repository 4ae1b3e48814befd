"""What the import does to hold less memory (keys made chunk by chunk, the file's cells
let go once prepared) stores the same rows as before."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

import db
from cxcore.ingest import pipeline, source_keys
from cxcore.keys import open_ids
from db.schema import Rejection, Response, SealedCustomerId
from tests.planted import repeated_survey


def _stored(engine) -> dict[str, pd.DataFrame]:
    """The stored tables of the one import, without what differs per import (ids, and the
    sealed ids' random IVs: those are compared opened)."""
    keys = pipeline.install_keys(engine)
    with engine.connect() as conn:
        responses = pd.read_sql(select(Response).order_by(Response.row_number), conn)
        rejections = pd.read_sql(select(Rejection).order_by(Rejection.row_number), conn)
        sealed = pd.read_sql(select(SealedCustomerId), conn)
    sealed = pd.DataFrame(
        {"pseudonym": sealed["pseudonym"], "id": open_ids(sealed["sealed"].tolist(), keys)}
    ).sort_values("pseudonym", ignore_index=True)
    drop = ["id", "import_id"]
    return {
        "responses": responses.drop(columns=drop),
        "rejections": rejections.drop(columns=[c for c in drop if c in rejections]),
        "sealed": sealed,
    }


def test_keys_made_chunk_by_chunk_store_the_same_rows(engine, monkeypatch):
    data = repeated_survey()
    first = pipeline.import_file(data, "repeated.csv", engine=engine)
    assert (first.accepted, first.rejected, first.duplicates) == (236, 4, 0)
    whole = _stored(engine)
    assert whole["responses"]["source_key"].is_unique
    assert not whole["responses"]["comment"].str.contains("532", na=False).any()
    assert whole["sealed"]["id"].notna().all() and len(whole["sealed"]) == 37
    db.delete_import(engine, int(first.import_id))

    monkeypatch.setattr(source_keys, "_KEY_CHUNK", 7)  # 34 chunks, repeats across them
    again = pipeline.import_file(data, "repeated.csv", engine=engine)
    assert again.accepted == 236
    chunked = _stored(engine)
    for name, table in whole.items():
        pd.testing.assert_frame_equal(chunked[name], table, obj=name)
    # Importing it once more adds nothing: the keys of the stored rows are found again.
    assert pipeline.import_file(data, "repeated.csv", engine=engine).duplicates == 236


def test_an_import_that_lets_go_of_the_files_cells_still_remembers_its_headers(engine):
    data = repeated_survey()
    table, mapping = pipeline.read_and_map(data, "repeated.csv", engine=engine)
    signature = pipeline.mapping_rules.header_signature(list(table.frame.columns))
    assert db.saved_mapping(engine, signature) is None
    pipeline.import_file(data, "repeated.csv", engine=engine, remember=True)
    assert db.saved_mapping(engine, signature) == mapping
