"""The GOV.CO standards of the demo site (docs/govco.md): the footer's contact details, the
policy pages under the home page and the Transparency and Participate menus. Idempotent:
pages are matched by slug, menu items by (menu, number, title), the settings by site.

The phone lines, postal code and PQRSD address are illustrative values of the demo: each
entity writes its own in Configuración > Configuración del portal."""

import datetime

from demo.helpers import UNCHANGED, UPDATED, assign, upsert, upsert_page
from govco.models import LinkKind, PolicyKind, PolicyPage, StandardMenu, StandardMenuItem
from rendicion.models import (
    AccountabilityCycleIndexPage,
    IndicatorIndexPage,
    PortalSettings,
    PublicHearingPage,
)

MAIN_SITE = "https://www.palmira.gov.co/"

ON_MAIN_SITE = {
    "url": MAIN_SITE,
    "note": "Publicado en el sitio web principal de la Alcaldía de Palmira.",
}

FOOTER = {
    "postal_code": "763533",
    "opening_hours": "Lunes a viernes de 8:00 a. m. a 12:00 m. y de 2:00 p. m. a 6:00 p. m.",
    "phone": "(602) 270 9500",
    "toll_free_phone": "01 8000 000 000",
    "anticorruption_line": "01 8000 000 001",
    "judicial_notifications_email": "notificaciones.judiciales@palmira.gov.co",
    "pqrsd_url": "https://www.palmira.gov.co/pqrsd",
    "youtube": "https://www.youtube.com/@AlcaldiaPalmira",
}

POLICIES = [
    {
        "slug": "terminos-y-condiciones",
        "title": "Términos y condiciones de uso",
        "kind": PolicyKind.TERMS,
        "summary": "Las condiciones para usar este portal y reutilizar la información publicada.",
        "body": (
            "<h2>Alcance</h2><p>Estos términos rigen el uso del portal de Rendición de Cuentas "
            "de la Alcaldía de Palmira. Quien lo consulta los acepta.</p>"
            "<h2>Información publicada</h2><p>La Alcaldía publica información pública conforme "
            "a la Ley 1712 de 2014. Procura que sea exacta y esté al día; si encuentra un "
            "error, escríbanos por el canal de PQRSD.</p>"
            "<h2>Reutilización</h2><p>Los datos abiertos se publican con la licencia indicada "
            "en la sección Datos abiertos. Cite la fuente y la fecha de consulta.</p>"
            "<h2>Responsabilidad</h2><p>El portal enlaza a sitios de otras entidades; la "
            "Alcaldía no responde por su contenido.</p>"
        ),
    },
    {
        "slug": "politica-de-tratamiento-de-datos",
        "title": "Política de tratamiento de datos personales",
        "kind": PolicyKind.DATA_TREATMENT,
        "version": "1.0",
        "effective_date": datetime.date(2021, 9, 1),
        "summary": (
            "Cómo la Alcaldía de Palmira recoge, usa, guarda y protege los datos personales "
            "que usted entrega al participar, conforme a la Ley 1581 de 2012."
        ),
        "body": (
            "<h2>Responsable del tratamiento</h2><p>Alcaldía de Palmira, Calle 30 # 29-39, "
            "Centro Administrativo Municipal de Palmira (CAMP).</p>"
            "<h2>Finalidades</h2><ul><li>Registrar su participación en los espacios de "
            "diálogo y en la audiencia pública de rendición de cuentas.</li><li>Responder "
            "sus preguntas y propuestas y dar cuenta de los compromisos.</li><li>Elaborar "
            "estadísticas sin datos que lo identifiquen.</li></ul>"
            "<h2>Sus derechos</h2><p>Como titular puede conocer, actualizar, rectificar y "
            "suprimir sus datos, revocar la autorización y presentar quejas ante la "
            "Superintendencia de Industria y Comercio (artículo 8 de la Ley 1581 de 2012).</p>"
            "<h2>Cómo ejercerlos</h2><p>Por el canal de PQRSD de la Alcaldía o por el correo "
            "de contacto que aparece al pie de cada página.</p>"
            "<h2>Vigencia</h2><p>Esta versión rige desde la fecha indicada arriba. Cuando "
            "cambie, publicaremos la nueva versión con su fecha.</p>"
        ),
    },
    {
        "slug": "politica-de-derechos-de-autor",
        "title": "Política de derechos de autor",
        "kind": PolicyKind.COPYRIGHT,
        "summary": "Quién es autor de los contenidos del portal y cómo puede usarlos.",
        "body": (
            "<p>Los textos, informes y documentos de este portal son de la Alcaldía de Palmira "
            "o de sus autores, que se citan. Puede reproducirlos sin fines comerciales, citando "
            "la fuente. Los datos abiertos tienen su propia licencia, indicada en la sección "
            "Datos abiertos. Las fotografías y los videos de terceros conservan los derechos "
            "de sus autores (Ley 23 de 1982).</p>"
        ),
    },
    {
        "slug": "declaracion-de-accesibilidad",
        "title": "Declaración de accesibilidad",
        "kind": PolicyKind.ACCESSIBILITY,
        "effective_date": datetime.date(2021, 9, 1),
        "summary": (
            "El portal busca cumplir las pautas WCAG 2.1 nivel AA, como pide el Anexo 1 de la "
            "Resolución 1519 de 2020 del MinTIC."
        ),
        "body": (
            "<h2>Qué hacemos</h2><ul><li>Las páginas se pueden recorrer solo con el teclado y "
            "tienen un enlace para saltar al contenido.</li><li>El texto se puede ampliar al "
            "200 % y las páginas se leen en una pantalla de 320 píxeles sin desplazarse a los "
            "lados.</li><li>Los colores de los Objetivos de Desarrollo Sostenible se muestran "
            "con suficiente contraste.</li><li>La grabación de la audiencia pública tiene "
            "subtítulos o transcripción.</li></ul>"
            "<h2>Cómo lo comprobamos</h2><p>Con pruebas automáticas en cada cambio del "
            "portal y revisiones manuales.</p>"
            "<h2>¿Encontró una barrera?</h2><p>Cuéntenos por el canal de PQRSD o por el correo "
            "de contacto: le responderemos y corregiremos el problema.</p>"
        ),
    },
]


