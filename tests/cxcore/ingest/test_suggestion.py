"""cxcore.ingest.suggestion: headers in three languages, export layouts and values → a mapping."""

from __future__ import annotations

import pytest

from cxcore import fields as F
from cxcore.ingest import suggestion
from tests.survey_files import make_table

# Cells that fit each field, so a one-column table is plausible for it.
SAMPLES = {
    F.NPS: ["9", "3", "10", "7"],
    F.CSAT: ["4", "5", "2", "3"],
    F.CES: ["6", "7", "2", "5"],
    F.COMMENT: ["Kargo çok geç geldi", "Great help, thanks", "Velmi rychlé doručení", ""],
    F.SUBMITTED_AT: ["2024-05-01 10:00:00", "2024-05-02 11:30:00", "2024-05-03 09:15:00", ""],
    F.CUSTOMER_ID: ["C-101", "C-102", "C-103", "C-104"],
    F.RESPONSE_ID: ["R_1", "R_2", "R_3", "R_4"],
    F.CHANNEL: ["Web", "Mağaza", "Telefon", "Web"],
    F.SEGMENT: ["VIP", "Retail", "VIP", "SMB"],
    F.STAGE: ["Onboarding", "Purchase", "Support", "Support"],
    F.TOUCHPOINT: ["Call center", "App", "Store", "App"],
    F.SURVEY: ["Q2 NPS", "Q2 NPS", "Support CSAT", "Q2 NPS"],
}


HEADERS = [
    # English
    ("How likely are you to recommend us to a friend?", F.NPS),
    ("NPS", F.NPS),
    ("Net Promoter Score", F.NPS),
    ("Customer Satisfaction", F.CSAT),
    ("Overall, how satisfied are you with us?", F.CSAT),
    ("Customer effort score", F.CES),
    ("How easy was it to get help?", F.CES),
    ("Comment", F.COMMENT),
    ("Feedback", F.COMMENT),
    ("Why?", F.COMMENT),
    ("Channel", F.CHANNEL),
    ("Date", F.SUBMITTED_AT),
    ("Timestamp", F.SUBMITTED_AT),
    ("Submit Date (UTC)", F.SUBMITTED_AT),
    ("created_at", F.SUBMITTED_AT),
    ("RecordedDate", F.SUBMITTED_AT),
    ("Customer ID", F.CUSTOMER_ID),
    ("person", F.CUSTOMER_ID),
    ("requester_id", F.CUSTOMER_ID),
    ("Email", F.CUSTOMER_ID),
    ("ResponseId", F.RESPONSE_ID),
    ("Respondent ID", F.RESPONSE_ID),
    ("#", F.RESPONSE_ID),
    ("id", F.RESPONSE_ID),
    ("Segment", F.SEGMENT),
    ("Persona", F.SEGMENT),
    ("Stage", F.STAGE),
    ("Journey stage", F.STAGE),
    ("Touchpoint", F.TOUCHPOINT),
    ("Survey", F.SURVEY),
    # Turkish, including dotted/dotless i in capitals
    ("Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?", F.NPS),
    ("Tavsiye puanı", F.NPS),
    ("TAVSİYE PUANI", F.NPS),
    ("Memnuniyet", F.CSAT),
    ("Genel memnuniyetiniz", F.CSAT),
    ("Ne kadar kolay oldu?", F.CES),
    ("Kolaylık", F.CES),
    ("Yorum", F.COMMENT),
    ("Yorumunuz", F.COMMENT),
    ("YORUMUNUZ", F.COMMENT),
    ("Görüş", F.COMMENT),
    ("Açıklama", F.COMMENT),
    ("AÇIKLAMA", F.COMMENT),
    ("Kanal", F.CHANNEL),
    ("İLETİŞİM KANALI", F.CHANNEL),
    ("İletişim kanalı", F.CHANNEL),
    ("Tarih", F.SUBMITTED_AT),
    ("Müşteri No", F.CUSTOMER_ID),
    ("MÜŞTERİ NO", F.CUSTOMER_ID),
    ("Müşteri tipi", F.SEGMENT),
    ("MÜŞTERİ TİPİ", F.SEGMENT),
    ("Aşama", F.STAGE),
    ("Temas noktası", F.TOUCHPOINT),
    ("TEMAS NOKTASI", F.TOUCHPOINT),
    ("Anket", F.SURVEY),
    # Czech
    ("Doporučil byste nás přátelům?", F.NPS),
    ("Spokojenost", F.CSAT),
    ("Snadnost", F.CES),
    ("Komentář", F.COMMENT),
    ("Poznámka", F.COMMENT),
    ("Kanál", F.CHANNEL),
    ("Datum", F.SUBMITTED_AT),
    ("Číslo zákazníka", F.CUSTOMER_ID),
    ("Fáze", F.STAGE),
    ("Kontaktní bod", F.TOUCHPOINT),
    ("Průzkum", F.SURVEY),
]


