"""What citizens may find: live public pages, approved indicators and public documents.

The rules live here and nowhere else; search, facets and suggestions all use them.

``searchable_pages``/``searchable_documents`` are the cheap querysets handed to the search
backend (only filters every backend accepts); the full rules (private sections, unpublished
ancestors, citing pages) are then applied to the candidates found, with ``among``, so their
cost follows the number of matches rather than the size of the site.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast, Length, Substr
from wagtail.documents import get_document_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
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
    """Documents referenced by a live public page, outside private collections (only those in
    ``among``, when given).

    The single rule for "this document is public": while documents carry no publication state
    of their own, a document a citizen can already reach from a public page is public.
    """
    Document = get_document_model()
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(Document),
    )
    documents = Document.objects.all()
    if among is not None:
        among = list(among)
        references = references.filter(to_object_id__in=[str(pk) for pk in among])
        documents = documents.filter(pk__in=among)
    # object_id is text (any model's key): cast it, so that primary key indexes are used.
    citing = references.annotate(page_id=Cast("object_id", IntegerField())).values("page_id")
    public_citing = only_public(searchable_pages(site).filter(pk__in=citing), branches).annotate(
        key=Cast("pk", output_field=CharField())
    )
    cited = references.filter(object_id__in=public_citing.values("key")).annotate(
        document_id=Cast("to_object_id", IntegerField())
    )
    restricted = CollectionViewRestriction.objects.filter(
        **_is_within("collection__path", "collection__path")
    )
    return (
        documents.filter(pk__in=cited.values("document_id"))
        .exclude(Exists(restricted))
        .values_list("pk", flat=True)
    )


def public_documents(site=None):
    return get_document_model().objects.filter(pk__in=public_document_ids(site))
