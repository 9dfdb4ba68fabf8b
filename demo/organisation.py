"""The entity: portal settings, home page text and the departments (dependencias)."""

PORTAL_SETTINGS = {
    "entity_name": "Alcaldía de Palmira",
    "office_name": "Secretaría de Participación Comunitaria",
    "address": "Calle 30 # 29-39, Centro Administrativo Municipal de Palmira (CAMP)",
    "email": "participacion.comunitaria@palmira.gov.co",
    # The accounts the strategy document closes with.
    "facebook": "https://www.facebook.com/AlcaldiaDePalmira",
    "x_twitter": "https://x.com/AlcaldiaPalmira",
    "instagram": "https://www.instagram.com/AlcaldiaPalmira",
}

HOME_PAGE = {
    "title": "Rendición de Cuentas de la Alcaldía de Palmira",
    "search_description": (
        "Informes, indicadores del Plan de Desarrollo, encuentros de diálogo participativo y "
        "compromisos de la Alcaldía de Palmira con la ciudadanía."
    ),
    "intro": (
        "<p>La Alcaldía de Palmira <b>informa, explica y da a conocer los resultados de su "
        "gestión</b> a la ciudadanía, la sociedad civil, otras entidades públicas y los "
        "organismos de control, a partir de la promoción del diálogo (Ley 1757 de 2015, "
        "artículos 48 a 57).</p>"
    ),
    "body": [
        ("heading", {"text": "¿Quiénes participan?", "level": "h2"}),
        (
            "paragraph",
            "<p>Todos los sujetos de derecho, especialmente quienes históricamente han sido "
            "excluidos. La participación es amplia y para todos los sectores, con los "
            "representantes de las organizaciones que los aglutinan.</p>",
        ),
        ("heading", {"text": "¿Sobre qué rendimos cuentas?", "level": "h2"}),
        (
            "paragraph",
            "<ul><li>Cómo la gestión pública mejoró, respetó, protegió y garantizó los derechos "
            "humanos en las condiciones de vida de las comunidades, especialmente de los sectores "
            "más vulnerables.</li><li>Las condiciones de cantidad, calidad y pertinencia de los "
            "bienes y servicios mediante los cuales se garantizan los derechos.</li></ul>",
        ),
        (
            "callout",
            {
                "title": "Participe",
                "text": "<p>Consulte el cronograma de la rendición de cuentas 2021 y asista a los "
                "encuentros de diálogo participativo de su comuna o corregimiento.</p>",
            },
        ),
    ],
}

# (slug, name, acronym, e-mail). Slugs are the natural key and appear in addresses.
DEPARTMENTS = [
    ("educacion", "Secretaría de Educación", "SEM", "educacion@palmira.gov.co"),
    ("salud", "Secretaría de Salud", "SSM", "salud@palmira.gov.co"),
    (
        "participacion-comunitaria",
        "Secretaría de Participación Comunitaria",
        "SPC",
        "participacion.comunitaria@palmira.gov.co",
    ),
    (
        "desarrollo-economico",
        "Secretaría de Desarrollo Económico",
        "SDE",
        "desarrollo.economico@palmira.gov.co",
    ),
    ("infraestructura", "Secretaría de Infraestructura", "SI", "infraestructura@palmira.gov.co"),
    (
        "integracion-social",
        "Secretaría de Integración Social",
        "SIS",
        "integracion.social@palmira.gov.co",
    ),
    ("ambiente", "Secretaría de Ambiente", "SA", "ambiente@palmira.gov.co"),
    ("planeacion", "Departamento Administrativo de Planeación", "DAP", "planeacion@palmira.gov.co"),
]

# The other names planning offices write in their matrices (Department.aliases), by slug:
# the indicator import recognises them. Added to what an administrator wrote, never removed.
DEPARTMENT_ALIASES = {
    "educacion": [
        "Secretaría de Educación Municipal",
        "Secretaría Municipal de Educación",
        "Sec. de Educación",
    ],
    "salud": ["Secretaría de Salud Municipal", "Secretaría Municipal de Salud", "Sec. de Salud"],
    "participacion-comunitaria": [
        "Secretaría de Participación Comunitaria Municipal",
        "Sec. de Participación Comunitaria",
        "Participación Comunitaria",
    ],
    "desarrollo-economico": [
        "Secretaría de Desarrollo Económico Municipal",
        "Sec. de Desarrollo Económico",
    ],
    "infraestructura": [
        "Secretaría de Infraestructura, Renovación Urbana y Vivienda",
        "Secretaría de Infraestructura Municipal",
        "Sec. de Infraestructura",
    ],
    "integracion-social": [
        "Secretaría de Integración Social Municipal",
        "Sec. de Integración Social",
    ],
    "ambiente": [
        "Secretaría de Ambiente Municipal",
        "Secretaría de Medio Ambiente",
        "Sec. de Ambiente",
    ],
    "planeacion": [
        "Departamento Administrativo de Planeación Municipal",
        "Planeación Municipal",
        "DAPM",
    ],
}
