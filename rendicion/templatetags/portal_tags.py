"""Template tags and filters of the public portal.

Everything here is cheap on purpose: page listings call these once per row, so nothing may
touch the database per call. What needs a query (the navigation, the breadcrumbs, the URL of
the indicator and SDG indexes) runs once per request and is cached on the request.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils import dateformat
from django.utils.formats import number_format
from wagtail.models import Site

register = template.Library()

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
NEUTRAL_COLOUR = "#5f6b66"


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
    """"15 de diciembre de 2021": Spanish writes month names in lower case."""
    if not value:
        return ""
    text = dateformat.format(value, LONG_DATE)
    month = dateformat.format(value, "F")
    return text.replace(month, month.lower())


@register.filter(expects_localtime=True)
def short_time(value):
    """"9:00 a.m." in the portal's time zone."""
    if not value:
        return ""
    return dateformat.time_format(value, "g:i a")


# --- Colours -------------------------------------------------------------------------------

@register.filter
def safe_colour(value):
    """The colour if it is a #RRGGBB value, else a neutral grey: never raw text in a style."""
    value = (value or "").strip()
    return value if HEX_COLOUR.match(value) else NEUTRAL_COLOUR


def _luminance(hex_colour):
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@register.filter
def on_colour(value):
    """Black or white, whichever contrasts more with the background colour ``value``."""
    lum = _luminance(safe_colour(value))
    contrast_white = 1.05 / (lum + 0.05)
    contrast_black = (lum + 0.05) / 0.05
    return "#ffffff" if contrast_white >= contrast_black else "#111111"


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


@register.filter
def sum_attr(items, attr):
    """Sum of an attribute over already-fetched items: ``{{ attendance|sum_attr:"count" }}``."""
    return sum(getattr(item, attr, 0) or 0 for item in items)


# --- URLs ----------------------------------------------------------------------------------

def _site(request):
    return Site.find_for_request(request) if request is not None else None


def _root_paths(request):
    if request is None:
        return Site.get_site_root_paths()
    try:
        return request._wagtail_cached_site_root_paths
    except AttributeError:
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
        return request._wagtail_cached_site_root_paths


def _home_page(request):
    """The site's root page (the home page) without a query: Wagtail fetched it with the site
    to route the request, and the specific fields it defers are not needed."""
    site = _site(request) if request is not None else (
        Site.objects.select_related("root_page").filter(is_default_site=True).first())
    return site.root_page.specific_deferred if site is not None else None


def _site_root_url_path(request):
    """The url_path of the current site's home page, e.g. "/inicio/", from the cached paths."""
    site = _site(request)
    paths = _root_paths(request)
    for root in paths:
        if site is None or root.site_id == site.id:
            return root.root_path
    return "/"


@register.simple_tag(takes_context=True)
def indicator_url(context, indicator):
    """The public address of an indicator; the index URL is looked up once per request."""
    return indicator.get_url(context.get("request")) or ""


@register.simple_tag(takes_context=True)
def sdg_goal_url(context, goal):
    """The address of an SDG goal page (/ods/4/); the index URL is looked up once per request."""
    return goal.get_url(context.get("request")) or ""


@register.simple_tag(takes_context=True)
def site_name(context):
    site = _site(context.get("request"))
    if site is not None and site.site_name:
        return site.site_name
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


# --- Navigation ----------------------------------------------------------------------------

def _is_within(page, item):
    return page is not None and getattr(page, "url_path", "").startswith(item.url_path)


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Home, the site root's menu pages (``HomePage.menu_pages``: the current cycle, the
    indicators, the SDGs), documents, open data and search."""
    request = context.get("request")
    page = context.get("page")
    home = _home_page(request)
    menu_pages = home.menu_pages() if hasattr(home, "menu_pages") else []
    items = [
        {
            "page": item,
            "label": getattr(item.specific_class, "menu_label", None) or item.title,
            "active": _is_within(page, item),
            "current": page is not None and page.pk == item.pk,
        }
        for item in menu_pages
    ]
    root_path = home.url_path if home is not None else None
    on_home = page is not None and getattr(page, "url_path", None) == root_path
    url_name = (
        request.resolver_match.url_name
        if page is None and request is not None and request.resolver_match is not None
        else None
    )
    return {
        "request": request,
        "items": items,
        "home_current": on_home,
        "search_current": url_name == "search",
        "documents_current": url_name == "document_library",
        "data_current": url_name == "opendata_index",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current=None):
    """Ancestors of the page inside the site, in one query.

    ``current`` names a routed sub-page (an indicator, an SDG goal): the page itself becomes
    a link and ``current`` is shown as the last, current crumb.
    """
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return {"crumbs": [], "current": current, "request": request}
    root_path = _site_root_url_path(request)
    ancestors = []
    if page.url_path != root_path:
        ancestors = list(page.get_ancestors().filter(url_path__startswith=root_path))
    crumbs = [{"page": ancestor, "is_root": ancestor.url_path == root_path}
              for ancestor in ancestors]
    if current:
        crumbs.append({"page": page, "is_root": page.url_path == root_path})
    return {
        "crumbs": crumbs,
        "page": page,
        "current": current,
        "request": request,
        "show": bool(crumbs),
    }


@register.filter
def nonempty_groups(groups):
    """Keep the (value, label, items) groups that have items: ``schedule|nonempty_groups``."""
    return [group for group in groups if group[2]]


@register.filter
def unique_indicators(targets):
    """The prefetched ``public_indicators`` of SDG targets, each indicator once, in order."""
    seen = set()
    result = []
    for target in targets:
        for indicator in getattr(target, "public_indicators", ()):
            if indicator.pk not in seen:
                seen.add(indicator.pk)
                result.append(indicator)
    return result
