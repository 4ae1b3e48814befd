"""`python -m cxcore` as automation calls it: real processes, real SQLite files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SURVEY = (
    b"Response ID,Date,Channel,Stage,NPS,Comment\n"
    b"R1,2026-01-05 10:00,Phone,Support,3,The IVR did not recognise my number\n"
    b"R2,2026-01-06 11:00,Courier,Onboarding & delivery,10,Fast delivery, thank you!\n"
    b"R3,2026-01-07 12:00,Chat,Support,eleven,Chat agent was rude\n"
)


def cx(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxcore", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def survey_file(tmp_path: Path) -> Path:
    path = tmp_path / "nps.csv"
    path.write_bytes(SURVEY)
    return path


def test_import_json_reports_counts_and_rejections(tmp_path, survey_file):
    database = tmp_path / "cx.sqlite"
    result = cx(
        "import", str(survey_file), "--survey", "Support NPS", "--db", str(database), "--json"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("rows", "accepted", "rejected", "duplicates")} == {
        "rows": 3,
        "accepted": 2,
        "rejected": 1,
        "duplicates": 0,
    }
    assert report["rejections"][0]["row"] == 4
    assert "NPS" in report["rejections"][0]["reason"]
    assert isinstance(report["import_id"], int)

    again = json.loads(cx("import", str(survey_file), "--db", str(database), "--json").stdout)
    assert (again["accepted"], again["duplicates"], again["rejected"]) == (0, 2, 1)


@pytest.mark.parametrize(
    ("name", "data"),
    [("empty.csv", b""), ("photo.csv", bytes(range(256)) * 40)],
)
def test_import_of_an_unreadable_file_exits_2_with_one_line(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = cx("import", str(path), "--db", str(tmp_path / "cx.sqlite"), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert name in result.stderr


def test_curve_json_has_every_stage_with_n_and_value(tmp_path, survey_file):
    database = f"sqlite:///{tmp_path / 'cx.sqlite'}"
    cx("import", str(survey_file), "--db", database)
    result = cx("curve", "--db", database, "--metric", "nps", "--json")
    assert result.returncode == 0, result.stderr
    curve = json.loads(result.stdout)
    assert [e["stage"] for e in curve][:2] == ["awareness", "consideration"]
    by_stage = {e["stage"]: e for e in curve}
    assert (by_stage["support"]["n"], by_stage["support"]["value"]) == (1, -100.0)
    assert (by_stage["onboarding"]["n"], by_stage["onboarding"]["value"]) == (1, 100.0)
    assert by_stage["purchase"] == {"stage": "purchase", "name": "Purchase", "n": 0, "value": None}


def test_score_prints_one_json_object_per_text_in_order():
    result = cx("score", "--json", "Great service, thank you!", "Terrible, I waited 40 minutes")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == [
        "Great service, thank you!",
        "Terrible, I waited 40 minutes",
    ]
    assert lines[0]["sentiment"] > 0 > lines[1]["sentiment"]
    assert all(line["language"] == "en" for line in lines)


def test_score_reads_stdin_when_given_no_text():
    result = cx("score", "--json", stdin="Harika bir hizmet\nBerbat bir hizmet\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["language"] for line in lines] == ["tr", "tr"]
    assert lines[0]["sentiment"] > 0 > lines[1]["sentiment"]


def test_score_explain_in_plain_text_names_the_words_that_moved_it():
    result = cx("score", "--explain", "Harika bir hizmet", "Berbat bir hizmet", "12345")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[3] for row in rows] == ["Harika bir hizmet", "Berbat bir hizmet", "12345"]
    assert [len(row) for row in rows] == [5, 5, 5]
    assert rows[0][4].startswith("harika +") and rows[1][4].startswith("berbat -")
    assert rows[2][4] == ""  # no word moved it
    plain = cx("score", "Harika bir hizmet").stdout.rstrip("\n").split("\t")
    assert len(plain) == 4  # without --explain the columns stay as they were


def test_tag_prints_stage_touchpoint_and_source():
    result = cx("tag", "--json", "Kargom iki gün gecikti")
    tags = json.loads(result.stdout)
    assert {k: tags[k] for k in ("stage", "touchpoint", "source")} == {
        "stage": "onboarding",
        "touchpoint": "delivery",
        "source": "rule",
    }


def test_demo_loads_once_into_an_empty_database(tmp_path):
    database = str(tmp_path / "cx.sqlite")
    first = cx("demo", "--rows", "300", "--db", database, "--if-empty")
    assert first.returncode == 0 and "Demo survey loaded: 300 responses" in first.stdout
    second = cx("demo", "--rows", "300", "--db", database, "--if-empty")
    assert "already holds responses" in second.stdout


def test_readme_documents_every_cli_command():
    from cxcore.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"python -m cxcore {name}" in readme


def test_rescore_reports_how_many_responses(tmp_path, survey_file):
    database = str(tmp_path / "cx.sqlite")
    cx("import", str(survey_file), "--db", database)
    result = cx("rescore", "--db", database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Re-scored 2 responses."
    assert "100%  Re-scored" in result.stderr


@pytest.fixture
def report_db(tmp_path, survey_file) -> str:
    database = str(tmp_path / "cx.sqlite")
    assert cx("import", str(survey_file), "--db", database).returncode == 0
    return database


def test_report_writes_each_format(tmp_path, report_db):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    written = {}
    for fmt in ("xlsx", "pdf", "html", "csv"):
        path = tmp_path / f"support.{fmt}"
        result = cx(
            "report", "--stage", "support", "--format", fmt, "-o", str(path),
            "--from", "2026-01-01", "--to", "2026-01-31", "--lang", "tr", "--db", report_db,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert f"to {path}" in result.stdout and "(1 response)" in result.stdout
        written[fmt] = path.read_bytes()
    book = load_workbook(tmp_path / "support.xlsx")
    assert book["Özet"]["B2"].value == "01.01.2026 – 31.01.2026"
    comments = [row[5] for row in book["Yorumlar"].iter_rows(min_row=2, values_only=True)]
    assert comments == ["The IVR did not recognise my number"]
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "support.pdf").pages)
    assert "Aşama raporu" in text and "Destek" in text
    assert "<title>Aşama raporu: Destek</title>" in written["html"].decode("utf-8")
    assert written["csv"].startswith(b"\xef\xbb\xbf") and b"recognise my number" in written["csv"]


def test_report_of_all_stages_holds_every_response(tmp_path, report_db):
    path = tmp_path / "journey.csv"
    result = cx("report", "--stage", "all", "--format", "csv", "-o", str(path), "--db", report_db)
    assert result.returncode == 0, result.stderr
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--stage", "checkout"), "error: there is no stage 'checkout': use all or one of"),
        (("--stage", "all", "--from", "2026-02-30"), "error: '2026-02-30' is not a date: write"),
    ],
)
def test_report_refuses_an_unknown_stage_or_date_with_exit_2(tmp_path, report_db, args, message):
    path = tmp_path / "r.pdf"
    result = cx("report", *args, "--format", "pdf", "-o", str(path), "--db", report_db)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1
    assert not path.exists()


def test_user_add_list_and_remove(tmp_path, users_file):
    database = str(tmp_path / "cx.sqlite")
    added = cx(
        "user",
        "add",
        "ayse",
        "--role",
        "analyst",
        "--password-stdin",
        "--db",
        database,
        stdin="correct horse\n",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == f"Added ayse in {users_file}."
    text = users_file.read_text(encoding="utf-8")
    assert "correct horse" not in text and "$2b$" in text

    from cxcore import auth

    stored = auth.load_users(users_file)["ayse"]
    assert stored.role == "analyst" and auth.verify_password("correct horse", stored.password_hash)
    cx(
        "user",
        "add",
        "root",
        "--role",
        "admin",
        "--email",
        "root@example.com",
        "--password-stdin",
        "--db",
        database,
        stdin="battery staple\n",
    )
    listed = cx("user", "list")
    assert listed.stdout.splitlines() == ["ayse\tanalyst\t", "root\tadmin\troot@example.com"]

    removed = cx("user", "remove", "ayse", "--db", database)
    assert removed.returncode == 0 and set(auth.load_users(users_file)) == {"root"}
    import db

    actions = db.audit_frame(db.get_engine(database))[["user", "action", "target"]]
    assert actions.values.tolist() == [
        ["cli", "user_remove", "ayse"],
        ["cli", "user_add", "root"],
        ["cli", "user_add", "ayse"],
    ]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "bob", "--role", "viewer", "--password-stdin"), "short\n", "too short"),
        (("add", "bob", "--password-stdin"), "long enough\n", "Give the role"),
        (("remove", "nobody"), None, "There is no user 'nobody'."),
    ],
)
def test_user_command_refuses_with_one_line(tmp_path, users_file, args, stdin, message):
    result = cx("user", *args, "--db", str(tmp_path / "cx.sqlite"), stdin=stdin)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not users_file.exists()


def test_delete_import_removes_it_and_is_audited(tmp_path, survey_file):
    database = str(tmp_path / "cx.sqlite")
    imported = json.loads(cx("import", str(survey_file), "--db", database, "--json").stdout)
    result = cx("delete-import", str(imported["import_id"]), "--db", database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Deleted import {imported['import_id']} (nps.csv): 2 responses and 1 rejected rows."
    )
    import db

    engine = db.get_engine(database)
    assert db.list_imports(engine).empty
    log = db.audit_frame(engine)
    assert log[["user", "action"]].values.tolist() == [["cli", "delete_import"], ["cli", "import"]]
    missing = cx("delete-import", str(imported["import_id"]), "--db", database)
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"error: there is no import {imported['import_id']}"


@pytest.fixture(scope="module")
def insights_db(tmp_path_factory) -> str:
    database = tmp_path_factory.mktemp("insights") / "cx.sqlite"
    assert cx("demo", "--rows", "1500", "--db", str(database)).returncode == 0
    return str(database)


def test_insights_json_has_pain_points_drivers_paths_and_movers(insights_db):
    result = cx("insights", "--db", insights_db, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"pain_points", "drivers", "paths", "movers"} <= set(report)
    points = report["pain_points"]
    assert points, "the demo survey plants a support pain point"
    for point in points:
        assert {"stage", "touchpoint", "metric", "value", "overall", "n", "impact"} <= set(point)
        assert point["value"] < point["overall"]
    assert [p["impact"] for p in points] == sorted((p["impact"] for p in points), reverse=True)
    assert points[0]["stage"] == "support"
    assert any(p["touchpoint"] is None for p in points)  # whole stages as well as cells
    # The demo's IVR callers who did not get through write on social media next.
    hops = {(p["from_touchpoint"], p["to_touchpoint"]): p["count"] for p in report["paths"]}
    assert max(hops, key=hops.get) == ("ivr", "social_media")
    support = next(d for d in report["drivers"] if d["key"] == "support")
    assert support["effect"] < 0 and support["high"] < 0


def test_insights_text_reads_in_plain_words_and_dates_are_checked(insights_db):
    result = cx("insights", "--db", insights_db, "--from", "2026-01-01")
    assert result.returncode == 0, result.stderr
    for title in ("Pain points", "Moments of truth", "Channel hopping", "What changed"):
        assert title in result.stdout
    assert "NPS points" in result.stdout
    wrong = cx("insights", "--db", insights_db, "--from", "2026-02-30")
    assert wrong.returncode == 2
    assert wrong.stderr == "error: '2026-02-30' is not a date: write it as YYYY-MM-DD\n"


def test_insights_of_an_empty_database_are_empty_lists(tmp_path):
    result = cx("insights", "--db", str(tmp_path / "empty.sqlite"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [report[k] for k in ("pain_points", "drivers", "paths", "movers")] == [[], [], [], []]


def test_a_command_that_writes_says_so_when_another_writer_holds_the_database(
    tmp_path, survey_file, monkeypatch, capsys
):
    import db.engine
    from cxcore import cli

    monkeypatch.setattr(db.engine, "SQLITE_BUSY_TIMEOUT_S", 1)  # give up after a second
    monkeypatch.setattr(db.engine, "_WRITE_WAIT_ROUNDS", 1)
    database = tmp_path / "busy.sqlite"
    assert cli.main(["import", str(survey_file), "--db", str(database)]) == 0
    with closing(sqlite3.connect(database, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")  # an import in another process, still storing
        codes = [
            cli.main(["delete-import", "1", "--db", str(database)]),
            cli.main(["import", str(survey_file), "--db", str(database)]),
        ]
        holder.execute("ROLLBACK")
    assert codes == [3, 3]
    errors = capsys.readouterr().err.splitlines()
    assert (
        errors[-2:]
        == [
            "error: Another import or change has been writing to the database for over 1 seconds: "
            "nothing was stored; try again when it has finished."
        ]
        * 2
    )


def test_tag_with_a_shipped_journey_model():
    comment = "My flight got cancelled"
    airline = json.loads(cx("tag", "--json", "--journey-model", "airline", comment).stdout)
    default = json.loads(cx("tag", "--json", comment).stdout)
    assert (airline["stage"], default["stage"]) == ("disruption", "usage")
    refused = cx("tag", "--journey-model", "bakery", comment)
    assert refused.returncode == 2 and "invalid choice: 'bakery'" in refused.stderr


def test_journey_model_list_names_every_shipped_model():
    listed = [
        json.loads(line) for line in cx("journey-model", "list", "--json").stdout.splitlines()
    ]
    assert [m["key"] for m in listed] == [
        "telecom", "ecommerce", "banking", "airline", "utilities", "saas"
    ]  # fmt: skip
    assert "airline\tHavayolu" in cx("journey-model", "list", "--lang", "tr").stdout


def test_journey_model_use_saves_the_model_and_retags_all_but_hand_placements(
    tmp_path, survey_file, taxonomy_path
):
    from cxcore.text.journey_models import load_journey_model
    from cxcore.text.taxonomy import load_taxonomy

    database = tmp_path / "cx.sqlite"
    assert cx("import", str(survey_file), "--db", str(database)).returncode == 0
    with closing(sqlite3.connect(database)) as conn, conn:
        conn.execute(
            "UPDATE responses SET stage = 'loyalty', stage_source = 'manual' "
            "WHERE comment LIKE 'Fast delivery%'"
        )
    result = cx("journey-model", "use", "airline", "--db", str(database))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Journey model airline in use;")
    assert load_taxonomy(taxonomy_path) == load_journey_model("airline")
    with closing(sqlite3.connect(database)) as conn:
        rows = dict(conn.execute("SELECT comment, stage || '/' || stage_source FROM responses"))
    assert rows["Fast delivery"] == "loyalty/manual"  # placed by hand: kept
    # The file said "Support": in the airline model that is "Disruption & support".
    assert rows["The IVR did not recognise my number"] == "disruption/column"
    refused = cx("journey-model", "use", "bakery", "--db", str(database))
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: there is no journey model 'bakery'")


def test_import_warns_of_rows_read_in_two_code_pages(tmp_path):
    path = tmp_path / "merged.csv"
    path.write_bytes(
        b"id,nps,comment\n"
        + "R1,2,Kargo şubesi yavaş\n".encode("cp1254")
        + "R2,3,Kurýr byl nepříjemný, přišel pozdě\n".encode("cp1250")
    )
    result = cx("import", str(path), "--db", str(tmp_path / "cx.sqlite"), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("warning: merged.csv mixes two code pages: rows 2 look Turkish")
    assert json.loads(result.stdout)["notices"] == [result.stderr.strip().removeprefix("warning: ")]


def test_help_of_the_command_and_of_every_subcommand_prints(capsys):
    # a "95%" in a help text once broke `python -m cxcore --help` (argparse formats with %)
    from cxcore.cli.parser import build_parser

    done = cx("--help")
    assert done.returncode == 0 and "95% intervals" in done.stdout, done.stderr
    parser = build_parser()
    names = next(a for a in parser._actions if a.choices and "import" in a.choices).choices
    for name in names:
        with pytest.raises(SystemExit) as stopped:
            build_parser().parse_args([name, "--help"])
        assert stopped.value.code == 0
        assert "usage: " in capsys.readouterr().out, name
