"""Colours: one per stage on every page and report, all safe for colour-blind readers.

Stages take the Okabe–Ito colours in journey order (the palette is designed to stay
distinct under every common colour-vision deficiency). The emotion curve's good/bad scale
runs from Okabe–Ito vermillion through yellow to bluish green rather than pure red to
green, which deuteranopes cannot tell apart.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["GOOD_BAD_SCALE", "OKABE_ITO", "UNASSIGNED_COLOUR", "stage_colours"]

OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
GOOD_BAD_SCALE: list[list[float | str]] = [[0.0, "#D55E00"], [0.5, "#F0E442"], [1.0, "#009E73"]]
UNASSIGNED_COLOUR = "#999999"


def stage_colours(stage_keys: Sequence[str]) -> dict[str, str]:
    """stage key → its colour, by position in the journey (cycling past eight stages);
    responses not yet placed are grey."""
    colours = {key: OKABE_ITO[i % len(OKABE_ITO)] for i, key in enumerate(stage_keys)}
    return colours | {"unassigned": UNASSIGNED_COLOUR}
