"""The 2021 accountability cycle: its pages, schedule, encounters, reports and commitments.

Texts in quotation from the strategy document (objective, phases, "¿Qué es?", the rights-based
approach) follow it closely; the rest is plausible demo content for Palmira.

References are by natural key and resolved by the loader: departments and population groups
by slug, stakeholder groups by name, indicators by code (or slug when they have none),
documents by the ``key`` in ``documents.py`` and pages by their path under the cycle.
Dates and times are local (America/Bogota).
"""

INDEX_PAGES = {
    "indicators": {
        "slug": "indicadores",
        "title": "Indicadores del Plan de Desarrollo",
        "show_in_menus": True,
        "intro": "<p>Indicadores de resultado y de producto del Plan de Desarrollo Municipal "
        "2020-2023, con su línea base, su meta, las mediciones de cada vigencia y los "
        "Objetivos de Desarrollo Sostenible a los que aportan.</p>",
    },
    "sdgs": {
        "slug": "ods",
        "title": "Objetivos de Desarrollo Sostenible",
        "show_in_menus": True,
        "intro": "<p>Los 17 Objetivos de Desarrollo Sostenible (ODS) y las metas a las que "
        "aportan los indicadores del Plan de Desarrollo de Palmira.</p>",
    },
}

CYCLE = {
    "slug": "rendicion-de-cuentas-2021",
    "title": "Rendición de Cuentas 2021",
    "year": 2021,
    "show_in_menus": True,
    "search_description": "Estrategia, cronograma, encuentros de diálogo, audiencia pública e "
    "informes de la rendición de cuentas 2021 de la Alcaldía de Palmira.",
    # The strategy's "Objetivo" ("…en general que teniendo en cuenta…" reads ", teniendo").
    "objective": (
        "<p>Identificar y caracterizar las organizaciones sociales, comunales, usuarios, grupos "
        "de valor y la ciudadanía en general, teniendo en cuenta los roles, competencias y la "
        "representación que puedan tener para la administración municipal de Palmira.</p>"
        "<ul><li>Identificación de sus grupos de interés</li>"
        "<li>Recolección de información de sus grupos de interés</li>"
        "<li>Diligenciar el instrumento de caracterización</li></ul>"
    ),
    "phases": [
        (
            "phase",
            {
                "phase": "preparation",
                "description": (
                    "<p><b>Alistamiento.</b> Cada dependencia designa su enlace de rendición de "
                    "cuentas, que:</p><ul>"
                    "<li>Realiza la caracterización de actores y grupos de interés de su dependencia: "
                    "listar actores, enviar encuesta, organizar información.</li>"
                    "<li>Consolida y organiza la información de los programas, planes y proyectos "
                    "asociados a los ODS del plan de desarrollo en el formato indicado.</li>"
                    "<li>Elabora y envía el informe de rendición de cuentas de su dependencia a sus "
                    "grupos de valor y a la ciudadanía interesada en participar en los encuentros "
                    "de diálogo participativo.</li>"
                    "<li>Realiza las convocatorias de los encuentros de diálogo participativo con los "
                    "grupos de valor y la ciudadanía.</li></ul>"
                ),
            },
        ),
        (
            "phase",
            {
                "phase": "implementation",
                "description": (
                    "<ul><li>Encuentros diálogos participativos (dependencias)</li>"
                    "<li>Gobierno al barrio / al campo</li>"
                    "<li>Elaboración del informe de RdC</li>"
                    "<li>Publicación del informe RdC</li>"
                    "<li>Audiencia pública participativa</li>"
                    "<li>Sistematización</li></ul>"
                    "<p>Las jornadas zonales (estrategia Gobierno al barrio / al campo), los "
                    "encuentros de las dependencias con sus grupos de interés y la audiencia "
                    "pública, en la que el Alcalde presenta los temas estratégicos.</p>"
                ),
            },
        ),
        (
            "phase",
            {
                "phase": "evaluation",
                "description": (
                    "<ul><li>Realización del informe final de evaluación del proceso de rendición de "
                    "cuentas 2021</li>"
                    "<li>Publicación del informe final</li>"
                    "<li>Planes de mejora</li></ul>"
                ),
            },
        ),
    ],
    "body": [
        ("heading", {"text": "¿Qué es y quiénes participan?", "level": "h2"}),
        (
            "paragraph",
            "<p>La rendición de cuentas es un proceso que está orientado por un conjunto de normas, "
            "procedimientos, metodologías y resultados mediante los cuales las entidades de la "
            "administración pública del nivel nacional y territorial <b>informan, explican y dan a "
            "conocer los resultados de su gestión a la ciudadanía, la sociedad civil, otras "
            "entidades públicas y a los organismos de control</b>, a partir de la promoción del "
            "diálogo (Ley 1757 de 2015, artículos 48 a 57).</p>",
        ),
        ("heading", {"text": "Enfoque basado en derechos humanos y paz", "level": "h2"}),
        (
            "paragraph",
            "<h3>Sobre quiénes participan</h3><ul>"
            "<li>Vincular a todos los sujetos de derecho, especialmente a aquellos que "
            "históricamente han sido excluidos.</li>"
            "<li>La participación debe ser amplia y para todos los sectores; deben tenerse en cuenta "
            "los representantes de las organizaciones que los aglutinan.</li></ul>"
            "<h3>Sobre qué se rinde cuentas</h3><ul>"
            "<li>Evidenciar cómo la gestión pública mejoró, respetó, protegió y garantizó los "
            "derechos humanos en las condiciones de vida de las comunidades, especialmente de los "
            "sectores más vulnerables.</li>"
            "<li>Sobre condiciones de cantidad, calidad y pertinencia de los bienes y servicios "
            "mediante los cuales se da garantía de los derechos.</li></ul>",
        ),
    ],
}

