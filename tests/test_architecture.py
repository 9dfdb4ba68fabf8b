"""The import rules of docs/architecture.md, checked on the source: a rule that only lives in
a document drifts."""

import ast
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "portal",
    "home",
    "rendicion",
    "importer",
    "opendata",
    "api",
    "search",
    "accounts",
    "operations",
    "caching",
    "health",
    "registro",
    "govco",
    "encuestas",
    "inscripciones",
    "demo",
]
# app (or package) -> top-level packages it must never import
FORBIDDEN = {
    # The pages name their registration options by relation, never by import.
    "rendicion": {"search", "opendata", "api", "home", "demo", "portal", "inscripciones"},
    "importer": {"search", "opendata", "api", "home", "demo", "portal"},
    "opendata": {"search", "api", "home", "demo", "portal", "importer"},
    # The accountability data API reads the domain and the open-data field definitions.
    "api": {"search", "home", "demo", "portal", "importer", "caching", "operations", "health"},
    "search": {"opendata", "api", "home", "demo", "portal", "importer"},
    "home": {"search", "opendata", "api", "demo", "portal", "importer"},
    # The cache decides nothing about content: it stores and empties.
    "caching": {"search", "opendata", "api", "home", "demo", "portal", "importer"},
    # Backups copy tables and files whatever they hold: no domain model is needed.
    "operations": {
        "rendicion",
        "search",
        "opendata",
        "api",
        "home",
        "demo",
        "portal",
        "importer",
    },
    # Health checks probe the database, cache, storage and migrations, not the content.
    "health": {
        "rendicion",
        "search",
        "opendata",
        "api",
        "home",
        "demo",
        "portal",
        "importer",
        "operations",
    },
    # The public record listens to the domain's publications; nothing else.
    "registro": {"search", "opendata", "api", "home", "demo", "portal", "importer", "caching"},
    # The GOV.CO chrome reads the domain's pages and keeps its menus until the next change.
    "govco": {"search", "opendata", "api", "home", "demo", "portal", "importer", "registro"},
    # Surveys build on the domain (pages, scope, visibility) and participa's defences.
    "encuestas": {"search", "opendata", "api", "home", "demo", "portal", "importer"},
    # Registrations read the domain, the shared form defences (participa) and the two rules.
    "inscripciones": {"search", "opendata", "api", "home", "demo", "portal", "importer"},
}


# app -> modules of a forbidden package it may import all the same
ALLOWED = {
    # The public indicator spreadsheets are the import format (docs/open-data.md).
    "opendata": {"importer.export", "importer.columns"},
}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno


def imported_packages(path, allowed=frozenset()):
    for module, line in imported_modules(path):
        if module not in allowed:
            yield module.split(".")[0], line


def sources(app):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_apps_import_only_what_the_architecture_allows(app):
    broken = [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for path in sources(app)
        for package, line in imported_packages(path, ALLOWED.get(app, frozenset()))
        if package in FORBIDDEN[app]
    ]
    assert not broken, "\n".join(broken)


def test_nothing_but_the_settings_install_the_demo():
    importers = [
        f"{path.relative_to(ROOT)}:{line}"
        for app in APPS
        if app != "demo"
        for path in sources(app)
        for package, line in imported_packages(path)
        if package == "demo"
    ]
    assert not importers, importers
    from django.conf import settings

    assert "demo" in settings.INSTALLED_APPS  # the test settings install it


def test_production_settings_do_not_install_the_demo(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "rendicion.palmira.gov.co")
    monkeypatch.setenv("DATABASE_URL", os.environ.get("DATABASE_URL") or "sqlite:///unused")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://rendicion.palmira.gov.co")
    monkeypatch.delenv("ALLOW_DEMO_DATA", raising=False)
    sys.modules.pop("portal.settings.production", None)
    production = importlib.import_module("portal.settings.production")
    assert "demo" not in production.INSTALLED_APPS
    sys.modules.pop("portal.settings.production", None)
