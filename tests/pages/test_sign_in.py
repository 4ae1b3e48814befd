"""Sign-in and roles in the real Streamlit runtime: nothing shows before sign-in, each role
sees its pages, lock-out after repeated failures, and the open notice without users."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import db
from cxcore import auth

ROOT = Path(__file__).resolve().parents[2]
PASSWORDS = {"vera": "viewer-pass", "ali": "analyst-pass", "root": "admin-pass-1"}
ROLES = {"vera": "viewer", "ali": "analyst", "root": "admin"}


@pytest.fixture(scope="module")
def users() -> dict[str, auth.User]:
    found: dict[str, auth.User] = {}
    for name, password in PASSWORDS.items():
        found = auth.add_user(found, name, ROLES[name], password)
    return found


@pytest.fixture
def signed_users(users, users_file) -> Path:
    return auth.save_users(users, users_file)


def start(monkeypatch, url: str) -> AppTest:
    monkeypatch.setenv("CX_DATABASE_URL", url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def pages_of(at: AppTest) -> set[str]:
    """The pages the navigation lists: AppTest refuses to switch to any other."""
    listed = set()
    for path in sorted((ROOT / "pages").glob("[!_]*.py")):
        try:
            at.switch_page(str(path.relative_to(ROOT)))
        except ValueError as error:
            assert "Could not find a navigation page" in str(error)
        else:
            listed.add(path.stem)
    return listed


def test_with_users_the_app_asks_to_sign_in_and_shows_no_data(monkeypatch, demo_db, signed_users):
    at = start(monkeypatch, demo_db)
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Sign in"]
    assert [t.label for t in at.text_input] == ["Name", "Password"]
    assert not at.dataframe and not at.get("plotly_chart") and not at.metric
    assert not any("Open dashboard" in w.value for w in at.sidebar.warning)


def test_a_wrong_password_is_refused(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "vera", "not-her-password")
    assert at.error[0].value == "Wrong name or password."
    assert [s.value for s in at.subheader] == ["Sign in"] and not at.dataframe


def test_lock_out_after_five_failures_holds_for_the_right_password(
    monkeypatch, demo_db, signed_users
):
    at = start(monkeypatch, demo_db)
    for _ in range(auth.MAX_FAILURES):
        at = sign_in(at, "vera", "wrong-password")
    assert at.error[0].value.startswith("Too many failed sign-ins: this name is locked for 15")
    at = sign_in(at, "vera", PASSWORDS["vera"])
    assert "locked" in at.error[0].value and not at.dataframe
    failures, until = db.sign_in_lock(db.get_engine(demo_db), "vera")
    assert until is not None  # kept in the database: a restart does not lift it


def test_a_viewer_browses_but_does_not_see_import(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "vera", PASSWORDS["vera"])
    assert not at.exception
    assert at.subheader[0].value == "Emotion curve"
    assert at.sidebar.text[0].value == "Signed in as vera (viewer)"
    pages = pages_of(at)
    # The follow-up queue too, read-only and with pseudonyms (tests/pages/test_follow_up_ids.py).
    assert {"overview", "stage", "touchpoints", "follow_up"} <= set(pages)
    assert not {"upload", "review", "taxonomy", "admin", "users"} & set(pages)


def test_a_viewer_cannot_re_tag_on_the_stage_page(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "vera", PASSWORDS["vera"])
    at.switch_page("pages/stage.py").run()
    assert not at.exception
    assert at.data_editor, "the verbatim table is shown"
    assert not [b for b in at.button if b.key == "save_tags"]


def test_an_analyst_may_import_and_re_tag_but_not_edit_the_model(
    monkeypatch, demo_db, signed_users
):
    at = sign_in(start(monkeypatch, demo_db), "ali", PASSWORDS["ali"])
    pages = pages_of(at)
    assert {"upload", "review", "stage"} <= pages
    assert not {"taxonomy", "admin", "users"} & pages
    at.switch_page("pages/stage.py").run()
    assert [b for b in at.button if b.key == "save_tags"]


def test_an_admin_sees_imports_and_audit(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "root", PASSWORDS["root"])
    assert {"admin", "users", "taxonomy", "upload"} <= pages_of(at)
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    assert at.title[0].value == "Imports & audit"
    imports = at.dataframe[0].value
    assert imports["File"].tolist() == ["demo-survey.csv"]
    log = at.dataframe[1].value
    assert log["What"].tolist() == ["Import"]  # the audit action in the reader's words
    assert log["Who"].tolist() == ["(open dashboard)"]  # the demo was loaded by nobody signed in


def test_an_admin_deletes_an_import_after_confirming(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "root", PASSWORDS["root"])
    at.switch_page("pages/admin.py").run()
    import_id = int(at.dataframe[0].value["id"].iloc[0])
    at.selectbox[0].set_value(import_id).run()
    delete = next(b for b in at.button if b.label == "Delete import")
    assert delete.disabled  # the confirm step first
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Delete import").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Deleted import {import_id} (demo-survey.csv)")
    assert db.list_imports(db.get_engine(demo_db)).empty
    entry = db.audit_frame(db.get_engine(demo_db)).iloc[0]
    assert (entry.user, entry.action, entry.target) == ("root", "delete_import", str(import_id))


def test_sign_out_asks_again(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "vera", PASSWORDS["vera"])
    next(b for b in at.sidebar.button if b.label == "Sign out").click().run()
    assert [s.value for s in at.subheader] == ["Sign in"]


def test_a_broken_users_file_lets_nobody_in(monkeypatch, demo_db, users_file):
    users_file.write_text("users: [", encoding="utf-8")
    at = start(monkeypatch, demo_db)
    assert "is not valid YAML" in at.error[0].value
    assert "Nobody can sign in until the users file is fixed." in at.error[0].value
    assert not at.dataframe


def test_without_users_the_app_says_it_is_open(monkeypatch, demo_db):
    at = start(monkeypatch, demo_db)
    assert not at.exception
    assert "open to anyone who can reach it" in at.sidebar.warning[0].value
    assert {"admin", "users", "upload", "taxonomy"} <= pages_of(at)


OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-that-is-long-enough",
    "client_id": "dashboard",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://idp.example.com/.well-known/openid-configuration",
}


def test_single_sign_on_is_offered_and_the_role_comes_from_the_users_file(
    monkeypatch, demo_db, users_file
):
    users = auth.add_user({}, "ali", "analyst", "analyst-pass", email="ali@example.com")
    auth.save_users(users, users_file)
    monkeypatch.setenv("CX_DATABASE_URL", demo_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = OIDC
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["Sign in", "Sign in with single sign-on"]
    assert not at.dataframe

    at.user = {"is_logged_in": True, "email": "ali@example.com", "name": "Ali"}
    at.run()
    assert not at.exception
    assert at.sidebar.text[0].value == "Signed in as ali@example.com (analyst)"
    assert {"upload", "review"} <= pages_of(at) and "admin" not in pages_of(at)


def test_an_unknown_single_sign_on_user_is_a_viewer(monkeypatch, demo_db):
    monkeypatch.setenv("CX_DATABASE_URL", demo_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = OIDC
    at.user = {"is_logged_in": True, "email": "someone@example.com"}
    at.run()
    assert at.sidebar.text[0].value == "Signed in as someone@example.com (viewer)"
    assert "upload" not in pages_of(at)


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("[!_]*.py")), ids=lambda p: p.stem)
def test_every_page_checks_the_role_itself(page):
    # Streamlit can run a page script without app.py (a fresh server's first request for a
    # page URL), so hiding a page from the menu is not enough.
    import ast

    calls = {
        node.func.id
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert "require" in calls, f"{page.name} does not call require(...)"


@pytest.mark.parametrize("page", ["overview", "stage", "upload", "admin", "users"])
def test_a_page_opened_directly_asks_to_sign_in(monkeypatch, demo_db, signed_users, page):
    # A fresh server's first request for a page URL runs the page without app.py.
    at = start(monkeypatch, demo_db)
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert "Sign in" in [s.value for s in at.subheader]
    assert not at.dataframe and not at.get("plotly_chart") and not at.data_editor


def test_an_admin_is_told_in_czech_why_a_user_was_not_added(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "root", PASSWORDS["root"])
    at.sidebar.selectbox(key="ui_lang").set_value("cs").run()
    at.switch_page("pages/users.py").run()
    at.text_input[0].input("nova")
    at.text_input[2].input("krátké")
    at.text_input[3].input("krátké")
    at.button[0].click().run()

    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # Markdown escapes
    assert shown == "Heslo je příliš krátké: použijte aspoň 8 znaků."
    assert "nova" not in auth.load_users(signed_users)  # nothing saved


def test_a_password_reset_ends_the_sessions_signed_in_before(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "vera", PASSWORDS["vera"])
    assert at.subheader[0].value == "Emotion curve"
    users = auth.load_users(signed_users)
    auth.save_users(auth.add_user(users, "vera", "viewer", "a-new-password"), signed_users)
    at.run()
    assert [s.value for s in at.subheader] == ["Sign in"] and not at.dataframe


def test_a_user_removed_and_added_again_must_sign_in_again(monkeypatch, demo_db, signed_users):
    at = sign_in(start(monkeypatch, demo_db), "vera", PASSWORDS["vera"])
    users = auth.remove_user(auth.load_users(signed_users), "vera")
    auth.save_users(auth.add_user(users, "vera", "viewer", PASSWORDS["vera"]), signed_users)
    at.run()
    assert [s.value for s in at.subheader] == ["Sign in"] and not at.dataframe
    at = sign_in(at, "vera", PASSWORDS["vera"])
    assert at.subheader[0].value == "Emotion curve"
