"""Realistic survey export files as bytes, for tests.

Layouts follow /work/shared/datasets/EXPORT_FORMATS.md: Qualtrics (current and legacy),
SurveyMonkey, Google Forms (Sheets and Forms download), Typeform, Zendesk and Delighted
(API-shaped, synthetic), Microsoft Forms saved by Excel four ways, and XLSX workbooks.
Each builder returns the bytes a support lead would upload. The comments and labels they
use are module constants, so tests can assert that they come back exactly.
`make_table` builds a SurveyTable directly and `assert_contract` checks one read from bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections.abc import Sequence

import openpyxl
import pandas as pd

from cxcore.ingest.reading import SurveyTable

__all__ = [
    "CS_COMMENTS",
    "EN_COMMENTS",
    "QUALTRICS_HEADER",
    "QUALTRICS_LABELS_TR",
    "TR_COMMENTS",
    "WESTERN_COMMENTS",
    "assert_contract",
    "delighted_csv",
    "delimited",
    "encode",
    "google_forms_csv",
    "large_csv",
    "make_table",
    "ms_forms_csv",
    "qualtrics_choice_text_csv",
    "qualtrics_csv",
    "qualtrics_legacy_csv",
    "random_bytes",
    "surveymonkey_csv",
    "typeform_csv",
    "xlsx_file",
    "zendesk_csv",
]

Cell = str | int | float | dt.datetime | dt.date | None

# Comments with every Turkish special letter (ğ ş ı İ ö ü ç, Ş Ğ Ç Ö Ü), line breaks,
# delimiters and quotes inside; all encodable in cp1254.
TR_COMMENTS = (
    "Kargo çok geç geldi, ürün kırık çıktı.\nİade süreci de uzun sürdü.",
    'Müşteri hizmetleri çok ilgiliydi; "teşekkürler" İstanbul şubesi!',
    "Iğdır şubesinde ödeme ekranı donuyor.\n\nŞikâyetim: ÇÖZÜLMEDİ, Ğ harfi bile yok.",
)
# Every Czech special letter (ě š č ř ž ý á í é ů ú ť ď ň); all encodable in cp1250.
CS_COMMENTS = (
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Doručení bylo rychlé, ale balík byl poškozený; reklamace trvala týden.",
    "Výborná zákaznická podpora, děkuji!\nUrčitě doporučím. ŘEŠENÍ ČÍSLO Ůtery Ďas Ňema",
)
EN_COMMENTS = (
    "Delivery was late, but support fixed it.",
    'The "track order" page, again, showed nothing.\nPlease fix it.',
    "Great app; fast checkout.",
)
# Western European text, encodable in Latin-1 (no Turkish or Czech letters).
WESTERN_COMMENTS = (
    "Très bien, merci. Crème brûlée à São Paulo.",
    "Señora Müller: ¿dónde está mi pedido? Größe 38, ½ Preis.",
    "Høj kvalitet, men æske var ødelagt; naïve Zoë",
)

QUALTRICS_HEADER = [
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "DistributionChannel",
    "UserLanguage",
    "Q1",
    "Q1_NPS_GROUP",
    "Q2_TEXT",
    "Q3",
]
# Row 2 as a Turkish-language Qualtrics account shows it (localised; rows 1 and 3 are not).
QUALTRICS_LABELS_TR = [
    "Başlangıç Tarihi",
    "Bitiş Tarihi",
    "Yanıt Türü",
    "IP Adresi",
    "İlerleme",
    "Süre (saniye cinsinden)",
    "Tamamlandı",
    "Kaydedilme Tarihi",
    "Yanıt Kimliği",
    "Dağıtım Kanalı",
    "Kullanıcı Dili",
    "Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?",
    "Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir? - Grup",
    "Puanınızın ana nedeni nedir?",
    "Hangi kanalı kullandınız?",
]
_QUALTRICS_IMPORT_IDS = [
    "startDate",
    "endDate",
    "status",
    "ipAddress",
    "progress",
    "duration",
    "finished",
    "recordedDate",
    "_recordId",
    "distributionChannel",
    "userLanguage",
    "QID1",
    "QID1_NPS_GROUP",
    "QID2_TEXT",
    "QID3",
]
_DATED_IMPORT_IDS = {"startDate", "endDate", "recordedDate"}


def encode(text: str, encoding: str = "utf-8") -> bytes:
    """Text → bytes as Excel writes them; 'utf-16' and 'utf-16-be' get a byte-order mark."""
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")  # Excel "Unicode text": LE with BOM
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)  # "utf-8-sig" writes the UTF-8 BOM itself


def delimited(
    rows: Sequence[Sequence[Cell]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    line_end: str = "\r\n",
) -> bytes:
    """Rows → delimited text bytes, quoting like Excel (only where needed)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return encode(buffer.getvalue(), encoding)


