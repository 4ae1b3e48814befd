"""The review queue groups unassigned comments by the words they share."""

from __future__ import annotations

import pandas as pd
import pytest

from cxcore.text.review import STOP_WORDS, unassigned_groups


def responses(rows: list[tuple[str, str]], stage="unassigned", touchpoint="unassigned"):
    return pd.DataFrame(
        {
            "id": range(1, len(rows) + 1),
            "comment": [c for c, _ in rows],
            "language": [lang for _, lang in rows],
            "stage": stage,
            "touchpoint": touchpoint,
        }
    )


def as_rows(groups: pd.DataFrame) -> list[tuple[str, int, list[int]]]:
    return [(g.words, g.n, g.response_ids) for g in groups.itertuples()]


@pytest.mark.parametrize(
    ("comments", "language", "words", "terms"),
    [
        (
            ["Faturam çok yüksek", "Faturamı ödeyemedim", "Faturanız hatalı"],
            "tr",
            "fatura",
            ["fatura*"],
        ),
        (
            ["Fakturace je špatně", "Faktura přišla pozdě", "Ve faktuře je chyba"],
            "cs",
            "faktur",
            ["faktur*"],
        ),
        (
            ["The invoice is wrong", "Two invoices this month", "Invoice came late"],
            "en",
            "invoice",
            ["invoice*"],
        ),
    ],
    ids=["tr", "cs", "en"],
)
def test_groups_by_shared_stems(comments, language, words, terms):
    groups = unassigned_groups(responses([(c, language) for c in comments]))
    assert as_rows(groups)[0] == (words, 3, [1, 2, 3])
    assert groups.at[0, "terms"] == terms
    assert groups.at[0, "language"] == language
    assert groups.at[0, "examples"] == comments


def test_stop_words_are_ignored_in_every_language():
    rows = [
        ("bu çok ve ama", "tr"),
        ("bu çok ve ama", "tr"),
        ("je to a ale", "cs"),
        ("je to a ale", "cs"),
        ("the and but this", "en"),
        ("the and but this", "en"),
    ]
    assert unassigned_groups(responses(rows)).empty
    assert {"cok", "the", "ale"} <= STOP_WORDS


def test_the_largest_group_comes_first_and_groups_do_not_overlap():
    rows = [
        ("Modem sürekli kopuyor", "tr"),
        ("Modem kutusu kırık geldi", "tr"),
        ("Modem ışığı yanmıyor", "tr"),
        ("Modemi değiştirdim", "tr"),
        ("Kutusu açılmış geldi", "tr"),
        ("Kutusu ezik geldi", "tr"),
        ("Tek başına bir yorum", "tr"),
    ]
    groups = unassigned_groups(responses(rows))
    assert as_rows(groups) == [("modem", 4, [1, 2, 3, 4]), ("kutusu geldi", 2, [5, 6])]
    assert groups.at[1, "terms"] == ["kutusu*", "geldi*"]


def test_assigned_responses_and_small_groups_are_left_out():
    rows = [("Kargo gecikti", "tr"), ("Kargo gecikti", "tr"), ("Kurye kaba", "tr")]
    placed = responses(rows, stage="onboarding", touchpoint="delivery")
    assert unassigned_groups(placed).empty
    assert as_rows(unassigned_groups(responses(rows), min_size=2)) == [("kargo gecikti", 2, [1, 2])]
    assert len(unassigned_groups(responses(rows), min_size=1)) == 2
    assert len(unassigned_groups(responses(rows), min_size=1, top=1)) == 1


def test_a_stage_without_a_touchpoint_is_unassigned_too():
    rows = [("Kargo gecikti", "tr"), ("Kargom gecikti", "tr")]
    half = responses(rows, stage="onboarding", touchpoint="unassigned")
    assert as_rows(unassigned_groups(half)) == [("kargo gecikti", 2, [1, 2])]