@pytest.mark.parametrize(("header", "field"), HEADERS, ids=[h for h, _ in HEADERS])
def test_header_names_its_field(header, field):
    assert suggestion.suggest_mapping(make_table({header: SAMPLES[field]})) == {header: field}


@pytest.mark.parametrize(
    "header",
    ["DistributionChannel", "Q1_NPS_GROUP", "Status", "Finished", "UserLanguage", "Network ID"],
)
def test_bookkeeping_columns_stay_unused(header):
    table = make_table({header: ["1", "2", "3", "1"], "Comment": SAMPLES[F.COMMENT]})
    assert suggestion.suggest_mapping(table) == {"Comment": F.COMMENT}


def test_qualtrics_uses_question_text_and_prefers_recorded_date():
    recommend = "Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?"
    table = make_table(
        {
            "StartDate": ["2024-05-01 10:00:00", "2024-05-02 11:00:00"],
            "EndDate": ["2024-05-01 10:05:00", "2024-05-02 11:05:00"],
            "Status": ["0", "0"],
            "Progress": ["100", "100"],
            "Finished": ["1", "1"],
            "RecordedDate": ["2024-05-01 10:05:01", "2024-05-02 11:05:01"],
            "ResponseId": ["R_2YPOQ602ER1jkf1", "R_5rYfeErcBsS3nsJ"],
            "DistributionChannel": ["anonymous", "email"],
            "UserLanguage": ["TR", "TR"],
            "Q1": ["9", "3"],
            "Q1_NPS_GROUP": ["3", "1"],
            "Q2": ["Çok hızlıydı", "Kargo geç geldi, iade zor"],
            "Q3_4_TEXT": ["Instagram", ""],
        },
        {
            "StartDate": "Başlangıç Tarihi | startDate",
            "RecordedDate": "Kaydedilme Tarihi | recordedDate",
            "Q1": f"{recommend} | QID1",
            "Q1_NPS_GROUP": f"{recommend} | QID1_NPS_GROUP",
            "Q2": "Neden bu puanı verdiniz? | QID2_TEXT",
            "Q3_4_TEXT": "Hangi kanaldan ulaştınız? - Diğer - Text | QID3_4_TEXT",
        },
        layout="qualtrics",
        timezone="Europe/Istanbul",
    )
    assert suggestion.suggest_mapping(table) == {
        "RecordedDate": F.SUBMITTED_AT,
        "ResponseId": F.RESPONSE_ID,
        "Q1": F.NPS,
        "Q2": F.COMMENT,
    }


def test_qualtrics_text_entry_without_telling_question_is_the_comment():
    table = make_table(
        {"Q1": ["9", "10", "6"], "Q7": ["ok", "fine", "no"]},
        {"Q1": "Net Promoter | QID1", "Q7": "Anything else? | QID7_TEXT"},
        layout="qualtrics",
    )
    assert suggestion.suggest_mapping(table) == {"Q1": F.NPS, "Q7": F.COMMENT}


