"""What the search hands its backend, and what of it citizens may see.

The backend is given cheap candidate querysets (``searchable_pages``,
``searchable_documents``; indicators: ``rendicion.visibility.public_indicators``). The portal's
one visibility rule (``rendicion.visibility``, docs/visibility.md) is then applied to the
candidates found only, with ``among``, so its cost follows the number of matches rather than
the size of the site.
"""

from wagtail.documents import get_document_model
from wagtail.models import Page

from rendicion.visibility import public_documents, public_pages


def searchable_pages(site=None):
    """Live pages of the site, for the search backend (``live`` and ``path`` are filter fields)."""
    pages = Page.objects.live().filter(depth__gt=1)
    if site is not None:
        pages = pages.filter(path__startswith=site.root_page.path)
    return pages


def searchable_documents():
    return get_document_model().objects.all()


def public_page_ids(site=None, among=None):
    """Ids of the public pages of the site (only those in ``among``, when given)."""
    pages = searchable_pages(site)
    if among is not None:
        pages = pages.filter(pk__any_of=set(among))
    return public_pages(pages).values_list("pk", flat=True)


def public_document_ids(among=None):
    """Ids of the public documents (only those in ``among``, when given): search never shows
    a document the library, the ZIP or the download would refuse."""
    documents = public_documents()
    if among is not None:
        documents = documents.filter(pk__any_of=set(among))
    return documents.values_list("pk", flat=True)
