"""The public record: an append-only log of publication events, the Merkle tree over it and
its signed tree heads (docs/record.md). Rows are never updated nor deleted: the database
refuses it (migration 0002's triggers). Query logic lives in ``registro.log`` and
``registro.tree``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PUBLISHED = "published", _("Published")
    REPUBLISHED = "republished", _("Republished")
    UNPUBLISHED = "unpublished", _("Withdrawn")
    APPROVED = "approved", _("Change approved")
    MADE_PUBLIC = "made_public", _("Became public")
    MADE_PRIVATE = "made_private", _("Became private")
    FILE_REPLACED = "file_replaced", _("File replaced")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ANSWERED = "answered", _("Answered publicly")


class ObjectKind(models.TextChoices):
    PAGE = "page", _("Page")
    INDICATOR = "indicator", _("Indicator")
    COMMITMENT = "commitment", _("Commitment")
    DOCUMENT = "document", _("Document")
    IMPROVEMENT_ACTION = "improvement_action", _("Improvement action")
    QUESTION = "question", _("Citizen question")


class EntryQuerySet(models.QuerySet):
    def filtered(self, event="", object_kind="", query=""):
        entries = self
        if event:
            entries = entries.filter(event=event)
        if object_kind:
            entries = entries.filter(object_kind=object_kind)
        if query:
            entries = entries.filter(
                models.Q(title__icontains=query) | models.Q(url__icontains=query)
            )
        return entries


class Entry(models.Model):
    """One leaf of the tree. ``sequence`` is the leaf index, from 0, without gaps."""

    sequence = models.PositiveBigIntegerField(_("number"), primary_key=True)
    time = models.DateTimeField(_("time"))
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    object_kind = models.CharField(_("kind"), max_length=20, choices=ObjectKind.choices)
    object_id = models.CharField(_("id"), max_length=64)
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = models.CharField(_("public address"), max_length=500, blank=True)
    content_sha256 = models.CharField(_("SHA-256 of what the public saw"), max_length=64)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True, db_index=True)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    role = models.CharField(_("approved by (role)"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    leaf_hash = models.CharField(_("leaf hash"), max_length=64)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("record entry")
        verbose_name_plural = _("record entries")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["object_kind", "object_id"])]

    def __str__(self):
        return f"{self.sequence}: {self.event} {self.object_kind} {self.object_id}"


class Node(models.Model):
    """The hash of a complete subtree of 2**level leaves starting at leaf index * 2**level,
    stored from level ``registro.tree.BLOCK_LEVEL`` up, so that proofs and tree heads read a
    few rows instead of every leaf."""

    level = models.PositiveSmallIntegerField()
    index = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "index"], name="registro_one_node_per_place")
        ]

    def __str__(self):
        return f"{self.level}/{self.index}"


class TreeHead(models.Model):
    """A signed tree head; every one is kept, the history anyone can compare with."""

    tree_size = models.PositiveBigIntegerField(_("entries"))
    root_hash = models.CharField(_("root hash"), max_length=64)
    timestamp = models.CharField(_("time"), max_length=40)
    signature = models.CharField(_("signature"), max_length=200)
    key_id = models.CharField(_("key"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed tree head")
        verbose_name_plural = _("signed tree heads")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.tree_size} @ {self.timestamp}"

    def as_json(self):
        return {
            "tree_size": self.tree_size,
            "root_hash": self.root_hash,
            "timestamp": self.timestamp,
            "signature": self.signature,
            "key_id": self.key_id,
        }


class RecordedState(models.Model):
    """What the record last said about an object (public or not, and its hashes): a cache of
    the log, so an event is told from a repetition and documents' and actions' changes are
    found by comparison. Rebuilt from the log if lost."""

    object_kind = models.CharField(max_length=20, choices=ObjectKind.choices)
    object_id = models.CharField(max_length=64)
    public = models.BooleanField(default=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    marker = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["object_kind", "object_id"], name="registro_one_state_per_object"
            )
        ]

    def __str__(self):
        return f"{self.object_kind} {self.object_id}"
