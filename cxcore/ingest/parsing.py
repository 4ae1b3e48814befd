"""Date cells → UTC times, or the reason they are not; and the cell helpers scores share.

Dates may be ISO, Turkish/Czech/US forms, Excel serials or Unix epochs. Whole columns are
parsed at once, each distinct value once. Scores are read by `scores.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from dateutil import parser as dateutil_parser

__all__ = [
    "clean_strings",
    "none_column",
    "parse_dates",
    "parse_datetime",
    "map_unique",
    "time_zone",
]

_DATE_PATTERN: Final = (
    r"^(?:(?P<y>\d{4})[-/.](?P<ym>\d{1,2})[-/.](?P<yd>\d{1,2})"
    r"|(?P<p1>\d{1,2})\s*(?P<sep>[./-])\s*(?P<p2>\d{1,2})\s*[./-]\s*(?P<py>\d{4}|\d{2}))"
    r"(?:(?:T|\s+|,\s*)(?P<h>\d{1,2})[:.](?P<mi>\d{2})"
    r"(?:[:.](?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<tz>[Zz]|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)?$"
)
_OFFSET: Final = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")
_EPOCH_SECONDS: Final = r"^\d{10}$"
_EPOCH_MILLISECONDS: Final = r"^\d{13}$"
_EXCEL_SERIAL: Final = r"^\d{5}(?:\.\d+)?$"
_EXCEL_RANGE: Final = (20000, 80000)  # 1954–2119: a plausible survey date
_EXCEL_EPOCH: Final = pd.Timestamp("1899-12-30")
_MONTH_NAME: Final = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
# Layouts common enough to try on a whole column before the general pattern. Day/month
# order follows the same defaults as the general path (dots day-first, slashes month-first),
# and any cell that does not fit sends the column down the general path.
_FAST_LAYOUTS: Final[tuple[tuple[str, str], ...]] = (
    # (layout, pattern capturing the day as written)
    ("%d.%m.%Y %H:%M:%S", r"^(?P<day>\d{1,2})\."),
    ("%d.%m.%Y %H:%M", r"^(?P<day>\d{1,2})\."),
    ("%d.%m.%Y", r"^(?P<day>\d{1,2})\."),
    ("%m/%d/%Y %I:%M:%S %p", r"^\d{1,2}/(?P<day>\d{1,2})/"),
    ("%m/%d/%Y %H:%M:%S", r"^\d{1,2}/(?P<day>\d{1,2})/"),
    ("%m/%d/%Y %H:%M", r"^\d{1,2}/(?P<day>\d{1,2})/"),
)
_ISO_START: Final = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NUMBER_PARTS: Final = ("y", "ym", "yd", "p1", "p2", "py", "h", "mi", "s")
_UTC_NAMES: Final = frozenset({"", "z", "utc", "gmt", "etc/utc"})
_DATETIME_DTYPE: Final = "datetime64[us, UTC]"


# --- dates ---------------------------------------------------------------------------------


def parse_datetime(value: str | None, timezone: str | None = None) -> pd.Timestamp | None:
    """One date cell → a UTC Timestamp (naive times read in `timezone`); None when empty."""
    if value is None or not str(value).strip():
        return None
    parsed, reasons = parse_dates(pd.Series([value], dtype=object), timezone)
    if reasons.iloc[0] is not None:
        raise ValueError(reasons.iloc[0])
    stamp: pd.Timestamp = parsed.iloc[0]
    return stamp


def parse_dates(values: pd.Series, timezone: str | None = None) -> tuple[pd.Series, pd.Series]:
    """A date column → (UTC datetimes, reasons or None), deciding day/month order per column.

    Naive times are read in `timezone` (default UTC). In "01/02/2024" the order is settled
    by the column: a first part over 12 anywhere makes it day-first, a second part over 12
    month-first; otherwise slashes are month-first (US tools) and dots or dashes day-first.
    """
    text = clean_strings(values)
    zone = time_zone(timezone)
    parsed = pd.Series(pd.NaT, index=text.index, dtype=_DATETIME_DTYPE)
    reasons = none_column(text.index)
    present = text.notna()
    if not present.any():
        return parsed, reasons
    fast = _dates_in_one_format(text[present], zone)
    if fast is not None:
        parsed[present] = fast
        return _within_survey_years(text, parsed, reasons)
    parts = _extract_parts(text)
    written = parts["yd"].notna() | parts["py"].notna()  # the date pattern matched
    stamps, real = _stamps_from_parts(parts[written], zone)
    parsed[written] = stamps
    bad = written & ~real.reindex(text.index, fill_value=False)
    reasons[bad] = "Date '" + text[bad] + "' is not a real date"
    rest = present & ~written
    if rest.any():
        numeric_stamps, numeric = _numeric_stamps(text[rest], zone)
        parsed[numeric.index[numeric]] = numeric_stamps
        other = numeric.index[~numeric]
        if len(other):
            other_stamps, other_reasons = map_unique(
                text[other], lambda value: _parse_free_text(value, zone)
            )
            parsed[other] = other_stamps.astype(_DATETIME_DTYPE)
            reasons[other] = other_reasons
    return _within_survey_years(text, parsed, reasons)


# A survey answer dated before 1900 or after 2099 is a typo or a placeholder (9999-12-31),
# and such dates do not survive the day arithmetic of the daily sums.
SURVEY_YEARS = (1900, 2099)


def _within_survey_years(
    text: pd.Series, parsed: pd.Series, reasons: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """`parsed` with dates outside SURVEY_YEARS made missing and given a reason."""
    years = parsed.dt.year
    outside = parsed.notna() & ((years < SURVEY_YEARS[0]) | (years > SURVEY_YEARS[1]))
    if outside.any():
        parsed = parsed.mask(outside)
        reasons = reasons.astype(object)
        reasons[outside] = (
            "Date '" + text[outside] + f"' is not between {SURVEY_YEARS[0]} and {SURVEY_YEARS[1]}"
        )
    return parsed, reasons.astype(object).where(reasons.notna(), None)


def _dates_in_one_format(text: pd.Series, zone: str) -> pd.Series | None:
    """UTC stamps when every cell has the first cell's common layout (fast); else None."""
    first = text.iloc[0]
    if _ISO_START.match(first):
        return _iso_dates(text, zone)
    for layout, day_pattern in _FAST_LAYOUTS:
        try:
            datetime.strptime(first, layout)
        except ValueError:
            continue
        array = _arrow(text)
        stamps = pc.strptime(array, format=layout, unit="us", error_is_null=True)
        # pyarrow rolls 31.02 over to 02.03 and reads "24" as year 24: check what it kept.
        day = pc.cast(pc.struct_field(pc.extract_regex(array, day_pattern), [0]), pa.int64())
        kept = pc.and_(pc.equal(pc.day(stamps), day), pc.greater_equal(pc.year(stamps), 1000))
        if stamps.null_count or not pc.all(kept).as_py():
            return None  # mixed layouts or a bad cell: the general path says which
        naive = pd.Series(stamps.to_numpy(zero_copy_only=False), index=text.index)
        return _to_utc(naive, pd.Series(np.nan, index=text.index), zone)
    return None


