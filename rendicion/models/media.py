"""Custom document and image models, swapped in from the first migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index


class PortalDocument(AbstractDocument):
    description = models.TextField(_("description"), blank=True)

    admin_form_fields = (*Document.admin_form_fields, "description")

    search_fields = [*AbstractDocument.search_fields, index.SearchField("description")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class PortalImage(AbstractImage):
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
