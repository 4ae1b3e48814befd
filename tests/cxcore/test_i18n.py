"""The UI catalog: complete in three languages, every key the code asks for exists,
and numbers and dates as each locale writes them."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

import db
from cxcore import audit_words
from cxcore import fields as F
from cxcore.actions import ACTION_FIELDS, ACTION_STATUSES
from cxcore.analysis import insights
from cxcore.analysis.effect_wording import TABLE_COLUMNS
from cxcore.i18n import (
    UI_LANGUAGES,
    catalog,
    format_date,
    format_number,
    language_from_locale,
    text,
)
from cxcore.ingest.layouts import LAYOUTS
from cxcore.text.journey_models import JOURNEY_MODELS

ROOT = Path(__file__).resolve().parents[2]
# t("key") / text("key", ...) with a literal key, anywhere in the app's code.
_LITERAL_KEY = re.compile(r"""\b(?:t|text)\(\s*["']([a-z_]+\.[a-z_]+)["']""")
_FSTRING_KEY = re.compile(r"""\b(?:t|text)\(\s*f["']([a-z_]+)\.\{""")


def _sources() -> list[Path]:
    return [
        ROOT / "app.py",
        *sorted((ROOT / "pages").glob("*.py")),
        *(ROOT / "cxcore").rglob("*.py"),
    ]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_string_exists_in_english_turkish_and_czech_with_the_same_placeholders():
    for key, entry in catalog().items():
        assert set(entry) == set(UI_LANGUAGES), key
        assert all(entry[lang].strip() for lang in UI_LANGUAGES), key
        assert _fields(entry["tr"]) == _fields(entry["en"]) == _fields(entry["cs"]), key


def test_every_key_the_code_asks_for_is_in_the_catalog():
    asked = {
        key for path in _sources() for key in _LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(asked) > 40  # the scan found the pages' strings
    assert sorted(asked - set(catalog())) == []


def test_every_prefix_built_from_a_value_has_its_keys():
    prefixes = {
        prefix
        for path in _sources()
        for prefix in _FSTRING_KEY.findall(path.read_text(encoding="utf-8"))
    }
    expected = {
        "metric": {"sentiment", "nps", "csat", "ces"},
        "kpi": {"responses", "nps", "csat", "sentiment", "negative"},
        "category": {"digital", "human", "physical"},
        "compare": {"period", "survey", "touchpoint", "segment"},
        "nps": {"detractor", "passive", "promoter"},
        "rank": {"n", "sentiment"},
        "sentiment": {"negative", "neutral", "positive"},
        "role": {"viewer", "analyst", "admin"},
        "insight_metric": {"nps", "csat", "sentiment"},
        "status": {"open", "contacted", "resolved"},
        "column": set(insights.TABLE_COLUMNS),
        "action": {
            "browse",
            "export",
            "upload",
            "retag",
            "follow_up",
            "delete_import",
            "edit_taxonomy",
            "rescore",
            "manage_users",
            "read_audit",
            "plan_actions",
        },
        "effect": {"too_early", "no_baseline", "rose", "fell"},
        "effect_metric": {"nps", "csat", "ces", "sentiment"},
        "progress": {"met", "on_track", "at_risk", "missed"},
        "action_status": set(ACTION_STATUSES),
        "journey_model": set(JOURNEY_MODELS),
        "audit_action": set(db.AUDIT_ACTIONS),
        "layout": set(LAYOUTS),
        "audit_user": set(audit_words.SYSTEM_USERS),
        "audit_target": set(audit_words.TARGET_KEYS),
        "audit_detail": set(audit_words.DETAIL_KEYS) | {"count", "yes", "no"},
        "action_column": set(TABLE_COLUMNS) | set(ACTION_FIELDS),
        "tag_source": set(F.TAG_SOURCES),
        "field": set(F.MAPPABLE_FIELDS),
    }
    # Reports ask for their words by bare key: t("curve") is "report.curve".
    reports = sorted((ROOT / "cxcore" / "reports").glob("*.py"))
    expected["report"] = {
        key
        for path in reports
        for key in re.findall(r"""\b(?:t|text)\(\s*["']([a-z_]+)["']""", path.read_text("utf-8"))
    }
    assert len(expected["report"]) > 30
    for prefix in prefixes:
        assert prefix in expected, f"no expectation for {prefix}.*"
        assert {f"{prefix}.{k}" for k in expected[prefix]} <= set(catalog())


def test_text_fills_placeholders_and_falls_back():
    assert text("overview.placed", "tr", placed="1.500") == "1.500 yanıt bir aşamaya yerleştirildi"
    assert text("overview.title", "cs") == "Cesta zákazníka"
    assert text("overview.title", "de") == "Customer journey"  # unknown language: English
    assert text("no.such_key", "tr") == "no.such_key"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "−1,234.50"), ("tr", "−1.234,50"), ("cs", "−1\u00a0234,50")],
)
def test_numbers_as_each_locale_writes_them(lang, expected):
    assert format_number(-1234.5, lang, 2) == expected


