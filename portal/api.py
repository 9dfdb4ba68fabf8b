"""Wagtail API v2, read-only, public items only.

Pages, documents and images: only what ``rendicion.visibility`` makes public (the same rule
as serving, search, downloads and the library, docs/visibility.md). Wagtail's page endpoint
alone would list a live page under an unpublished parent.
"""

from django.urls import NoReverseMatch
from rest_framework.fields import Field, SkipField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, get_serializer_class
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from opendata.addresses import absolute_url
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


# --- Absolute addresses ----------------------------------------------------------------------
# Wagtail builds detail_url, html_url and download_url from WAGTAILAPI_BASE_URL or else the
# Site record's hostname (often "localhost"); these fields use PORTAL_BASE_URL or else the
# address the request came to, like the open-data files (opendata/addresses.py).


class DetailUrlField(Field):
    def get_attribute(self, instance):
        router, request = self.context["router"], self.context["request"]
        path = router.get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField  # no endpoint for this model, as Wagtail's field does
        return absolute_url(request, path)

    def to_representation(self, url):
        return url


class PageHtmlUrlField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context["request"]
        try:
            return absolute_url(request, page.get_url(request))
        except NoReverseMatch:
            return None


class DocumentDownloadUrlField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, document):
        return absolute_url(self.context["request"], document.url)


class ImageDownloadUrlField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return absolute_url(self.context["request"], image.file.url)


class _RelatedPageField(Field):
    """The parent or alias_of page, serialized with these fields rather than Wagtail's."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        if self.attribute == "parent":
            parent = instance.get_parent()
            if self.context["base_queryset"].filter(id=parent.id).exists():
                return parent
            return None
        return instance.alias_of

    def to_representation(self, page):
        serializer_class = get_serializer_class(
            page.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=PublicPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(page)


class PublicPageSerializer(PageSerializer):
    detail_url = DetailUrlField(read_only=True)
    html_url = PageHtmlUrlField(read_only=True)
    parent = _RelatedPageField("parent", read_only=True)
    alias_of = _RelatedPageField("alias_of", read_only=True)


class PublicDocumentSerializer(DocumentSerializer):
    detail_url = DetailUrlField(read_only=True)
    download_url = DocumentDownloadUrlField(read_only=True)


class PublicImageSerializer(ImageSerializer):
    detail_url = DetailUrlField(read_only=True)
    download_url = ImageDownloadUrlField(read_only=True)


# --- Endpoints ---------------------------------------------------------------------------


class PublicPagesAPIViewSet(ValidatedQueryMixin, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer

    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())


class PublicDocumentsAPIViewSet(ValidatedQueryMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer
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
    base_serializer_class = PublicImageSerializer

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_images().values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