def _import_id(key: str, timezone: str | None) -> str:
    """A Qualtrics row-3 cell: JSON with the ImportId and, on dates, the time zone."""
    meta = {"ImportId": key}
    if timezone and key in _DATED_IMPORT_IDS:
        meta["timeZone"] = timezone
    return json.dumps(meta, separators=(",", ":"))


def qualtrics_csv(
    *, timezone: str | None = "Europe/Istanbul", delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    """Qualtrics numeric export: 3 header rows (Turkish row 2), multi-line Turkish comments.

    Records start on text lines 4, 6, 7 and 10 (comment 1 spans 2 lines, comment 3 spans 3),
    but a spreadsheet shows them as rows 4, 5, 6 and 7.
    """
    ids = [_import_id(key, timezone) for key in _QUALTRICS_IMPORT_IDS]
    records = [
        _qualtrics_record("2026-09-01 10:02:11", "R_1a2B3c4D5e6F7g8", "3", "1", TR_COMMENTS[0]),
        _qualtrics_record("2026-09-01 11:15:00", "R_2b3C4d5E6f7G8h9", "9", "3", TR_COMMENTS[1]),
        _qualtrics_record("2026-09-02 09:00:59", "R_3c4D5e6F7g8H9i0", "7", "2", TR_COMMENTS[2]),
        _qualtrics_record("2026-09-02 17:45:03", "R_4d5E6f7G8h9I0j1", "10", "3", ""),
    ]
    rows = [QUALTRICS_HEADER, QUALTRICS_LABELS_TR, ids, *records]
    return delimited(rows, delimiter=delimiter, encoding=encoding)


def _qualtrics_record(
    start: str, response_id: str, nps: str, group: str, comment: str
) -> list[str]:
    """One numeric-export response (Status 0, Finished 1)."""
    end = start[:-2] + "59"
    return [start, end, "0", "85.105.12.4", "100", "88", "1", end, response_id] + [
        "anonymous",
        "TR",
        nps,
        group,
        comment,
        "2",
    ]


def qualtrics_choice_text_csv() -> bytes:
    """Qualtrics choice-text export (English UI): Status 'IP Address', Finished 'True'."""
    header = ["StartDate", "EndDate", "Status", "Finished", "ResponseId", "Q1", "Q1_NPS_GROUP"]
    header += ["Q2_TEXT"]
    labels = ["Start Date", "End Date", "Response Type", "Finished", "Response ID"]
    labels += ["How likely are you to recommend us to a friend?", "Q1 - Group", "Why?"]
    keys = ["startDate", "endDate", "status", "finished", "_recordId", "QID1", "QID1_NPS_GROUP"]
    keys += ["QID2_TEXT"]
    ids = [_import_id(key, "America/New_York") for key in keys]
    records = [
        ["2025-07-01 11:13:44", "2025-07-01 11:14:18", "IP Address", "True", "R_5rYfeErcBsS3nsJ"]
        + ["10", "Promoter", EN_COMMENTS[0]],
        ["2025-07-01 12:00:00", "2025-07-01 12:01:30", "IP Address", "True", "R_6sZgfFsdCtT4otK"]
        + ["4", "Detractor", EN_COMMENTS[1]],
    ]
    return delimited([header, labels, ids, *records])


def qualtrics_legacy_csv() -> bytes:
    """Legacy (pre-2017) Qualtrics export: UTF-8 BOM, row 1 V1…V10, row 2 labels, trailing ","."""
    tags = [f"V{n}" for n in range(1, 11)] + ["Q1", "Q2"]
    tags += ["LocationLatitude", "LocationLongitude", "LocationAccuracy", ""]
    labels = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress"]
    labels += ["IPAddress", "Status", "StartDate", "EndDate", "Finished"]
    labels += ["Jak pravděpodobné je, že nás doporučíte?", "Proč?"]
    labels += ["LocationLatitude", "LocationLongitude", "LocationAccuracy", ""]
    records = [
        ["R_cwGUnFUa0Y1E3Jz", "Default Response Set", "Anonymous", "", "", "89.24.10.1", "0"]
        + ["2016-04-12 09:00:00", "2016-04-12 09:03:10", "1", "8", CS_COMMENTS[0]]
        + ["50.0755", "14.4378", "-1", ""],
        ["R_dxHVoGVb1Z2F4Ka", "Default Response Set", "Anonymous", "", "", "89.24.10.2", "0"]
        + ["2016-04-12 10:00:00", "2016-04-12 10:05:00", "1", "5", CS_COMMENTS[2]]
        + ["49.1951", "16.6068", "-1", ""],
    ]
    return delimited([tags, labels, *records], encoding="utf-8-sig")


_SURVEYMONKEY_META = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
]