def _iso_dates(text: pd.Series, zone: str) -> pd.Series | None:
    """A column of ISO 8601 cells, all naive or all with offsets → UTC stamps; else None."""
    try:
        stamps = pd.to_datetime(text, format="ISO8601", errors="coerce")
    except ValueError:
        return None  # naive and offset cells mixed
    if not pd.api.types.is_datetime64_any_dtype(stamps) or stamps.isna().any():
        return None
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        return stamps.dt.tz_convert("UTC").astype(_DATETIME_DTYPE)
    return _to_utc(stamps, pd.Series(np.nan, index=text.index), zone)


def _extract_parts(text: pd.Series) -> pd.DataFrame:
    """The pieces of _DATE_PATTERN per cell, as numbers (NaN where absent); RE2 in pyarrow."""
    extracted = pc.extract_regex(_arrow(text), _DATE_PATTERN)
    matched = pc.is_valid(extracted)

    def piece(name: str) -> pa.Array:
        value = pc.if_else(matched, extracted.field(name), None)
        return pc.if_else(pc.equal(value, ""), None, value)

    columns = {name: _floats(pc.cast(piece(name), pa.float64())) for name in _NUMBER_PARTS}
    digits = piece("f")  # ".5" is half a second, ".05" a twentieth
    columns["fraction"] = _floats(pc.cast(digits, pa.float64())) / 10.0 ** _floats(
        pc.cast(pc.utf8_length(digits), pa.float64())
    )
    ampm = piece("ampm")
    columns["twelve"] = _bools(pc.is_valid(ampm))
    columns["pm"] = _bools(pc.starts_with(pc.utf8_lower(ampm), "p"))
    columns["slash"] = _bools(pc.equal(piece("sep"), "/"))
    columns["offset"] = _mapped_unique(piece("tz"), _offset_minutes)
    return pd.DataFrame(columns, index=text.index)


