"""The Import page in the real Streamlit runtime: upload, mapping, preview, import, summary."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import db
from cxcore.ingest import pipeline
from cxcore.ingest.mapping import header_signature
from cxcore.ingest.privacy import hash_customer_id

ROOT = Path(__file__).resolve().parents[2]

GOOD = (
    "Müşteri No;Tarih;Kanal;Aşama;Tavsiye puanı;Yorum\n"
    "C1;03.02.2026 10:15;Çağrı merkezi;Destek;2;IVR numaramı tanımadı, 40 dakika bekledim\n"
    "C2;04.02.2026 11:00;Kargo;Kurulum ve teslimat;9;Kargo hızlı geldi, teşekkürler\n"
    "C3;05.02.2026 12:30;E-posta;Destek;12;Yanıt gelmedi\n"
    "C4;31.02.2026 09:00;Mağaza;Satın alma;8;Güler yüzlü personel\n"
    "C5;06.02.2026 14:45;Web sitesi;Satın alma;;\n"
).encode("cp1254")


def open_upload(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return at.switch_page("pages/upload.py").run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader[0].set_value((name, data, "text/csv")).run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_upload_preview_import_and_summary(monkeypatch, db_url):
    at = upload(open_upload(monkeypatch, db_url), "destek.csv", GOOD)
    assert not at.exception

    assert "Column mapping" in [s.value for s in at.subheader]
    assert (metric(at, "Rows read"), metric(at, "To import"), metric(at, "To reject")) == (
        "5",
        "2",
        "3",
    )

    at.button[0].click().run()
    assert not at.exception
    assert "Imported 2 of 5 rows (3 rejected, 0 duplicates skipped)" in at.success[0].value
    reasons = at.dataframe[0].value
    assert reasons["Row"].tolist() == [4, 5, 6]
    stored = db.responses_frame(db.get_engine(db_url))
    secret = pipeline.install_keys(db.get_engine(db_url)).pseudonym  # ids are pseudonymised
    assert sorted(stored["customer_id"]) == sorted(
        hash_customer_id(c, secret) for c in ["C1", "C2"]
    )
    assert set(stored["stage"]) == {"support", "onboarding"}
    # The rejected rows to fix and import again keep their ids as the file wrote them (on an
    # open dashboard everyone follows up), their text as stored, and the reveal is audited.
    assert reasons["Müşteri No"].tolist() == ["C3", "C4", "C5"]
    rejected = db.rejections_frame(db.get_engine(db_url), 1)
    assert rejected["raw"].iloc[0]["Müşteri No"] == hash_customer_id("C3", secret)
    entry = db.audit_frame(db.get_engine(db_url)).iloc[0]
    assert (entry["action"], entry["target"], entry["details"]) == (
        "reveal_ids",
        "import 1",
        {"rejected rows": 3},
    )


def test_same_file_again_previews_as_duplicates(monkeypatch, db_url):
    at = upload(open_upload(monkeypatch, db_url), "destek.csv", GOOD)
    at.button[0].click().run()
    again = upload(open_upload(monkeypatch, db_url), "destek-kopya.csv", GOOD)
    assert (metric(again, "To import"), metric(again, "Duplicates")) == ("0", "2")


def test_unreadable_file_is_refused_and_changes_nothing(monkeypatch, db_url):
    at = upload(open_upload(monkeypatch, db_url), "empty.csv", b"")
    assert not at.exception
    assert "empty" in at.error[0].value
    assert db.data_version(db.get_engine(db_url)) == "0:0"


def test_a_corrected_mapping_changes_the_preview_and_is_remembered(monkeypatch, db_url):
    import hashlib

    at = upload(open_upload(monkeypatch, db_url), "destek.csv", GOOD)
    mapping = at.data_editor[0].value
    assert mapping.loc[mapping["column"] == "Tavsiye puanı", "field"].item() == "nps"

    # The user says the 0–10 column is CSAT (1–5): every score above 5 is now rejected.
    row = int(mapping.index[mapping["column"] == "Tavsiye puanı"][0])
    key = f"mapping-{hashlib.sha1(GOOD).hexdigest()[:12]}"
    at.session_state[key] = {
        "edited_rows": {row: {"field": "csat"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert (metric(at, "To import"), metric(at, "To reject")) == ("1", "4")

    at.button[0].click().run()
    assert "Imported 1 of 5 rows" in at.success[0].value
    again = upload(open_upload(monkeypatch, db_url), "destek-2.csv", GOOD)
    remembered = again.data_editor[0].value
    assert remembered.loc[remembered["column"] == "Tavsiye puanı", "field"].item() == "csat"


def in_turkish(monkeypatch, url: str) -> AppTest:
    at = open_upload(monkeypatch, url)
    at.sidebar.selectbox(key="ui_lang").set_value("tr").run()
    return at


def test_a_refused_file_is_explained_in_the_users_language(monkeypatch, db_url):
    at = upload(in_turkish(monkeypatch, db_url), "boş.csv", b"")
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # Markdown escapes of the file's name
    assert shown == "boş.csv boş: anketi yanıtlarıyla birlikte yeniden dışa aktarın."


def test_rejection_reasons_are_shown_in_the_users_language(monkeypatch, db_url):
    at = upload(in_turkish(monkeypatch, db_url), "destek.csv", GOOD)
    assert not at.exception
    assert any("düzen: düz tablo · kodlama: " in c.value for c in at.caption)  # not "plain"
    preview = next(d.value for d in at.dataframe if "Neden" in d.value)
    assert preview["Neden"].tolist() == [
        "NPS '12' 0–10 aralığının dışında",
        "Tarih '31.02.2026 09:00' gerçek bir tarih değil",
        "Puan da yorum da yok",
    ]
    at.button[0].click().run()
    assert not at.exception
    assert at.dataframe[0].value["Neden"].tolist() == preview["Neden"].tolist()
    # What is stored stays English: the CLI and automation read it.
    engine = db.get_engine(db_url)
    import_id = db.list_imports(engine)["id"].iloc[0]
    assert db.rejections_frame(engine, int(import_id))["reason"].tolist() == [
        "NPS '12' is outside 0–10",
        "Date '31.02.2026 09:00' is not a real date",
        "No score and no comment",
    ]


TOPICS = (
    "Yorum;Konu;Puan\n"
    "Kargo çok geç geldi;Fatura itirazı;3\n"
    "Teşekkürler;Fatura itirazı;9\n"
    "Kargo hasarlı geldi;Teslimat;2\n"
    "Uygulama açılmıyor;Teslimat;4\n"
    "Kurye gelmedi;Fatura itirazı;1\n"
).encode()


def test_the_category_column_is_placed_by_the_lead_and_remembered(monkeypatch, db_url):
    at = upload(open_upload(monkeypatch, db_url), "konu.csv", TOPICS)
    assert not at.exception
    assert "Categories in the file" in [s.value for s in at.subheader]
    assert any(c.value.startswith("Column Konu: place its most common values") for c in at.caption)
    at.button[0].click().run()
    assert not at.exception
    engine = db.get_engine(db_url)
    stored = db.responses_frame(engine).set_index("comment")
    # The suggestion for "Teslimat" (delivery), confirmed as offered, outranks the words.
    assert stored.loc["Uygulama açılmıyor", ["touchpoint", "touchpoint_source"]].tolist() == [
        "delivery",
        "category",
    ]
    table, _ = pipeline.read_and_map(TOPICS, "later.csv", engine=engine)
    remembered = db.saved_category_mapping(engine, header_signature(list(table.frame.columns)))
    assert remembered["Teslimat"] == ("onboarding", "delivery")


def test_a_file_of_two_code_pages_is_named_with_its_rows_before_importing(monkeypatch, db_url):
    data = "Müşteri No;Tavsiye puanı;Yorum\nC1;2;Yanlış ürün geldi, değişim istiyorum\n".encode(
        "cp1254"
    ) + "C2;3;Objednávka přišla pozdě\n".encode("cp1250")
    at = upload(open_upload(monkeypatch, db_url), "merged.csv", data)
    assert not at.exception
    # Shown as plain text (Markdown escaped); the header row is Turkish too.
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "merged.csv mixes two code pages: rows 1–2 look Turkish (Windows-1254), rows 3 Czech "
        "(Windows-1250). Each row was read in the code page it looks like: check a few "
        "comments, or export the survey again as CSV UTF-8."
    ]
    at.button[0].click().run()
    stored = db.responses_frame(db.get_engine(db_url)).sort_values("row_number")
    assert stored["comment"].tolist() == [
        "Yanlış ürün geldi, değişim istiyorum",
        "Objednávka přišla pozdě",
    ]