def test_signs_percentages_and_missing_values():
    assert format_number(40, "en", sign=True) == "+40"
    assert format_number(0.25, "tr", 2, sign=True) == "+0,25"
    assert format_number(80.4, "cs", suffix="%") == "80\u00a0%"  # Czech: 80 %
    assert format_number(float("nan"), "tr") == "–"
    assert format_number(None, "en") == "–"


def test_dates_as_each_locale_writes_them():
    day = date(2026, 3, 1)
    assert format_date(day, "en") == "1 Mar 2026"
    assert format_date(day, "tr") == "01.03.2026"
    assert format_date(day, "cs") == "1. 3. 2026"
    assert format_date(None, "cs") == "–"


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        ("tr-TR", "tr"),
        ("cs_CZ", "cs"),
        ("CS", "cs"),
        ("en-GB", "en"),
        ("de-DE", "en"),
        (None, "en"),
    ],
)
def test_the_browser_locale_chooses_the_default_language(locale, lang):
    assert language_from_locale(locale) == lang


def test_progress_messages_of_the_core_are_translated_with_their_values():
    from cxcore.i18n import translate

    message = "Learning from the survey's scores (tr, part 2 of 5)"
    assert translate(message, "cs") == "Učení ze skóre průzkumu (tr, část 2 z 5)"
    assert translate("Reading file", "tr") == "Dosya okunuyor"
    assert translate("Reading file", "en") == "Reading file"
    assert translate("A step nobody translated", "tr") == "A step nobody translated"


_SHOWN_BY = {
    "title", "header", "subheader", "caption", "info", "warning", "error", "success",
    "button", "write", "markdown", "text_input", "selectbox", "multiselect", "checkbox",
    "toggle", "radio", "metric", "download_button", "segmented_control", "expander",
    "popover", "form_submit_button", "date_input", "number_input", "file_uploader",
    "text_area", "slider", "spinner", "progress", "TextColumn", "NumberColumn",
    "SelectboxColumn", "DatetimeColumn", "CheckboxColumn",
}  # fmt: skip


# Shown as is on purpose: the picker names itself in all three languages; NPS is NPS.
_SAME_IN_EVERY_LANGUAGE = {"Language · Dil · Jazyk", "NPS"}
# Streamlit markdown directives (":small[", ":red[", ":blue-background[") are markup, not words
_MARKDOWN_DIRECTIVE = re.compile(r":[a-z]+(?:-background)?\[")


def test_no_page_shows_a_string_that_is_not_from_the_catalog():
    """Every text a page hands Streamlit to show comes from t()/text(), never a literal."""
    import ast

    literals = []
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in _SHOWN_BY:
                continue
            shown = node.args[:1] + [
                k.value for k in node.keywords if k.arg in {"label", "help", "placeholder"}
            ]
            for value in shown:
                # an f-string may only glue translated parts together ("**{label}**", and
                # Streamlit's markdown directives such as ":small[…]")
                parts = value.values if isinstance(value, ast.JoinedStr) else [value]
                words = [
                    p.value
                    for p in parts
                    if isinstance(p, ast.Constant)
                    and isinstance(p.value, str)
                    and re.search(r"[A-Za-z]{2}", _MARKDOWN_DIRECTIVE.sub("", p.value))
                ]
                if any(w not in _SAME_IN_EVERY_LANGUAGE for w in words):
                    literals.append(f"{path.name}:{node.lineno} {node.func.attr}: {words}")
    assert literals == []


def test_a_value_that_rounds_to_zero_has_no_minus():
    assert format_number(-0.3, "en", sign=True) == "+0"
    assert format_number(-0.004, "cs", 2) == "0,00"


_REFUSED = {
    "empty": (b"", {}),
    "header only": (b"NPS,Comment\n", {}),
    "JSON": (b'{"responses": [1, 2]}', {}),
    "web page": (b"<html><body>Login</body></html>", {}),
    "unclosed quote": (b'NPS,Comment\n9,"good\n3,bad\n', {}),
    "image": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, {}),
    "PDF": (b"%PDF-1.7\n" + bytes(range(256)) * 4, {}),
    "binary": (bytes(range(256)) * 8, {}),
    "too many rows": (b"NPS,Comment\n9,a\n3,b\n5,c\n", {"max_rows": 2}),
    "too big": (b"NPS,Comment\n" + b"9,abc\n" * 400_000, {"max_bytes": 1024 * 1024}),
    "no score column": (b"Kanal,Tarih\nTelefon,2026-01-02\n", {}),
}


