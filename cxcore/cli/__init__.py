"""Command line: import, curve, score, tag, rescore, insights, handoffs, report, demo,
delete-import, user, action, journey-model.

Automation depends on these names and flags: keep them.
"""

from __future__ import annotations

import sys

import db
from cxcore.cli.parser import build_parser
from cxcore.keys import KeysMissing

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except db.DatabaseBusy as error:  # any command that writes: another writer held on
        print(f"error: {error}", file=sys.stderr)
        return 3
    except db.DatabaseUnusable as error:  # the database configured cannot be used
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeysMissing as error:  # the install's key: not set (PostgreSQL), or not the one
        print(f"error: {error}", file=sys.stderr)
        return 2
