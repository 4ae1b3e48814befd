"""Personal data (issue 8, point 6): redaction of comments and pseudonymous customer ids."""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import db
from cxcore import fields as F
from cxcore.filters import Filters
from cxcore.ingest import pipeline, privacy
from cxcore.ingest.privacy import (
    hash_customer_id,
    hash_customer_ids,
    is_valid_card,
    is_valid_iban,
    is_valid_tckn,
    redact_text,
)

REDACTED = [
    # e-mail addresses
    ("Bana ayse.yilmaz@example.com.tr adresinden yazın", "Bana [e-mail] adresinden yazın"),
    ("napište na jan.novak+cx@seznam.cz", "napište na [e-mail]"),
    # phone numbers: Turkish, Czech, international
    ("Beni 0532 123 45 67 numaradan arayın", "Beni [phone] numaradan arayın"),
    ("tel: +90 (532) 123 45 67, akşam", "tel: [phone], akşam"),
    ("05321234567 arayın", "[phone] arayın"),
    ("Merkez (0212) 123 45 67", "Merkez [phone]"),
    ("volejte 603 123 456 nebo +420 603123456", "volejte [phone] nebo [phone]"),
    ("Call +44 20 7946 0958 or +1 415-555-0132", "Call [phone] or [phone]"),
    # Turkish national id: only with a valid checksum
    ("TC kimlik no 10000000146 yazdım", "TC kimlik no [TCKN] yazdım"),
    ("TC kimlik no 10000000147 yazdım", "TC kimlik no 10000000147 yazdım"),
    # IBANs: only when mod 97 holds, grouped or not, running into the next word
    ("IBAN TR33 0006 1005 1978 6457 8413 26 numaralı hesaba", "IBAN [IBAN] numaralı hesaba"),
    ("účet CZ6508000000192000145399 prosím", "účet [IBAN] prosím"),
    (
        "IBAN TR33 0006 1005 1978 6457 8413 27 yanlış",
        "IBAN TR33 0006 1005 1978 6457 8413 27 yanlış",
    ),
    # card numbers: only when Luhn holds
    ("kart 4111 1111 1111 1111 ile ödedim", "kart [card] ile ödedim"),
    ("karta 5500-0000-0000-0004 nefungovala", "karta [card] nefungovala"),
    ("sipariş 4111 1111 1111 1112", "sipariş 4111 1111 1111 1112"),
    # what must stay: amounts, dates, times, scores, short codes
    (
        "Sipariş 12345, 1.250.000 TL, 02.03.2026 12:30, puan 9/10",
        "Sipariş 12345, 1.250.000 TL, 02.03.2026 12:30, puan 9/10",
    ),
    ("Faktura 1 250 000 Kč, 2026-03-02", "Faktura 1 250 000 Kč, 2026-03-02"),
    ("Kargo çok geç geldi", "Kargo çok geç geldi"),
    # written the ways people write them: grouped, dotted, dashed, a space after the country
    ("volejte 603-123-456 nebo 603.123.456", "volejte [phone] nebo [phone]"),
    ("TC kimlik 100 000 001 46 yazdım", "TC kimlik [TCKN] yazdım"),
    ("IBAN TR 33 0006 1005 1978 6457 8413 26 hesap", "IBAN [IBAN] hesap"),
    ("kart 4111.1111.1111.1111 ile", "kart [card] ile"),
    # Czech birth numbers: with or without the slash, only when the check holds
    ("rodné číslo 855215/4325 uvádím", "rodné číslo [birth number] uvádím"),
    ("RČ 8552154325", "RČ [birth number]"),
    ("narozen 451231/123 ano", "narozen [birth number] ano"),
    ("RČ 855215/4321 je špatně", "RČ 855215/4321 je špatně"),
    ("objednávka 123456/7890", "objednávka 123456/7890"),
]


@pytest.mark.parametrize(("text", "expected"), REDACTED)
def test_redaction_replaces_personal_data_with_tokens(text, expected):
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("10000000146", True), ("12345678950", True), ("12345678951", False), ("02345678950", False)],
)
def test_tckn_checksum(digits, valid):
    assert is_valid_tckn(digits) is valid


