"""The folders show the flow: checked with `ast`, not by convention alone."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# cxcore modules allowed to reach the database: the one import path and the CLI.
DB_BRIDGES = {"ingest/pipeline.py", "views.py", "cli.py"}


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
