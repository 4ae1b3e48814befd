"""How the readers' refusals name a file, a size and a long text."""

from __future__ import annotations

from pathlib import PurePath
from typing import Final

__all__ = ["MB", "display_name", "megabytes", "shorten"]

MB: Final = 1024 * 1024


def display_name(filename: str) -> str:
    """The file's own name for messages, without folders."""
    return PurePath(filename).name if filename else "The file"


def megabytes(size: int) -> str:
    """A byte count as MB for messages: '200', '1.5', '0.25'."""
    mb = size / MB
    if mb >= 1:
        return f"{mb:,.1f}".removesuffix(".0")
    return f"{mb:.2g}"


def shorten(text: str, limit: int = 60) -> str:
    """Text cut to `limit` characters for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