def surveymonkey_csv(*, date_style: str = "us") -> bytes:
    """SurveyMonkey 'All individual responses': 2 header rows, question text over its first column.

    date_style 'us' writes `01/15/2024 10:30:15 AM`, 'iso' writes `2024-01-15 10:30:15`.
    """
    questions = [
        "How likely is it that you would recommend us to a friend or colleague?",
        "Which channel did you use?",
        "",
        "",
        "What could we do better?",
    ]
    sublabels = ["Response", "Email", "Phone", "Other (please specify)", "Open-Ended Response"]
    row1 = _SURVEYMONKEY_META + questions
    row2 = [""] * len(_SURVEYMONKEY_META) + sublabels
    starts = [dt.datetime(2024, 1, 15, 10, 30, 15), dt.datetime(2024, 1, 15, 14, 5, 0)]
    fmt = "%m/%d/%Y %I:%M:%S %p" if date_style == "us" else "%Y-%m-%d %H:%M:%S"
    records = [
        ["114227019872", "431296710", starts[0].strftime(fmt), starts[0].strftime(fmt)]
        + ["89.24.10.1", "", "", "", "", "9", "Email", "", "", CS_COMMENTS[1]],
        ["114227019873", "431296710", starts[1].strftime(fmt), starts[1].strftime(fmt)]
        + ["85.105.12.4", "", "", "", "", "6", "", "", "WhatsApp, sonra telefon", TR_COMMENTS[0]],
    ]
    return delimited([row1, row2, *records])


def google_forms_csv(*, variant: str = "sheets") -> bytes:
    """Google Forms responses: 'sheets' (Turkish-locale Sheet, dd.MM.yyyy HH:mm:ss) or 'download'.

    The Forms 'Download responses' variant writes `2026/09/27 3:00:00 PM GMT+3`.
    A question title carries a line break, as real titles do.
    """
    header = ["Timestamp", "Email address", "Bizi tavsiye eder misiniz? (0-10)"]
    header += ["Yorumunuz\n(isteğe bağlı)"]
    if variant == "sheets":
        stamps = ["27.09.2026 15:00:00", "28.09.2026 09:30:12"]
    else:
        stamps = ["2026/09/27 3:00:00 PM GMT+3", "2026/09/28 9:30:12 AM GMT+3"]
    records = [
        [stamps[0], "ayse@example.com.tr", "10", TR_COMMENTS[1]],
        [stamps[1], "mehmet@example.com.tr", "2", TR_COMMENTS[2]],
    ]
    return delimited([header, *records])


def typeform_csv() -> bytes:
    """Typeform results download (current layout): '#' token first, UTC metadata columns last."""
    header = ["#", "How likely are you to recommend us?", "What is the main reason for your score?"]
    header += ["Response Type", "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)"]
    header += ["Network ID", "Tags"]
    records = [
        ["068127e3d5e9ca5f5fac8e04fa692a9e", "8", EN_COMMENTS[2], "completed"]
        + ["2023-01-23 06:24:12", "", "2023-01-23 06:27:59", "938f4331f1", ""],
        ["f3b1c2d4e5a697887766554433221100", "3", CS_COMMENTS[0], "completed"]
        + ["2023-01-24 10:00:00", "", "2023-01-24 10:02:30", "d3560842b2", ""],
    ]
    return delimited([header, *records])


def zendesk_csv() -> bytes:
    """Zendesk CSAT ratings (synthetic, shaped like GET /api/v2/satisfaction_ratings)."""
    header = ["id", "url", "assignee_id", "group_id", "requester_id", "ticket_id", "score"]
    header += ["comment", "reason", "reason_code", "created_at", "updated_at"]
    url = "https://example.zendesk.com/api/v2/satisfaction_ratings/{}.json"
    records = [
        ["35436", url.format(35436), "135", "44", "7881", "208", "good", "Awesome support!"]
        + ["", "", "2011-07-20T22:55:29Z", "2011-07-20T22:55:29Z"],
        ["35437", url.format(35437), "136", "44", "7882", "209", "bad", TR_COMMENTS[0]]
        + ["The issue was not resolved", "7", "2011-07-21T08:00:00Z", "2011-07-21T08:00:00Z"],
        ["35438", url.format(35438), "135", "44", "7883", "210", "offered", ""]
        + ["", "", "2011-07-21T09:00:00Z", "2011-07-21T09:00:00Z"],
    ]
    return delimited([header, *records])