SECTIONS = [
    {
        "slug": "educacion",
        "title": "Secretaría de Educación",
        "department": "educacion",
        "intro": "<p>Encuentro de diálogo, informe e indicadores de la Secretaría de Educación "
        "en la rendición de cuentas 2021.</p>",
    },
    {
        "slug": "salud",
        "title": "Secretaría de Salud",
        "department": "salud",
        "intro": "<p>Encuentro de diálogo e indicadores de la Secretaría de Salud.</p>",
    },
    {
        "slug": "participacion-comunitaria",
        "title": "Secretaría de Participación Comunitaria",
        "department": "participacion-comunitaria",
        "intro": "<p>La Secretaría coordina la estrategia de rendición de cuentas y las jornadas "
        "zonales Gobierno al barrio y Gobierno al campo.</p>",
    },
]

ENCOUNTERS = [
    {
        "parent": "educacion",
        "slug": "encuentro-dialogo-participativo-educacion",
        "title": "Encuentro de diálogo participativo de la Secretaría de Educación",
        "modality": "department",
        "department": "educacion",
        "territory": "",
        "start": "2021-10-21 09:00",
        "place": "Auditorio del Centro Administrativo Municipal de Palmira (CAMP)",
        "summary": "La Secretaría de Educación presentó a las asociaciones de padres de familia, "
        "docentes, estudiantes y organizaciones étnicas el avance del programa Entornos "
        "escolares y los resultados de las pruebas Saber 11, y respondió sus preguntas.",
        "stakeholder_groups": [
            "Asociaciones de padres de familia de las instituciones educativas oficiales",
            "Cabildo indígena de Palmira",
            "Plataforma Municipal de Juventudes de Palmira",
            "Universidad Nacional de Colombia, sede Palmira",
            "Personería Municipal de Palmira",
        ],
        "attendance_total": 86,
        "attendance": [
            {
                "stakeholder_group": "Asociaciones de padres de familia de las instituciones educativas oficiales",
                "count": 38,
            },
            {"stakeholder_group": "Plataforma Municipal de Juventudes de Palmira", "count": 12},
            {"stakeholder_group": "Cabildo indígena de Palmira", "count": 6},
            {"stakeholder_group": "Universidad Nacional de Colombia, sede Palmira", "count": 4},
            {"stakeholder_group": "Personería Municipal de Palmira", "count": 2},
            {"population_group": "ninas-ninos-adolescentes", "count": 15},
            {"population_group": "personas-con-discapacidad", "count": 3},
        ],
        "body": [
            (
                "paragraph",
                "<p>El informe de la Secretaría se envió a los grupos de valor quince días antes del "
                "encuentro. La jornada tuvo tres momentos: presentación de resultados, mesas de "
                "diálogo por tema (calidad educativa, bilingüismo y entornos escolares) y plenaria "
                "de compromisos.</p>",
            ),
        ],
        "questions": [
            {
                "kind": "question",
                "text": "¿Qué instituciones educativas mejoraron su clasificación en las pruebas "
                "Saber 11 y qué apoyo recibirán las que bajaron?",
                "asked_by": "Asociaciones de padres de familia",
                "answer": "<p>Tres instituciones educativas oficiales subieron de categoría en 2021. "
                "Las que bajaron contarán con un plan de mejoramiento académico acompañado "
                "por la Secretaría y con prioridad en la formación docente.</p>",
                "answered_by": "Secretaría de Educación",
            },
            {
                "kind": "proposal",
                "text": "Llevar la formación en competencias digitales y bilingüismo a los docentes "
                "de las sedes rurales.",
                "asked_by": "Docentes de sedes rurales",
                "answer": "<p>Se acoge la propuesta y queda como compromiso para el primer semestre "
                "de 2022.</p>",
                "answered_by": "Secretaría de Educación",
            },
            {
                "kind": "concern",
                "text": "Los estudiantes indígenas necesitan materiales y evaluaciones con enfoque "
                "intercultural.",
                "asked_by": "Cabildo indígena de Palmira",
                "answer": "<p>Se conformará una mesa con el cabildo para revisar los materiales del "
                "programa de bilingüismo y las pruebas diagnósticas.</p>",
                "answered_by": "Secretaría de Educación",
            },
            {
                "kind": "recognition",
                "text": "Las pruebas diagnósticas permitieron conocer cómo quedaron los aprendizajes "
                "después de la pandemia.",
                "asked_by": "Plataforma Municipal de Juventudes",
                "answer": "",
                "answered_by": "",
            },
        ],
        "systematisation_document": "relatoria-educacion",
        "commitments": [
            {
                "text": "Ampliar la formación docente en competencias digitales y bilingüismo a las "
                "sedes rurales de las instituciones educativas oficiales.",
                "department": "educacion",
                "due_date": "2022-06-30",
                "status": "in_progress",
                "evidence": "Primera cohorte rural inscrita en febrero de 2022.",
            },
            {
                "text": "Publicar en el portal los resultados de las pruebas Saber 11 de 2021 por "
                "institución educativa oficial, con su plan de mejoramiento.",
                "department": "educacion",
                "due_date": "2022-03-31",
                "status": "fulfilled",
                "evidence": "Resultados publicados en la sección de la Secretaría de Educación.",
                "evidence_document": "informe-educacion",
            },
            {
                "text": "Instalar una mesa con el cabildo indígena para adecuar los materiales y las "
                "pruebas con enfoque intercultural.",
                "department": "educacion",
                "due_date": "2022-04-30",
                "status": "pending",
                "evidence": "",
            },
        ],
    },
    {
        "parent": "salud",
        "slug": "encuentro-dialogo-participativo-salud",
        "title": "Encuentro de diálogo participativo de la Secretaría de Salud",
        "modality": "department",
        "department": "salud",
        "territory": "",
        "start": "2021-10-28 09:00",
        "place": "Salón de eventos del Centro Administrativo Municipal de Palmira (CAMP)",
        "summary": "La Secretaría de Salud rindió cuentas sobre la vacunación, la salud infantil y "
        "la atención a la pandemia ante las asociaciones de usuarios y las veedurías.",
        "stakeholder_groups": [
            "Asociación de usuarios de la ESE Hospital Raúl Orejuela Bueno",
            "Red de veedurías ciudadanas de Palmira",
            "Consejo Consultivo de Mujeres de Palmira",
            "Personería Municipal de Palmira",
        ],
        "attendance_total": 64,
        "attendance": [
            {
                "stakeholder_group": "Asociación de usuarios de la ESE Hospital Raúl Orejuela Bueno",
                "count": 22,
            },
            {"stakeholder_group": "Red de veedurías ciudadanas de Palmira", "count": 9},
            {"stakeholder_group": "Consejo Consultivo de Mujeres de Palmira", "count": 8},
            {"population_group": "personas-mayores", "count": 17},
        ],
        "body": [],
        "questions": [
            {
                "kind": "question",
                "text": "¿Cuándo habrá jornadas de vacunación en los corregimientos más alejados?",
                "asked_by": "Asociación de usuarios",
                "answer": "<p>Entre noviembre y diciembre se programan jornadas extramurales en los "
                "corregimientos con menor cobertura.</p>",
                "answered_by": "Secretaría de Salud",
            },
            {
                "kind": "concern",
                "text": "La asignación de citas de medicina general tarda más de dos semanas.",
                "asked_by": "Red de veedurías ciudadanas",
                "answer": "<p>La Secretaría hará seguimiento mensual a la oportunidad de las citas "
                "con la ESE y las EPS.</p>",
                "answered_by": "Secretaría de Salud",
            },
        ],
        "systematisation_document": None,
        "commitments": [
            {
                "text": "Realizar jornadas extramurales de vacunación en los corregimientos con menor "
                "cobertura.",
                "department": "salud",
                "due_date": "2021-12-20",
                "status": "fulfilled",
                "evidence": "Doce jornadas realizadas en noviembre y diciembre de 2021.",
            },
            {
                "text": "Publicar cada mes el seguimiento a la oportunidad de las citas de medicina "
                "general en la red pública.",
                "department": "salud",
                "due_date": "2022-12-31",
                "status": "in_progress",
                "evidence": "",
            },
        ],
    },
    {
        "parent": "participacion-comunitaria",
        "slug": "gobierno-al-barrio-comuna-1",
        "title": "Gobierno al barrio – Comuna 1",
        "modality": "neighbourhood",
        "department": "participacion-comunitaria",
        "territory": "Comuna 1",
        "start": "2021-10-09 08:00",
        "place": "Polideportivo de la Comuna 1",
        "summary": "El Alcalde y su gabinete escucharon a las juntas de acción comunal y a los "
        "vecinos de la Comuna 1 y respondieron sobre vías, alumbrado, seguridad y "
        "programas sociales.",
        "stakeholder_groups": [
            "Juntas de Acción Comunal de la Comuna 1",
            "Asociación de Juntas de Acción Comunal de Palmira (Asojuntas)",
            "Red de veedurías ciudadanas de Palmira",
        ],
        "attendance_total": 142,
        "attendance": [
            {"stakeholder_group": "Juntas de Acción Comunal de la Comuna 1", "count": 35},
            {
                "stakeholder_group": "Asociación de Juntas de Acción Comunal de Palmira (Asojuntas)",
                "count": 6,
            },
            {"stakeholder_group": "Red de veedurías ciudadanas de Palmira", "count": 4},
            {"population_group": "mujeres", "count": 60},
            {"population_group": "personas-mayores", "count": 28},
            {"population_group": "jovenes", "count": 22},
        ],
        "body": [],
        "questions": [
            {
                "kind": "question",
                "text": "¿Cuándo se hará el mantenimiento de las vías internas de la comuna?",
                "asked_by": "Juntas de Acción Comunal de la Comuna 1",
                "answer": "<p>Las vías priorizadas por las juntas se incluirán en el plan de obras "
                "de 2022.</p>",
                "answered_by": "Secretaría de Infraestructura",
            },
            {
                "kind": "proposal",
                "text": "Que las juntas reciban acompañamiento para presentar proyectos al "
                "presupuesto participativo.",
                "asked_by": "Asojuntas",
                "answer": "<p>La Secretaría de Participación Comunitaria abrirá talleres de "
                "formulación de proyectos en noviembre.</p>",
                "answered_by": "Secretaría de Participación Comunitaria",
            },
            {
                "kind": "concern",
                "text": "Las personas mayores no conocen la oferta de los centros vida.",
                "asked_by": "Vecinos de la comuna",
                "answer": "<p>Se hará una jornada de inscripción en la comuna.</p>",
                "answered_by": "Secretaría de Integración Social",
            },
        ],
        "systematisation_document": None,
        "commitments": [
            {
                "text": "Incluir las vías priorizadas por las juntas de la Comuna 1 en el plan de "
                "obras de 2022.",
                "department": "infraestructura",
                "due_date": "2022-03-31",
                "status": "in_progress",
                "evidence": "",
            },
            {
                "text": "Realizar talleres de formulación de proyectos para las juntas de acción "
                "comunal de la Comuna 1.",
                "department": "participacion-comunitaria",
                "due_date": "2021-11-30",
                "status": "fulfilled",
                "evidence": "Tres talleres con 41 dignatarios, noviembre de 2021.",
            },
            {
                "text": "Hacer una jornada de inscripción de personas mayores de la Comuna 1 en los "
                "centros vida.",
                "department": "integracion-social",
                "due_date": "2022-02-28",
                "status": "pending",
                "evidence": "",
            },
        ],
    },
    {
        "parent": "participacion-comunitaria",
        "slug": "gobierno-al-campo-rozo",
        "title": "Gobierno al campo – Corregimiento de Rozo",
        "modality": "rural",
        "department": "participacion-comunitaria",
        "territory": "Corregimiento de Rozo",
        "start": "2021-10-23 08:00",
        "place": "Parque principal del corregimiento de Rozo",
        "summary": "Jornada zonal con las comunidades campesinas y afrodescendientes de Rozo "
        "sobre vías terciarias, salud rural y apoyo a la producción agropecuaria.",
        "stakeholder_groups": [
            "Juntas de Acción Comunal del corregimiento de Rozo",
            "Consejo comunitario de comunidades negras de la zona rural de Palmira",
            "Asociación de Juntas de Acción Comunal de Palmira (Asojuntas)",
        ],
        "attendance_total": 118,
        "attendance": [
            {
                "stakeholder_group": "Juntas de Acción Comunal del corregimiento de Rozo",
                "count": 24,
            },
            {
                "stakeholder_group": "Consejo comunitario de comunidades negras de la zona rural de Palmira",
                "count": 15,
            },
            {"population_group": "poblacion-campesina-rural", "count": 70},
            {"population_group": "mujeres", "count": 45},
        ],
        "body": [],
        "questions": [
            {
                "kind": "concern",
                "text": "Las vías terciarias del corregimiento están en mal estado y dificultan "
                "sacar las cosechas.",
                "asked_by": "Juntas de Acción Comunal de Rozo",
                "answer": "<p>Se hará un diagnóstico de las vías terciarias de Rozo para priorizar "
                "su intervención.</p>",
                "answered_by": "Secretaría de Infraestructura",
            },
            {
                "kind": "proposal",
                "text": "Realizar una brigada de salud y vacunación en el corregimiento.",
                "asked_by": "Consejo comunitario",
                "answer": "<p>Se programa para noviembre.</p>",
                "answered_by": "Secretaría de Salud",
            },
            {
                "kind": "question",
                "text": "¿Qué apoyo tendrán los pequeños productores para comercializar?",
                "asked_by": "Productores de Rozo",
                "answer": "<p>Se propone un mercado campesino mensual en el centro de Palmira.</p>",
                "answered_by": "Secretaría de Desarrollo Económico",
            },
        ],
        "systematisation_document": None,
        "commitments": [
            {
                "text": "Diagnosticar el estado de las vías terciarias del corregimiento de Rozo y "
                "priorizar su intervención.",
                "department": "infraestructura",
                "due_date": "2022-06-30",
                "status": "in_progress",
                "evidence": "Diagnóstico entregado; intervención de 4,2 km contratada.",
            },
            {
                "text": "Realizar una brigada de salud y vacunación en el corregimiento de Rozo.",
                "department": "salud",
                "due_date": "2021-11-30",
                "status": "fulfilled",
                "evidence": "Brigada del 20 de noviembre de 2021: 230 atenciones.",
            },
            {
                "text": "Poner en marcha un mercado campesino mensual para los productores de Rozo.",
                "department": "desarrollo-economico",
                "due_date": "2022-03-31",
                "status": "not_fulfilled",
                "evidence": "No se consiguió el espacio; se reprogramó para la vigencia 2022.",
            },
        ],
    },
]

