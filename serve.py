"""Start the dashboard warmed: `python serve.py [streamlit run options]`.

The same as `streamlit run app.py [options]`, plus a thread in the server's process that,
as soon as the server runs, imports the heavy modules and fills the shared caches for the
default filters (pages/_warm.py), so the first visitor waits no longer than the next ones.
It prints "cx: warmed …" when done, and warms again when the data changed (an import on
the Import page, by the command line or by another replica).
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

__all__ = ["main"]


# How often the data version is read for a change made elsewhere (the command line's
# import, another replica): one small query.
POLL_SECONDS = 10


def _warm_when_running() -> None:
    from streamlit import runtime

    while not runtime.exists():  # the server creates its runtime as it starts
        time.sleep(0.05)
    from pages._shared import database_url
    from pages._warm import start_warm_up

    while True:  # at start, then again whenever the data changed
        try:
            start_warm_up(database_url())
        except Exception as error:  # a database down for a while: try again later
            print(f"cx: no warm-up ({type(error).__name__})", file=sys.stderr, flush=True)
        time.sleep(POLL_SECONDS)


def main() -> None:
    """Run Streamlit's own command line on app.py with the warm-up thread beside it."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # app.py declares its pages with st.navigation. Until a first run of app.py says so,
    # Streamlit treats a `pages/` folder as the old multipage layout, and a visitor who
    # opens a bookmarked page first gets that file run alone, with the file names as the
    # menu and no sign-in gate or page settings from app.py. Say it from the start.
    PagesManager.uses_pages_directory = False

    threading.Thread(target=_warm_when_running, name="cx-warm-start", daemon=True).start()
    sys.argv = ["streamlit", "run", str(Path(__file__).with_name("app.py")), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