def test_surveymonkey_other_please_specify_stays_unused():
    question = "Which channel did you use?"
    other = f"{question} – Other (please specify)"
    nps = "How likely is it that you would recommend us to a friend or colleague?"
    table = make_table(
        {
            "Respondent ID": ["114", "115", "116"],
            "Collector ID": ["9", "9", "9"],
            "Start Date": ["01/15/2024 10:30:15 AM"] * 3,
            "End Date": ["01/15/2024 10:35:15 AM"] * 3,
            "IP Address": ["1.2.3.4", "1.2.3.5", "1.2.3.6"],
            "Email Address": ["", "", ""],
            "Custom Data 1": ["", "", ""],
            nps: ["10", "8", "3"],
            question: ["Web", "Other (please specify)", "Phone"],
            other: ["", "Fax", ""],
            "Anything else you want to tell us?": ["Harika", "", "Pomalé"],
        },
        {
            nps: "Response",
            question: "Response",
            other: question,
            "Anything else you want to tell us?": "Open-Ended Response",
        },
        layout="surveymonkey",
    )
    assert suggestion.suggest_mapping(table) == {
        "Respondent ID": F.RESPONSE_ID,
        "End Date": F.SUBMITTED_AT,
        nps: F.NPS,
        question: F.CHANNEL,
        "Anything else you want to tell us?": F.COMMENT,
    }


def test_typeform_submit_date_wins_over_start_and_stage_dates():
    table = make_table(
        {
            "#": ["068127e3d5e9ca5f5fac8e04fa692a9e", "abc123"],
            "How likely are you to recommend Acme?": ["9", "4"],
            "What could we do better?": ["Faster delivery please", "Nothing at all really"],
            "Response Type": ["completed", "completed"],
            "Start Date (UTC)": ["2023-01-23 06:24:12", "2023-01-23 07:00:00"],
            "Stage Date (UTC)": ["", "2023-01-23 07:01:00"],
            "Submit Date (UTC)": ["2023-01-23 06:27:59", "2023-01-23 07:03:00"],
            "Network ID": ["938f4331f1", "d3560842b2"],
        },
        layout="typeform",
    )
    assert suggestion.suggest_mapping(table) == {
        "#": F.RESPONSE_ID,
        "How likely are you to recommend Acme?": F.NPS,
        "What could we do better?": F.COMMENT,
        "Submit Date (UTC)": F.SUBMITTED_AT,
    }


def test_zendesk_good_bad_score_is_csat():
    table = make_table(
        {
            "id": ["35436", "35437", "35438"],
            "url": ["https://x.zendesk.com/1.json", "https://x.zendesk.com/2.json", ""],
            "requester_id": ["7881", "7882", "7883"],
            "ticket_id": ["208", "209", "210"],
            "score": ["good", "bad", "offered"],
            "comment": ["Awesome support!", "", ""],
            "reason": ["", "Slow", ""],
            "created_at": ["2011-07-20T22:55:29Z"] * 3,
        },
        layout="zendesk",
    )
    assert suggestion.suggest_mapping(table) == {
        "id": F.RESPONSE_ID,
        "requester_id": F.CUSTOMER_ID,
        "score": F.CSAT,
        "comment": F.COMMENT,
        "created_at": F.SUBMITTED_AT,
    }


def test_delighted_score_goes_through_its_survey_type():
    table = make_table(
        {
            "id": ["1", "2"],
            "person": ["p1", "p2"],
            "survey_type": ["nps", "csat"],
            "score": ["9", "4"],
            "comment": ["", "ok"],
            "permalink": ["https://delighted.com/r/1", "https://delighted.com/r/2"],
            "created_at": ["1425000000", "1425000100"],
            "updated_at": ["1425000000", "1425000100"],
        },
        layout="delighted",
    )
    assert suggestion.suggest_mapping(table) == {
        "id": F.RESPONSE_ID,
        "person": F.CUSTOMER_ID,
        "survey_type": F.SCORE_TYPE,
        "score": F.SCORE,
        "comment": F.COMMENT,
        "created_at": F.SUBMITTED_AT,
    }


def test_ms_forms_anonymous_email_is_no_customer_id():
    table = make_table(
        {
            "ID": ["1", "2", "3"],
            "Start time": ["9/9/26 18:01"] * 3,
            "Completion time": ["9/9/26 18:05"] * 3,
            "Email": ["anonymous"] * 3,
            "Name": ["Anonymous"] * 3,
            "Genel memnuniyetiniz": ["5", "4", "2"],
        },
        layout="ms_forms",
    )
    assert suggestion.suggest_mapping(table) == {
        "ID": F.RESPONSE_ID,
        "Completion time": F.SUBMITTED_AT,
        "Genel memnuniyetiniz": F.CSAT,
    }