HEARING = {
    "slug": "audiencia-publica-participativa-2021",
    "title": "Audiencia pública participativa de rendición de cuentas 2021",
    "start": "2021-12-16 09:00",
    "end": "2021-12-16 12:00",
    "place": "Auditorio del Centro Administrativo Municipal de Palmira (CAMP)",
    "address": "Calle 30 # 29-39, Palmira, Valle del Cauca",
    "livestream_url": "https://www.facebook.com/AlcaldiaDePalmira/live",
    # The hearing is over: the page shows this recording, with its captions and transcript.
    "video_url": "https://www.facebook.com/AlcaldiaDePalmira/videos/audiencia-publica-2021",
    "recording_has_captions": True,
    "transcript": (
        "<h3>Instalación y metodología</h3>"
        "<p><b>Secretaría de Participación Comunitaria:</b> Buenos días. Damos inicio a la "
        "audiencia pública participativa de rendición de cuentas 2021. Cada intervención "
        "inscrita tendrá tres minutos, y las preguntas recibidas en la transmisión se "
        "leerán al final.</p>"
        "<h3>Temas estratégicos</h3>"
        "<p><b>Alcalde de Palmira:</b> En 2021 formamos a 400 docentes en competencias "
        "digitales, llevamos la brigada de salud al corregimiento de Rozo y mejoramos "
        "4,2 kilómetros de vías rurales.</p>"
        "<h3>Preguntas de la ciudadanía</h3>"
        "<p><b>Junta de Acción Comunal de Rozo:</b> ¿Cuándo empieza el mercado campesino?</p>"
        "<p><b>Secretaría de Desarrollo Económico:</b> No conseguimos el espacio en 2021; "
        "lo reprogramamos para la vigencia 2022.</p>"
    ),
    "summary": "El Alcalde presentó los temas estratégicos de la gestión 2021 y la "
    "administración respondió las preguntas inscritas por la ciudadanía y las "
    "recibidas en la transmisión.",
    "agenda": [
        {
            "time": "08:30:00",
            "title": "Registro de asistentes e inscripción de preguntas",
            "speaker": "Secretaría de Participación Comunitaria",
        },
        {
            "time": "09:00:00",
            "title": "Instalación y metodología de la audiencia",
            "speaker": "Secretaría de Participación Comunitaria",
        },
        {
            "time": "09:20:00",
            "title": "Presentación de los temas estratégicos del Alcalde",
            "speaker": "Alcalde de Palmira",
        },
        {
            "time": "10:30:00",
            "title": "Intervenciones de las organizaciones sociales y respuestas",
            "speaker": "Secretarios de despacho",
        },
        {
            "time": "11:30:00",
            "title": "Preguntas recibidas en la transmisión en vivo",
            "speaker": "",
        },
        {"time": "11:50:00", "title": "Evaluación de la audiencia y cierre", "speaker": ""},
    ],
    "documents": ["informe-gestion"],
    "outcomes": [
        (
            "paragraph",
            "<p>Se inscribieron 27 preguntas y se respondieron todas en la audiencia o por escrito "
            "dentro de los quince días siguientes. La Personería Municipal y la red de veedurías "
            "participaron como observadoras.</p>",
        ),
    ],
    "commitments": [
        {
            "text": "Publicar en el portal las respuestas a todas las preguntas de la audiencia "
            "pública dentro de los quince días hábiles siguientes.",
            "department": "participacion-comunitaria",
            "due_date": "2022-01-14",
            "status": "fulfilled",
            "evidence": "Respuestas publicadas con el informe de sistematización.",
            "evidence_document": "informe-sistematizacion",
        },
        {
            "text": "Presentar en la rendición de cuentas 2022 el avance de los compromisos "
            "adquiridos en 2021.",
            "department": "participacion-comunitaria",
            "due_date": "2022-12-15",
            "status": "pending",
            "evidence": "",
        },
    ],
}

