"""The chrome Anexo 2 asks of every page: the GOV.CO bar, the Transparency and Participate
menus, the footer's policy links and the Open Graph tags (docs/govco.md)."""

from django import template

from govco.menus import chrome

register = template.Library()


@register.inclusion_tag("includes/govco_bar.html")
def govco_bar():
    return {}


@register.simple_tag(takes_context=True)
def standard_menus(context):
    """The two menus and the policy links, one read per request (govco/menus.py)."""
    return chrome(context.get("request"))


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context, site_name=""):
    request = context.get("request")
    page = context.get("page")
    title = context.get("og_title") or (
        (page.seo_title or page.title) if page is not None else site_name
    )
    description = context.get("og_description") or (
        (page.search_description or getattr(page, "summary", "")) if page is not None else ""
    )
    image = getattr(page, "social_image", None) if page is not None else None
    return {
        "title": title,
        "description": description,
        "url": request.build_absolute_uri(request.path) if request is not None else "",
        "type": getattr(page, "og_type", "website") if page is not None else "website",
        "site_name": site_name,
        "image": request.build_absolute_uri(image) if image and request is not None else "",
    }