@pytest.mark.parametrize("case", list(_REFUSED))
@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_a_refused_file_is_explained_in_turkish_and_czech(case, lang):
    from cxcore.errors import SurveyFileError
    from cxcore.i18n import translate
    from cxcore.ingest import mapping
    from cxcore.ingest.reading import read_survey

    data, limits = _REFUSED[case]
    with pytest.raises(SurveyFileError) as refused:
        table = read_survey(data, "anket.csv", **limits)
        mapping.apply_mapping(table, mapping.suggest_mapping(table))
    message = str(refused.value)

    translated = translate(message, lang, area="error")
    assert translated != message  # a catalog entry matched the core's own words
    assert " the " not in translated and "again" not in translated  # no English left
    if "anket.csv" in message:
        assert "anket.csv" in translated


def test_every_rejection_reason_is_translated_and_keeps_the_cell_as_written():
    from cxcore.i18n import translate_reason
    from cxcore.ingest import mapping, validate
    from cxcore.ingest.reading import read_survey

    data = (
        "NPS;CSAT;Tarih;Yorum\n"
        "11;;02.03.2026;\n"  # outside 0–10
        "1,500;;02.03.2026;iyi\n"  # not a whole number, thousands comma as written
        "çok iyi;;02.03.2026;\n"  # not a score on the scale
        "9;;31.02.2026;güzel\n"  # not a real date
        "9;;dün;güzel\n"  # not a date
        ";;02.03.2026;\n"  # nothing at all
        "12;7;31.02.2026;\n"  # several problems at once
    ).encode()
    table = read_survey(data, "anket.csv")
    raw = mapping.apply_mapping(table, mapping.suggest_mapping(table))
    _, rejected = validate.split_rows(raw)
    reasons = rejected["reason"].tolist()
    assert len(reasons) == 7

    for lang in ("tr", "cs"):
        translated = [translate_reason(r, lang) for r in reasons]
        for english, shown in zip(reasons, translated, strict=True):
            for part in english.split("; "):  # each part matched a catalog entry
                assert translate_reason(part, lang) != part, part
            assert shown.count("; ") == english.count("; ")
            for quoted in re.findall(r"'[^']*'", english):
                assert quoted in shown  # the user's own cell, unchanged
    assert "'1,500'" in translate_reason(reasons[1], "tr")
    assert translate_reason("No score and no comment", "cs") == "Chybí skóre i komentář"
    assert translate_reason("A reason nobody translated", "tr") == "A reason nobody translated"


def test_user_and_busy_database_messages_are_translated():
    from cxcore import auth
    from cxcore.i18n import translate

    refused = []
    for attempt in (
        lambda: auth.hash_password("kısa"),
        lambda: auth.add_user({}, "ayşe yılmaz", "viewer", "uzun-bir-parola-123"),
        lambda: auth.add_user({}, "ayse", "boss", "uzun-bir-parola-123"),
        lambda: auth.remove_user({}, "ayse"),
    ):
        with pytest.raises(auth.UsersFileError) as error:
            attempt()
        refused.append(str(error.value))
    # db.DatabaseBusy as tests/db/test_crash_and_concurrency.py gets it, and as it reads
    # after the default ten minutes.
    refused += [
        "Another import or change has been writing to the database for over 1 seconds: "
        "nothing was stored; try again when it has finished.",
        "Another import or change has been writing to the database for over 10 minutes: "
        "nothing was stored; try again when it has finished.",
    ]
    for message in refused:
        for lang in ("tr", "cs"):
            assert translate(message, lang, area="error") != message, (message, lang)
    assert translate(refused[3], "tr", area="error") == "'ayse' adlı kullanıcı yok."


