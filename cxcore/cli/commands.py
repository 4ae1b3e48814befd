"""The commands of `python -m cxcore`: each opens the database, makes one library call
and turns its errors into a clean exit (with `cxcore.ingest.pipeline` and `cxcore.views`
the CLI is a bridge to `db`)."""

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
from cxcore.actions import ActionError
from cxcore.analysis import insights, journey, stage_detail
from cxcore.errors import SurveyFileError
from cxcore.filters import Filters
from cxcore.ingest import pipeline
from cxcore.text import handoffs, sentiment, tagging
from cxcore.text.journey_models import JOURNEY_MODELS, load_journey_model
from cxcore.text.taxonomy import load_active_taxonomy

__all__ = [
    "cmd_action_add",
    "cmd_action_list",
    "cmd_curve",
    "cmd_delete_import",
    "cmd_demo",
    "cmd_handoffs",
    "cmd_import",
    "cmd_insights",
    "cmd_journey_model",
    "cmd_report",
    "cmd_rescore",
    "cmd_score",
    "cmd_tag",
    "cmd_user",
]


_CLI_USER = "cli"  # who the audit log names for changes made from a terminal


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str))


def _texts(args: argparse.Namespace) -> list[str]:
    if args.text:
        return list(args.text)
    return [line.rstrip("\r\n") for line in sys.stdin if line.strip()]


def cmd_import(args: argparse.Namespace) -> int:
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
    for notice in summary.notices:  # how the file was read (rows of two code pages)
        print(f"warning: {notice}", file=sys.stderr)
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


def cmd_curve(args: argparse.Namespace) -> int:
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


def cmd_score(args: argparse.Namespace) -> int:
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
            line = f"{entry['language']}\t{entry['sentiment']:+.3f}\t{entry['label']}\t{text}"
            if args.explain:  # a fifth column, so each text stays one line for cut and awk
                line += "\t" + "; ".join(f"{w} {v:+.3f}" for w, v in entry["explain"])
            print(line)
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    taxonomy = load_journey_model(args.model) if args.model else load_active_taxonomy()
    for text in _texts(args):
        tags = tagging.tag_text(text, taxonomy)
        if args.json:
            found, words = handoffs.detect_handoff(text)
            _print_json({"text": text, **tags, "handoff": found, "handoff_words": list(words)})
        else:
            print(f"{tags['stage']}\t{tags['touchpoint']}\t{tags['source']}\t{text}")
    return 0


def cmd_journey_model(args: argparse.Namespace) -> int:
    if args.action == "list":
        for model in JOURNEY_MODELS.values():
            name = model.name(args.lang)
            if args.json:
                _print_json({"key": model.key, "name": name, "file": str(model.file)})
            else:
                print(f"{model.key}\t{name}")
        return 0
    if args.name not in JOURNEY_MODELS:
        print(
            f"error: there is no journey model {args.name!r}: use one of "
            f"{', '.join(JOURNEY_MODELS)}",
            file=sys.stderr,
        )
        return 2
    summary = pipeline.use_journey_model(db.get_engine(args.db), args.name, user=_CLI_USER)
    print(
        f"Journey model {args.name} in use; {summary.moved_stage} responses changed stage and "
        f"{summary.moved_touchpoint} changed touchpoint (hand placements kept)."
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    engine = db.get_engine(args.db)
    summary = pipeline.load_demo(engine, rows=args.rows, if_empty=args.if_empty)
    if summary is None:
        print("The database already holds responses; demo not loaded.")
    else:
        print(f"Demo survey loaded: {summary.accepted} responses (import {summary.import_id}).")
    return 0


def cmd_rescore(args: argparse.Namespace) -> int:
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


def cmd_insights(args: argparse.Namespace) -> int:
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


def cmd_handoffs(args: argparse.Namespace) -> int:
    try:
        chosen = _period(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    taxonomy = load_active_taxonomy()
    report = views.handoffs_report(views.Sums(db.get_engine(args.db)), chosen, taxonomy)
    if args.json:
        _print_json(report)
        return 0
    names = stage_detail.stage_names(taxonomy, args.lang)
    if report["source"] is None:
        print(f"No handoffs to show ({report['reason']}): map a handoff count or team at import.")
        return 0
    print(f"Handoffs read from the {report['source']}, cost in {report['metric']}:")
    for entry in [{"stage": "all", **report["overall"]}, *report["stages"]]:
        cost = entry["per_handoff"] or entry["with_vs_without"]
        said = (
            "–"
            if cost is None
            else f"{cost['value']:+.2f} [{cost['ci_low']:+.2f}, {cost['ci_high']:+.2f}]"
        )
        mean = "–" if entry["mean"] is None else f"{entry['mean']:.2f}"
        name = names.get(entry["stage"], entry["stage"])
        print(
            f"  {name:<28} n={entry['n']:<6} passed on {entry['share']:.0%}  "
            f"mean {mean}  cost {said}{'  (costly)' if entry['costly'] else ''}"
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
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


def cmd_delete_import(args: argparse.Namespace) -> int:
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


def cmd_user(args: argparse.Namespace) -> int:
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


def cmd_action_add(args: argparse.Namespace) -> int:
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


def cmd_action_list(args: argparse.Namespace) -> int:
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