VALUE_CASES = [
    ("Q5", ["0", "9", "10", "6", "8"], F.NPS),
    ("Column 3", ["1", "5", "4", "2"], F.CSAT),
    ("Hodnocení", ["1", "5", "4", "2"], F.CSAT),
    ("Hodnocení", ["0", "10", "9", "4"], F.NPS),
    ("Rating", ["3", "4,0", "5"], F.CSAT),
    ("Puanınız", ["9 - Extremely likely", "0 - Not at all likely", "10"], F.NPS),
    ("Q3", ["Very satisfied", "Dissatisfied", "Neutral"], F.CSAT),
    ("Soru 4", ["Çok memnunum", "Memnun değilim", "Kararsızım"], F.CSAT),
    ("Otázka 2", ["Velmi spokojená", "Nespokojený", "Neutrální"], F.CSAT),
    ("Effort rating", ["1", "7", "5"], F.CES),
]


@pytest.mark.parametrize(("header", "values", "field"), VALUE_CASES)
def test_values_decide_an_unlabeled_or_ambiguous_score(header, values, field):
    assert suggestion.suggest_mapping(make_table({header: values})) == {header: field}


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("Hodnocení", ["1", "7", "6", "2"]),  # 1–7 is CES only when the header says effort
        ("Q9", ["1", "2", "3", "7"]),  # 0–7 never reaches above 7: no NPS
        ("Q9", ["3", "3", "3"]),  # one repeated value says nothing
        ("Duration (in seconds)", ["3", "5", "4"]),
        ("Score", ["28.00 / 30", "12.00 / 30"]),  # a Google Forms quiz score
    ],
)
def test_values_that_do_not_decide_leave_the_column_unused(header, values):
    assert suggestion.suggest_mapping(make_table({header: values})) == {}


def test_long_free_text_column_is_the_comment_when_nothing_else_is():
    table = make_table(
        {
            "Q1": ["9", "10", "4"],
            "Q2": [
                "Teslimat çok geç geldi",
                "Very friendly staff at the desk",
                "Nic moc, čekal jsem",
            ],
        }
    )
    assert suggestion.suggest_mapping(table) == {"Q1": F.NPS, "Q2": F.COMMENT}


def test_each_field_is_used_once_and_the_first_column_wins():
    table = make_table({"NPS": ["9", "10"], "NPS (2)": ["1", "3"], "Comment": ["a b c", "d e f"]})
    assert suggestion.suggest_mapping(table) == {"NPS": F.NPS, "Comment": F.COMMENT}


def test_an_empty_column_is_not_suggested():
    table = make_table({"Comment": ["", None], "NPS": ["9", "3"]})
    assert suggestion.suggest_mapping(table) == {"NPS": F.NPS}


def test_review_site_export_maps_review_text_and_rating_not_counts_or_yes_no():
    table = make_table(
        {
            "Clothing ID": ["767", "1080", "1049"],
            "Review Text": [
                "Absolutely wonderful, silky and comfortable.",
                "Love this dress, it fits perfectly and looks great.",
                "The fabric felt cheap and the zipper broke in a week.",
            ],
            "Rating": ["5", "4", "2"],
            "Recommended IND": ["1", "1", "0"],
            "Positive Feedback Count": ["0", "4", "12"],
        }
    )
    suggested = suggestion.suggest_mapping(table)
    assert suggested == {"Review Text": "comment", "Rating": "csat"}


def test_social_export_text_with_mentions_is_the_comment():
    table = make_table(
        {
            "tweet_id": ["570306133677760513", "570301130888122368", "570301083672813571"],
            "text": [
                "@VirginAmerica the hold time was over an hour, not happy",
                "@united thanks for rebooking me so quickly, great agent",
                "@SouthwestAir bag lost again, nobody answers the phone",
            ],
            "tweet_created": [
                "2015-02-24 11:35:52 -0800",
                "2015-02-24 11:15:59 -0800",
                "2015-02-24 11:15:48 -0800",
            ],
        }
    )
    suggested = suggestion.suggest_mapping(table)
    assert suggested["text"] == "comment"
    assert suggested["tweet_created"] == "submitted_at"
