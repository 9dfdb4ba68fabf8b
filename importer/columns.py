"""The columns of the indicator matrix, as the strategy document names them.

Header names are part of the file format, written in Spanish by the departments: they are data,
not interface text, so they are not translated. A header matches when it equals one of the
aliases once case, accents, spaces and punctuation are ignored ("Línea de base" = "LINEA BASE").
"""

import re
from dataclasses import dataclass

from importer.cells import fold, fold_words


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the name written on export and shown in messages
    aliases: tuple
    required: bool = False


COLUMNS = [
    Column("sdg", "ODS", ("ods", "metaods", "metasods", "odsmeta", "odsmetas", "metasdelods")),
    Column("code", "Código", ("codigo", "cod", "codigoindicador", "codigodelindicador")),
    Column(
        "name",
        "Indicador",
        ("indicador", "nombreindicador", "nombredelindicador", "indicadores"),
        required=True,
    ),
    Column("kind", "Tipo", ("tipo", "tipoindicador", "tipodeindicador")),
    Column("unit", "Unidad de Medida", ("unidaddemedida", "unidad", "unidadmedida"), True),
    Column("baseline", "Línea Base", ("lineabase", "lineadebase"), required=True),
    Column(
        "baseline_number",
        "Línea Base (valor)",
        ("lineabasevalor", "lineadebasevalor", "lineabasenumero", "lineadebasenumero"),
    ),
    Column("target", "Meta", ("meta", "metacuatrienio", "metadelcuatrienio"), required=True),
    Column("target_number", "Meta (valor)", ("metavalor", "metanumero")),
    Column(
        "department",
        "Responsable",
        ("responsable", "dependencia", "dependenciaresponsable", "secretariaresponsable"),
        required=True,
    ),
    Column(
        "plan_line", "Línea estratégica", ("lineaestrategica", "lineadelplan", "ejeestrategico")
    ),
    Column("programme", "Programa", ("programa",)),
    Column("direction", "Sentido", ("sentido", "sentidodelindicador", "tendencia")),
]
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
_BY_ALIAS = {alias: column for column in COLUMNS for alias in column.aliases}

# Columns the public files (/datos/indicadores.xlsx, .csv, .ods) add after the format's own:
# values the portal computes. They are part of the format in that the import recognises
# them, and read-only: their cells are never imported, and the preview says so.
READ_ONLY_COLUMNS = [
    Column("latest_value", "Última medición", ("ultimamedicion",)),
    Column(
        "latest_period",
        "Periodo de la última medición",
        ("periododelaultimamedicion", "periodoultimamedicion"),
    ),
    Column("latest_date", "Fecha de corte", ("fechadecorte", "fechacorte")),
    Column("progress_percent", "Porcentaje de avance", ("porcentajedeavance",)),
    Column("progress_status", "Estado del avance", ("estadodelavance", "estadoavance")),
    Column("url", "URL", ("url", "direccionenelportal")),
]
READ_ONLY_BY_KEY = {column.key: column for column in READ_ONLY_COLUMNS}
_READ_ONLY_BY_ALIAS = {alias: column for column in READ_ONLY_COLUMNS for alias in column.aliases}

MEASUREMENT_PREFIX = "Avance"
_MEASUREMENT_HEADER = re.compile(r"^avance\b\s*(?P<period>.*)$")
YEAR_TARGET_PREFIX = "Meta"
# "Meta 2021", "Meta vigencia 2021", "Meta de la vigencia", "Meta año 2021", "Meta anual".
_YEAR_TARGET_HEADER = re.compile(
    r"^meta(?: de la| del| de)? (?:(?:vigencia|ano|anual)(?: (?P<named>\d{4}))?|(?P<year>\d{4}))$"
)
CURRENT_YEAR = ""  # "Meta vigencia" without a year: the year of the file's Avance columns

# Spanish values of the Tipo and Sentido columns, folded; first one is written on export.
KIND_VALUES = {
    "result": ("Resultado", {"resultado", "result", "r", "indicadorderesultado", "deresultado"}),
    "product": ("Producto", {"producto", "product", "p", "indicadordeproducto", "deproducto"}),
}
DIRECTION_VALUES = {
    "increase": (
        "Incremento",
        {
            "incremento",
            "incrementar",
            "aumento",
            "aumentar",
            "creciente",
            "ascendente",
            "increase",
            "positivo",
        },
    ),
    "decrease": (
        "Reducción",
        {
            "reduccion",
            "reducir",
            "disminucion",
            "disminuir",
            "decreciente",
            "descendente",
            "decrease",
            "negativo",
        },
    ),
    "maintain": (
        "Mantenimiento",
        {"mantenimiento", "mantener", "constante", "sostenimiento", "maintain", "mantiene"},
    ),
}


def match_column(header):
    """The ``Column`` a header names, or None."""
    return _BY_ALIAS.get(fold(header)) if header else None


def match_read_only_column(header):
    """The read-only ``Column`` (computed by the portal) a header names, or None."""
    return _READ_ONLY_BY_ALIAS.get(fold(header)) if header else None


def measurement_period_text(header):
    """For "Avance 2021-S1", the text after "Avance" ("2021 s1"); None for other headers."""
    if not header:
        return None
    match = _MEASUREMENT_HEADER.match(fold_words(header))
    return match["period"] if match else None


def year_target_header(header):
    """For "Meta 2021" the year (2021); for "Meta vigencia" ``CURRENT_YEAR``; else None."""
    if not header:
        return None
    match = _YEAR_TARGET_HEADER.match(fold_words(header))
    if not match:
        return None
    year = match["named"] or match["year"]
    return int(year) if year else CURRENT_YEAR


def choice_for(value, choices):
    """The key whose Spanish or English spellings include ``value``, or None."""
    folded = fold(value)
    for key, (_label, spellings) in choices.items():
        if folded in spellings:
            return key
    return None


def choice_label(key, choices):
    return choices[key][0]


def sdg_cell(targets, goals=()):
    """An ODS cell as the export writes it: the targets by position, then each goal linked
    without a target as "ODS n" ("4.1, 4.2, ODS 15"). A goal one of the targets belongs to
    is left out: the target already places the indicator under it."""
    targets = sorted(targets, key=lambda target: target.position)
    covered = {target.goal_id for target in targets}
    codes = [target.code for target in targets]
    codes += [
        f"ODS {goal.number}"
        for goal in sorted(goals, key=lambda goal: goal.number)
        if goal.pk not in covered
    ]
    return ", ".join(codes)
