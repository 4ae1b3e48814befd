"""cxcore: the pure core of the journey dashboard (reading, mapping, validation, tagging,
sentiment, metrics, journey), plus the import pipeline and the CLI.

Import the modules you need (`from cxcore import journey`); this package stays light.
"""

from cxcore.errors import FileTooLarge, NoScoreColumn, SurveyFileError, UnreadableFile

__all__ = ["FileTooLarge", "NoScoreColumn", "SurveyFileError", "UnreadableFile"]
