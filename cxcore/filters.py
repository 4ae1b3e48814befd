"""The filters a user chooses in the sidebar, shared by pages, queries and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["QUERY_KEYS", "Filters", "from_query_params", "to_query_params"]


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


# The sidebar filters in the URL, so a view can be bookmarked or shared:
# ?from=2026-03-01&to=2026-03-31&survey=A&survey=B&touchpoint=ivr&segment=SME&lang=tr
QUERY_KEYS: dict[str, str] = {
    "surveys": "survey",
    "touchpoints": "touchpoint",
    "segments": "segment",
    "languages": "lang",
}


def to_query_params(filters: Filters) -> dict[str, list[str]]:
    """The URL parameters of `filters` (only those set), each a list of values."""
    params: dict[str, list[str]] = {}
    if filters.date_from:
        params["from"] = [filters.date_from.isoformat()]
    if filters.date_to and filters.date_to != filters.date_from:
        params["to"] = [filters.date_to.isoformat()]
    for field, key in QUERY_KEYS.items():
        if values := getattr(filters, field):
            params[key] = [str(v) for v in values]
    return params


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a hand-edited URL: ignore what is not a date
        return None


def from_query_params(params: dict[str, list[str]]) -> Filters:
    """Filters from URL parameters; unknown keys and malformed dates are ignored."""
    date_from = _day(next(iter(params.get("from", [])), None))
    date_to = _day(next(iter(params.get("to", [])), None)) or date_from
    if date_from and date_to and date_to < date_from:
        date_from, date_to = date_to, date_from
    chosen = {field: tuple(dict.fromkeys(params.get(key, []))) for field, key in QUERY_KEYS.items()}
    return Filters(date_from=date_from, date_to=date_to, **chosen)
