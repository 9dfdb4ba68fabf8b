"""Wagtail API v2, read-only, public items only.

Pages, documents and images: only what ``rendicion.visibility`` makes public (the same rule
as serving, search, downloads and the library, docs/visibility.md). Wagtail's page endpoint
alone would list a live page under an unpublished parent.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rendicion.visibility import public_documents, public_images, public_pages


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
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


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_images().values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
