"""What every page's chrome needs from the database: the Transparency and Participate menus
and the policy pages of the footer. Read once per request (kept on the request) and, outside a
transaction, kept in the cache until the next public change (caching/invalidation.py), so the
footer costs no query per item, and none at all once cached."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from wagtail.models import Page, Site

from caching.invalidation import kept_until_next_change
from govco.models import LinkKind, PolicyKind, PolicyPage, StandardMenu, StandardMenuItem
from rendicion.visibility import hidden_branches, public_pages

MENU_PAGES = {
    StandardMenu.TRANSPARENCY: "govco_transparency",
    StandardMenu.PARTICIPATION: "govco_participation",
}


def chrome(request):
    """``{"transparency": [...], "participation": [...], "policies": [...]}``."""
    if request is not None and hasattr(request, "_govco_chrome"):
        return request._govco_chrome
    site = Site.find_for_request(request) if request is not None else None
    key = f"govco-chrome-{site.pk if site else 0}"
    value = kept_until_next_change(key, lambda: _build(request))
    if request is not None:
        request._govco_chrome = value
    return value


def _build(request):
    branches = hidden_branches()
    public_page = public_pages(Page.objects.filter(pk=OuterRef("page_id")), branches)
    items = StandardMenuItem.objects.for_menus().annotate(page_is_public=Exists(public_page))
    menus = {menu: [] for menu in StandardMenu.values}
    numbered = {}
    for item in items:
        href = item.href(request, {item.page_id} if item.page_is_public else set())
        anchor = f"{item.menu}-{item.pk}"
        entry = {
            "number": item.number,
            "title": item.title,
            "note": item.note,
            "applies": item.link_kind != LinkKind.NOT_APPLICABLE,
            "external": item.link_kind == LinkKind.EXTERNAL,
            # An item that leads nowhere public links to its explanation on the menu's page.
            "href": href or f"{reverse(MENU_PAGES[item.menu])}#{anchor}",
            "explained": not href,
            "anchor": anchor,
            "children": [],
        }
        parent = numbered.get((item.menu, item.parent_number)) if item.depth else None
        (parent["children"] if parent else menus[item.menu]).append(entry)
        numbered.setdefault((item.menu, item.number), entry)
    policies = {}
    pages = public_pages(PolicyPage.objects.all(), branches).order_by("kind", "-effective_date")
    for page in pages:
        policies.setdefault(page.kind, {"title": page.title, "url": page.get_url(request)})
    return {
        **menus,
        "policies": [policies[kind] for kind in PolicyKind.values if kind in policies],
    }
