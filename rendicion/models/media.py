"""Custom document and image models, swapped in from the first migration.

Documents carry the metadata oversight bodies filter by (type, fiscal year, department,
publication date) and a SHA-256 of their bytes, recomputed whenever the file changes, so
anyone can prove a downloaded file is the one published. Whether a document or an image is
public is decided in ``rendicion.visibility``, not here. Image files are stored in the private
area and get public copies only while their image is public (``rendicion.media.storage``,
``rendicion.media.privacy``, docs/private-media.md).
"""

import hashlib

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    get_rendition_upload_to,
    get_upload_to,
)
from wagtail.search import index

from rendicion.media.storage import PrivateImageField

CHECKSUM_CHUNK_SIZE = 1024 * 1024


def sha256_of_file(file):
    """The hex SHA-256 of an open file object, read in chunks from the start."""
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(CHECKSUM_CHUNK_SIZE), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class PortalDocumentQuerySet(DocumentQuerySet):
    def fiscal_years(self):
        """One row per fiscal year among these documents, newest first, with the number of
        documents and their total size: ``{"fiscal_year", "count", "size"}``."""
        return (
            self.filter(fiscal_year__isnull=False)
            .values("fiscal_year")
            .annotate(count=models.Count("pk"), size=models.Sum("file_size"))
            .order_by("-fiscal_year")
        )


class PortalDocument(AbstractDocument):
    class DocumentType(models.TextChoices):
        MANAGEMENT_REPORT = "management_report", _("Management report")
        MINUTES = "minutes", _("Minutes")
        SYSTEMATISATION = "systematisation", _("Systematisation")
        IMPROVEMENT_PLAN = "improvement_plan", _("Improvement plan")
        EVALUATION = "evaluation", _("Evaluation")
        PRESENTATION = "presentation", _("Presentation")
        OTHER = "other", _("Other")

    description = models.TextField(_("description"), blank=True)
    document_type = models.CharField(
        _("document type"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.OTHER,
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year (vigencia) the document reports on, e.g. 2021."),
    )
    department = models.ForeignKey(
        "rendicion.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("department"),
    )
    published_on = models.DateField(_("publication date"), default=timezone.localdate)
    sha256 = models.CharField(
        "SHA-256",
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Checksum of the file's bytes, computed on upload and on every replacement."),
    )

    objects = PortalDocumentQuerySet.as_manager()

    admin_form_fields = (
        *Document.admin_form_fields,
        "description",
        "document_type",
        "fiscal_year",
        "department",
        "published_on",
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.FilterField("document_type"),
        index.FilterField("fiscal_year"),
        index.FilterField("department"),
        index.FilterField("published_on"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]
        indexes = [models.Index(fields=["fiscal_year", "published_on"])]

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_stored_file()
        return instance

    _sha256_is_fresh = False

    def _remember_stored_file(self):
        # Raw values as loaded (or last saved): the file name is still a plain string here
        # when loaded from the database, so nothing is opened.
        stored = self.__dict__.get("file")
        self._stored_file_name = getattr(stored, "name", stored)
        self._stored_sha256 = self.__dict__.get("sha256", "")

    def clean(self):
        # Wagtail checks the file's extension here; with no file (the upload was refused by
        # the form) it would add a second, confusing "extension “” not allowed" error.
        if self.file:
            super().clean()

    @property
    def url(self):
        """A permanent address: it stays the same when the file is replaced."""
        return reverse("document_download", args=[self.pk])

    @property
    def format(self):
        return self.file_extension.lower()

    def _set_document_file_metadata(self):
        # Wagtail calls this on every upload and replacement (admin form, multiple upload).
        super()._set_document_file_metadata()
        self._set_sha256()

    def _set_sha256(self):
        with self.open_file() as file:
            self.sha256 = sha256_of_file(file)
        self._sha256_is_fresh = True

    def file_was_replaced(self):
        stored_name = getattr(self, "_stored_file_name", None)
        return self.pk is not None and stored_name is not None and self.file.name != stored_name

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        writes_file = update_fields is None or "file" in update_fields
        replaced = writes_file and self.file_was_replaced()
        previous_sha256 = getattr(self, "_stored_sha256", "")
        needs_checksum = replaced or not self.sha256 or not getattr(self.file, "_committed", True)
        if writes_file and self.file and needs_checksum and not self._sha256_is_fresh:
            self._set_sha256()
        if update_fields is not None and "file" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sha256"}
        super().save(*args, **kwargs)
        self._sha256_is_fresh = False
        if replaced:
            from rendicion.media.documents import log_file_replacement

            log_file_replacement(self, previous_sha256)
        self._remember_stored_file()


class PublicCollection(models.Model):
    """A collection whose documents and images are public as soon as they are uploaded,
    whether or not a published page uses them (see docs/documents.md)."""

    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.CASCADE,
        related_name="public_designation",
        verbose_name=_("collection"),
        help_text=_(
            "Documents and images in this collection and its sub-collections are public. "
            "A collection with Wagtail privacy (login, password or groups) stays private."
        ),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("public collection")
        verbose_name_plural = _("public collections")

    def __str__(self):
        return str(self.collection)


class PortalImage(AbstractImage):
    file = PrivateImageField(
        verbose_name=_("file"), upload_to=get_upload_to, width_field="width", height_field="height"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    public_copies = models.BooleanField(
        _("public copies"),
        default=False,
        editable=False,
        help_text=_(
            "Whether the original and the renditions currently have public copies that the "
            "web server sends from disk. Kept in line with the publication rule automatically."
        ),
    )

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_stored_file()
        return instance

    def remember_stored_file(self):
        # The raw value as loaded or last saved, so a replaced file's public copy can go.
        stored = self.__dict__.get("file")
        self._stored_file_name = getattr(stored, "name", stored)

    def save(self, *args, **kwargs):
        # ``public_copies`` records what is on disk and only the sync writes it (with an
        # UPDATE): an instance loaded earlier must not write back a stale value.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = [name for name in update_fields if name != "public_copies"]
        elif not self._state.adding and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.name != "public_copies"
                and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    @property
    def url(self):
        """The original's address: its public copy, or the checked view while private."""
        return self.file.url

    def create_rendition(self, filter):
        rendition = super().create_rendition(filter)
        if self.public_copies:
            from rendicion.media.privacy import publish_new_renditions

            publish_new_renditions(self, [rendition])
        return rendition

    def create_renditions(self, *filters):
        renditions = super().create_renditions(*filters)
        # A single filter went through create_rendition(), which published it already.
        if self.public_copies and len(filters) > 1:
            from rendicion.media.privacy import publish_new_renditions

            publish_new_renditions(self, renditions.values())
        return renditions


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")
    file = PrivateImageField(
        upload_to=get_rendition_upload_to, width_field="width", height_field="height"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
