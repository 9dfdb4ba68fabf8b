"""The GOV.CO standards of Res. MinTIC 1519 de 2020, Anexo 2 (docs/govco.md): the top bar,
the footer from the portal settings, the policy pages, the two menus, the site map,
robots.txt, Open Graph and the print stylesheet."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from govco.models import LinkKind, PolicyKind, PolicyPage, StandardMenu, StandardMenuItem
from rendicion.models import PortalSettings
from tests.factories import CycleFactory, DepartmentFactory, ReportFactory, home_page

pytestmark = pytest.mark.django_db
ROOT = django_settings.BASE_DIR


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def bar(html):
    match = re.search(r'<div class="govco-bar">(.*?)</div>\s*</div>', html, re.S)
    assert match, "no GOV.CO bar"
    return match.group(1)


def add_policy(kind=PolicyKind.DATA_TREATMENT, slug="politica-de-tratamiento-de-datos", **kw):
    values = {
        "title": "Política de tratamiento de datos personales",
        "kind": kind,
        "body": "<p>Texto.</p>",
        "version": "1.0",
        "effective_date": datetime.date(2021, 9, 1),
        **kw,
    }
    page = PolicyPage(slug=slug, **values)
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def add_item(**values):
    defaults = {"menu": StandardMenu.TRANSPARENCY, "number": "1", "title": "Información"}
    return StandardMenuItem.objects.create(**{**defaults, **values})


@pytest.fixture
def site_pages():
    cycle = CycleFactory(parent=home_page(), slug="rendicion-de-cuentas-2021", year=2021)
    report = ReportFactory(parent=cycle, title="Informe de gestión 2021")
    return cycle, report


# --- The top bar ---------------------------------------------------------------------------


def test_the_govco_bar_tops_every_page_type_with_its_link_and_nothing_else(client, site_pages):
    cycle, report = site_pages
    policy = add_policy()
    for url in [
        "/",
        cycle.url,
        report.url,
        policy.url,
        "/transparencia/",
        "/mapa-del-sitio/",
        "/buscar/?q=informe",
        "/datos/",
        "/documentos/",
    ]:
        html = get(client, url)
        body = html[html.index("<body") :]
        # First after the skip link: nothing of the page comes before it.
        assert body.index('class="govco-bar"') < body.index('class="site-header"'), url
        inside = bar(html)
        assert re.findall(r'href="([^"]+)"', inside) == ["https://www.gov.co/"], url
        assert "<form" not in inside and "<img" not in inside and "<button" not in inside
        assert "GOV.CO" in re.sub(r"<[^>]+>", " ", inside)  # the link's accessible name


def test_the_bar_is_the_annex_colour(client):
    css = (ROOT / "static/css/portal.css").read_text()
    assert re.search(r"\.govco-bar \{ background: #3366cc;", css)


# --- The footer ----------------------------------------------------------------------------


def test_footer_shows_the_settings_escaped(client):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.opening_hours = "Lunes a viernes <b>8 a 12</b>"
    settings.toll_free_phone = "01 8000 123 456"
    settings.anticorruption_line = "01 8000 999 000"
    settings.judicial_notifications_email = "notificaciones.judiciales.muy.largas@palmira.gov.co"
    settings.pqrsd_url = "https://pqrsd.palmira.gov.co/radicar"
    settings.address = "Calle 30 # 29-39"
    settings.postal_code = "763533"
    settings.youtube = "https://www.youtube.com/@AlcaldiaPalmira"
    settings.save()
    html = get(client, "/")
    footer = html[html.index("<footer") :]
    assert "Lunes a viernes &lt;b&gt;8 a 12&lt;/b&gt;" in footer
    assert "<b>8 a 12</b>" not in footer
    assert "01 8000 123 456" in footer and "01 8000 999 000" in footer and "763533" in footer
    assert 'href="mailto:notificaciones.judiciales.muy.largas@palmira.gov.co"' in footer
    assert 'href="https://pqrsd.palmira.gov.co/radicar"' in footer
    assert 'href="https://www.youtube.com/@AlcaldiaPalmira"' in footer
    assert 'href="/mapa-del-sitio/"' in footer


def test_footer_links_the_public_policy_pages_only(client):
    policy = add_policy()
    draft = add_policy(kind=PolicyKind.TERMS, slug="terminos", title="Términos de uso")
    draft.unpublish()
    footer = get(client, "/").split("<footer", 1)[1]
    assert f'href="{policy.url}"' in footer
    assert "Términos de uso" not in footer


# --- Policy pages --------------------------------------------------------------------------


def test_data_treatment_policy_is_the_live_public_one_with_its_version(client):
    assert PolicyPage.objects.data_treatment_policy() is None
    old = add_policy(version="1.0", effective_date=datetime.date(2021, 1, 1))
    new = add_policy(slug="politica-2", version="2.0", effective_date=datetime.date(2022, 1, 1))
    assert PolicyPage.objects.data_treatment_policy().pk == new.pk
    assert PolicyPage.objects.data_treatment_policy().version == "2.0"
    PageViewRestriction.objects.create(page=new, restriction_type="login")
    assert PolicyPage.objects.data_treatment_policy().pk == old.pk
    old.unpublish()
    assert PolicyPage.objects.data_treatment_policy() is None


def test_a_policy_page_shows_its_version_and_date(client):
    policy = add_policy(version="3.1")
    html = get(client, policy.url)
    assert "3.1" in html and 'datetime="2021-09-01"' in html


def test_the_data_treatment_policy_needs_a_version_and_a_date():
    from django.core.exceptions import ValidationError

    page = PolicyPage(title="P", slug="p", kind=PolicyKind.DATA_TREATMENT, body="<p>x</p>")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert {"version", "effective_date"} <= set(error.value.message_dict)


# --- The menus -----------------------------------------------------------------------------


def test_menu_items_edited_in_the_snippet_appear_in_the_footer_and_menu_page(client, site_pages):
    cycle, _report = site_pages
    item = add_item(
        number="4",
        title="Planeación, presupuesto e informes",
        link_kind=LinkKind.EXTERNAL,
        url="https://www.palmira.gov.co/planeacion",
    )
    add_item(
        number="4.7",
        title="Informes de gestión",
        link_kind=LinkKind.PAGE,
        page=cycle,
        page_listing="informes/",
    )
    add_item(
        menu=StandardMenu.PARTICIPATION,
        number="5",
        title="Rendición de cuentas",
        link_kind=LinkKind.PAGE,
        page=cycle,
    )
    add_item(
        number="7",
        title="Datos abiertos",
        link_kind=LinkKind.PORTAL,
        portal_address="opendata_index",
    )
    footer = get(client, "/").split("<footer", 1)[1]
    assert 'href="https://www.palmira.gov.co/planeacion"' in footer
    assert 'href="/datos/"' in footer
    assert f'href="{cycle.url}"' in footer
    page = get(client, "/transparencia/")
    assert f'href="{cycle.url}informes/"' in page  # 4.7 nested under 4
    assert page.index(">4</span>") < page.index(">4.7</span>")
    item.title = "Planeación & presupuesto <script>"
    item.save()
    footer = get(client, "/").split("<footer", 1)[1]
    assert "Planeación &amp; presupuesto &lt;script&gt;" in footer


def test_an_item_that_does_not_apply_links_to_its_reason(client):
    item = add_item(
        menu=StandardMenu.PARTICIPATION,
        number="4",
        title="Colaboración e innovación abierta",
        link_kind=LinkKind.NOT_APPLICABLE,
        note="No hay retos abiertos esta vigencia.",
    )
    footer = get(client, "/").split("<footer", 1)[1]
    assert f'href="/participa/#participation-{item.pk}"' in footer
    page = get(client, "/participa/")
    assert f'id="participation-{item.pk}"' in page
    assert "No hay retos abiertos esta vigencia." in page
    assert "No aplica" in page


def test_a_menu_item_never_links_to_a_page_the_public_may_not_see(client, site_pages):
    cycle, report = site_pages
    report.unpublish()
    item = add_item(number="4.7", title="Informe", link_kind=LinkKind.PAGE, page=report)
    page = get(client, "/transparencia/")
    assert report.url_path not in page and f'href="/transparencia/#transparency-{item.pk}"' in page


def test_an_item_needs_its_target():
    from django.core.exceptions import ValidationError

    for kind, field in [
        (LinkKind.PAGE, "page"),
        (LinkKind.EXTERNAL, "url"),
        (LinkKind.PORTAL, "portal_address"),
        (LinkKind.NOT_APPLICABLE, "note"),
    ]:
        item = StandardMenuItem(
            menu=StandardMenu.TRANSPARENCY, number="1", title="x", link_kind=kind
        )
        with pytest.raises(ValidationError) as error:
            item.clean()
        assert field in error.value.message_dict


def test_menus_cost_the_same_queries_for_many_items(client, site_pages):
    cycle, _ = site_pages
    add_item(link_kind=LinkKind.PAGE, page=cycle)

    def count():
        get(client, "/transparencia/")
        with CaptureQueriesContext(connection) as ctx:
            get(client, "/transparencia/")
        return len(ctx)

    few = count()
    for n in range(2, 22):
        add_item(number=str(n), title=f"Item {n}", link_kind=LinkKind.PAGE, page=cycle)
    assert count() == few


# --- Site map, robots.txt, Open Graph, print -----------------------------------------------


def test_site_map_lists_public_pages_never_drafts_or_private_ones(client, site_pages):
    cycle, report = site_pages
    draft = ReportFactory(parent=cycle, title="Borrador secreto")
    draft.unpublish()
    private = ReportFactory(parent=cycle, title="Informe privado")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = get(client, "/mapa-del-sitio/")
    assert f'href="{cycle.url}"' in html and f'href="{report.url}"' in html
    assert "Borrador secreto" not in html and "Informe privado" not in html


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /buscar/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_open_graph_tags(client, site_pages):
    _cycle, report = site_pages
    report.search_description = "Resumen del informe"
    report.save_revision().publish()
    html = get(client, report.url)
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', html))
    assert meta["og:title"] == report.title
    assert meta["og:description"] == "Resumen del informe"
    assert meta["og:url"] == f"http://testserver{report.url}"
    assert meta["og:type"] == "website"
    assert meta["og:locale"] == "es_CO"
    assert meta["og:site_name"]


def test_print_stylesheet_is_linked_for_print_and_hides_the_chrome(client):
    html = get(client, "/")
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/print\.css" media="print">', html)
    css = (ROOT / "static/css/print.css").read_text()
    assert ".govco-bar" in css and ".site-footer" in css and ".main-nav" in css
    assert 'content: " (" attr(href) ")"' in css and "break-inside: avoid" in css


# --- The admin -----------------------------------------------------------------------------


def test_portal_administrators_manage_the_menus_in_the_admin(client):
    from django.contrib.auth.models import Group, User

    from rendicion.editorial.roles import ADMINISTRATORS_GROUP, setup_roles

    DepartmentFactory(name="Participación Comunitaria", slug="participacion-comunitaria")
    setup_roles()
    admin = User.objects.create_user("admin-portal", password="x")
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS_GROUP))
    client.force_login(admin)
    add_item(title="Información de la entidad", url="https://www.palmira.gov.co/")
    listing = client.get("/admin/snippets/govco/standardmenuitem/")
    assert listing.status_code == 200
    assert "Información de la entidad" in listing.content.decode()
    response = client.post(
        "/admin/snippets/govco/standardmenuitem/add/",
        {
            "menu": StandardMenu.TRANSPARENCY,
            "number": "8",
            "title": "Grupos de interés",
            "link_kind": LinkKind.NOT_APPLICABLE,
            "note": "",
        },
    )
    assert response.status_code == 200  # the form again, with its Spanish error
    assert "Explique por qué no aplica" in response.content.decode()
    assert 'value="Grupos de interés"' in response.content.decode()  # nothing lost
    assert client.get("/admin/settings/rendicion/portalsettings/").status_code in (200, 302)
