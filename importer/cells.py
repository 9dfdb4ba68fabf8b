"""Reading single spreadsheet cells the way people write them in Colombia.

Pure functions, no database: text clean-up, header and name folding, numbers written as text
("08", "1.050", "1,5", "27 IE", "45%"), SDG target lists ("Meta: 4.1, 4.2", "4.1 y 4.2") and
measurement periods ("2021", "2021-S1", "2021-T2"). docs/indicator-import.md states the rules.
"""

import calendar
import datetime
import html
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


class ForcedText(str):
    """A cell its author marked as text: Excel's leading apostrophe (``'27 IE``).

    Never read as a number, so a text baseline such as "27 IE" survives an export and
    re-import unchanged.
    """


# --- Text ---------------------------------------------------------------------------------

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--.*?-->", re.DOTALL)
_SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")


def clean_text(value):
    """The cell as one line of text: HTML tags pasted from the web removed, entities decoded,
    runs of white space (line breaks, non-breaking spaces) collapsed."""
    if value is None:
        return ""
    forced = isinstance(value, ForcedText)
    if isinstance(value, float):
        text = repr(value)
        if text.endswith(".0"):
            text = text[:-2]
    elif isinstance(value, datetime.datetime | datetime.date):
        text = value.isoformat()
    else:
        text = str(value)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    return ForcedText(text) if forced else text


def fold(text):
    """Lower case, no accents, letters and digits only: how headers and names are compared."""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def fold_words(text):
    """Like ``fold`` but keeps single spaces between words."""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    kept = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(kept.split())


# --- Numbers ------------------------------------------------------------------------------

MAX_INTEGER_DIGITS = 16  # the model's DecimalField(max_digits=20, decimal_places=4)
DECIMAL_PLACES = Decimal("0.0001")

# A number and, optionally, what follows it. The number part is checked by _to_decimal.
_NUMBER_WITH_REST = re.compile(
    r"^(?P<prefix>\$\s*)?(?P<number>[+-]?\d(?:[\d.,\u00a0 ]*\d)?)\s*(?P<rest>.*)$"
)
# Words that scale the number ("1.200 millones"): reading only the digits would be wrong.
_MULTIPLIERS = {"mil", "miles", "millon", "millones", "billon", "billones", "mm", "k", "m"}
_UNIT_WORD = re.compile(r"^[^\W\d_]{1,12}\.?$")


