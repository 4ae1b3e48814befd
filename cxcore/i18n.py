"""The one catalog of UI strings (English, Türkçe, Čeština) and locale-aware numbers and dates.

Strings live in `cxcore/data/ui.yaml`, one entry per key with all three languages, so a
missing translation is a test failure rather than a blank in front of a user. Stage and
touchpoint names are not here: they come from the journey model in the chosen language.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path

from cxcore import languages
from cxcore.yamlfile import load_yaml

__all__ = [
    "DEFAULT_LANGUAGE",
    "UI_LANGUAGES",
    "catalog",
    "format_date",
    "format_number",
    "language_from_locale",
    "text",
    "translate",
    "translate_reason",
]

UI_LANGUAGES: dict[str, str] = languages.NAMES
DEFAULT_LANGUAGE = languages.DEFAULT
CATALOG_PATH = Path(__file__).parent / "data" / "ui.yaml"


@cache
def catalog() -> dict[str, dict[str, str]]:
    """key → {language: text}, read once from ui.yaml."""
    raw = load_yaml(CATALOG_PATH.read_text(encoding="utf-8"))
    return {str(k): {str(lang): str(v) for lang, v in entry.items()} for k, entry in raw.items()}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The UI string `key` in `lang` with `{placeholders}` filled in.

    Falls back to English, then to the key itself, so a gap never breaks a page (the test
    of the catalog makes sure there is none).
    """
    entry = catalog().get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def language_from_locale(locale: str | None) -> str:
    """The UI language for a browser locale ("tr-TR" → tr, "cs" → cs, else English)."""
    if not locale:
        return DEFAULT_LANGUAGE
    code = locale.replace("_", "-").split("-")[0].lower()
    return languages.supported(code)


def format_number(
    value: float | None,
    lang: str = DEFAULT_LANGUAGE,
    decimals: int = 0,
    sign: bool = False,
    suffix: str = "",
) -> str:
    """A number as `lang` writes it: 1,234.5 (en), 1.234,5 (tr), 1 234,5 (cs); a true minus
    sign; "–" for a missing value. A "%" suffix goes first where the language writes it
    so (Turkish %24, −%5), after a space where it writes it so (Czech 24 %)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(value, decimals) == 0:
        value = 0.0  # no "−0" for a change that rounds away
    shown = f"{value:{'+' if sign else ''},.{decimals}f}"
    locale = languages.LANGUAGES[languages.supported(lang)]
    thousands, decimal = locale.thousands, locale.decimal
    shown = shown.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    shown = shown.replace("-", "−")
    if suffix == "%" and locale.percent_first:
        return re.sub(r"^([−+]?)", r"\1%", shown)
    if suffix == "%" and locale.percent_spaced:
        return shown + "\u00a0%"  # no break between the number and its sign
    return shown + suffix


def format_date(day: date | datetime | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date as `lang` writes it: 1 Mar 2026 (en), 01.03.2026 (tr), 1. 3. 2026 (cs)."""
    if day is None:
        return "–"
    return languages.LANGUAGES[languages.supported(lang)].format_date(day)


@cache
def _patterns(area: str) -> list[tuple[re.Pattern[str], str]]:
    """(regex of the English text, key) of every catalog entry under `area.`."""
    found = []
    for key, entry in catalog().items():
        if key.startswith(f"{area}."):
            parts = re.split(r"(?<!\{)\{(\w+)\}(?!\})", entry[DEFAULT_LANGUAGE])
            regex = "".join(
                f"(?P<{part}>.+?)" if i % 2 else re.escape(_unescaped(part))
                for i, part in enumerate(parts)
            )
            found.append((re.compile(f"^{regex}$", re.DOTALL), key))
    return found


def translate(message: str, lang: str, area: str = "progress") -> str:
    """An English message the core emits (progress steps, `error` for a refused file) in
    `lang`, when the catalog has it under `area.*`; the values inside it ("part 2 of 5")
    carried over. Else unchanged."""
    if lang == DEFAULT_LANGUAGE:
        return message
    # English thousands commas ("1,234") would read as decimals in Turkish and Czech.
    plain = re.sub(r"(?<=\d),(?=\d{3}\b)", "", message)
    return _from_catalog(plain, lang, area) or message


def translate_reason(reason: str, lang: str) -> str:
    """A rejection reason (one or more joined by "; ") in `lang`. The cell values quoted in
    it stay exactly as the file wrote them, thousands commas included."""
    if lang == DEFAULT_LANGUAGE or not isinstance(reason, str):
        return reason
    return "; ".join(_from_catalog(p, lang, "reason") or p for p in reason.split("; "))


def _unescaped(template_text: str) -> str:
    """A template's literal text as printed: "{{" and "}}" are one brace."""
    return template_text.replace("{{", "{").replace("}}", "}")


# Placeholders that hold a message of their own (which entry of the journey model, the
# problem a file has), translated in their turn from these areas of the catalog.
_NESTED = {"where": "part", "what": "part", "problem": "error"}


def _from_catalog(message: str, lang: str, area: str) -> str | None:
    """`message` in `lang` from the first `area.*` entry whose English text it is."""
    for pattern, key in _patterns(area):
        if match := pattern.match(message):
            values = {
                name: _from_catalog(value, lang, _NESTED[name]) or value
                if name in _NESTED
                else value
                for name, value in match.groupdict().items()
            }
            return text(key, lang, **values)
    return None
