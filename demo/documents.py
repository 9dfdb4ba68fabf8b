"""Documents attached to the demo pages, generated as one-page PDFs by ``demo.pdf``.

Matched by title. ``key`` is how the page data refers to a document. ``document_type`` is a
``PortalDocument.DocumentType`` value and ``department`` a department slug.
"""

DOCUMENTS = [
    {
        "key": "informe-gestion",
        "document_type": "management_report",
        "fiscal_year": 2021,
        "department": "participacion-comunitaria",
        "published_on": "2021-11-30",
        "title": "Informe de gestión de Rendición de Cuentas 2021 - Alcaldía de Palmira",
        "filename": "informe-gestion-rendicion-de-cuentas-2021.pdf",
        "description": "Informe de la gestión de la administración municipal durante la "
        "vigencia 2021, presentado en la audiencia pública participativa.",
        "lines": [
            "Alcaldía de Palmira · Secretaría de Participación Comunitaria",
            "Vigencia: 1 de enero a 31 de diciembre de 2021.",
            "",
            "Este informe explica los resultados de la gestión frente al Plan de Desarrollo "
            "Municipal 2020-2023, con enfoque basado en derechos humanos y paz, y su relación "
            "con los Objetivos de Desarrollo Sostenible.",
            "",
            "Educación: 800 docentes beneficiados con estrategias de mejoramiento de sus "
            "competencias (meta 1.050); 2.300 estudiantes evaluados con pruebas de calidad "
            "educativa (meta 3.500); 27 instituciones educativas fortalecidas en bilingüismo.",
            "Salud: cobertura de vacunación del 93,4 % en menores de un año.",
            "Participación: 22 encuentros de diálogo y jornadas zonales de rendición de cuentas.",
            "",
            "Documento de demostración generado por el portal de Rendición de Cuentas.",
        ],
    },
    {
        "key": "informe-educacion",
        "document_type": "management_report",
        "fiscal_year": 2021,
        "department": "educacion",
        "published_on": "2021-10-14",
        "title": "Informe de rendición de cuentas 2021 - Secretaría de Educación",
        "filename": "informe-rendicion-de-cuentas-2021-educacion.pdf",
        "description": "Informe enviado a los grupos de valor antes del encuentro de diálogo.",
        "lines": [
            "Secretaría de Educación de Palmira",
            "",
            "Programa: Entornos escolares.",
            "220100900 Docentes beneficiados con estrategias de mejoramiento de sus "
            "competencias: línea base 400, meta 1050, avance 2021: 800.",
            "220100700 Estudiantes evaluados con pruebas de calidad educativa: línea base "
            "1500, meta 3500, avance 2021: 2300.",
            "220103401 Instituciones educativas fortalecidas en competencias de bilingüismo: "
            "línea base 27, meta 27, avance 2021: 27.",
            "",
            "Documento de demostración generado por el portal de Rendición de Cuentas.",
        ],
    },
    {
        "key": "relatoria-educacion",
        "document_type": "minutes",
        "fiscal_year": 2021,
        "department": "educacion",
        "published_on": "2021-10-29",
        "title": "Relatoría del encuentro de diálogo participativo - Secretaría de Educación",
        "filename": "relatoria-encuentro-educacion-2021.pdf",
        "description": "Sistematización de las preguntas, propuestas y compromisos del encuentro.",
        "lines": [
            "Encuentro de diálogo participativo de la Secretaría de Educación",
            "21 de octubre de 2021 · Auditorio del CAMP",
            "",
            "Asistentes: 86 personas de asociaciones de padres de familia, docentes, "
            "estudiantes, cabildo indígena y Personería Municipal.",
            "Se recibieron 4 preguntas y propuestas; se adquirieron 3 compromisos.",
            "",
            "Documento de demostración generado por el portal de Rendición de Cuentas.",
        ],
    },
    {
        "key": "informe-sistematizacion",
        "document_type": "systematisation",
        "fiscal_year": 2021,
        "department": "participacion-comunitaria",
        "published_on": "2022-01-21",
        "title": "Informe de sistematización de los diálogos participativos 2021",
        "filename": "informe-sistematizacion-dialogos-2021.pdf",
        "description": "Consolidado de los encuentros por dependencia, las jornadas zonales y la "
        "audiencia pública.",
        "lines": [
            "Secretaría de Participación Comunitaria",
            "",
            "Espacios de diálogo: encuentros por dependencia, Gobierno al barrio, Gobierno al "
            "campo y audiencia pública participativa.",
            "Temas más consultados: calidad educativa, vías rurales, atención en salud y "
            "seguridad en los barrios.",
            "",
            "Documento de demostración generado por el portal de Rendición de Cuentas.",
        ],
    },
    {
        "key": "informe-evaluacion",
        "document_type": "evaluation",
        "fiscal_year": 2021,
        "department": "participacion-comunitaria",
        "published_on": "2022-02-25",
        "title": "Informe final de evaluación del proceso de rendición de cuentas 2021",
        "filename": "informe-final-evaluacion-rendicion-de-cuentas-2021.pdf",
        "description": "Evaluación de la estrategia: cumplimiento del cronograma, participación "
        "y percepción ciudadana.",
        "lines": [
            "Secretaría de Participación Comunitaria",
            "",
            "Cumplimiento del cronograma: 12 de 13 actividades en la fecha prevista.",
            "Encuesta de evaluación: el 87 % de quienes respondieron consideró útil la "
            "información presentada.",
            "Oportunidades de mejora: convocatoria en zona rural y a grupos étnicos, "
            "publicación anticipada del informe y accesibilidad de las transmisiones.",
            "",
            "Documento de demostración generado por el portal de Rendición de Cuentas.",
        ],
    },
]