def _arrow(text: pd.Series) -> pa.Array:
    """A string column as a pyarrow array (zero-copy for the default `str` dtype)."""
    return pa.array(text, type=pa.large_string(), from_pandas=True)


def _floats(array: pa.Array) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype="float64")


def _bools(array: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _mapped_unique(array: pa.Array, convert: Callable[[str], float]) -> np.ndarray:
    """`convert` applied to each distinct string once; NaN for nulls."""
    encoded = pc.dictionary_encode(array)
    table = np.array([convert(v) for v in encoded.dictionary.to_pylist()] + [np.nan])
    codes = pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy()
    return np.asarray(table[codes], dtype="float64")


def _column_dayfirst(parts: pd.DataFrame) -> pd.Series:
    """Per cell: is the first of two day/month parts the day? Decided for the whole column."""
    day_evidence = bool((parts["p1"] > 12).any())
    month_evidence = bool((parts["p2"] > 12).any())
    if day_evidence != month_evidence:
        return pd.Series(day_evidence, index=parts.index)
    return ~parts["slash"]


def _stamps_from_parts(parts: pd.DataFrame, zone: str) -> tuple[pd.Series, pd.Series]:
    """Matched date pieces → (UTC stamps, whether each is a real date and time)."""
    dayfirst = _column_dayfirst(parts)
    short = parts["py"] + np.where(parts["py"] < 70, 2000, 1900)
    year = parts["y"].fillna(parts["py"].where(parts["py"] >= 100, short))
    month = parts["ym"].fillna(parts["p2"].where(dayfirst, parts["p1"]))
    day = parts["yd"].fillna(parts["p1"].where(dayfirst, parts["p2"]))
    hour, minute, second = (parts[name].fillna(0) for name in ("h", "mi", "s"))
    twelve = parts["twelve"]
    clock_ok = ~twelve | hour.between(0, 12)
    hour = hour.where(~twelve, hour % 12 + np.where(parts["pm"], 12, 0))
    time_ok = clock_ok & hour.between(0, 23) & minute.between(0, 59) & second.between(0, 59)
    seconds = hour * 3600 + minute * 60 + second + parts["fraction"].fillna(0)
    dates = pd.to_datetime(
        pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce"
    )
    naive = dates + pd.to_timedelta(seconds.where(time_ok, 0), unit="s").dt.round("us")
    real = naive.notna() & time_ok
    return _to_utc(naive.where(real), parts["offset"], zone), real


def _offset_minutes(zone_text: str) -> float:
    """'Z', 'UTC', '+03:00', '-0800', 'GMT+5:30' → minutes east of UTC."""
    match = _OFFSET.match(zone_text.strip())
    if not match:
        return 0.0
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes or 0)
    return float(-total if sign == "-" else total)


def _to_utc(naive: pd.Series, offsets: pd.Series, zone: str) -> pd.Series:
    """Wall-clock times → UTC: by their own offset where written, else in `zone`."""
    fixed = offsets.notna()
    local = naive.where(~fixed).dt.tz_localize(
        zone,
        ambiguous=np.ones(len(naive), dtype=bool),  # a repeated hour: take the first (summer)
        nonexistent="shift_forward",  # a skipped hour: move to its end
    )
    result = local.dt.tz_convert("UTC").astype(_DATETIME_DTYPE)
    if fixed.any():
        shifted = naive[fixed] - pd.to_timedelta(offsets[fixed], unit="min")
        result[fixed] = shifted.dt.tz_localize("UTC")
    return result


