"""The admin in Spanish: every Wagtail string has Spanish, from Wagtail's catalog or from the
portal's (locale_overrides/, docs/admin-spanish.md), and the screens each role works on show
no English sentence of Wagtail's."""

import re
import types
from html import unescape
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from tests.factories import EncounterFactory
from tests.pofile import read_po
from tests.workflow_helpers import build_roles

# Words that read the same in Spanish (Wagtail's catalog leaves them empty or identical).
SAME_IN_SPANISH = {"URL", "ID", "Alias", "Error", "Error 404", "No", "Token", "Roles"}


def wagtail_english_entries():
    """Every msgid of the installed Wagtail apps, from their English catalogs."""
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        catalog = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if catalog.exists():
            for entry in read_po(catalog):
                yield config.name, entry


def spanish_keys(entry):
    msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    return [(msgid, 0), (msgid, 1)] if entry.msgid_plural else [msgid]


def test_every_wagtail_string_has_spanish():
    catalog = trans_real.translation("es")._catalog
    untranslated = sorted(
        {
            f"{app}: {entry.msgid!r}"
            for app, entry in wagtail_english_entries()
            if any(key not in catalog for key in spanish_keys(entry))
        }
    )
    assert not untranslated, (
        "Wagtail strings without Spanish (add them to locale_overrides/es/LC_MESSAGES/django.po, "
        "then `make messages`):\n" + "\n".join(untranslated)
    )


def test_the_corrections_replace_wagtails_misspellings():
    with translation.override("es"):
        assert translation.gettext("Compare with live version") == (
            "Comparar con la versión publicada"
        )
        assert translation.gettext("Once live anyone can view") == (
            "Una vez publicada, cualquiera puede verla"
        )
        assert "coincidencia" in translation.ngettext(
            "There is %(counter)s match", "There are %(counter)s matches", 1
        )


# --- The screens --------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>")


def english_sentences():
    """Wagtail's English strings of two words or more, without placeholders or markup, that
    differ from their Spanish: what must not show on a Spanish screen."""
    sentences = set()
    with translation.override("es"):
        for _app, entry in wagtail_english_entries():
            if entry.msgctxt is not None or entry.msgid_plural:
                continue
            if translation.gettext(entry.msgid) == entry.msgid:
                continue  # the same in Spanish ("URL", "ID")
            for part in PLACEHOLDER.split(entry.msgid):
                part = part.strip(" .:…'\"")
                if len(part.split()) >= 2:
                    sentences.add(part)
    return sentences


def visible_text(html):
    html = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", html)
    attributes = " ".join(re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]+>", " ", html) + " " + attributes)


@pytest.fixture(scope="module")
def english():
    return english_sentences()


def screens(site):
    section = site.section_educacion
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[section.pk]),
        "new encounter": reverse(
            "wagtailadmin_pages:add", args=("rendicion", "dialogueencounterpage", section.pk)
        ),
        "encounter editor": reverse("wagtailadmin_pages:edit", args=[site.encounter.pk]),
        "indicators": reverse("wagtailsnippets_rendicion_indicator:list"),
        "indicator editor": reverse(
            "wagtailsnippets_rendicion_indicator:edit", args=[site.indicator.pk]
        ),
        "documents": reverse("wagtaildocs:index"),
        "new document": reverse("wagtaildocs:add_multiple"),
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "search": reverse("wagtailadmin_pages:search") + "?q=rectores",
    }


# Participación's approvers approve what reaches them; they do not write indicators or documents.
NOT_FOR_APPROVERS = {"new encounter", "indicator editor", "new document"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username", ["editor.educacion", "revisor.educacion", "aprobador.participacion"]
)
def test_the_screens_of_each_role_show_no_english(client, english, username):
    site = types.SimpleNamespace()
    build_roles(site)
    site.encounter = EncounterFactory(
        parent=site.section_educacion,
        title="Encuentro con rectores rurales",
        department=site.educacion,
    )
    client.force_login(get_user_model().objects.get(username=username))
    found = {}
    for name, url in screens(site).items():
        if username.startswith("aprobador") and name in NOT_FOR_APPROVERS:
            continue
        response = client.get(url, follow=True)
        assert response.status_code == 200, (name, url, response.redirect_chain)
        text = visible_text(response.content.decode())
        shown = sorted(s for s in english if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text))
        if shown:
            found[name] = shown
    assert not found, found
