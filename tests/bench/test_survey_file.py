"""The benchmarks' survey generator (issue 9, point 1): what it promises is in the file."""

from __future__ import annotations

import db
from bench.import_speed import survey_bytes
from bench.survey_file import describe
from cxcore.ingest import pipeline


def test_the_generated_survey_has_the_promised_mix_and_imports_whole(tmp_path):
    data = survey_bytes(3_000, 0.4)

    found = describe(data)

    assert found["rows"] == 3_000
    shares = found["distinct share per language"]
    assert set(shares) == {"tr", "en", "cs"}
    assert all(0.35 <= share <= 0.45 for share in shares.values()), shares
    assert found["stages"] == 7
    assert found["channel spellings"] >= 20
    assert found["responses per customer"] > 1.2
    summary = pipeline.import_file(
        data, "survey.csv", engine=db.get_engine(f"sqlite:///{tmp_path / 'cx.sqlite'}")
    )
    assert (summary.accepted, summary.rejected) == (3_000, 0)
