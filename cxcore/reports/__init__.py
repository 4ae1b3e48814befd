"""Stage reports: the report model and one writer per format."""

from cxcore.reports.model import *  # noqa: F403
from cxcore.reports.model import __all__  # noqa: F401
