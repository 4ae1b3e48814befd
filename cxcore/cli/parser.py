"""The argument parser of `python -m cxcore`: shared options defined once, one entry per
command, each pointing at its function in `commands.py`."""

from __future__ import annotations

import argparse

from cxcore import auth, reports
from cxcore.actions import DEFAULT_METRIC
from cxcore.analysis.effects import DEFAULT_WEEKS
from cxcore.analysis.metrics import METRICS
from cxcore.cli import commands
from cxcore.languages import CODES, DEFAULT
from cxcore.text.journey_models import JOURNEY_MODELS

__all__ = ["build_parser"]


def _options() -> dict[str, argparse.ArgumentParser]:
    """The options several commands share, each defined once."""
    shared = {
        name: argparse.ArgumentParser(add_help=False)
        for name in ("db", "json", "lang", "period", "model")
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
    shared["model"].add_argument(
        "--journey-model",
        dest="model",
        choices=list(JOURNEY_MODELS),
        help="a shipped journey model (default: the one in use)",
    )
    return shared


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m cxcore`."""
    parser = argparse.ArgumentParser(prog="python -m cxcore", description=__doc__)
    subcommands = parser.add_subparsers(dest="command", required=True)
    o = _options()

    def command(name: str, help: str, *options: str) -> argparse.ArgumentParser:
        # argparse formats help with %: "95%" would break `--help` unless written "95%%"
        help = help.replace("%", "%%")
        return subcommands.add_parser(name, help=help, parents=[o[option] for option in options])

    p = command("import", "import a survey export (CSV, TSV, TXT, XLSX)", "db", "json")
    p.add_argument("file")
    p.add_argument("--survey", help="survey name stored with each response")
    p.add_argument("--sheet", help="XLSX sheet to read (default: first sheet with data)")
    p.add_argument("--stage", help="stage key for responses the file does not place")
    p.set_defaults(run=commands.cmd_import)

    p = command("curve", "the emotion curve, one entry per stage", "db", "json", "lang")
    p.add_argument("--metric", choices=list(METRICS), default="sentiment")
    p.set_defaults(run=commands.cmd_curve)

    p = command("score", "language and sentiment of texts (or stdin lines)", "json")
    p.add_argument("text", nargs="*")
    p.add_argument("--explain", action="store_true", help="show the words that moved the score")
    p.set_defaults(run=commands.cmd_score)

    p = command("tag", "stage and touchpoint of texts (or stdin lines)", "json", "model")
    p.add_argument("text", nargs="*")
    p.set_defaults(run=commands.cmd_tag)

    p = command("rescore", "score every stored comment again", "db")
    p.set_defaults(run=commands.cmd_rescore)

    p = command(
        "insights",
        "pain points, moments of truth, channel-hop paths and movers",
        "db",
        "json",
        "period",
    )
    p.set_defaults(run=commands.cmd_insights)

    p = command(
        "handoffs",
        "internal handoffs per stage: share, mean, cost with 95% intervals",
        "db",
        "json",
        "lang",
        "period",
    )
    p.set_defaults(run=commands.cmd_handoffs)

    p = command("report", "a stage report as XLSX, PDF, HTML or CSV", "db", "lang", "period")
    p.add_argument("--stage", required=True, help="stage key, or all for the whole journey")
    p.add_argument("--format", required=True, choices=list(reports.FORMATS))
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.set_defaults(run=commands.cmd_report)

    p = command(
        "journey-model",
        "the shipped journey models: journey-model list / use NAME (re-tags, audited)",
        "db",
        "json",
        "lang",
    )
    p.add_argument("action", choices=["list", "use"])
    p.add_argument("name", nargs="?", default="", help="model key (use)")
    p.set_defaults(run=commands.cmd_journey_model)

    p = command("demo", "load the demo survey", "db")
    p.add_argument("--rows", type=int, default=1500)
    p.add_argument("--if-empty", action="store_true", help="only when the database is empty")
    p.set_defaults(run=commands.cmd_demo)

    p = command("delete-import", "delete an import and all it brought (audited)", "db")
    p.add_argument("id", type=int)
    p.set_defaults(run=commands.cmd_delete_import)

    p = command("user", "who may sign in: user add / list / remove (audited in --db)", "db")
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("name", nargs="?", default="")
    p.add_argument("--role", choices=list(auth.ROLES), help="viewer, analyst or admin (add)")
    p.add_argument("--email", help="e-mail for single sign-on (add)")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin (add)"
    )
    p.add_argument("--users-file", help="default: $CX_USERS_FILE or data/users.yaml")
    p.set_defaults(run=commands.cmd_user)

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
    p.set_defaults(run=commands.cmd_action_add)
    p = actions.add_parser(
        "list", help="every action with its effect", parents=[o["db"], o["json"], o["lang"]]
    )
    for side in ("before", "after"):
        p.add_argument(
            f"--weeks-{side}", type=int, default=DEFAULT_WEEKS, help=f"weeks {side} the change"
        )
    p.set_defaults(run=commands.cmd_action_list)
    return parser
