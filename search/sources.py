"""What citizens may find: live public pages, approved indicators and public documents.

The rules live here and nowhere else; search, facets and suggestions all use them.

``searchable_pages``/``searchable_documents`` are the cheap querysets handed to the search
backend (only filters every backend accepts); the full rules (private sections, unpublished
ancestors, citing pages) are then applied to the candidates found, with ``among``, so their
cost follows the number of matches rather than the size of the site.
"""

from django.db.models import OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.documents import get_document_model
from wagtail.models import (
    Page,
    PageViewRestriction,
)

from rendicion.models import Indicator


def _is_within(ancestor_path_field, outer_path="path"):
    """Rows whose page (``ancestor_path_field``) is the outer page or one of its ancestors."""
    return {ancestor_path_field: Substr(OuterRef(outer_path), 1, Length(ancestor_path_field))}


def searchable_pages(site=None):
    """Live pages of the site, for the search backend (``live`` and ``path`` are filter fields)."""
    pages = Page.objects.live().filter(depth__gt=1)
    if site is not None:
        pages = pages.filter(path__startswith=site.root_page.path)
    return pages


def hidden_branches():
    """Paths of the pages whose whole branch is hidden: private sections and unpublished pages
    that have children. A short list, read in one query; the prefix filters it gives use the
    path index, where a correlated subquery per page would not."""
    restricted = PageViewRestriction.objects.order_by().values_list("page__path", flat=True)
    unpublished = (
        Page.objects.filter(live=False, depth__gt=1, numchild__gt=0)
        .order_by()
        .values_list("path", flat=True)
    )
    return sorted(set(restricted.union(unpublished)))


def only_public(pages, branches=None):
    """The pages not in a private section and under no unpublished page."""
    branches = hidden_branches() if branches is None else branches
    hidden = Q()
    for path in branches:
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if branches else pages


def public_page_ids(site=None, among=None, branches=None):
    """Ids of the live pages a visitor can open: in the site, in no private section and under
    no unpublished page (only those in ``among``, when given)."""
    pages = searchable_pages(site)
    if among is not None:
        pages = pages.filter(pk__in=among)
    return only_public(pages, branches).values_list("pk", flat=True)


def public_pages(site=None):
    return Page.objects.filter(pk__in=public_page_ids(site))


def public_indicators():
    """Approved indicators: the row is always the last approved version (see the model)."""
    return Indicator.objects.filter(live=True)


def searchable_documents():
    return get_document_model().objects.all()


def public_document_ids(site=None, among=None, branches=None):
    """Ids of the documents the public may download (only those in ``among``, when given).

    The rule is the portal's single one, ``rendicion.documents.public_documents`` (see
    docs/documents.md): search never shows a document the library, the ZIP or the download
    would refuse. ``site`` and ``branches`` are accepted for symmetry with pages.
    """
    from rendicion.documents import public_documents as portal_public_documents

    documents = portal_public_documents()
    if among is not None:
        documents = documents.filter(pk__in=list(among))
    return documents.values_list("pk", flat=True)


def public_documents(site=None):
    return get_document_model().objects.filter(pk__in=public_document_ids(site))