def test_iban_and_luhn_checks():
    assert is_valid_iban("GB82 WEST 1234 5698 7654 32")
    assert not is_valid_iban("GB82 WEST 1234 5698 7654 33")
    assert is_valid_card("378282246310005")  # Amex test number
    assert not is_valid_card("378282246310006")


def test_customer_id_hash_is_keyed_and_stable():
    first = hash_customer_id("C-101", b"k" * 32)
    assert first == hash_customer_id("C-101", b"k" * 32)
    assert first != hash_customer_id("C-101", b"j" * 32)
    assert first != hash_customer_id("C-102", b"k" * 32)
    assert len(first) == 16 and "C-101" not in first


@pytest.mark.parametrize("secret", [b"k" * 32, b"x" * 64, bytes(range(100)), b""])
def test_pseudonyms_are_hmac_sha256_whatever_the_secret_length(secret):
    # Pseudonyms of earlier imports must keep matching: the same digest as the standard
    # library's HMAC, for secrets shorter than, as long as and longer than a block.
    ids = pd.Series(["C-101", "müşteri-7", "zákazník 42", "C-101", None], dtype=object)
    hashed = hash_customer_ids(pd.DataFrame({F.CUSTOMER_ID: ids}), secret)[F.CUSTOMER_ID]
    expected = [
        hmac.new(secret, i.encode(), hashlib.sha256).hexdigest()[:16] if i else None for i in ids
    ]
    assert hashed.tolist() == expected
    assert hash_customer_id("müşteri-7", secret) == expected[1]


SURVEY = (
    "Response ID,Date,Customer ID,Channel,NPS,Comment,E-posta\n"
    "R1,2026-03-02 10:00,C-101,Phone,3,Beni 0532 123 45 67 numaradan arayın,ayse@example.com\n"
    "R2,2026-03-09 10:00,C-101,Store,9,Kart 4111 1111 1111 1111 ile ödedim,ayse@example.com\n"
    "R3,2026-03-05 10:00,C-202,Chat,x,TC 10000000146 yazdım,ali@example.com\n"  # NPS x: rejected
)
SECOND = "Response ID,Date,Customer ID,NPS,Comment\nR9,2026-04-01 10:00,C-101,10,Teşekkürler\n"


def test_import_stores_redacted_comments_and_pseudonymous_ids_by_default(engine):
    first = pipeline.import_file(SURVEY.encode(), "survey.csv", engine=engine)
    second = pipeline.import_file(SECOND.encode(), "later.csv", engine=engine)
    assert (first.accepted, first.rejected, second.accepted) == (2, 1, 1)
    stored = db.responses_frame(engine, Filters()).set_index("response_id")
    assert stored.loc["R1", "comment"] == "Beni [phone] numaradan arayın"
    assert stored.loc["R2", "comment"] == "Kart [card] ile ödedim"
    assert stored.loc["R1", "extra"] == {"E-posta": "[e-mail]"}
    pseudonym = hash_customer_id("C-101", pipeline.install_keys(engine).pseudonym)
    # The same customer keeps one pseudonym across imports, so paths still join.
    assert list(stored.loc[["R1", "R2", "R9"], "customer_id"]) == [pseudonym] * 3
    assert "C-101" not in set(stored["customer_id"])
    # Tagging read the original words: a phone number is not the phone touchpoint.
    assert stored.loc["R1", "touchpoint"] == "phone"  # from the Channel column
    rejected = db.rejections_frame(engine, first.import_id)
    raw = rejected["raw"].iloc[0]
    assert raw["Comment"] == "TC [TCKN] yazdım" and raw["E-posta"] == "[e-mail]"
    assert raw["Customer ID"] == hash_customer_id("C-202", pipeline.install_keys(engine).pseudonym)


def test_each_database_has_its_own_key_beside_it_that_never_changes(tmp_path):
    one = db.get_engine(tmp_path / "one.sqlite")
    other = db.get_engine(tmp_path / "other.sqlite")
    secret = pipeline.install_keys(one).pseudonym
    assert len(secret) == 32
    assert (tmp_path / "one.key").read_text().strip() == secret.hex()  # beside, not inside
    assert (tmp_path / "one.key").stat().st_mode & 0o777 == 0o600
    pipeline._KEYS.clear()  # a new process reads the same file
    assert pipeline.install_keys(one).pseudonym == secret
    assert pipeline.install_keys(other).pseudonym != secret


