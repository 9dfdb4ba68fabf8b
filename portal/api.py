"""Wagtail API v2, read-only, public items only.

Pages: Wagtail's own endpoint already lists only live pages outside private sections.
Documents and images: only what ``rendicion.documents`` makes public (the same rule as
downloads and the library), never a draft's attachment or a private collection's file.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rendicion.documents import public_documents, public_images


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
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
