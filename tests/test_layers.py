"""The folders show the flow: checked with `ast`, not by convention alone."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# cxcore modules allowed to reach the database: the one import path and the CLI.
DB_BRIDGES = {"ingest/pipeline.py", "views.py", "cli/__init__.py", "cli/commands.py"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _modules("cxcore"), ids=_id)
def test_cxcore_never_imports_streamlit_and_only_bridges_reach_the_database(path):
    imports = imported_modules(path)
    assert "streamlit" not in imports
    if path.relative_to(ROOT / "cxcore").as_posix() not in DB_BRIDGES:
        assert not imports & {"sqlalchemy", "db"}, f"{path.name} reaches the database"


@pytest.mark.parametrize("path", _modules("db"), ids=_id)
def test_db_never_imports_streamlit(path):
    assert "streamlit" not in imported_modules(path)


@pytest.mark.parametrize(
    "path", [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))], ids=lambda p: p.name
)
def test_pages_write_no_sql(path):
    assert "sqlalchemy" not in imported_modules(path) or path.name == "_shared.py"


@pytest.mark.parametrize("package", ["cxcore", "db"])
def test_public_names_listed_in_all_exist(package):
    for path in _modules(package):
        if path.name == "__main__.py":
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if path.stem == "__init__" else parts)
        module = importlib.import_module(name)
        for public in getattr(module, "__all__", []):
            assert hasattr(module, public), f"{name}.__all__ lists missing {public}"


def test_readme_configuration_table_matches_the_settings():
    from cxcore.settings import SETTINGS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for item in SETTINGS:
        assert f"| {item.name} | `{item.env}` | `{item.default}` |" in readme


# What db may read from cxcore: names and shapes, never tagging, scoring or analysis steps.
DB_MAY_IMPORT = {
    "cxcore",
    "cxcore.fields",
    "cxcore.filters",
    "cxcore.followup",
    "cxcore.actions",  # the actions' statuses and fields, checked before storing (as followup's)
    "cxcore.analysis.metrics",
}


def _cxcore_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cxcore"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cxcore"))
    return found


@pytest.mark.parametrize("path", _modules("db"), ids=_id)
def test_db_reads_only_names_and_shapes_from_cxcore(path):
    assert _cxcore_imports(path) <= DB_MAY_IMPORT


# The languages the product speaks are listed once (cxcore/languages.py); language
# detection also knows languages we only recognise.
_CODES = {"en", "tr", "cs"}
_MAY_LIST_LANGUAGES = {"cxcore/languages.py", "cxcore/text/language.py"}


def _language_lists(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if isinstance(node, ast.Dict | ast.Tuple | ast.List | ast.Set) and items:
            codes = {i.value for i in items if isinstance(i, ast.Constant)} & _CODES
            if len(codes) >= 2:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    "path",
    [ROOT / "app.py", *_modules("cxcore"), *_modules("db"), *_modules("pages")],
    ids=_id,
)
def test_languages_are_listed_only_in_the_registry(path):
    if _id(path) not in _MAY_LIST_LANGUAGES:
        assert _language_lists(path) == []


@pytest.mark.parametrize("path", [*_modules("cxcore"), *_modules("pages")], ids=_id)
def test_every_csv_a_user_downloads_goes_through_the_one_safe_writer(path):
    # The demo survey is our own generated file to import, not user data handed back.
    if _id(path) in {"cxcore/csvfile.py", "cxcore/demo.py"}:
        return
    calls = [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "to_csv"
    ]
    assert calls == [], "write CSV with cxcore.csvfile.csv_bytes"


def test_the_tests_run_on_both_databases_exist():
    # A moved test file would silently drop to SQLite only.
    from tests.conftest import BOTH_DATABASES

    assert all((ROOT / path).exists() for path in BOTH_DATABASES)


@pytest.mark.parametrize(
    "path",
    [*_modules("cxcore"), *_modules("db"), *_modules("pages"), ROOT / "app.py"],
    ids=_id,
)
def test_each_module_is_small_enough_to_read_whole(path):
    # the house limit (docs/architecture.md): past it, a module holds more than one job
    assert len(path.read_text(encoding="utf-8").splitlines()) < 500
