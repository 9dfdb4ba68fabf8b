"""What the public may see: the portal's one rule, called from everywhere (docs/visibility.md).

* A **page** is public when it and every ancestor are live and no view restriction (login,
  password, groups) applies to it or an ancestor.
* An **indicator** or **commitment** is public when it is live (its row is the approved
  version); a commitment is *shown* on its origin page, so it is shown only when that page is
  public.
* A **document** or **image** is public when a public page refers to it (a chooser, a block,
  a link in rich text), or a commitment shown on a public page offers it as evidence, or it
  sits in a collection designated public (``PublicCollection``, or a sub-collection of one);
  never when its collection (or an ancestor collection) has Wagtail privacy.

Page serving, navigation, search, the sitemap, the API, the document library, the ZIPs and the
open-data exports all ask this module; nothing else decides.

References come from Wagtail's reference index, rebuilt from a page's database row whenever
the row is saved. Wagtail writes a live page's content to its row only when it publishes it (a
draft of a live page lives in a revision), so for a live page the index holds the references
of the live version, and a draft that adds a document publishes nothing.
"""

from django.db.models import BigIntegerField, CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast, Length, Substr
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex

# --- Pages ---------------------------------------------------------------------------------


def hidden_branches():
    """Paths of the pages whose whole branch is hidden from the public: pages with a view
    restriction, and unpublished pages that have children. A short list, read in one query;
    the prefix filters it gives use the path index, where a correlated subquery per page
    would not (SQLite plans those badly on a large tree). Kept in the cache until the next
    public change (every write to a page or a restriction is one, docs/caching.md)."""
    from caching.invalidation import kept_until_next_change

    return kept_until_next_change("hidden-branches", _read_hidden_branches)


def _read_hidden_branches():
    restricted = PageViewRestriction.objects.order_by().values_list("page__path", flat=True)
    unpublished = (
        Page.objects.filter(live=False, depth__gt=1, numchild__gt=0)
        .order_by()
        .values_list("path", flat=True)
    )
    return sorted(set(restricted.union(unpublished)))


def public_pages(queryset=None, branches=None):
    """The public pages among ``queryset`` (all pages by default).

    ``branches`` lets a caller that filters several querysets read ``hidden_branches()`` once.
    """
    pages = Page.objects.all() if queryset is None else queryset
    pages = pages.filter(live=True, depth__gt=1)
    branches = hidden_branches() if branches is None else branches
    if not branches:
        return pages
    hidden = Q()
    for path in branches:
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden)


def _ancestors_hiding(page):
    return Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1)


def has_unpublished_ancestor(page):
    """Whether the page sits under an unpublished page (Wagtail itself would serve it)."""
    return Page.objects.ancestor_of(page).filter(depth__gt=1, live=False).exists()


def is_public_page(page):
    if not page.live:
        return False
    return not (
        _ancestors_hiding(page)
        .filter(Q(live=False) | Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .exists()
    )


# --- Indicators and commitments ------------------------------------------------------------


def public_indicators():
    """Approved indicators: the row is always the last approved version."""
    from rendicion.models import Indicator

    return Indicator.objects.filter(live=True)


def shown_commitments(pages=None):
    """Approved commitments whose origin page is public: where the public sees them."""
    from rendicion.models import Commitment

    pages = public_pages() if pages is None else pages
    return Commitment.objects.filter(live=True, origin_page__in=pages)


# --- Documents and images ------------------------------------------------------------------


def _as_text_keys(queryset):
    # The reference index stores object ids as text, for any kind of primary key.
    return queryset.annotate(key=Cast("pk", output_field=CharField())).values("key")


def _public_references(model):
    """References from a public page (or a commitment shown on one) to objects of ``model``."""
    pages = public_pages()
    references = ReferenceIndex.objects.filter(
        to_content_type__app_label=model._meta.app_label,
        to_content_type__model=model._meta.model_name,
    ).filter(
        Q(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=_as_text_keys(pages),
        )
        | Q(
            base_content_type__app_label="rendicion",
            base_content_type__model="commitment",
            object_id__in=_as_text_keys(shown_commitments(pages)),
        )
    )
    return references


def _collection_or_ancestor(queryset):
    """Rows of ``queryset`` (related to a collection) whose collection is the outer object's
    collection or one of its ancestors: treebeard paths are prefixes of descendants' paths."""
    return queryset.filter(
        collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
    )


def _public_media(model, pk=None):
    """Every public object of ``model``, or with ``pk`` that one object if it is public."""
    from rendicion.models import PublicCollection

    designated = _collection_or_ancestor(PublicCollection.objects.all())
    restricted = _collection_or_ancestor(CollectionViewRestriction.objects.all())
    if pk is None:
        # A subquery that does not depend on the outer row, so the database runs it once: a
        # correlated EXISTS per object took 7 s for 3,000 documents on SQLite
        # (bench/visibility_bench.py). The index keeps ids as text; these keys are integers.
        referenced = Q(
            pk__in=_public_references(model)
            .annotate(target=Cast("to_object_id", output_field=BigIntegerField()))
            .values("target")
        )
        objects = model.objects.all()
    else:
        # One object: only its own references are read.
        referenced = Q(Exists(_public_references(model).filter(to_object_id=str(pk))))
        objects = model.objects.filter(pk=pk)
    return objects.filter(referenced | Q(Exists(designated))).exclude(Exists(restricted))


def evaluated(queryset):
    """The objects of ``queryset`` (one of the rules above), with the rule evaluated now, once:
    a queryset of the ids it found. For a view that counts, filters and lists the same public
    objects several times: the library's years, department choices and page each ran the
    whole rule (25 ms apiece at 1,000 documents cited by 10,000 pages)."""
    ids = set(queryset.order_by().values_list("pk", flat=True))
    return queryset.model._default_manager.filter(pk__any_of=ids)


def public_documents():
    """Every document the public may see and download, as a queryset (unordered)."""
    return _public_media(get_document_model())


def public_images():
    """Every image the public may see (original and renditions), by the same rule."""
    return _public_media(get_image_model())


def is_public_document(document):
    return _public_media(get_document_model(), pk=document.pk).exists()


def is_public_image(image):
    return _public_media(get_image_model(), pk=image.pk).exists()
