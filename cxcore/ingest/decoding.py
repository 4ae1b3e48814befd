"""Bytes → text: BOMs, UTF-16, strict UTF-8, lines pasted from two encodings, code pages.

Refuses bytes that are no text: images, PDFs, old .xls workbooks, NUL bytes. Rows pasted
together from a Turkish (cp1254) and a Czech (cp1250) file are each read in their own code
page, and the reader is told which rows were which (`Decoded.notices`).
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np

from cxcore.errors import UnreadableFile
from cxcore.ingest.messages import display_name

__all__ = ["Decoded", "decode", "decode_text", "not_text_error", "refuse_known_binaries"]

# Letters that only one of the candidate code pages produces, by language.
_TURKISH: Final = frozenset("ıİğĞşŞ")
_CZECH: Final = frozenset("řŘěĚůŮčČťŤďĎňŇ")
# What the other code page makes of those bytes: letters Turkish lacks (a Czech file read as
# cp1254 shows ì ø è ù ò ï) and letters Czech lacks (a Turkish or Western file read as
# cp1250 shows đ ţ ŕ ń ű ...).
_NOT_TURKISH: Final = frozenset("ìòùøèïõãåæœšžŸÌÒÙØÈÏÕÃÅÆŒŠŽ")
_NOT_CZECH: Final = frozenset("ŕŔĺĹľĽąĄęĘńŃőŐűŰăĂţŢłŁśŚźŹżŻđĐşŞ")
_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
)
_ASCII: Final = bytes(range(0x80))
_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Turkish letters cp1250 reads as letters no Czech word has (ş ğ → ţ đ); ı and İ are left
# out: cp1250 reads them as Czech ý and Ý.
_TURKISH_ONLY: Final = frozenset("şŞğĞ")
_LISTED_RANGES: Final = 8


class Decoded(NamedTuple):
    """Text read from bytes, the encoding used, and what the reader should be told."""

    text: str
    encoding: str
    notices: tuple[str, ...] = ()


def refuse_known_binaries(data: bytes, name: str) -> None:
    """Raise a precise UnreadableFile for images, PDFs and old .xls workbooks."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(
                f"{name} is {kind}, not a survey export: upload the responses as CSV or XLSX."
            )
    if data.startswith(_OLE2):
        raise UnreadableFile(
            f"{name} is an Excel 97-2003 (.xls) or password-protected workbook: "
            "open it in Excel and save it as .xlsx without a password, or as CSV."
        )


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes → text and the encoding used: BOM, then strict UTF-8, then a code page."""
    decoded = decode_text(data, name)
    return decoded.text, decoded.encoding


def decode_text(data: bytes, name: str) -> Decoded:
    """Bytes → Decoded: as `decode`, with rows of two code pages each read in its own."""
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(_decode_utf16(data, "utf-16", name), "utf-16")
    bomless = _bomless_utf16(data)
    if bomless:
        return Decoded(_decode_utf16(data, bomless, name), bomless)
    if b"\x00" in data:
        raise not_text_error(name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return Decoded(*mixed)
    return _decode_two_code_pages(data, name) or Decoded(*_decode_code_page(data))


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Lines in UTF-8 and lines in a code page (files pasted together) → text; None if not mixed.

    Each line is decoded on its own: UTF-8 when it is valid UTF-8, else the code page
    that the other lines' letters point to. Encoding is reported as e.g. 'utf-8+cp1254'.
    """
    if not _has_utf8_letters(data):
        return None
    lines = data.split(b"\n")  # 0x0A is a line break in UTF-8 and in every code page here
    legacy: list[int] = []
    utf8_letters = False
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(index)
        else:
            utf8_letters = True
    if not utf8_letters or not legacy:
        return None
    _, code_page = _decode_code_page(b"\n".join(lines[index] for index in legacy))
    decoded = [line.decode("utf-8") if line.isascii() else "" for line in lines]
    legacy_set = set(legacy)
    for index, line in enumerate(lines):
        if not line.isascii():
            decoded[index] = (
                line.decode(code_page, errors="replace")
                if index in legacy_set
                else line.decode("utf-8")
            )
    return "\n".join(decoded), f"utf-8+{code_page}"


def _has_utf8_letters(data: bytes) -> bool:
    """True when some byte 0xC2-0xF4 is followed by a continuation byte: a UTF-8 letter."""
    # numpy over the non-ASCII bytes only: a regex takes seconds on a 100 MB code-page file.
    codes = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(codes >= 0x80)
    leads = high[(codes[high] >= 0xC2) & (codes[high] <= 0xF4)] + 1
    leads = leads[leads < len(codes)]
    return bool(((codes[leads] & 0xC0) == 0x80).any())