def test_redaction_and_hashing_can_be_turned_off(engine, monkeypatch):
    monkeypatch.setenv("CX_REDACT_PII", "0")
    monkeypatch.setenv("CX_HASH_CUSTOMER_IDS", "0")
    pipeline.import_file(SURVEY.encode(), "survey.csv", engine=engine)
    stored = db.responses_frame(engine, Filters()).set_index("response_id")
    assert stored.loc["R1", "comment"] == "Beni 0532 123 45 67 numaradan arayın"
    assert stored.loc["R1", "customer_id"] == "C-101"
    assert stored.loc["R1", "extra"] == {"E-posta": "ayse@example.com"}


def _redact_without_shortcuts(text: str) -> str:
    """Every pattern over the whole text: what redact_text must equal."""
    text = privacy._EMAIL.sub("[e-mail]", text)
    text = privacy._IBAN.sub(privacy._iban_token, text)
    text = privacy._CARD.sub(privacy._checked("[card]", is_valid_card), text)
    text = privacy._TCKN.sub(privacy._checked("[TCKN]", is_valid_tckn), text)
    birth = privacy._checked("[birth number]", privacy.is_valid_birth_number)
    text = privacy._BIRTH_NUMBER.sub(birth, text)
    return privacy._PHONE.sub(privacy._phone_token, text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"0123456789", " ", ".", "-", "/", "(", ")", "+", "@", "a", "TR", "CZ", "x.cz", "ş"]
        ),
        max_size=40,
    ).map("".join)
    | st.sampled_from([text for text, _ in REDACTED])
)
def test_redaction_shortcuts_never_skip_a_match(text):
    # The quick checks (no "@", no digit, no run of 9 digits) only skip work, never a match.
    assert redact_text(text) == _redact_without_shortcuts(text)


# Digits of other scripts too: Python's \d takes them, so the quick look must as well.
_PIECES = [*"0123456789", *" .-/()+@a", "TR", "CZ", "x.cz", "ş", "\n", "٣", "５", "\ud800"]


# Personal data that only one of the quick look's needs finds: an IBAN whose digits are
# apart (no long number), and a card number in Arabic-Indic digits after the first.
_ONLY_ONE_NEED = ["účet DE20ABCDEFGHIJKLMNO prosím", "kart 4" + "\u0661" * 15 + " ile"]


def test_the_quick_look_finds_what_only_one_of_its_needs_finds():
    assert privacy.redact_texts(_ONLY_ONE_NEED) == ["účet [IBAN] prosím", "kart [card] ile"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
        | st.sampled_from([text for text, _ in REDACTED] + _ONLY_ONE_NEED)
        | st.none(),
        max_size=12,
    )
)
def test_redacting_many_texts_at_once_redacts_each_as_alone(texts):
    # The quick look at all texts at once skips no text a pattern matches in (other
    # scripts' digits and a lone surrogate, which Arrow cannot hold, included).
    assert privacy.redact_texts(texts) == [
        redact_text(t) if isinstance(t, str) else t for t in texts
    ]


def test_every_stored_free_text_field_is_redacted(engine):
    rows = (
        "Response ID,Date,Customer ID,Channel,Segment,NPS,Comment\n"
        "R1,2026-03-02,C1,Tel 0532 123 45 67,ayse@example.com,9,İyi\n"
        "R2,2026-03-03,C2,Phone,SME,3,Kötü\n"
    )
    pipeline.import_file(rows.encode(), "fields.csv", engine=engine, survey="RČ 855215/4325")
    stored = db.responses_frame(engine, Filters()).set_index("response_id")
    assert stored.loc["R1", "channel"] == "Tel [phone]"
    assert stored.loc["R1", "segment"] == "[e-mail]"
    assert set(stored["survey"]) == {"RČ [birth number]"}
    # The sidebar's lists read what is stored.
    assert "ayse@example.com" not in set(db.values_present(engine, "segment")["value"])
