"""cxcore.ingest.decoding: every encoding Excel and survey tools write, read back exactly."""

from __future__ import annotations

import pytest

from cxcore.ingest.reading import read_survey
from tests.survey_files import (
    CS_COMMENTS,
    EN_COMMENTS,
    TR_COMMENTS,
    WESTERN_COMMENTS,
    assert_contract,
    delimited,
    encode,
    ms_forms_csv,
)

MS_FORMS_SAVES = [
    # (language, written as, delimiter, reported encoding)
    ("tr", "cp1254", ";", "cp1254"),
    ("cs", "cp1250", ";", "cp1250"),
    ("tr", "utf-8-sig", ";", "utf-8-sig"),
    ("cs", "utf-8-sig", ";", "utf-8-sig"),
    ("tr", "utf-16", "\t", "utf-16"),
    ("cs", "utf-16", "\t", "utf-16"),
    ("cs", "utf-16", ",", "utf-16"),  # UTF-16 need not mean TAB
]


@pytest.mark.parametrize(("language", "written", "delimiter", "reported"), MS_FORMS_SAVES)
def test_ms_forms_saved_by_excel(language, written, delimiter, reported):
    data = ms_forms_csv(language=language, encoding=written, delimiter=delimiter)
    table = read_survey(data, "forms.csv")
    comments = TR_COMMENTS if language == "tr" else CS_COMMENTS
    assert (table.layout, table.encoding, table.delimiter) == ("ms_forms", reported, delimiter)
    assert list(table.frame.iloc[:, -1]) == list(comments)
    # Decimal commas are values, not delimiters (validation coerces them later).
    assert list(table.frame.iloc[:, -2]) == ["4,5", "2", "3,5"]
    # One row per record, however many lines its comment spans.
    assert list(table.row_numbers) == [2, 3, 4]


UNICODE_TEXTS = (*TR_COMMENTS, *CS_COMMENTS, *EN_COMMENTS)
ENCODINGS = [
    # (written as, reported, comments the code page can hold)
    ("utf-8", "utf-8", UNICODE_TEXTS),
    ("utf-8-sig", "utf-8-sig", UNICODE_TEXTS),
    ("utf-16", "utf-16", UNICODE_TEXTS),
    ("utf-16-be", "utf-16", UNICODE_TEXTS),
    ("cp1254", "cp1254", TR_COMMENTS),
    ("cp1250", "cp1250", CS_COMMENTS),
    ("latin-1", "cp1252", WESTERN_COMMENTS),
]


@pytest.mark.parametrize(
    "delimiter", [",", ";", "\t", "|"], ids=["comma", "semicolon", "tab", "pipe"]
)
@pytest.mark.parametrize(
    ("written", "reported", "comments"), ENCODINGS, ids=[e[0] for e in ENCODINGS]
)
def test_every_encoding_and_delimiter_round_trips_text_exactly(
    written, reported, comments, delimiter
):
    rows = [["id", "csat", "comment | note; x, y"]]
    rows += [[str(n), "4,5", comment] for n, comment in enumerate(comments, start=1)]
    table = read_survey(delimited(rows, delimiter=delimiter, encoding=written), "survey.csv")
    assert (table.encoding, table.delimiter, table.layout) == (reported, delimiter, "plain")
    assert list(table.frame.columns) == ["id", "csat", "comment | note; x, y"]
    assert list(table.frame["comment | note; x, y"]) == list(comments)
    assert set(table.frame["csat"]) == {"4,5"}
    # Header on row 1, then one row per record, multi-line comments included.
    assert list(table.row_numbers) == list(range(2, 2 + len(comments)))
    assert_contract(table)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("ürün kırık çıktı, Iğdır şube", "cp1254", "cp1254"),  # not 'kýrýk … Iđdýr ţube'
        ("týden, Příliš žluťoučký kůň", "cp1250", "cp1250"),  # not 'tıden'
        ("Müşteri", "utf-8", "utf-8"),  # not 'MÃ¼ÅŸteri'
        ("Crème brûlée, Señora", "cp1252", "cp1252"),
    ],
)
def test_code_page_is_chosen_by_its_letters(text, written, expected):
    table = read_survey(encode(f"comment\n{text}\n", written), "c.csv")
    assert table.encoding == expected
    assert table.frame.loc[0, "comment"] == text


# Rows pasted together from a Turkish export (cp1254) and a Czech one (cp1250), as bytes.
_TURKISH_ROWS = 'T1;2;"Yanlış kargo geldi,\r\ndeğiştirin"\r\nT2;3;Kargo şubesi yavaş\r\n'
_CZECH_ROWS = "C1;4;Objednávka přišla pozdě\r\nC2;9;Kurýr byl nepříjemný\r\n"


def test_rows_of_two_code_pages_are_each_read_in_their_own_and_named():
    data = b"id;nps;comment\r\n" + _TURKISH_ROWS.encode("cp1254") + _CZECH_ROWS.encode("cp1250")
    assert b"Yanl\xfd\xfe" in data and b"p\xf8i\x9ala" in data  # the code pages' own bytes
    table = read_survey(data, "exports/merged.csv")
    assert list(table.frame["comment"]) == [
        "Yanlış kargo geldi,\r\ndeğiştirin",  # not "Yanlýţ … deđiţtirin"
        "Kargo şubesi yavaş",
        "Objednávka přišla pozdě",  # not "pøišla pozdì"
        "Kurýr byl nepříjemný",
    ]
    assert table.encoding == "cp1254+cp1250"
    # Rows as a spreadsheet shows them: the two-line comment is one row.
    assert list(table.row_numbers) == [2, 3, 4, 5]
    assert table.notices == (
        "merged.csv mixes two code pages: rows 2–3 look Turkish (Windows-1254), rows 4–5 "
        "Czech (Windows-1250). Each row was read in the code page it looks like: check a few "
        "comments, or export the survey again as CSV UTF-8.",
    )


@pytest.mark.parametrize(
    ("written", "comments"),
    [
        ("cp1254", (*TR_COMMENTS, "Crème brûlée çok güzeldi, teşekkürler")),
        ("cp1250", CS_COMMENTS),
    ],
)
def test_a_file_in_one_code_page_is_read_as_before_without_a_notice(written, comments):
    table = read_survey(
        delimited([["comment"], *[[c] for c in comments]], encoding=written), "c.csv"
    )
    assert (table.encoding, table.notices) == (written, ())
    assert list(table.frame["comment"]) == list(comments)