def delighted_csv() -> bytes:
    """Delighted responses (synthetic, flattened from the API): epoch-second dates."""
    header = ["id", "person", "survey_type", "score", "comment", "permalink"]
    header += ["created_at", "updated_at", "tags", "country"]
    link = "https://app.delighted.com/r/{}"
    records = [
        ["1001", "p_201", "nps", "9", CS_COMMENTS[1], link.format("1001"), "1758985200"]
        + ["1758985200", "", "CZ"],
        ["1002", "p_202", "csat", "2", TR_COMMENTS[1], link.format("1002"), "1758988800"]
        + ["1758989000", "vip", "TR"],
        ["1003", "p_203", "ces", "6", "", link.format("1003"), "1758992400"]
        + ["1758992400", "", "US"],
    ]
    return delimited([header, *records])


def ms_forms_csv(*, language: str = "tr", encoding: str = "cp1254", delimiter: str = ";") -> bytes:
    """Microsoft Forms workbook re-saved by Excel as CSV; CSAT with a decimal comma ('4,5').

    Excel's four save paths: ('tr', 'cp1254', ';'), ('cs', 'cp1250', ';'),
    (either, 'utf-8-sig', ';') and (either, 'utf-16', '\\t').
    """
    comments = TR_COMMENTS if language == "tr" else CS_COMMENTS
    if language == "tr":
        questions = ["Bizi tavsiye eder misiniz?", "Memnuniyet (1-5)", "Yorumunuz"]
        dates = ["27.09.2026 15:00", "27.09.2026 15:04"]
    else:
        questions = ["Doporučili byste nás?", "Spokojenost (1-5)", "Váš komentář"]
        dates = ["27. 9. 2026 15:00", "27. 9. 2026 15:04"]
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    header += questions
    records = [
        ["1", dates[0], dates[1], "anonymous", "Anonymous", "", "9", "4,5", comments[0]],
        ["2", dates[0], dates[1], "anonymous", "Anonymous", "", "3", "2", comments[1]],
        ["3", dates[0], dates[1], "anonymous", "Anonymous", "", "7", "3,5", comments[2]],
    ]
    return delimited([header, *records], delimiter=delimiter, encoding=encoding)


def xlsx_file(sheets: dict[str, Sequence[Sequence[Cell]]]) -> bytes:
    """A workbook with one sheet per entry (in order); an empty list makes an empty sheet."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def large_csv(rows: int, *, seed: int = 7) -> bytes:
    """A plain UTF-8 NPS file of `rows` records and 8 columns, for speed checks."""
    rng = random.Random(seed)
    channels = ["web", "app", "store", "phone"]
    texts = [*TR_COMMENTS[1:2], *CS_COMMENTS[:2], *EN_COMMENTS[::2], ""]
    lines = ["response_id,submitted_at,customer_id,channel,nps,csat,ces,comment"]
    for n in range(rows):
        comment = rng.choice(texts)
        lines.append(
            f"R{n:07d},2026-09-{n % 28 + 1:02d} 10:{n % 60:02d}:00,C{n % 5000},"
            f"{rng.choice(channels)},{rng.randint(0, 10)},{rng.randint(1, 5)},"
            f"{rng.randint(1, 7)},{_quoted(comment)}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _quoted(text: str) -> str:
    """A CSV field, quoted when it holds a delimiter, quote or line break."""
    if any(char in text for char in ',;"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def random_bytes(size: int, *, seed: int = 1) -> bytes:
    """Reproducible random bytes (a binary upload)."""
    return random.Random(seed).randbytes(size)


def assert_contract(table: SurveyTable) -> None:
    """Every cell a str or None, default RangeIndex, unique columns, aligned row numbers."""
    frame = table.frame
    assert isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0
    assert frame.columns.is_unique
    assert all(isinstance(v, str) or v is None for v in frame.to_numpy().ravel())
    assert table.row_numbers.index.equals(frame.index)
    assert table.row_numbers.dtype == "int64"


def make_table(
    columns: dict[str, list[str | None]],
    hints: dict[str, str] | None = None,
    *,
    layout: str = "plain",
    timezone: str | None = None,
    first_row: int = 2,
) -> SurveyTable:
    """A SurveyTable of the given columns, as read_survey would return it."""
    frame = pd.DataFrame(columns, dtype=object)
    rows = pd.Series(range(first_row, first_row + len(frame)), dtype="int64")
    return SurveyTable(frame, rows, layout, hints or {}, "utf-8", ",", None, timezone)