def _transparency(cycle, indicators):
    t = StandardMenu.TRANSPARENCY
    return [
        (t, "1", "Información de la entidad", ON_MAIN_SITE),
        (t, "2", "Normativa", ON_MAIN_SITE),
        (t, "3", "Contratación", {"url": "https://www.colombiacompra.gov.co/secop-ii"}),
        (t, "4", "Planeación, presupuesto e informes", ON_MAIN_SITE),
        (t, "4.3", "Plan de acción: indicadores del Plan de Desarrollo", {"page": indicators}),
        (t, "4.7", "Informes de gestión: rendición de cuentas", _listing(cycle, "informes/")),
        (t, "4.7", "Planes de mejoramiento", _listing(cycle, "planes-de-mejora/")),
        (t, "5", "Trámites", ON_MAIN_SITE),
        (t, "6", "Participa", {"portal_address": "govco_participation"}),
        (t, "7", "Datos abiertos", {"portal_address": "opendata_index"}),
        (t, "8", "Información específica para grupos de interés", ON_MAIN_SITE),
        (
            t,
            "9",
            "Obligación de reporte de información específica por parte de la entidad",
            ON_MAIN_SITE,
        ),
        (t, "10", "Información tributaria en entidades territoriales locales", ON_MAIN_SITE),
    ]


def _participation(cycle, hearing):
    p = StandardMenu.PARTICIPATION
    return [
        (p, "1", "Diagnóstico e identificación de problemas", ON_MAIN_SITE),
        (p, "2", "Planeación y presupuesto participativo", ON_MAIN_SITE),
        (p, "3", "Consulta ciudadana", ON_MAIN_SITE),
        (
            p,
            "4",
            "Colaboración e innovación abierta",
            {
                "link_kind": LinkKind.NOT_APPLICABLE,
                "note": (
                    "La Alcaldía no tiene abierto ningún reto de colaboración o innovación "
                    "abierta en esta vigencia. Cuando abra uno, lo publicará aquí."
                ),
            },
        ),
        (p, "5", "Rendición de cuentas", {"page": cycle}),
        (p, "5.1", "Encuentros de diálogo participativo", _listing(cycle, "encuentros/")),
        (p, "5.2", "Audiencia pública", {"page": hearing}),
        (p, "6", "Control ciudadano", _listing(cycle, "planes-de-mejora/")),
    ]


def _listing(page, listing):
    return {"page": page, "page_listing": listing}


def _link(target):
    values = {
        "link_kind": LinkKind.EXTERNAL,
        "page": None,
        "page_listing": "",
        "portal_address": "",
        "url": "",
        "note": "",
    }
    if "page" in target:
        values["link_kind"] = LinkKind.PAGE
    elif "portal_address" in target:
        values["link_kind"] = LinkKind.PORTAL
    values.update(target)
    return values


def load_govco(site, home, stats):
    settings = PortalSettings.for_site(site)
    if assign(settings, **FOOTER):
        settings.save()
        stats.record("Pie de página GOV.CO", UPDATED)
    else:
        stats.record("Pie de página GOV.CO", UNCHANGED)
    for spec in POLICIES:
        values = dict(spec)
        upsert_page(stats, home, PolicyPage, values.pop("slug"), **values)
    cycle = AccountabilityCycleIndexPage.objects.child_of(home).live().order_by("-year").first()
    hearing = PublicHearingPage.objects.descendant_of(cycle).live().first() if cycle else None
    indicators = IndicatorIndexPage.objects.child_of(home).live().first()
    rows = _transparency(cycle, indicators) + _participation(cycle, hearing)
    for position, (menu, number, title, target) in enumerate(rows):
        upsert(
            stats,
            "Menús de transparencia y Participa",
            StandardMenuItem,
            {"menu": menu, "number": number, "title": title},
            {**_link(target), "sort_order": position},
        )