def _model_problems() -> dict[str, str]:
    """The journey model's own message for each check it makes, from a broken copy."""
    import copy

    from cxcore.text import taxonomy as tx

    base = tx.load_taxonomy()
    good = tx.taxonomy_to_dict(base)

    def broken(change) -> str:
        data = copy.deepcopy(good)
        change(data)
        with pytest.raises(tx.TaxonomyError) as refused:
            tx.taxonomy_from_dict(data)
        return str(refused.value)

    def refused_rule(**given) -> str:
        with pytest.raises(tx.TaxonomyError) as refused:
            tx.add_rule(base, **({"words": ["kargo"], "stage": "support"} | given))
        return str(refused.value)

    stage, phone = good["stages"][0], good["touchpoints"][0]
    rule = {"words": "kargo", "stage": "support", "lang": "tr"}
    return {
        "shape": str(_raises(lambda: tx.taxonomy_from_dict(["stages"]))),
        "no stages": broken(lambda d: d.update(stages=[])),
        "section": broken(lambda d: d.update(touchpoints="phone")),
        "key": broken(lambda d: d["stages"][1].update(key="Live Chat")),
        "duplicate": broken(lambda d: d["stages"].append(dict(stage))),
        "texts": broken(lambda d: d["stages"][0].update(names="Phone")),
        "number": broken(lambda d: d["touchpoints"][0].update(words={"tr": {"fatura": "x"}})),
        "terms": broken(lambda d: d["stages"][0].update(words="fatura")),
        "weights": broken(lambda d: d["stages"][0].update(words={"tr": "fatura"})),
        "empty term": broken(lambda d: d["touchpoints"][0].update(words={"tr": {" ": 2}})),
        "star": broken(lambda d: d["touchpoints"][0].update(words={"tr": {"fa*tura": 2}})),
        "stem": broken(lambda d: d["touchpoints"][0].update(words={"cs": {"fa*": 2}})),
        "category": broken(lambda d: d["touchpoints"][0].update(category="web")),
        "usual stage": broken(
            lambda d: d["touchpoints"][0].update(stages=["support"], usual_stage="loyalty")
        ),
        "channels": broken(lambda d: d["touchpoints"][0].update(channels="web")),
        "channel twice": broken(
            lambda d: (
                d["touchpoints"][1].update(channels=[*phone.get("channels", []), "Telefon"])
                or d["touchpoints"][0].update(channels=["Telefon"])
            )
        ),
        "stage ref": broken(lambda d: d["touchpoints"][0].update(stages=["nowhere"])),
        "rule needs": broken(lambda d: d.update(rules=[{"words": "kargo", "lang": "tr"}])),
        "rule stage": broken(lambda d: d.update(rules=[rule | {"stage": "nowhere"}])),
        "rule touchpoint": broken(lambda d: d.update(rules=[rule | {"touchpoint": "pigeon"}])),
        "rule weight": broken(lambda d: d.update(rules=[rule | {"weight": "high"}])),
        "rule words": broken(lambda d: d.update(rules=[rule | {"words": ""}])),
        "tagging": broken(lambda d: d.update(tagging=[1])),
        "tagging unknown": broken(lambda d: d.update(tagging={"speed": 1})),
        "fuzzy": broken(lambda d: d.update(tagging={"fuzzy_ratio": 2})),
        "add: no target": refused_rule(stage=None, touchpoint=None, language="tr"),
        "add: language": refused_rule(touchpoint=None, language="de"),
        "add: no word": refused_rule(words=[" "], touchpoint=None, language="tr"),
        "add: undefined": refused_rule(stage="nowhere", touchpoint=None, language="tr"),
    }


def _raises(call):
    with pytest.raises(ValueError) as refused:
        call()
    return refused.value


def test_every_journey_model_problem_is_explained_in_turkish_and_czech(tmp_path):
    from cxcore.i18n import translate
    from cxcore.text import taxonomy as tx

    problems = _model_problems()
    source = Path(tx.__file__).read_text(encoding="utf-8")
    # One case per check the model makes: a new check without a case fails here.
    assert len(problems) >= source.count("raise TaxonomyError(") - 2  # the two file-level ones
    broken_file = tmp_path / "model.yaml"
    broken_file.write_text("stages: []\ntouchpoints: []\n", encoding="utf-8")
    with pytest.raises(tx.TaxonomyError) as in_file:
        tx.load_taxonomy(broken_file)
    broken_file.write_text("stages: [\n  - key: a\n", encoding="utf-8")
    with pytest.raises(tx.TaxonomyError) as not_yaml:
        tx.load_taxonomy(broken_file)
    problems |= {"in a file": str(in_file.value), "not YAML": str(not_yaml.value)}
    english = re.compile(r"\b(the|must|is not|has|needs|refers|use one|keep it|listed)\b")
    for lang in ("tr", "cs"):
        for case, message in problems.items():
            shown = translate(message, lang, area="error")
            assert shown != message, (case, message)
            # The YAML parser's own words stay as it wrote them; nothing else is English.
            checked = shown.split("(", 1)[0] if case == "not YAML" else shown
            assert not english.search(checked), (case, shown)
            for quoted in re.findall(r"'[^']*'", message.split("(", 1)[0]):
                assert quoted in shown, (case, quoted, shown)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(24, "tr", "%24"), (-5, "tr", "−%5"), (24, "cs", "24\u00a0%"), (24, "en", "24%")],
)
def test_each_language_places_the_percent_sign_its_way(value, lang, expected):
    assert format_number(value, lang, suffix="%") == expected
