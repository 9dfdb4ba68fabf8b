"""What citizens may find: live public pages, approved indicators and public documents.

Each function returns a queryset whose filters the search backends accept (``pk__in`` a
subquery, ``live``), so the same rules apply to search, suggestions and facets.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast, Length, Substr
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex

from rendicion.models import Indicator


def _is_within(ancestor_path_field):
    """Rows whose page (``ancestor_path_field``) is the outer page or one of its ancestors."""
    return {ancestor_path_field: Substr(OuterRef("path"), 1, Length(ancestor_path_field))}


def public_page_ids(site=None):
    """Ids of the live pages a visitor can open: in the site, in no private section and under
    no unpublished page."""
    pages = Page.objects.live().filter(depth__gt=1)
    if site is not None:
        pages = pages.filter(path__startswith=site.root_page.path)
    restricted = PageViewRestriction.objects.filter(**_is_within("page__path"))
    unpublished_ancestor = Page.objects.filter(live=False, depth__gt=1, **_is_within("path"))
    return (
        pages.exclude(Exists(restricted))
        .exclude(Exists(unpublished_ancestor))
        .values_list("pk", flat=True)
    )


def public_pages(site=None):
    return Page.objects.filter(pk__in=public_page_ids(site))


def public_indicators():
    """Approved indicators: the row is always the last approved version (see the model)."""
    return Indicator.objects.filter(live=True)


def public_document_ids(site=None):
    """Documents referenced by a live public page, outside private collections.

    The single rule for "this document is public": while documents carry no publication state
    of their own, a document a citizen can already reach from a public page is public.
    """
    Document = get_document_model()
    referenced = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(Document),
        object_id__in=public_page_ids(site)
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key"),
    ).values("to_object_id")
    restricted = CollectionViewRestriction.objects.filter(
        **{"collection__path": Substr(OuterRef("collection__path"), 1, Length("collection__path"))}
    )
    return (
        Document.objects.annotate(key=Cast("pk", output_field=CharField()))
        .filter(key__in=referenced)
        .exclude(Exists(restricted))
        .values_list("pk", flat=True)
    )


def public_documents(site=None):
    return get_document_model().objects.filter(pk__in=public_document_ids(site))
