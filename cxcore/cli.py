"""Command line: import, curve, score, tag, rescore, report, demo, delete-import, user, action.

Automation depends on these names and flags: keep them.

Each command opens the database, makes one library call and turns its errors into a clean
exit; with `cxcore.ingest.pipeline` and `cxcore.views` it is a bridge to `db`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

import db
from cxcore import auth, reports, views
from cxcore.actions import DEFAULT_METRIC, ActionError
from cxcore.analysis import insights, journey, stage_detail
from cxcore.analysis.effects import DEFAULT_WEEKS
from cxcore.analysis.metrics import METRICS
from cxcore.errors import SurveyFileError
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from cxcore.keys import KeysMissing
from cxcore.languages import CODES, DEFAULT
from cxcore.text import sentiment, tagging
from cxcore.text.taxonomy import load_active_taxonomy

__all__ = ["build_parser", "main"]


_CLI_USER = "cli"  # who the audit log names for changes made from a terminal


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str))


def _texts(args: argparse.Namespace) -> list[str]:
    if args.text:
        return list(args.text)
    return [line.rstrip("\r\n") for line in sys.stdin if line.strip()]


def _cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"error: cannot open {path}: {error.strerror}", file=sys.stderr)
        return 2
    engine = db.get_engine(args.db)
    try:
        summary = pipeline.import_file(
            data,
            path.name,
            engine=engine,
            survey=args.survey,
            sheet=args.sheet,
            survey_stage=args.stage,
            user=_CLI_USER,
        )
    except SurveyFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        _print_json(summary.as_dict())
    else:
        print(
            f"Import {summary.import_id} of {path.name}: {summary.rows} rows read, "
            f"{summary.accepted} imported, {summary.rejected} rejected, "
            f"{summary.duplicates} duplicates skipped."
        )
        for row in summary.as_dict()["rejections"]:
            print(f"  row {row['row']}: {row['reason']}")
    return 0


def _cmd_curve(args: argparse.Namespace) -> int:
    engine = db.get_engine(args.db)
    curve = journey.emotion_curve(
        db.stage_summary(engine), load_active_taxonomy(), metric=args.metric, lang=args.lang
    )
    entries = [
        {
            "stage": r.stage,
            "name": r.name,
            "n": int(r.n),
            "value": None if r.value != r.value else round(float(r.value), 4),
        }
        for r in curve.itertuples(index=False)
    ]
    if args.json:
        _print_json(entries)
    else:
        for e in entries:
            value = "–" if e["value"] is None else f"{e['value']:.2f}"
            print(f"{e['name']:<28} n={e['n']:<7} {args.metric}={value}")
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    texts = _texts(args)
    scored = sentiment.score_texts(texts)
    for text, row in zip(texts, scored.itertuples(index=False), strict=True):
        entry: dict[str, Any] = {
            "text": text,
            "language": row.language,
            "sentiment": round(float(row.sentiment), 4),
            "label": row.sentiment_label,
        }
        if args.explain:
            entry["explain"] = [[w, round(v, 4)] for w, v in sentiment.explain(text)]
        if args.json:
            _print_json(entry)
        else:
            print(f"{entry['language']}\t{entry['sentiment']:+.3f}\t{entry['label']}\t{text}")
    return 0


def _cmd_tag(args: argparse.Namespace) -> int:
    taxonomy = load_active_taxonomy()
    for text in _texts(args):
        tags = tagging.tag_text(text, taxonomy)
        if args.json:
            _print_json({"text": text, **tags})
        else:
            print(f"{tags['stage']}\t{tags['touchpoint']}\t{tags['source']}\t{text}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    engine = db.get_engine(args.db)
    summary = pipeline.load_demo(engine, rows=args.rows, if_empty=args.if_empty)
    if summary is None:
        print("The database already holds responses; demo not loaded.")
    else:
        print(f"Demo survey loaded: {summary.accepted} responses (import {summary.import_id}).")
    return 0


def _cmd_rescore(args: argparse.Namespace) -> int:
    engine = db.get_engine(args.db)

    def report(fraction: float, message: str) -> None:
        print(f"{fraction:4.0%}  {message}", file=sys.stderr)

    count = pipeline.rescore_responses(engine, progress=report, user=_CLI_USER)
    print(f"Re-scored {count} responses.")
    return 0


def _period(args: argparse.Namespace) -> Filters:
    """The --from/--to days as filters; ValueError with a message a user can act on."""
    return Filters(
        date_from=reports.parse_day(args.date_from), date_to=reports.parse_day(args.date_to)
    )


def _cmd_insights(args: argparse.Namespace) -> int:
    try:
        chosen = _period(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # Movers: the period chosen (or the 30 days up to the newest response) against the one before.
    report = views.insights_report(views.Sums(db.get_engine(args.db)), chosen)
    if args.json:
        _print_json(report)
        return 0
    taxonomy = load_active_taxonomy()
    stages, points = stage_detail.stage_names(taxonomy), stage_detail.touchpoint_names(taxonomy)
    frames = {key: pd.DataFrame(report[key]) for key in ("pain_points", "drivers", "movers")}
    period, before = report["periods"]["current"], report["periods"]["previous"]
    sections = {
        "Pain points": insights.pain_point_sentences(frames["pain_points"], stages, points),
        "Moments of truth": insights.driver_sentences(frames["drivers"], stages | points),
        "Channel hopping": insights.repeat_sentences(
            pd.DataFrame(report["repeat_contacts"]), points
        ),
        f"What changed ({period[0]} to {period[1]} against {before[0]} to {before[1]})": (
            insights.mover_sentences(frames["movers"], stages, points)
        ),
    }
    for title, lines in sections.items():
        print(title)
        for line in lines[:10] or ["nothing stands out (too few responses, or no clear signal)."]:
            print(f"  - {line}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    taxonomy = load_active_taxonomy()
    known = [*taxonomy.stage_keys(), "unassigned"]
    if args.stage != reports.ALL and args.stage not in known:
        print(
            f"error: there is no stage {args.stage!r}: use all or one of {', '.join(known)}",
            file=sys.stderr,
        )
        return 2
    try:
        period = _period(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sums = views.Sums(db.get_engine(args.db))
    report, responses = views.build_stage_report(sums, args.stage, period, taxonomy, args.lang)
    data = reports.write_report(report, args.format)
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 2
    noun = "response" if responses == 1 else "responses"
    print(f"Wrote the {args.format} report ({responses:,} {noun}) to {args.output}.")
    return 0


def _cmd_delete_import(args: argparse.Namespace) -> int:
    deleted = db.delete_import(db.get_engine(args.db), args.id, user=_CLI_USER)
    if deleted is None:
        print(f"error: there is no import {args.id}", file=sys.stderr)
        return 1
    print(
        f"Deleted import {deleted.import_id} ({deleted.filename}): "
        f"{deleted.responses} responses and {deleted.rejections} rejected rows."
    )
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != first:
        raise auth.UsersFileError("The two passwords differ; nothing was changed.")
    return first


def _cmd_user(args: argparse.Namespace) -> int:
    path = Path(args.users_file) if args.users_file else auth.active_users_path()
    try:
        users = auth.load_users(path)
        if args.action == "list":
            for user in sorted(users.values(), key=lambda u: u.name):
                print(f"{user.name}\t{user.role}\t{user.email or ''}")
            return 0
        if args.action == "add":
            if not args.role:
                raise auth.UsersFileError("Give the role: --role viewer, analyst or admin.")
            users = auth.add_user(users, args.name, args.role, _password(args), args.email)
        else:
            users = auth.remove_user(users, args.name)
    except auth.UsersFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    auth.save_users(users, path)
    details = {"role": args.role, "file": str(path)} if args.action == "add" else {}
    db.record_audit(db.get_engine(args.db), _CLI_USER, f"user_{args.action}", args.name, details)
    done = "Added" if args.action == "add" else "Removed"
    print(f"{done} {args.name} in {path}.")
    return 0


def _cmd_action_add(args: argparse.Namespace) -> int:
    taxonomy = load_active_taxonomy()
    for kind, key, known in (
        ("stage", args.stage, taxonomy.stage_keys()),
        ("touchpoint", args.touchpoint, [t.key for t in taxonomy.touchpoints]),
    ):
        if key is not None and key not in known:
            print(
                f"error: there is no {kind} {key!r}: use one of {', '.join(known)}",
                file=sys.stderr,
            )
            return 2
    values = {
        "title": args.title,
        "description": args.description,
        "stage": args.stage,
        "touchpoint": args.touchpoint,
        "owner": args.owner,
        "status": args.status,
        "live_date": args.start,
        "metric": args.metric,
        "target": args.target,
        "due_date": args.due,
    }
    engine = db.get_engine(args.db)
    try:
        action_id = db.add_action(engine, values, user=_CLI_USER)
    except ActionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        found = views.actions_report(views.Sums(engine), taxonomy, args.lang)
        _print_json(next(a for a in found if a["id"] == action_id))
    else:
        print(f"Added action {action_id}: {args.title.strip()}.")
    return 0


def _cmd_action_list(args: argparse.Namespace) -> int:
    weeks = (args.weeks_before, args.weeks_after)
    if min(weeks) < 1:
        print("error: --weeks-before and --weeks-after are at least 1", file=sys.stderr)
        return 2
    sums = views.Sums(db.get_engine(args.db))
    found = views.actions_report(sums, load_active_taxonomy(), args.lang, weeks)
    if args.json:
        _print_json(found)
        return 0
    for action in found:
        status = action["status"].replace("_", " ")
        print(f"{action['id']}\t{status}\t{action['stage']}\t{action['title']}")
        for said in (action["said"], action["target_said"]):
            if said:
                print(f"  {said}")
    return 0


def _options() -> dict[str, argparse.ArgumentParser]:
    """The options several commands share, each defined once."""
    shared = {
        name: argparse.ArgumentParser(add_help=False) for name in ("db", "json", "lang", "period")
    }
    shared["db"].add_argument(
        "--db",
        help="SQLAlchemy URL or SQLite file path (default: $CX_DATABASE_URL or data/cx.sqlite)",
    )
    shared["json"].add_argument("--json", action="store_true", help="print JSON")
    shared["lang"].add_argument("--lang", choices=CODES, default=DEFAULT, help="language of names")
    shared["period"].add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="first day"
    )
    shared["period"].add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day")
    return shared


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m cxcore`."""
    parser = argparse.ArgumentParser(prog="python -m cxcore", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    o = _options()

    def command(name: str, help: str, *options: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, parents=[o[option] for option in options])

    p = command("import", "import a survey export (CSV, TSV, TXT, XLSX)", "db", "json")
    p.add_argument("file")
    p.add_argument("--survey", help="survey name stored with each response")
    p.add_argument("--sheet", help="XLSX sheet to read (default: first sheet with data)")
    p.add_argument("--stage", help="stage key for responses the file does not place")
    p.set_defaults(run=_cmd_import)

    p = command("curve", "the emotion curve, one entry per stage", "db", "json", "lang")
    p.add_argument("--metric", choices=list(METRICS), default="sentiment")
    p.set_defaults(run=_cmd_curve)

    p = command("score", "language and sentiment of texts (or stdin lines)", "json")
    p.add_argument("text", nargs="*")
    p.add_argument("--explain", action="store_true", help="show the words that moved the score")
    p.set_defaults(run=_cmd_score)

    p = command("tag", "stage and touchpoint of texts (or stdin lines)", "json")
    p.add_argument("text", nargs="*")
    p.set_defaults(run=_cmd_tag)

    p = command("rescore", "score every stored comment again", "db")
    p.set_defaults(run=_cmd_rescore)

    p = command(
        "insights",
        "pain points, moments of truth, channel-hop paths and movers",
        "db",
        "json",
        "period",
    )
    p.set_defaults(run=_cmd_insights)

    p = command("report", "a stage report as XLSX, PDF, HTML or CSV", "db", "lang", "period")
    p.add_argument("--stage", required=True, help="stage key, or all for the whole journey")
    p.add_argument("--format", required=True, choices=list(reports.FORMATS))
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.set_defaults(run=_cmd_report)

    p = command("demo", "load the demo survey", "db")
    p.add_argument("--rows", type=int, default=1500)
    p.add_argument("--if-empty", action="store_true", help="only when the database is empty")
    p.set_defaults(run=_cmd_demo)

    p = command("delete-import", "delete an import and all it brought (audited)", "db")
    p.add_argument("id", type=int)
    p.set_defaults(run=_cmd_delete_import)

    p = command("user", "who may sign in: user add / list / remove (audited in --db)", "db")
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("name", nargs="?", default="")
    p.add_argument("--role", choices=list(auth.ROLES), help="viewer, analyst or admin (add)")
    p.add_argument("--email", help="e-mail for single sign-on (add)")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin (add)"
    )
    p.add_argument("--users-file", help="default: $CX_USERS_FILE or data/users.yaml")
    p.set_defaults(run=_cmd_user)

    p = command("action", "actions on the journey and their measured effect: add / list")
    actions = p.add_subparsers(dest="action_command", required=True)
    p = actions.add_parser("add", help="add an action", parents=[o["db"], o["json"], o["lang"]])
    p.add_argument("--title", required=True)
    p.add_argument("--stage", required=True, help="stage key")
    p.add_argument("--touchpoint", help="touchpoint key (default: the whole stage)")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="the day the change went live")
    p.add_argument("--metric", choices=list(METRICS), default=DEFAULT_METRIC)
    p.add_argument("--target", help="the metric's value to reach")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="the day to reach the target by")
    p.add_argument("--owner")
    p.add_argument("--description")
    p.add_argument("--status", default="planned", help="idea, planned, in progress, done, dropped")
    p.set_defaults(run=_cmd_action_add)
    p = actions.add_parser(
        "list", help="every action with its effect", parents=[o["db"], o["json"], o["lang"]]
    )
    for side in ("before", "after"):
        p.add_argument(
            f"--weeks-{side}", type=int, default=DEFAULT_WEEKS, help=f"weeks {side} the change"
        )
    p.set_defaults(run=_cmd_action_list)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except db.DatabaseBusy as error:  # any command that writes: another writer held on
        print(f"error: {error}", file=sys.stderr)
        return 3
    except KeysMissing as error:  # the install's key: not set (PostgreSQL), or not the one
        print(f"error: {error}", file=sys.stderr)
        return 2
