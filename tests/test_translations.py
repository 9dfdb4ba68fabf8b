"""Spanish first: every string of ours is translated in the committed Spanish catalog."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.pofile import read_po

CATALOG = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
SOURCE_DIRS = [
    "portal",
    "home",
    "rendicion",
    "search",
    "templates",
    "health",
    "api",
    "participa",
    "govco",
    "encuestas",
    "inscripciones",
]


@pytest.fixture(scope="module")
def extracted_entries(tmp_path_factory, monkeypatch_module):
    """The msgids makemessages finds in our sources now, extracted in a scratch copy."""
    workdir = tmp_path_factory.mktemp("messages")
    for name in SOURCE_DIRS:
        shutil.copytree(
            settings.BASE_DIR / name,
            workdir / name,
            ignore=shutil.ignore_patterns("__pycache__", "locale"),
        )
    (workdir / "locale").mkdir()
    monkeypatch_module.chdir(workdir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "LOCALE_PATHS", [workdir / "locale"])
        call_command("makemessages", locale=["es"], verbosity=0, no_obsolete=True)
    return read_po(workdir / "locale" / "es" / "LC_MESSAGES" / "django.po")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_catalog_translates_every_string_of_ours(extracted_entries):
    committed = {(e.msgctxt, e.msgid): e for e in read_po(CATALOG)}
    missing = [
        entry.msgid
        for entry in extracted_entries
        if not (
            committed.get((entry.msgctxt, entry.msgid))
            and committed[(entry.msgctxt, entry.msgid)].translated
        )
    ]
    assert not missing, (
        "Strings without a Spanish translation (run `make messages`, translate, run it again):\n"
        + "\n".join(sorted(missing))
    )


def test_model_labels_read_in_spanish_at_run_time():
    from django.utils import translation

    from rendicion.models import DialogueEncounterPage, Indicator, StakeholderGroup

    with translation.override("es-co"):
        assert str(Indicator._meta.verbose_name_plural) == "indicadores"
        assert str(DialogueEncounterPage._meta.verbose_name) == "encuentro de diálogo participativo"
        assert str(StakeholderGroup._meta.verbose_name) == "grupo de interés"
