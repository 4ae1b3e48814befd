"""The languages the product speaks: one registry that every other module reads.

A language here has a UI catalog column (`data/ui.yaml`), names in the journey model, a
sentiment lexicon (`data/sentiment/<code>.yaml`) and report words. Adding a fourth one is
an entry below plus those data files; nothing else lists language codes but language
detection (`cxcore.text.language`), which also knows languages we only recognise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "CODES",
    "DEFAULT",
    "LANGUAGES",
    "NAMES",
    "Language",
    "language_name",
    "lexicon_of",
    "supported",
]

_MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class Language:
    """How one language is shown and read."""

    code: str
    native_name: str
    thousands: str
    decimal: str
    date_input_format: str  # as Streamlit's date_input takes it
    percent_first: bool = False  # Turkish writes %24
    percent_spaced: bool = False  # Czech writes 24 % (24% would read "24-percent")
    # How a word's end changes before a suffix, for the journey words: a stem's last
    # consonant and what it becomes (Turkish destek → desteğe, folded ğ = g), from stems of
    # `min_changing_stem` letters on; and spoken endings (Turkish "gidiyo" for "gidiyor").
    stem_changes: tuple[tuple[str, str], ...] = ()
    min_changing_stem: int = 5
    spoken_endings: tuple[tuple[str, str], ...] = ()

    @property
    def chart_separators(self) -> str:
        """Plotly's `separators` layout property: the decimal mark, then thousands."""
        return self.decimal + self.thousands

    def format_date(self, day: date | datetime) -> str:
        """`day` as this language writes it."""
        return _DATE_WRITERS[self.code](day)

    @property
    def chart_date_format(self) -> str:
        """Plotly's d3 `tickformat` for a date axis, written as format_date writes a day."""
        return _CHART_DATES[self.code]


_DATE_WRITERS = {
    "en": lambda d: f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}",
    "tr": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "cs": lambda d: f"{d.day}. {d.month}. {d.year}",
}

_CHART_DATES = {"en": "%-d %b %Y", "tr": "%d.%m.%Y", "cs": "%-d. %-m. %Y"}

LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", ",", ".", "YYYY-MM-DD"),
    # Turkish t → d is left out of the stem changes: most nouns in -t keep it (bilet →
    # bileti), and "beklet*" (kept waiting) would take "bekledim" (I waited).
    "tr": Language(
        "tr",
        "Türkçe",
        ".",
        ",",
        "DD.MM.YYYY",
        percent_first=True,
        stem_changes=(("k", "g"), ("p", "b")),
        spoken_endings=(("yor", "yo"),),
    ),
    # Czech k → c before -e/-i: zásilka → zásilce, pobočka → pobočce.
    "cs": Language(
        "cs",
        "Čeština",
        "\u00a0",
        ",",
        "DD.MM.YYYY",
        percent_spaced=True,
        stem_changes=(("k", "c"),),
    ),
}
CODES: tuple[str, ...] = tuple(LANGUAGES)
DEFAULT = "en"
NAMES: dict[str, str] = {code: lang.native_name for code, lang in LANGUAGES.items()}

# Languages we detect but do not speak, read with a close one's lexicon: Slovak shares most
# sentiment stems with Czech (dobrý, spokojný, hrozný, nefunguje), and Czech feedback often
# comes in Slovak.
_READ_AS = {"sk": "cs"}
_DETECTED_NAMES = {"sk": "Slovenčina"}


def supported(code: str | None) -> str:
    """`code` when the product speaks it, else the default language."""
    return code if code in LANGUAGES else DEFAULT


def lexicon_of(code: str) -> str | None:
    """The lexicon that scores comments in `code`, or None when no lexicon does."""
    if code in LANGUAGES:
        return code
    return _READ_AS.get(code)


def language_name(code: str) -> str:
    """A comment language's own name ("Türkçe", "Slovenčina"), or its code when unknown."""
    return NAMES.get(code) or _DETECTED_NAMES.get(code, code)