def _decode_utf16(data: bytes, encoding: str, name: str) -> str:
    """UTF-16 bytes → text, refusing a truncated file."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"{name} is not valid UTF-16 text (it may be cut short): "
            "save it again from Excel as CSV UTF-8 and upload that."
        ) from error


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of the start is NUL, else None."""
    head = data[:1024]
    if len(head) < 4 or len(head) % 2:
        return None
    if head[1::2].count(0) > 0.9 * len(head[1::2]) and head[0::2].count(0) == 0:
        return "utf-16-le"
    if head[0::2].count(0) > 0.9 * len(head[0::2]) and head[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def _decode_code_page(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8 → text in the likeliest Windows code page."""
    turkish = _letter_score(data, "cp1254", _TURKISH, _NOT_TURKISH)
    czech = _letter_score(data, "cp1250", _CZECH, _NOT_CZECH)
    # Turkish first on a tie: cp1250 reads Turkish ı ş ğ as ý ţ đ and still decodes, while
    # cp1254 cannot decode Czech ť ž (0x9D, 0x9E) at all, so Czech files rarely tie.
    ranked = sorted([(turkish, 0, "cp1254"), (czech, 1, "cp1250")], key=lambda c: (-c[0], c[1]))
    candidates = [encoding for score, _, encoding in ranked if score > 0]
    for encoding in [*candidates, "cp1252"]:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # never fails: every byte is a character


def _letter_score(
    data: bytes, encoding: str, typical: frozenset[str], foreign: frozenset[str]
) -> int:
    """Typical letters minus foreign ones when `data` is read in `encoding` (bytes ≥ 0x80)."""
    high = data.translate(None, _ASCII)  # only bytes >= 0x80 differ between code pages
    score = 0
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode(encoding)
        except UnicodeDecodeError:
            continue
        if char in typical:
            score += high.count(byte)
        elif char in foreign:
            score -= high.count(byte)
    return score


def _decode_two_code_pages(data: bytes, name: str) -> Decoded | None:
    """Lines of a Turkish (cp1254) and lines of a Czech (cp1250) file pasted together →
    each line read in its own code page, and a notice naming the rows; None when the file
    is not clearly both.

    One code page for the whole file garbled the other's letters ("yanlış" read as
    "yanlýţ"). A line is Turkish when cp1254 gives it ş or ğ and no letter Turkish lacks,
    Czech when cp1250 gives it ř ě ů č ť ď or ň and no letter Czech lacks. The file counts
    as mixed only when a Turkish line and a Czech line with two different such letters
    are found, so a Turkish file quoting "crème" stays Turkish; lines that show neither
    are read in the code page most lines show.
    """
    codes = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(codes >= 0x80)
    breaks = np.flatnonzero(codes == 0x0A)
    lines = len(breaks) + 1
    line_of = np.searchsorted(breaks, high)  # the line (from 0) of each byte >= 0x80
    value = codes[high]

    def per_line(table: np.ndarray) -> np.ndarray:
        return np.bincount(line_of[table[value]], minlength=lines)

    turkish, not_turkish, czech, not_czech = (per_line(table) for table in _BYTE_TABLES)
    letter = _BYTE_TABLES[2][value]
    pairs = np.unique(line_of[letter] * 256 + value[letter])  # each line's different letters
    czech_letters = np.bincount(pairs // 256, minlength=lines)
    is_turkish = (turkish > 0) & (not_turkish == 0)
    is_czech = (czech > 0) & (not_czech == 0)
    if not is_turkish.any() or not ((czech_letters >= 2) & is_czech).any():
        return None
    majority = "cp1250" if is_czech.sum() > is_turkish.sum() else "cp1254"
    minority = "cp1254" if majority == "cp1250" else "cp1250"
    other = is_turkish if minority == "cp1254" else is_czech
    raw = data.split(b"\n")
    text = "\n".join(
        line.decode(minority if other[index] else majority, errors="replace")
        for index, line in enumerate(raw)
    )
    rows = _row_of_line(codes, breaks, lines)
    notice = (
        f"{display_name(name)} mixes two code pages: rows {_ranges(rows[is_turkish])} look "
        f"Turkish (Windows-1254), rows {_ranges(rows[is_czech])} Czech (Windows-1250). Each "
        "row was read in the code page it looks like: check a few comments, or export the "
        "survey again as CSV UTF-8."
    )
    return Decoded(text, f"{majority}+{minority}", (notice,))


def _byte_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Which bytes are, as a lookup table each: a Turkish-only letter in cp1254, no Turkish
    letter in cp1254, a Czech-only letter in cp1250, no Czech letter in cp1250."""
    tables = tuple(np.zeros(256, dtype=bool) for _ in range(4))
    for byte in range(0x80, 0x100):
        for encoding, typical, foreign, (its, not_its) in (
            ("cp1254", _TURKISH_ONLY, _NOT_TURKISH, tables[:2]),
            ("cp1250", _CZECH, _NOT_CZECH, tables[2:]),
        ):
            try:
                char = bytes([byte]).decode(encoding)
            except UnicodeDecodeError:
                not_its[byte] = True  # a byte the code page has no letter for
                continue
            its[byte] = char in typical
            not_its[byte] = char in foreign
    return tables  # type: ignore[return-value]


def _row_of_line(codes: np.ndarray, breaks: np.ndarray, lines: int) -> np.ndarray:
    """The spreadsheet row (from 1) each line (from 0) belongs to: a line break inside a
    quoted cell does not start a row (an odd count of quotes before it leaves one open)."""
    quotes = np.flatnonzero(codes == 0x22)
    quotes_before_break = np.searchsorted(quotes, breaks)
    open_after = quotes_before_break % 2 == 1
    starts_row = np.concatenate(([True], ~open_after))
    return np.cumsum(starts_row)[:lines]


def _ranges(rows: np.ndarray) -> str:
    """Row numbers as ranges, '2–4, 9', the first few then '…'."""
    spans: list[str] = []
    unique = np.unique(rows)
    if not len(unique):
        return ""
    cuts = np.flatnonzero(np.diff(unique) != 1) + 1
    for run in np.split(unique, cuts):
        first, last = int(run[0]), int(run[-1])
        spans.append(f"{first}" if first == last else f"{first}–{last}")
    if len(spans) > _LISTED_RANGES:
        spans = [*spans[:_LISTED_RANGES], "…"]
    return ", ".join(spans)


_BYTE_TABLES: Final = _byte_tables()


def not_text_error(name: str) -> UnreadableFile:
    """The error for bytes that are not text."""
    return UnreadableFile(
        f"{name} is not a text or Excel file (it contains binary data): "
        "upload the survey export as CSV or XLSX."
    )
