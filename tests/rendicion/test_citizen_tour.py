"""The demo site as a citizen finds it: in Spanish, and navigable on a phone."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page

from rendicion.models import Indicator

# Words that only English uses: one of them on a public page means a string of ours escaped
# translation (content is Spanish; Wagtail's own admin is not checked here).
ENGLISH_ONLY_WORDS = {
    "the",
    "and",
    "with",
    "from",
    "this",
    "that",
    "your",
    "which",
    "for",
    "are",
    "all",
    "none",
    "home",
    "search",
    "indicator",
    "indicators",
    "baseline",
    "target",
    "targets",
    "progress",
    "measurement",
    "measurements",
    "goal",
    "goals",
    "department",
    "departments",
    "report",
    "reports",
    "filter",
    "filters",
    "previous",
    "next",
    "page",
    "results",
    "commitment",
    "commitments",
    "schedule",
    "unit",
    "kind",
    "yes",
    "show",
    "see",
    "more",
    "read",
}


def visible_words(html):
    soup = BeautifulSoup(html, "html.parser")
    # <pre> and <code> are program text (the pandas and R recipes on /datos/), not the UI.
    for hidden in soup(["script", "style", "template", "noscript", "pre", "code"]):
        hidden.decompose()
    text = " ".join(
        [
            soup.get_text(" "),
            *[
                tag.get(attribute, "")
                for attribute in ("aria-label", "title", "placeholder", "alt")
                for tag in soup.find_all(attrs={attribute: True})
            ],
        ]
    )
    return {word.lower() for word in re.findall(r"[A-Za-z]+", text)}


class PublicPagesAreInSpanishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_data", verbosity=0)

    def public_urls(self):
        urls = [page.url for page in Page.objects.live().public().filter(depth__gte=2).specific()]
        return [
            *urls,
            "/indicadores/?ods=4",
            "/indicadores/220100900/",
            "/ods/4/",
            "/indicadores/?pagina=99",
            "/indicadores/?ods=99",
            "/buscar/?q=educación",
            "/no-existe/",
            "/documentos/",
            "/documentos/?tipo=zzz&orden=x",
            "/datos/",
        ]

    def test_no_english_words_of_ours_on_public_pages(self):
        urls = self.public_urls()
        self.assertGreater(len(urls), 20)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (200, 404))
                self.assertEqual(response.headers["Content-Language"], "es-co")
                leaked = visible_words(response.content.decode()) & ENGLISH_ONLY_WORDS
                self.assertFalse(leaked, f"English on {url}: {sorted(leaked)}")

    def test_the_check_catches_english(self):
        # Guard the guard: the same check flags an untranslated page.
        self.assertIn("indicators", visible_words("<p>All indicators</p>") & ENGLISH_ONLY_WORDS)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_citizen_follows_the_2021_cycle_on_a_phone(live_server, browser_page):
    call_command("load_demo_data", verbosity=0)
    page = browser_page

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang").lower().startswith("es")
    page.locator("main a[href$='/rendicion-de-cuentas-2021/']").first.click()
    assert page.locator("h1").inner_text() == "Rendición de Cuentas 2021"
    assert page.get_by_text("Gobierno al campo – Corregimiento de Rozo").first.is_visible()

    page.get_by_role(
        "link", name="Encuentro de diálogo participativo de la Secretaría de Educación"
    ).first.click()
    assert "Encuentro de diálogo participativo" in page.locator("h1").inner_text()
    assert page.locator("main").get_by_text("Secretaría de Educación").first.is_visible()

    page.goto(live_server.url + "/indicadores/")
    page.select_option("select[name=ods]", "4")
    page.locator("form.filters button[type=submit]").click()
    assert "ods=4" in page.url
    cards = page.locator("main .card-list > li")
    linked_to_goal_4 = Indicator.objects.public().filter(sdg_targets__goal__number=4).distinct()
    assert cards.count() == linked_to_goal_4.count() >= 4
    assert page.get_by_text("Tasa de mortalidad infantil").count() == 0  # a Salud indicator

    page.get_by_role("link", name=re.compile("Docentes beneficiados")).first.click()
    assert page.url.endswith("/indicadores/220100900/")
    main_text = page.locator("main").inner_text()
    assert "61,5" in main_text
    assert "400" in main_text and "1.050" in main_text
    progress = page.locator("[role=progressbar]").first
    assert progress.get_attribute("aria-valuenow") in {"61.5", "61,5"}

    page.goto(live_server.url + "/ods/")
    page.locator("main a[href$='/ods/4/']").first.click()
    assert "Educación de Calidad" in page.locator("h1").inner_text()
    main_text = page.locator("main").inner_text()
    for code in ("4.1", "4.7", "4.a", "4.c"):
        assert code in main_text
    # Mobile: nothing forces sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
