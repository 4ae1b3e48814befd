"""Time an import as a user makes it: a survey file uploaded on the Import page in Chromium.

    .venv/bin/python bench/import_page.py FILE          # e.g. a file of bench/survey_file.py

Starts `streamlit run app.py` on a new SQLite database, opens the Import page in Debian's
Chromium (headless, Playwright), chooses FILE and times two waits: from choosing the file
until the "Import responses" button shows (upload, reading, mapping, checking, tagging and
scoring, which the page does before it offers the import), and from the click until the
page says how many rows were imported. Meanwhile it polls the page every 0.2 s and prints
each progress message the user sees, with its time: the longest time without one is the
longest the page looked stuck; and the peak memory of the server with its scoring workers.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from bench.memory_sampler import FamilyPeak  # noqa: E402
from bench.page_browser import Server  # noqa: E402

# What the page shows while it works: the progress bar's text and any spinner's.
WORKING = "[data-testid=stProgress], [data-testid=stSpinner]"
IMPORTED = re.compile(r"Imported [\d,. ]+ of")


def messages_until(
    page: Page, done: object, began: float, limit_s: float
) -> list[tuple[float, str]]:
    """Each change of the progress text shown, with its time since `began`, until `done`
    (a locator) is on the page."""
    seen: list[tuple[float, str]] = []
    while not done.count():  # type: ignore[attr-defined]
        if time.time() - began > limit_s:
            raise TimeoutError(f"still working after {limit_s:.0f} s")
        text = " | ".join(" ".join(t.split()) for t in page.locator(WORKING).all_inner_texts())
        if not seen or seen[-1][1] != text:
            seen.append((time.time() - began, text))
        time.sleep(0.2)
    seen.append((time.time() - began, "(done)"))
    return seen


def report(title: str, seen: list[tuple[float, str]]) -> None:
    print(f"{title}: {seen[-1][0]:.1f} s")
    for moment, text in seen:
        print(f"  {moment:6.1f} s  {text or '(no progress shown)'}")
    quiet = [b[0] - a[0] for a, b in zip(seen, seen[1:], strict=False) if not a[1]]
    print(f"  longest time with no progress shown: {max(quiet, default=0.0):.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--limit", type=float, default=900, help="seconds to wait for each part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cx-import-page-") as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True)
        server = Server(f"sqlite:///{Path(folder) / 'cx.sqlite'}", Path(folder) / "server.log")
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server.url + "/upload")
            chooser = page.locator("input[type=file]")
            expect(chooser).to_be_attached(timeout=60_000)
            with FamilyPeak(server.process.pid) as memory:
                began = time.time()
                chooser.set_input_files(str(args.file))
                button = page.get_by_role("button", name=re.compile("Import responses"))
                report(
                    "file chosen until the import is offered",
                    messages_until(page, button, began, args.limit),
                )
                print(f"  offered: {button.inner_text()!r}")
                began = time.time()
                button.click()
                imported = page.get_by_text(IMPORTED)
                report("click until imported", messages_until(page, imported, began, args.limit))
                print(f"  {imported.first.inner_text()}")
            when = memory.peak_at - began
            print(
                f"peak memory of the server and its scoring workers: {memory.peak:,.0f} MB, "
                + (f"{when:.1f} s after the click" if when >= 0 else "before the click")
            )
        finally:
            server.stop()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
