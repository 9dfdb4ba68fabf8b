"""The one rule that decides which documents (and images) the public may see.

A document is public when
  * a live, public page refers to it (a chooser, a document block, a link in rich text), or
    a live commitment shown on such a page offers it as evidence; or
  * it sits in a collection an editor designated public (``PublicCollection``), or in a
    sub-collection of one;
and in neither case when its collection (or an ancestor) has Wagtail privacy set.

References come from Wagtail's reference index. The index is rebuilt from the database row of
a page whenever the row is saved, and Wagtail writes a *live* page's content to its row only
when it publishes it (a draft of a live page lives in a revision; the edit view and
``save_revision`` write bookkeeping fields only). So for a live page the index holds the
references of the live version, and a draft that adds a document publishes nothing. A page
that is not live has its draft in the row, hence in the index, but only live pages count.
See docs/documents.md.

Serving, the document library, the open-data exports and the API all call
``public_documents()`` / ``is_public()``; nothing else decides.
"""

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast, Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.permissions import policy_registry

FILE_REPLACED_ACTION = "rendicion.document.file_replaced"
FILE_REPLACED_LABEL = _("Replace file")


def public_pages():
    """Live pages with no view restriction on themselves or an ancestor."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Page.objects.filter(live=True).exclude(Exists(restricted))


def _as_text_keys(queryset):
    # The reference index stores object ids as text, for any kind of primary key.
    return queryset.annotate(key=Cast("pk", output_field=CharField())).values("key")


def _referenced_by_public_content(model):
    """A subquery: does a live, public page (or a live commitment it shows) refer to the
    object of ``model`` in the outer query?"""
    from rendicion.models import Commitment

    pages = public_pages()
    commitments = Commitment.objects.filter(live=True, origin_page__in=pages)
    return ReferenceIndex.objects.filter(
        to_content_type__app_label=model._meta.app_label,
        to_content_type__model=model._meta.model_name,
        to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).filter(
        Q(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=_as_text_keys(pages),
        )
        | Q(
            base_content_type__app_label="rendicion",
            base_content_type__model="commitment",
            object_id__in=_as_text_keys(commitments),
        )
    )


def _collection_or_ancestor(queryset):
    """Rows of ``queryset`` (related to a collection) whose collection is the outer object's
    collection or one of its ancestors: treebeard paths are prefixes of descendants' paths."""
    return queryset.filter(
        collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
    )


def _public(model):
    from rendicion.models import PublicCollection

    designated = _collection_or_ancestor(PublicCollection.objects.all())
    restricted = _collection_or_ancestor(CollectionViewRestriction.objects.all())
    return model.objects.filter(
        Q(Exists(_referenced_by_public_content(model))) | Q(Exists(designated))
    ).exclude(Exists(restricted))


def public_documents():
    """Every document the public may see and download, as a queryset (unordered)."""
    return _public(get_document_model())


def public_images():
    """Every image the public API lists, by the same rule as documents."""
    return _public(get_image_model())


def is_public(document):
    return public_documents().filter(pk=document.pk).exists()


def can_see_unpublished(user, document):
    """Editors who can edit or choose a document in the admin may download it before it
    is published (to check it, or to preview a page that uses it)."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


def log_file_replacement(document, previous_sha256):
    """Record in the audit log that the file changed, with the checksum it had before."""
    log(
        instance=document,
        action=FILE_REPLACED_ACTION,
        data={
            "previous_sha256": previous_sha256,
            "sha256": document.sha256,
            "file": document.file.name,
        },
    )