class NumberError(ValueError):
    """A cell that must be a number is not one; ``code`` says why."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Quantity:
    """What a baseline, target or measurement cell says.

    ``value`` is the number when the cell is a number, possibly with a unit ("27 IE",
    "45%"); ``text`` is the cell as written when it says more than that ("08 IE
    clasificación C 08 IE clasificación B").
    """

    value: Decimal | None
    text: str


def _grouped(groups):
    """Thousands groups after the first must have exactly three digits."""
    return (
        bool(groups[0])
        and len(groups[0]) <= 3
        and all(len(group) == 3 and group.isdigit() for group in groups[1:])
    )


def _to_decimal(number):
    """Colombian conventions: dot for thousands, comma for decimals; see the docs."""
    sign = ""
    if number[0] in "+-":
        sign, number = ("-" if number[0] == "-" else ""), number[1:]
    number = _without_space_groups(number.replace("\u00a0", " "))
    has_dot, has_comma = "." in number, "," in number
    if has_dot and has_comma:
        digits = _with_both_separators(number)
    elif has_comma:
        digits = _with_commas(number)
    elif has_dot:
        digits = _with_dots(number)
    else:
        digits = number
    return _checked(Decimal(sign + digits))


def _without_space_groups(number):
    """ "1 050" (a space as thousands separator): the groups must look like thousands."""
    if " " not in number:
        return number
    head, _sep, tail = number.rpartition(" ")
    tail_int = re.split(r"[.,]", tail, maxsplit=1)[0]
    if not _grouped([*head.split(" "), tail_int]):
        raise NumberError("invalid_number")
    return number.replace(" ", "")


def _with_both_separators(number):
    """ "1.050,5" or "1,050.5": the last separator is the decimal one."""
    decimal_sep = "." if number.rfind(".") > number.rfind(",") else ","
    thousands_sep = "," if decimal_sep == "." else "."
    integer, _sep, fraction = number.rpartition(decimal_sep)
    if decimal_sep in integer or not _grouped(integer.split(thousands_sep)):
        raise NumberError("invalid_number")
    return integer.replace(thousands_sep, "") + "." + fraction


def _with_commas(number):
    parts = number.split(",")
    if len(parts) == 2:  # "1,5": the Colombian decimal comma
        return parts[0] + "." + parts[1]
    if _grouped(parts):  # "1,050,000"
        return "".join(parts)
    raise NumberError("invalid_number")


def _with_dots(number):
    parts = number.split(".")
    if len(parts) > 2:  # "1.050.000"
        if not _grouped(parts):
            raise NumberError("invalid_number")
        return "".join(parts)
    if len(parts[1]) == 3 and not parts[0].startswith("0"):  # "1.050": thousands
        return "".join(parts)
    return number  # "1.5", "9.1", "0.500"


def _checked(value):
    value = value.quantize(DECIMAL_PLACES, rounding=ROUND_HALF_UP)
    if abs(value) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise NumberError("number_too_large")
    return plain(value)


def plain(value):
    """The shortest exact form of a Decimal, never in exponent notation: 1000, 93.4."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def number_from_cell(value):
    """The Decimal in a numeric spreadsheet cell (openpyxl int/float/Decimal)."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    try:
        return _checked(Decimal(value))
    except InvalidOperation as error:
        raise NumberError("invalid_number") from error


def read_quantity(value):
    """Read a baseline, target or measurement cell into a ``Quantity``.

    Raises ``NumberError`` for a date (Excel turned the text into one) or an out-of-range
    number. Empty cells give ``Quantity(None, "")``.
    """
    if value is None:
        return Quantity(None, "")
    if isinstance(value, bool):
        return Quantity(None, clean_text("VERDADERO" if value else "FALSO"))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        raise NumberError("date_not_number")
    if isinstance(value, int | float | Decimal):
        return Quantity(number_from_cell(value), "")
    text = clean_text(value)
    if not text or isinstance(text, ForcedText):
        return Quantity(None, str(text))
    match = _NUMBER_WITH_REST.match(text)
    if not match:
        return Quantity(None, text)
    rest = match["rest"].strip()
    is_unit = rest in {"%", "‰"} or (_UNIT_WORD.match(rest) and fold(rest) not in _MULTIPLIERS)
    if rest and not is_unit:
        return Quantity(None, text)
    try:
        return Quantity(_to_decimal(match["number"]), "")
    except NumberError as error:
        if error.code == "number_too_large":
            raise
        # Not a number after all ("1.5.2", "2021 2022"): keep the words as written.
        return Quantity(None, text)
    except InvalidOperation:
        return Quantity(None, text)


def read_number(value):
    """A cell that must hold a number (a measurement, an explicit "(valor)" column)."""
    quantity = read_quantity(value)
    if quantity.value is None and quantity.text:
        raise NumberError("invalid_number")
    return quantity.value


def format_number(value, decimal_comma=False):
    """A Decimal as the shortest plain text: 1050, 93.4 (or 93,4 with ``decimal_comma``)."""
    text = format(plain(Decimal(value)), "f")
    return text.replace(".", ",") if decimal_comma else text


# --- SDG targets --------------------------------------------------------------------------

_TARGET_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")
_SDG_FILLERS = {"meta", "metas", "y", "e", "and", "target", "targets"}
_SDG_GOAL_WORDS = {"ods", "objetivo", "sdg", "goal"}


@dataclass(frozen=True)
class SdgList:
    codes: list  # target codes in the order written, without repeats: ["4.1", "13.3"]
    unrecognised: list  # words that are neither a target code nor a filler
    # Goals named with none of their targets ("ODS 4", "15", "6 - Agua limpia"): linked to
    # the goal itself. Numbers as written ("4"), without repeats.
    goals_without_targets: list
    # The words written after a goal's number ("educacion de calidad"), by that number: the
    # goal's name, which the planner checks against the goal's title.
    goal_names: dict = field(default_factory=dict)


def read_sdg_targets(value):
    """Targets and goals in a cell such as "Meta: 4.1, 4.2", "4.1 y 4.2", "ODS 4: 4.a", or
    "ODS 4", "4 - Educación de calidad", "15" (a goal without a target)."""
    if isinstance(value, float):
        # Excel stored a lone "4.1" as a number: its shortest form gives the code back; a
        # whole number (15.0) is a goal.
        value = str(int(value)) if value.is_integer() else repr(value)
    text = fold_words_keep_dots(clean_text(value))
    tokens = [token for token in (word.strip(".") for word in text.split()) if token]
    codes, unrecognised, goals, names = [], [], [], {}
    goal = None  # the goal whose name may follow
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token in _SDG_GOAL_WORDS:
            goal = None
            if index < len(tokens) and tokens[index].isdigit():
                goal = tokens[index]
                goals.append(goal)
                index += 1
            continue
        if token.isdigit():
            goal = token
            goals.append(goal)
            continue
        if _TARGET_CODE.match(token):
            goal = None
            if token not in codes:
                codes.append(token)
            continue
        if goal is not None:
            names.setdefault(goal, []).append(token)
        elif token and token not in _SDG_FILLERS:
            unrecognised.append(token)
    listed_goals = {code.split(".")[0] for code in codes}
    missing = [goal for goal in dict.fromkeys(goals) if str(int(goal)) not in listed_goals]
    return SdgList(codes, unrecognised, missing, _goal_names(names))


def _goal_names(names):
    """{goal number: its name as written}, without the fillers around it ("ODS 4 meta")."""
    goal_names = {}
    for number, words in names.items():
        while words and words[-1] in _SDG_FILLERS:
            words.pop()
        while words and words[0] in _SDG_FILLERS:
            words.pop(0)
        if words:
            goal_names[number] = " ".join(words)
    return goal_names


def fold_words_keep_dots(text):
    """Lower case, no accents; separators (, ; : / | -) become spaces; dots are kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(
        ch if (ch.isalnum() or ch == ".") else " "
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    # "4.1y4.2" or "4.1,4.2" written without spaces.
    kept = re.sub(r"(\d)(y)(\d)", r"\1 \2 \3", kept)
    return kept


# --- Periods ------------------------------------------------------------------------------

_PERIOD_PATTERNS = [
    # (regex on the folded header text after "avance", builder)
    (re.compile(r"^(\d{4})$"), lambda m: (m[1], (int(m[1]), 12))),
    (
        re.compile(r"^(\d{4}) ?s ?([12])$"),
        lambda m: (f"{m[1]}-S{m[2]}", (int(m[1]), 6 * int(m[2]))),
    ),
    (
        re.compile(r"^s ?([12]) ?(\d{4})$"),
        lambda m: (f"{m[2]}-S{m[1]}", (int(m[2]), 6 * int(m[1]))),
    ),
    (
        re.compile(r"^(\d{4}) ?[tq] ?([1-4])$"),
        lambda m: (f"{m[1]}-T{m[2]}", (int(m[1]), 3 * int(m[2]))),
    ),
    (
        re.compile(r"^[tq] ?([1-4]) ?(\d{4})$"),
        lambda m: (f"{m[2]}-T{m[1]}", (int(m[2]), 3 * int(m[1]))),
    ),
    (
        re.compile(r"^(\d{4}) (\d{1,2})$"),
        lambda m: (f"{m[1]}-{int(m[2]):02d}", (int(m[1]), int(m[2]))),
    ),
]


@dataclass(frozen=True)
class Period:
    label: str  # "2021", "2021-S1", "2021-T2", "2021-06"
    date: datetime.date  # the cut-off date: last day of the period


def read_period(text):
    """The period of a measurement column ("2021-S1" → 2021-S1, cut-off 2021-06-30), or None."""
    folded = fold_words(text)
    for pattern, build in _PERIOD_PATTERNS:
        match = pattern.match(folded)
        if match:
            label, (year, month) = build(match)
            if not 1 <= month <= 12 or not 1900 <= year <= 2200:
                return None
            last_day = calendar.monthrange(year, month)[1]
            return Period(label, datetime.date(year, month, last_day))
    return None
