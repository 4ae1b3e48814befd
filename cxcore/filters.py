"""The filters a user chooses in the sidebar, shared by pages, queries and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Filters"]


@dataclass(frozen=True)
class Filters:
    """Hashable filter set; an empty tuple or None means 'all'."""

    date_from: date | None = None
    date_to: date | None = None  # inclusive
    import_ids: tuple[int, ...] = ()
    surveys: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
