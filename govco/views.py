"""/transparencia/, /participa/, /mapa-del-sitio/ and /robots.txt (docs/govco.md)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from govco.menus import chrome
from govco.models import StandardMenu
from rendicion.visibility import public_pages


def _menu_page(request, menu, title, intro):
    return render(
        request,
        "govco/standard_menu.html",
        {
            "menu_title": title,
            "intro": intro,
            "entries": chrome(request)[menu],
            "og_title": title,
            "og_description": intro,
        },
    )


@require_GET
def transparency(request):
    return _menu_page(
        request,
        StandardMenu.TRANSPARENCY,
        _("Transparency and access to public information"),
        _(
            "The information Law 1712 of 2014 asks the entity to publish, in the order of "
            "Annex 2 of Resolution 1519 of 2020 of MinTIC: what this portal publishes, where "
            "the rest is on the entity's main site, and what does not apply, and why."
        ),
    )


@require_GET
def participation(request):
    return _menu_page(
        request,
        StandardMenu.PARTICIPATION,
        _("Participate"),
        _(
            "The spaces and mechanisms for citizens to take part in the entity's management: "
            "from the diagnosis of problems to accountability and citizen oversight."
        ),
    )


def site_tree(site):
    """The site's public pages (rendicion/visibility.py) as nested dicts, in tree order."""
    if site is None:
        return []
    pages = (
        public_pages(site.root_page.get_descendants(inclusive=True))
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path")
    )
    roots, stack = [], []
    for page in pages:
        node = {"page": page, "children": []}
        while stack and not page.path.startswith(stack[-1]["page"].path):
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


@require_GET
def site_map(request):
    site = Site.find_for_request(request)
    title = _("Site map")
    return render(
        request,
        "govco/site_map.html",
        {
            "tree": site_tree(site),
            "og_title": title,
            "og_description": _("Every public page of the portal."),
        },
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Disallow: {reverse('search')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
