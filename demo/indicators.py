"""Development-plan indicators and their measurements.

The four Secretaría de Educación indicators are copied exactly from the 2021 strategy
document ("Paso a paso de sacar los ODS del plan de desarrollo"): codes, names, units,
baselines, targets and, for the Saber 11 result indicator, its SDG targets. The others are
illustrative, so that the filters by department and by SDG have something to show.

Indicators with a code are matched by code; those without one by ``slug``. Numbers are
strings turned into ``Decimal`` by the loader. A measurement is
``(period, cut-off date, value, source, note)``; a year's target ``(year, value)``.
``sdg_goals``: goals linked without any of their targets.
"""

EDUCATION_PROGRAMME = "Entornos escolares"  # the row heading above the codes in the document

INDICATORS = [
    # --- Secretaría de Educación, from the strategy document ---
    {
        "slug": "ie-mejoramiento-clasificacion-saber-11",
        "code": "",
        "name": (
            "Número de Instituciones Educativas con mejoramiento de clasificación de plantel "
            "según las pruebas Saber 11"
        ),
        "kind": "result",
        "unit": "Número",
        "baseline_text": "08 IE clasificación C, 08 IE clasificación B, 08 IE clasificación A",
        "target_text": "06 IEO con mejoramiento de clasificación de plantel",
        "department": "educacion",
        "sdg_targets": ["4.1", "4.2", "4.3", "4.4", "4.5", "13.3"],
        "measurements": [
            (
                "2021",
                "2021-12-31",
                "3",
                "ICFES, clasificación de planteles Saber 11 de 2021",
                "Tres instituciones educativas oficiales subieron de categoría frente a 2019.",
            ),
        ],
    },
    {
        "code": "220100900",
        "name": "Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        "kind": "product",
        "unit": "Número",
        "baseline_value": "400",
        "target_value": "1050",
        "department": "educacion",
        "programme": EDUCATION_PROGRAMME,
        "sdg_targets": ["4.c"],
        # The action plan's target for each year (the "Meta vigencia" columns).
        "year_targets": [("2020", "500"), ("2021", "750"), ("2022", "900"), ("2023", "1050")],
        "measurements": [
            (
                "2020",
                "2020-12-31",
                "520",
                "Secretaría de Educación, registros de formación docente",
                "Cursos virtuales durante el aislamiento preventivo.",
            ),
            (
                "2021",
                "2021-12-31",
                "800",
                "Secretaría de Educación, registros de formación docente",
                "Acumulado del cuatrienio: formación en competencias digitales, bilingüismo y "
                "educación inclusiva.",
            ),
        ],
    },
    {
        "code": "220100700",
        "name": "Estudiantes evaluados con pruebas de calidad educativa",
        "kind": "product",
        "unit": "Número",
        "baseline_value": "1500",
        "target_value": "3500",
        "department": "educacion",
        "programme": EDUCATION_PROGRAMME,
        "sdg_targets": ["4.1"],
        "measurements": [
            ("2020", "2020-12-31", "1900", "Secretaría de Educación, pruebas diagnósticas", ""),
            (
                "2021",
                "2021-12-31",
                "2300",
                "Secretaría de Educación, pruebas diagnósticas",
                "Pruebas de grados 3.º, 5.º, 9.º y 11.º en las instituciones educativas oficiales.",
            ),
        ],
    },
    {
        "code": "220103401",
        "name": "Instituciones educativas fortalecidas en competencias de bilingüismo",
        "kind": "product",
        "unit": "Número",
        "baseline_value": "27",
        "target_value": "27",
        "direction": "maintain",
        "department": "educacion",
        "programme": EDUCATION_PROGRAMME,
        "sdg_targets": ["4.4"],
        "measurements": [
            (
                "2021",
                "2021-12-31",
                "27",
                "Secretaría de Educación, programa de bilingüismo",
                "Las 27 instituciones educativas oficiales mantienen el acompañamiento.",
            ),
        ],
    },
    # --- Illustrative indicators of other departments ---
    {
        "slug": "tasa-mortalidad-infantil",
        "code": "",
        "name": "Tasa de mortalidad infantil en menores de un año",
        "kind": "result",
        "unit": "Muertes por cada 1.000 nacidos vivos",
        "baseline_value": "9.1",
        "target_value": "8.0",
        "direction": "decrease",
        "department": "salud",
        "programme": "Salud pública",
        "sdg_targets": ["3.2"],
        "measurements": [
            ("2020", "2020-12-31", "8.9", "Secretaría de Salud, estadísticas vitales", ""),
            (
                "2021",
                "2021-12-31",
                "8.6",
                "Secretaría de Salud, estadísticas vitales",
                "Dato preliminar, sujeto a ajuste por el DANE.",
            ),
        ],
    },
    {
        "slug": "cobertura-vacunacion-menores-un-ano",
        "code": "",
        "name": "Cobertura de vacunación con esquema completo en niñas y niños menores de un año",
        "kind": "product",
        "unit": "Porcentaje",
        "baseline_value": "92",
        "target_value": "95",
        "department": "salud",
        "programme": "Salud pública",
        "sdg_targets": ["3.b", "3.2"],
        "measurements": [
            ("2021", "2021-12-31", "93.4", "Programa Ampliado de Inmunizaciones (PAI)", ""),
        ],
    },
    {
        "slug": "concentracion-pm25-zona-urbana",
        "code": "",
        "name": "Concentración media anual de material particulado PM2.5 en la zona urbana",
        "kind": "result",
        "unit": "µg/m³",
        "baseline_value": "24",
        "target_value": "20",
        "direction": "decrease",
        "department": "ambiente",
        "programme": "Calidad del aire",
        "sdg_targets": ["11.6", "3.9"],
        "measurements": [
            (
                "2021",
                "2021-12-31",
                "22.5",
                "Estaciones de monitoreo de calidad del aire",
                "Promedio anual de las estaciones urbanas.",
            ),
        ],
    },
    {
        "slug": "hectareas-restauracion-cuencas-nima-amaime",
        "code": "",
        "name": "Hectáreas en proceso de restauración ecológica en las cuencas de los ríos Nima "
        "y Amaime",
        "kind": "product",
        "unit": "Hectáreas",
        "baseline_value": "150",
        "target_value": "600",
        "department": "ambiente",
        "programme": "Conservación de la biodiversidad y sus servicios ecosistémicos",
        "sdg_targets": ["15.1", "6.6"],
        "measurements": [
            ("2021", "2021-12-31", "320", "Secretaría de Ambiente", ""),
        ],
    },
    {
        "slug": "organizaciones-comunales-fortalecidas",
        "code": "",
        "name": "Organizaciones comunales y sociales fortalecidas",
        "kind": "product",
        "unit": "Número",
        "baseline_value": "60",
        "target_value": "180",
        "department": "participacion-comunitaria",
        "programme": "Participación ciudadana y fortalecimiento comunal",
        "sdg_targets": ["16.7"],
        "measurements": [
            ("2021", "2021-12-31", "110", "Secretaría de Participación Comunitaria", ""),
        ],
    },
    {
        "slug": "espacios-dialogo-rendicion-cuentas",
        "code": "",
        "name": "Encuentros de diálogo participativo y jornadas zonales de rendición de cuentas "
        "realizados",
        "kind": "product",
        "unit": "Número",
        "baseline_value": "0",
        "target_value": "48",
        "department": "participacion-comunitaria",
        "programme": "Participación ciudadana y fortalecimiento comunal",
        "sdg_targets": ["16.6", "16.7"],
        "measurements": [
            (
                "2021",
                "2021-12-31",
                "22",
                "Secretaría de Participación Comunitaria",
                "Encuentros por dependencia y jornadas Gobierno al barrio / al campo de 2021.",
            ),
        ],
    },
    {
        "slug": "km-vias-terciarias-mejoradas",
        "code": "",
        "name": "Kilómetros de vías terciarias mejorados",
        "kind": "product",
        "unit": "Kilómetros",
        "baseline_value": "0",
        "target_value": "60",
        "department": "infraestructura",
        "programme": "Infraestructura vial rural",
        "sdg_targets": ["9.1"],
        "measurements": [
            ("2021", "2021-12-31", "18.5", "Secretaría de Infraestructura", ""),
        ],
    },
    {
        # Deliberately without measurements: shows how the portal presents a new indicator.
        "slug": "personas-mayores-centros-vida",
        "code": "",
        "name": "Personas mayores atendidas en los centros vida",
        "kind": "product",
        "unit": "Número",
        "baseline_value": "900",
        "target_value": "1200",
        "department": "integracion-social",
        "programme": "Atención integral a la persona mayor",
        "sdg_targets": ["10.2", "1.3"],
        # The plan links it to SDG 3 as a whole, without a target ("ODS 3" in the matrix).
        "sdg_goals": [3],
        "measurements": [],
    },
]
