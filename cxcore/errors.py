"""Errors a support lead can act on.

    SurveyFileError            the whole file is refused; nothing is stored
    ├── UnreadableFile         not a table at all: empty, binary, broken
    ├── FileTooLarge           over a configured limit (the message names it)
    └── NoScoreColumn          a table, but no score or comment column was found

Each message names the file, the column or row, and what to do.
"""

from __future__ import annotations

__all__ = ["FileTooLarge", "NoScoreColumn", "SurveyFileError", "UnreadableFile"]


class SurveyFileError(Exception):
    """A survey file that cannot be imported as a whole."""


class UnreadableFile(SurveyFileError):
    """The bytes are not a readable table (empty, binary, broken)."""


class FileTooLarge(SurveyFileError):
    """The file exceeds a configured limit."""


class NoScoreColumn(SurveyFileError):
    """No column could be used as a score or a comment."""
