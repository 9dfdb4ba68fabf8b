"""Wagtail API v2, read-only, public items only.

Pages, documents and images: only what ``rendicion.visibility`` makes public (the same rule
as serving, search, downloads and the library, docs/visibility.md). Wagtail's page endpoint
alone would list a live page under an unpublished parent.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rendicion.visibility import public_documents, public_images, public_pages

# Deeper than any real listing; past it an offset only overflows the database's integers.
MAX_OFFSET = 100_000
SEARCH_OPERATORS = {"and", "or"}


class ValidatedQueryMixin:
    """Wagtail's API answers 500 to ``search_operator=xor`` and to an offset beyond 64 bits:
    refuse them with 400, as it already does for other bad parameters."""

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        operator = params.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        offset = params.get("offset")
        if offset is not None and (not offset.isdigit() or int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset must be an integer between 0 and {MAX_OFFSET}")


class PublicPagesAPIViewSet(ValidatedQueryMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())


class PublicDocumentsAPIViewSet(ValidatedQueryMixin, DocumentsAPIViewSet):
    body_fields = [
        *DocumentsAPIViewSet.body_fields,
        "description",
        "document_type",
        "fiscal_year",
        "published_on",
        "file_size",
        "sha256",
    ]

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_documents().values("pk"))


class PublicImagesAPIViewSet(ValidatedQueryMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_images().values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
