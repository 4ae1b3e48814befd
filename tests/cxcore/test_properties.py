"""Property-based tests of reading and validation (issue 8, point 7).

For any bytes, and for any text-ish CSV built by a strategy, an import either succeeds or is
refused with a SurveyFileError (never another exception), and rows = accepted + rejected +
duplicates always holds, also when the same rows come again.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import db
from cxcore.errors import SurveyFileError
from cxcore.filters import Filters
from cxcore.ingest import mapping, pipeline, validate
from cxcore.ingest.reading import read_survey
from tests.survey_files import xlsx_file

FILENAMES = st.sampled_from(["survey.csv", "survey.txt", "survey.xlsx", ""])
HEADERS = st.sampled_from(
    ["nps", "NPS", "comment", "Yorum", "Komentář", "csat", "Tarih", "date", "customer_id",
     "channel", "Kanal", "stage", "ces", "x", "", "\ufeffnps", "Score"]
)  # fmt: skip
CELL_TEXT = st.text(
    alphabet=st.sampled_from(list('0123456789 ,;|\t"\r\n.-/:aAçğışİüöřžě€@+xyz<>*[]()')),
    max_size=30,
)
CELLS = st.one_of(
    CELL_TEXT, st.integers(-3, 12).map(str), st.sampled_from(["", "9", "10", "2026-03-02", "ok"])
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1254", "cp1250"])
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A delimited file: a header of likely names, ragged rows of awkward cells, an encoding."""
    header = draw(st.lists(HEADERS, min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 2), max_size=12))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\r\n", "\n"]))
    )
    writer.writerows([header, *rows])
    return buffer.getvalue().encode(draw(ENCODINGS), errors="replace")


def _read_and_validate(data: bytes, filename: str) -> None:
    """Read, map and validate; every table row ends up accepted or rejected."""
    try:
        table = read_survey(data, filename)
        raw = mapping.apply_mapping(table, mapping.suggest_mapping(table))
    except SurveyFileError:
        return
    accepted, rejected = validate.split_rows(raw)
    assert len(accepted) + len(rejected) == len(table.frame)


@SETTINGS
@given(data=st.binary(max_size=2048), filename=FILENAMES)
def test_any_bytes_are_read_or_refused_cleanly(data, filename):
    _read_and_validate(data, filename)


@SETTINGS
@given(data=csv_files())
def test_any_csv_is_read_or_refused_cleanly(data):
    _read_and_validate(data, "survey.csv")


WORKBOOK = xlsx_file({"Yanıtlar": [["NPS", "Yorum"], [9, "Kargo hızlı"], [3, "Fatura yanlış"]]})


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> bytes:
    """A real XLSX with some bytes overwritten, or cut short: a broken download."""
    data = bytearray(WORKBOOK)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(1, len(data)))])


@SETTINGS
@given(data=damaged_workbooks())
def test_any_damaged_workbook_is_read_or_refused_cleanly(data):
    _read_and_validate(data, "survey.xlsx")


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory):
    """One database for every example, so later examples meet earlier rows as duplicates."""
    return db.get_engine(tmp_path_factory.mktemp("properties") / "cx.sqlite")


@settings(SETTINGS, max_examples=100)  # each example runs the whole import path
@given(data=st.one_of(csv_files(), st.binary(max_size=1024)), again=st.booleans())
def test_every_row_is_accepted_rejected_or_a_duplicate(shared_engine, data, again):
    before = len(db.responses_frame(shared_engine, Filters(), columns=["id"]))
    try:
        summary = pipeline.import_file(data, "survey.csv", engine=shared_engine)
    except SurveyFileError:
        assert len(db.responses_frame(shared_engine, Filters(), columns=["id"])) == before
        return
    assert summary.rows == summary.accepted + summary.rejected + summary.duplicates
    stored = len(db.responses_frame(shared_engine, Filters(), columns=["id"]))
    assert stored == before + summary.accepted
    if again:  # the same file twice: nothing new, every accepted row now a duplicate
        repeat = pipeline.import_file(data, "survey.csv", engine=shared_engine)
        assert (repeat.rows, repeat.accepted) == (summary.rows, 0)
        assert repeat.duplicates == summary.accepted + summary.duplicates
