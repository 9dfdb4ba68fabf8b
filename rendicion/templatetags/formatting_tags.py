"""Template filters and tags that format values: numbers, progress bars, dates, colours,
the labels of block choices and small list helpers.

Everything here is cheap on purpose: page listings call these once per row, so nothing may
touch the database.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import dateformat
from django.utils.formats import number_format

from rendicion import contrast

register = template.Library()


# --- Numbers -------------------------------------------------------------------------------


def _to_decimal(value):
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    return None


@register.filter
def num(value, max_places=None):
    """A number in Colombian style without trailing zeros: 1050.0000 → 1.050, 61.5 → 61,5.

    Text (a baseline such as "08 IE clasificación C") is returned unchanged, and None as "".
    ``max_places`` rounds to at most that many decimals: ``{{ value|num:1 }}``.
    """
    if value is None or value == "":
        return ""
    number = _to_decimal(value)
    if number is None:
        return value
    if not number.is_finite():
        return str(value)
    if max_places not in (None, ""):
        number = number.quantize(Decimal(1).scaleb(-int(max_places)), rounding=ROUND_HALF_UP)
    normalized = number.normalize()
    places = max(0, -normalized.as_tuple().exponent)
    return number_format(normalized, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def plain_number(value):
    """A number for machines (CSS widths, ARIA values): dot decimal separator, no grouping."""
    number = _to_decimal(value)
    if number is None:
        return "0"
    text = format(number.normalize(), "f")
    return text


def _clamp_percent(value):
    number = _to_decimal(value)
    if number is None:
        return Decimal(0)
    return max(Decimal(0), min(Decimal(100), number))


@register.inclusion_tag("includes/progress_bar.html")
def progress_bar(percent, label="", status="", status_code=""):
    """An accessible progress bar: role="progressbar" with its value as text too.

    ``percent`` may exceed 100 or fall below 0; the bar is clamped, the text is not. When
    ``percent`` is None only ``status`` is shown: no honest percentage exists.
    """
    if percent is not None and _to_decimal(percent) is None:
        try:
            percent = Decimal(str(percent))
        except (InvalidOperation, ValueError):
            percent = None
    return {
        "percent": percent,
        "bar_percent": _clamp_percent(percent) if percent is not None else None,
        "label": label,
        "status": status,
        "status_code": status_code,
    }


# --- Dates ---------------------------------------------------------------------------------

LONG_DATE = r"j \d\e F \d\e Y"


@register.filter(expects_localtime=True)
def long_date(value):
    """ "15 de diciembre de 2021": Spanish writes month names in lower case."""
    if not value:
        return ""
    text = dateformat.format(value, LONG_DATE)
    month = dateformat.format(value, "F")
    return text.replace(month, month.lower())


@register.filter(expects_localtime=True)
def short_time(value):
    """ "9:00 a.m." in the portal's time zone."""
    if not value:
        return ""
    return dateformat.time_format(value, "g:i a")


# --- Colours -------------------------------------------------------------------------------


@register.filter
def safe_colour(value):
    """The colour if it is a #RRGGBB value, else a neutral grey: never raw text in a style."""
    return contrast.safe_colour(value)


@register.filter
def on_colour(value):
    """Black or white text for the background colour ``value``, as ``text_background``
    adjusts it: at least 4.5:1 (WCAG 1.4.3)."""
    return contrast.text_colour_on(contrast.text_background(value))


# --- Blocks --------------------------------------------------------------------------------


@register.filter
def choice_label(struct_value, name):
    """The label of a ChoiceBlock in a StructBlock value: ``{{ value|choice_label:"kind" }}``."""
    raw = struct_value.get(name) if hasattr(struct_value, "get") else None
    block = getattr(struct_value, "block", None)
    child = block.child_blocks.get(name) if block is not None else None
    if child is not None and hasattr(child, "field"):
        for choice_value, label in child.field.choices:
            if str(choice_value) == str(raw):
                return label
    return raw or ""


# --- Lists ---------------------------------------------------------------------------------


@register.filter
def sum_attr(items, attr):
    """Sum of an attribute over already-fetched items: ``{{ attendance|sum_attr:"count" }}``."""
    return sum(getattr(item, attr, 0) or 0 for item in items)


@register.filter
def nonempty_groups(groups):
    """Keep the (value, label, items) groups that have items: ``schedule|nonempty_groups``."""
    return [group for group in groups if group[2]]
