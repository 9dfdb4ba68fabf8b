"""Template tags for finding one's way: the main menu, the breadcrumbs, the site name and
the addresses of indicators and SDG goals.

What needs a query (the menu, the breadcrumbs, the URL of the indicator and SDG indexes) runs
once per request and is cached on the request; the queries themselves are model methods
(``HomePage.menu_pages``, ``Indicator.get_url``, ``SdgGoal.get_url``).
"""

from django import template
from django.conf import settings
from wagtail.models import Site

register = template.Library()


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
    site = (
        _site(request)
        if request is not None
        else (Site.objects.select_related("root_page").filter(is_default_site=True).first())
    )
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
        "transparency_current": url_name == "govco_transparency",
        "participation_current": url_name == "govco_participation",
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
    crumbs = [
        {"page": ancestor, "is_root": ancestor.url_path == root_path} for ancestor in ancestors
    ]
    if current:
        crumbs.append({"page": page, "is_root": page.url_path == root_path})
    return {
        "crumbs": crumbs,
        "page": page,
        "current": current,
        "request": request,
        "show": bool(crumbs),
    }