RIGHTS_EDUCATION = (
    "right",
    {
        "right": "Derecho a la educación",
        "how": "<ul><li>Formación de 800 docentes para mejorar la calidad de la enseñanza.</li>"
        "<li>Evaluación de 2.300 estudiantes para orientar los planes de mejoramiento.</li>"
        "<li>Bilingüismo en las 27 instituciones educativas oficiales, urbanas y rurales."
        "</li></ul>",
    },
)

REPORTS = [
    {
        "parent": None,
        "slug": "informe-de-gestion-2021",
        "title": "Informe de gestión de Rendición de Cuentas 2021",
        "kind": "management",
        "department": None,
        "period_start": "2021-01-01",
        "period_end": "2021-12-31",
        "summary": "Resultados de la administración municipal en 2021 frente al Plan de "
        "Desarrollo, con enfoque basado en derechos humanos y paz y su aporte a los "
        "Objetivos de Desarrollo Sostenible.",
        "body": [
            ("heading", {"text": "Temas estratégicos", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Educación:</b> entornos escolares, calidad educativa y bilingüismo.</li>"
                "<li><b>Salud:</b> vacunación y salud infantil.</li>"
                "<li><b>Participación:</b> 22 espacios de diálogo con la ciudadanía.</li>"
                "<li><b>Ambiente:</b> calidad del aire y restauración de las cuencas.</li></ul>",
            ),
        ],
        "documents": ["informe-gestion"],
        "indicators": [
            "220100900",
            "220100700",
            "220103401",
            "ie-mejoramiento-clasificacion-saber-11",
            "tasa-mortalidad-infantil",
            "cobertura-vacunacion-menores-un-ano",
            "concentracion-pm25-zona-urbana",
            "espacios-dialogo-rendicion-cuentas",
        ],
        "rights": [
            RIGHTS_EDUCATION,
            (
                "right",
                {
                    "right": "Derecho a la salud",
                    "how": "<p>Cobertura de vacunación del 93,4 % en menores de un año y jornadas "
                    "extramurales en la zona rural.</p>",
                },
            ),
            (
                "right",
                {
                    "right": "Derecho a la participación",
                    "how": "<p>Encuentros por dependencia y jornadas Gobierno al barrio / al campo "
                    "con convocatoria a los grupos históricamente excluidos.</p>",
                },
            ),
            (
                "right",
                {
                    "right": "Derecho a un ambiente sano",
                    "how": "<p>Monitoreo de la calidad del aire y restauración ecológica en las "
                    "cuencas de los ríos Nima y Amaime.</p>",
                },
            ),
        ],
        "population_groups": [
            "mujeres",
            "ninas-ninos-adolescentes",
            "personas-mayores",
            "pueblos-indigenas",
            "comunidades-narp",
            "victimas-conflicto-armado",
            "poblacion-campesina-rural",
        ],
    },
    {
        "parent": "educacion",
        "slug": "informe-rendicion-de-cuentas-educacion-2021",
        "title": "Informe de rendición de cuentas 2021 de la Secretaría de Educación",
        "kind": "department",
        "department": "educacion",
        "period_start": "2021-01-01",
        "period_end": "2021-12-31",
        "summary": "Avance de los indicadores del programa Entornos escolares y del indicador de "
        "resultado de las pruebas Saber 11.",
        "body": [
            (
                "paragraph",
                "<p>El informe se envió a los grupos de valor de la Secretaría antes del encuentro "
                "de diálogo participativo e integra las observaciones recibidas en él.</p>",
            ),
        ],
        "documents": ["informe-educacion"],
        "indicators": [
            "220100900",
            "220100700",
            "220103401",
            "ie-mejoramiento-clasificacion-saber-11",
        ],
        "rights": [
            RIGHTS_EDUCATION,
            (
                "right",
                {
                    "right": "Derechos de niñas, niños y adolescentes",
                    "how": "<p>Entornos escolares protectores y evaluación de los aprendizajes "
                    "para orientar el apoyo a cada institución.</p>",
                },
            ),
        ],
        "population_groups": [
            "ninas-ninos-adolescentes",
            "jovenes",
            "personas-con-discapacidad",
            "pueblos-indigenas",
            "comunidades-narp",
            "victimas-conflicto-armado",
        ],
    },
    {
        "parent": None,
        "slug": "informe-de-sistematizacion-2021",
        "title": "Informe de sistematización de los diálogos participativos 2021",
        "kind": "systematisation",
        "department": None,
        "period_start": "2021-10-01",
        "period_end": "2021-12-31",
        "summary": "Consolidado de las preguntas, propuestas y compromisos de los encuentros por "
        "dependencia, las jornadas zonales y la audiencia pública.",
        "body": [
            (
                "paragraph",
                "<p>Los temas más consultados fueron la calidad educativa, las vías rurales, la "
                "atención en salud y la seguridad en los barrios.</p>",
            ),
        ],
        "documents": ["informe-sistematizacion"],
        "indicators": ["espacios-dialogo-rendicion-cuentas"],
        "rights": [],
        "population_groups": [],
    },
    {
        "parent": None,
        "slug": "informe-final-de-evaluacion-2021",
        "title": "Informe final de evaluación del proceso de rendición de cuentas 2021",
        "kind": "evaluation",
        "department": None,
        "period_start": "2021-08-01",
        "period_end": "2022-01-31",
        "summary": "Evaluación del cumplimiento del cronograma, la participación y la percepción "
        "ciudadana; origen del plan de mejora.",
        "body": [
            (
                "paragraph",
                "<p>El 87 % de quienes respondieron la encuesta de evaluación consideró útil la "
                "información presentada. Las principales oportunidades de mejora son la "
                "convocatoria en la zona rural y a los grupos étnicos, la publicación anticipada "
                "del informe y la accesibilidad de las transmisiones.</p>",
            ),
        ],
        "documents": ["informe-evaluacion"],
        "indicators": [],
        "rights": [],
        "population_groups": [],
    },
]

IMPROVEMENT_PLAN = {
    "slug": "plan-de-mejora-2021",
    "title": "Plan de mejora de la rendición de cuentas 2021",
    "source": "evaluation",
    "source_page": "informe-final-de-evaluacion-2021",
    "department": "participacion-comunitaria",
    "summary": "Acciones para atender las oportunidades de mejora identificadas en el informe "
    "final de evaluación.",
    "actions": [
        {
            "description": "Ampliar la convocatoria de los encuentros a la zona rural y a los grupos "
            "étnicos con perifoneo y emisoras comunitarias.",
            "department": "participacion-comunitaria",
            "due_date": "2022-09-30",
            "status": "in_progress",
            "progress": 60,
        },
        {
            "description": "Publicar el informe de rendición de cuentas al menos treinta días antes "
            "de la audiencia pública.",
            "department": "planeacion",
            "due_date": "2022-11-15",
            "status": "pending",
            "progress": 0,
        },
        {
            "description": "Contar con intérprete de lengua de señas colombiana en la audiencia y en "
            "los encuentros transmitidos.",
            "department": "participacion-comunitaria",
            "due_date": "2022-06-30",
            "status": "fulfilled",
            "progress": 100,
        },
        {
            "description": "Aplicar la encuesta de evaluación también en formato digital.",
            "department": "participacion-comunitaria",
            "due_date": "2022-04-30",
            "status": "fulfilled",
            "progress": 100,
        },
        {
            "description": "Capacitar a los enlaces de rendición de cuentas de cada dependencia en el "
            "enfoque basado en derechos humanos y paz.",
            "department": "participacion-comunitaria",
            "due_date": "2022-08-31",
            "status": "in_progress",
            "progress": 40,
        },
        {
            "description": "Unificar el formato de reporte de los indicadores asociados a los ODS en "
            "todas las dependencias.",
            "department": "planeacion",
            "due_date": "2022-05-31",
            "status": "not_fulfilled",
            "progress": 20,
        },
    ],
}

# The cronograma: (phase, activity, start, end or None, page). ``page`` is a path under the
# cycle ("educacion/encuentro-…"), "/indicadores" for the indicator index, or None.
SCHEDULE = [
    (
        "preparation",
        "Caracterización de actores y grupos de interés",
        "2021-08-02",
        "2021-09-10",
        None,
    ),
    (
        "preparation",
        "Consolidación de la información de programas asociados a los ODS",
        "2021-08-17",
        "2021-09-30",
        "/indicadores",
    ),
    (
        "implementation",
        "Gobierno al barrio – Comuna 1",
        "2021-10-09",
        None,
        "participacion-comunitaria/gobierno-al-barrio-comuna-1",
    ),
    (
        "implementation",
        "Encuentro de diálogo participativo – Secretaría de Educación",
        "2021-10-21",
        None,
        "educacion/encuentro-dialogo-participativo-educacion",
    ),
    (
        "implementation",
        "Gobierno al campo – Corregimiento de Rozo",
        "2021-10-23",
        None,
        "participacion-comunitaria/gobierno-al-campo-rozo",
    ),
    (
        "implementation",
        "Encuentro de diálogo participativo – Secretaría de Salud",
        "2021-10-28",
        None,
        "salud/encuentro-dialogo-participativo-salud",
    ),
    (
        "implementation",
        "Elaboración del informe de rendición de cuentas",
        "2021-11-02",
        "2021-11-26",
        "informe-de-gestion-2021",
    ),
    (
        "implementation",
        "Publicación del informe de rendición de cuentas",
        "2021-11-30",
        None,
        "informe-de-gestion-2021",
    ),
    (
        "implementation",
        "Audiencia pública participativa",
        "2021-12-16",
        None,
        "audiencia-publica-participativa-2021",
    ),
    (
        "implementation",
        "Sistematización de los diálogos participativos",
        "2021-12-17",
        "2022-01-21",
        "informe-de-sistematizacion-2021",
    ),
    (
        "evaluation",
        "Informe final de evaluación del proceso de rendición de cuentas 2021",
        "2022-01-24",
        "2022-02-18",
        "informe-final-de-evaluacion-2021",
    ),
    (
        "evaluation",
        "Publicación del informe final",
        "2022-02-25",
        None,
        "informe-final-de-evaluacion-2021",
    ),
    ("evaluation", "Planes de mejora", "2022-03-01", "2022-06-30", "plan-de-mejora-2021"),
]