def _numeric_stamps(text: pd.Series, zone: str) -> tuple[pd.Series, pd.Series]:
    """Unix epochs (absolute) and Excel serial days (wall clock in `zone`) → UTC stamps."""
    number = pd.to_numeric(text, errors="coerce")
    seconds = text.str.match(_EPOCH_SECONDS).fillna(False).astype(bool)
    millis = text.str.match(_EPOCH_MILLISECONDS).fillna(False).astype(bool)
    serial = text.str.match(_EXCEL_SERIAL).fillna(False).astype(bool)
    serial &= number.between(*_EXCEL_RANGE, inclusive="left")
    stamps = pd.Series(pd.NaT, index=text.index, dtype=_DATETIME_DTYPE)
    stamps[seconds] = pd.to_datetime(number[seconds], unit="s", utc=True)
    stamps[millis] = pd.to_datetime(number[millis], unit="ms", utc=True)
    if serial.any():
        days = pd.to_timedelta(number[serial], unit="D").dt.round("ms")
        stamps[serial] = _to_utc(_EXCEL_EPOCH + days, pd.Series(np.nan, index=days.index), zone)
    handled = seconds | millis | serial
    return stamps[handled], handled


def _parse_free_text(value: str, zone: str) -> pd.Timestamp:
    """A date written with a month name ('Jan 15, 2024 10:30') → UTC; ValueError otherwise."""
    has_day_and_year = re.search(r"\b\d{4}\b", value) and re.search(r"\b\d{1,2}\b", value)
    if not (_MONTH_NAME.search(value) and has_day_and_year):
        raise ValueError(f"Date '{value}' is not a date")
    try:
        moment = dateutil_parser.parse(value)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"Date '{value}' is not a real date") from error
    stamp = pd.Timestamp(moment)
    if stamp.tzinfo is None:
        return _to_utc(pd.Series([stamp]), pd.Series([np.nan]), zone).iloc[0]
    return stamp.tz_convert("UTC")


def time_zone(name: str | None) -> str:
    """A declared time zone name → one zoneinfo knows ('Z' and 'GMT' are UTC)."""
    if name is None or name.strip().casefold() in _UTC_NAMES:
        return "UTC"
    ZoneInfo(name.strip())  # raises ZoneInfoNotFoundError (a KeyError) for an unknown name
    return name.strip()


# --- columns -------------------------------------------------------------------------------


def none_column(index: pd.Index) -> pd.Series:
    """An object column of None (pandas would fill `Series(None)` with NaN)."""
    return pd.Series(np.full(len(index), None, dtype=object), index=index, dtype=object)


def clean_strings(values: pd.Series) -> pd.Series:
    """Cells as stripped strings; empty cells NaN (pyarrow-backed `str` dtype)."""
    text = values.astype("str").str.strip()
    return text.where(text != "")


def map_unique(
    text: pd.Series, parse: Callable[[str], Any], *, numeric: bool = False
) -> tuple[pd.Series, pd.Series]:
    """`parse` each distinct non-empty cell once → (values, ValueError messages or None)."""
    encoded = pc.dictionary_encode(_arrow(text))
    uniques = encoded.dictionary.to_pylist()
    values = np.full(
        len(uniques) + 1, np.nan if numeric else None, dtype=float if numeric else object
    )
    reasons = np.full(len(uniques) + 1, None, dtype=object)
    for code, value in enumerate(uniques):
        try:
            parsed = parse(value)
        except ValueError as error:
            reasons[code] = str(error)
            continue
        if parsed is not None:
            values[code] = parsed
    codes = pc.fill_null(encoded.indices, len(uniques)).to_numpy()
    return pd.Series(values[codes], index=text.index), pd.Series(reasons[codes], index=text.index)
