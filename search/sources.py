"""What citizens may find, as the search needs it: cheap candidate querysets for the backend,
then the portal's one visibility rule (``rendicion.visibility``, docs/visibility.md) applied
to the candidates found, with ``among``, so its cost follows the number of matches rather than
the size of the site.
"""

from wagtail.documents import get_document_model
from wagtail.models import Page

from rendicion.visibility import hidden_branches, public_documents, public_indicators, public_pages

__all__ = [
    "hidden_branches",
    "only_public",
    "public_document_ids",
    "public_indicators",
    "public_page_ids",
    "searchable_documents",
    "searchable_pages",
]


def searchable_pages(site=None):
    """Live pages of the site, for the search backend (``live`` and ``path`` are filter fields)."""
    pages = Page.objects.live().filter(depth__gt=1)
    if site is not None:
        pages = pages.filter(path__startswith=site.root_page.path)
    return pages


def only_public(pages, branches=None):
    """The public pages among ``pages``."""
    return public_pages(pages, branches)


def public_page_ids(site=None, among=None, branches=None):
    """Ids of the public pages of the site (only those in ``among``, when given)."""
    pages = searchable_pages(site)
    if among is not None:
        pages = pages.filter(pk__in=among)
    return only_public(pages, branches).values_list("pk", flat=True)


def searchable_documents():
    return get_document_model().objects.all()


def public_document_ids(site=None, among=None, branches=None):
    """Ids of the public documents (only those in ``among``, when given): search never shows
    a document the library, the ZIP or the download would refuse. ``site`` and ``branches``
    are accepted for symmetry with pages."""
    documents = public_documents()
    if among is not None:
        documents = documents.filter(pk__in=list(among))
    return documents.values_list("pk", flat=True)
