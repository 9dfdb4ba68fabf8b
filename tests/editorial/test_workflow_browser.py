"""The submit-and-approve path as people do it, in Debian's Chromium through Wagtail's admin."""

import re
import types
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from tests.factories import EncounterFactory
from tests.workflow_helpers import PASSWORD, build_roles

OLD_SUMMARY = "Diálogo con los rectores de las sedes rurales."
NEW_SUMMARY = "Diálogo con los rectores y las juntas de padres de las sedes rurales."
TITLE = "Encuentro con rectores rurales"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    roles = types.SimpleNamespace()
    build_roles(roles)
    roles.encounter = EncounterFactory(
        parent=roles.section_educacion,
        title=TITLE,
        slug="encuentro-con-rectores-rurales",
        department=roles.educacion,
        summary=OLD_SUMMARY,
    )
    return roles


@pytest.fixture
def open_as(chromium_browser, live_server, tmp_path):
    """``open_as(username)``: a logged-in admin tab for that user (``None``: anonymous)."""
    contexts = []

    def open_as(username):
        context = chromium_browser.new_context(
            locale="es-CO", viewport={"width": 1366, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            page.goto(f"{live_server.url}/admin/login/")
            page.locator("input[name=username]").fill(username)
            page.locator("input[name=password]").fill(PASSWORD)
            page.get_by_role("button", name="Iniciar sesión").click()
            page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield open_as
    for context in contexts:
        context.close()


@contextmanager
def step(page, name, tmp_path):
    """Keeps a screenshot of the page if the step fails, to see what the person saw."""
    try:
        yield
    except Exception:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"Screenshot of the failed step: {path}")
        raise


def choose_action(page, label):
    """Open the editor's "More actions" menu, choose ``label`` and wait to leave the editor."""
    page.get_by_role("button", name="Más acciones").click()
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_url(lambda url: not url.endswith("/edit/"))


def test_submit_review_approve_publish(site, open_as, live_server, tmp_path):
    public_url = f"{live_server.url}{site.encounter.url}"

    # The Educación editor finds the encounter in the explorer, edits and submits it.
    editor = open_as("editor.educacion")
    with step(editor, "1-submit", tmp_path):
        editor.goto(f"{live_server.url}/admin/pages/{site.section_educacion.pk}/")
        editor.get_by_role("link", name=TITLE).first.click()
        editor.locator("textarea[name=summary]").fill(NEW_SUMMARY)
        choose_action(editor, re.compile(r"^Enviar a "))
        expect(editor.get_by_text("ha sido enviada para moderación")).to_be_visible()

    visitor = open_as(None)
    visitor.goto(public_url)
    expect(visitor.get_by_text(OLD_SUMMARY)).to_be_visible()
    expect(visitor.get_by_text(NEW_SUMMARY)).to_have_count(0)

    # The Educación reviewer finds it awaiting review on the dashboard and approves it.
    reviewer = open_as("revisor.educacion")
    with step(reviewer, "2-review", tmp_path):
        reviewer.get_by_role("link", name=TITLE).first.click()
        expect(reviewer.locator("textarea[name=summary]")).to_have_value(NEW_SUMMARY)
        choose_action(reviewer, "Aprobar")
        expect(reviewer.get_by_text(f"Página '{TITLE}' ha sido actualizada")).to_be_visible()

    visitor.reload()
    expect(visitor.get_by_text(OLD_SUMMARY)).to_be_visible()

    # Participación Comunitaria gives the final approval, which publishes it.
    approver = open_as("aprobador.participacion")
    with step(approver, "3-approve", tmp_path):
        approver.get_by_role("link", name=TITLE).first.click()
        # Wagtail drops "and Publish" from the label when a step approves one revision
        # (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT): an approval publishes only what
        # every step approved.
        choose_action(approver, "Aprobar")
        expect(approver.get_by_text(re.compile(f"'{TITLE}' ha sido"))).to_be_visible()

    with step(visitor, "4-public", tmp_path):
        visitor.reload()
        expect(visitor.get_by_text(NEW_SUMMARY)).to_be_visible()

    site.encounter.refresh_from_db()
    assert site.encounter.live
    assert site.encounter.summary == NEW_SUMMARY


def test_the_queue_approves_and_requests_changes_with_visible_buttons(
    site, open_as, live_server, tmp_path
):
    """The reviewer's queue on the dashboard (docs/editorial-state.md): a visible "Aprobar",
    a visible "Solicitar cambios" with Wagtail's comment modal, a confirmation each time."""
    site.encounter.save_revision(user=site.editor_educacion)
    site.encounter.get_workflow().start(site.encounter, site.editor_educacion)
    site.indicator.save_revision(user=site.editor_educacion)
    site.indicator.get_workflow().start(site.indicator, site.editor_educacion)

    reviewer = open_as("revisor.educacion")
    with step(reviewer, "queue", tmp_path):
        queue = reviewer.locator("#awaiting-review-content, [id^=awaiting-review]").first
        expect(queue.get_by_text("Paso 1 de 2: Revisión de la dependencia").first).to_be_visible()
        row = reviewer.locator("tr", has_text=TITLE)
        expect(row.get_by_text("Página", exact=True)).to_be_visible()
        reviewer.screenshot(path=str(tmp_path / "queue-before.png"), full_page=True)
        row.get_by_role("button", name="Aprobar", exact=True).click()
        expect(reviewer.get_by_text("pasa al siguiente paso")).to_be_visible()

        row = reviewer.locator("tr", has_text=site.indicator.name)
        row.get_by_role("button", name="Solicitar cambios").click()
        reviewer.locator(".modal textarea[name=comment]").fill("Falta la fuente del dato.")
        reviewer.locator(".modal").get_by_role("button", name="Solicitar cambios").click()
        expect(reviewer.get_by_text("su autor recibe su comentario")).to_be_visible()

    editor = open_as("editor.educacion")
    with step(editor, "banner", tmp_path):
        editor.goto(
            f"{live_server.url}/admin/snippets/rendicion/indicator/edit/{site.indicator.pk}/"
        )
        expect(editor.locator("[data-rejection-banner]")).to_contain_text(
            "Falta la fuente del dato."
        )
        reviewer.screenshot(path=str(tmp_path / "queue.png"), full_page=True)


def test_a_new_encounter_gets_an_address_without_accents(site, open_as, live_server):
    editor = open_as("editor.educacion")
    editor.goto(
        f"{live_server.url}/admin/pages/add/rendicion/dialogueencounterpage/"
        f"{site.section_educacion.pk}/"
    )
    title = editor.locator("input[name=title]")
    title.press_sequentially("Encuentro de diálogo de Educación · Comuna 2")
    title.blur()
    # Wagtail fills the address from the title as the editor types (WAGTAIL_ALLOW_UNICODE_SLUGS).
    expect(editor.locator("input[name=slug]")).to_have_value(
        "encuentro-de-dialogo-de-educacion-comuna-2"
    )
    # An address typed by hand loses its accents too, when the editor leaves the field.
    editor.get_by_role("tab", name="Promocionar").click()
    slug = editor.locator("input[name=slug]")
    slug.fill("Señales públicas")
    slug.blur()
    expect(slug).to_have_value("senales-publicas")
