"""Images are private until the publication rule makes them public (docs/private-media.md).

Whether an image is public is decided by ``rendicion.visibility.public_images()`` and nothing
else. This module keeps the files in line with it:

* ``sync_image_privacy()`` compares the rule with ``PortalImage.public_copies`` and, for the
  images that differ, makes or removes the public copies of the original and every rendition
  (``rendicion.media.storage``). Two queries when nothing changed. It runs after the commit of
  every change that can alter the rule's answer (signals below), so it reads committed data.
* ``reconcile_media()`` checks everything on disk as well: missing public copies, stray
  files in the public folders, files left there by an earlier version. For cron and after a
  restore: ``manage.py sync_media_privacy``.
* A rendition created for an image that is already public is published at once
  (``PortalImage.create_rendition``); deleting an image or a rendition, or replacing an image's
  file, removes the public copy at once.

Who may see a *private* image (editors choosing it, previews of drafts) is the scope rule's
``rendicion.editorial.scope.can_see_unpublished_file``, the same as for documents.
"""

import logging
import os
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model

from rendicion.media import storage as image_storage
from rendicion.signals import public_content_changed
from rendicion.visibility import public_images

logger = logging.getLogger(__name__)

# Serialises syncs on PostgreSQL, so that two processes never interleave their reads of the
# rule and their writes of the files.
_ADVISORY_LOCK_ID = 0x52434D49  # "RCMI"


def image_file_names(image):
    """The stored names of an image's original and renditions (renditions prefetched or not)."""
    names = [image.file.name] if image.file else []
    names.extend(rendition.file.name for rendition in image.renditions.all() if rendition.file)
    return names


def _publish_image(image):
    published = [image_storage.publish_file(name) for name in image_file_names(image)]  # all
    return all(published)


def _withdraw_image(image):
    for name in image_file_names(image):
        image_storage.withdraw_file(name)


@dataclass
class SyncResult:
    published: int = 0
    withdrawn: int = 0


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_ID])


def sync_image_privacy():
    """Publish the files of images the rule makes public, withdraw those of images it no
    longer does. Idempotent."""
    Image = get_image_model()
    result = SyncResult()
    with transaction.atomic():
        _lock()
        public = set(public_images().values_list("pk", flat=True))
        copied = set(Image.objects.filter(public_copies=True).values_list("pk", flat=True))
        to_withdraw = copied - public
        to_publish = public - copied
        if to_withdraw:
            # The flag first: from now on addresses point to the checked view.
            Image.objects.filter(pk__in=to_withdraw).update(public_copies=False)
            for image in Image.objects.filter(pk__in=to_withdraw).prefetch_related("renditions"):
                _withdraw_image(image)
            result.withdrawn = len(to_withdraw)
        if to_publish:
            # The files first: an address never points to a public copy not yet there.
            images = Image.objects.filter(pk__in=to_publish).prefetch_related("renditions")
            for image in images:
                if not _publish_image(image):
                    logger.error("Image %s is public but not all its files could be "
                                 "published; its missing files are served by Django", image.pk)
            Image.objects.filter(pk__in=to_publish).update(public_copies=True)
            result.published = len(to_publish)
        if to_withdraw or to_publish:
            # Image addresses in pages change (public copy or checked view).
            public_content_changed.send(sender=Image)
    return result


def publish_new_renditions(image, renditions):
    """Called when renditions are created for an image that has public copies."""
    names = [rendition.file.name for rendition in renditions if rendition.file]
    for name in names:
        image_storage.publish_file(name)
    # The image may have been withdrawn meanwhile (by another process): undo, then.
    if not type(image).objects.filter(pk=image.pk, public_copies=True).exists():
        for name in names:
            image_storage.withdraw_file(name)


@dataclass
class ReconcileResult(SyncResult):
    adopted: int = 0
    restored: int = 0
    removed: int = 0


def reconcile_media():
    """Bring the files on disk in line with the rule, whatever happened before: for cron,
    after a restore, after an upgrade. Idempotent.

    1. A file in the public folders with no private counterpart (left there by an earlier
       version, or by hand) is moved into the private area under the same name: never lost,
       never public unless the rule says so.
    2. The rule is applied (``sync_image_privacy``).
    3. Every file of an image with public copies gets its public copy if it lacks one.
    4. Any other file in the public folders is removed (its private counterpart stays).
    """
    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    result = ReconcileResult()

    for name in image_storage.public_copy_names():
        if _is_abandoned_partial_copy(name):
            os.unlink(image_storage.media_path(name))
            result.removed += 1
        elif not image_storage.private_exists(name):
            _adopt(name)
            result.adopted += 1

    synced = sync_image_privacy()
    result.published, result.withdrawn = synced.published, synced.withdrawn

    on_disk = image_storage.public_copy_names()  # listed before the query: see step 4
    expected = {
        *Image.objects.filter(public_copies=True).values_list("file", flat=True),
        *Rendition.objects.filter(image__public_copies=True).values_list("file", flat=True),
    } - {""}
    present = set(on_disk)
    for name in sorted(expected - present):
        if image_storage.publish_file(name):
            result.restored += 1
    for name in on_disk:
        if name.endswith(image_storage.PARTIAL_SUFFIX):
            continue  # a copy being written (old ones went in step 1)
        if name in expected:
            image_storage.publish_file(name)  # replaces a stale copy that differs
        elif image_storage.private_exists(name):
            image_storage.withdraw_file(name)
            result.removed += 1
        else:
            _adopt(name)  # appeared since step 1: keep it, privately
            result.adopted += 1
    return result


def _is_abandoned_partial_copy(name, max_age=3600):
    """A temporary file of a copy (``publish_file`` without hard links) left by a crash."""
    if image_storage.on_object_storage() or not name.endswith(image_storage.PARTIAL_SUFFIX):
        return False  # a copy on a bucket is never half written
    path = image_storage.media_path(name)
    return time.time() - os.path.getmtime(path) > max_age


def _adopt(name):
    if image_storage.on_object_storage():
        image_storage.adopt_public_object(name)
        return
    source = image_storage.media_path(name)
    storage = image_storage.private_image_storage()
    target_name = storage.get_available_name(name)
    target = storage.path(target_name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.replace(source, target)
    if target_name != name:
        logger.warning("Public image file %r moved to the private area as %r", name, target_name)


# --- When to sync --------------------------------------------------------------------------


def _sync_after_commit():
    sync_image_privacy()


def schedule_sync(**kwargs):
    """Sync once the current transaction commits (at once outside a transaction). Many events
    in one transaction — a tree deleted, the demo loaded — sync once."""
    if kwargs.get("raw"):
        return  # fixtures: the reference index is not there yet
    db = transaction.get_connection()
    if any(entry[1] is _sync_after_commit for entry in db.run_on_commit):
        return
    transaction.on_commit(_sync_after_commit, robust=True)


def _image_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "_stored_file_name", None)
    if previous and previous != instance.file.name:
        image_storage.withdraw_file(previous)  # the replaced file is gone from public view
        if instance.public_copies:
            image_storage.publish_file(instance.file.name)
    instance.remember_stored_file()
    schedule_sync()  # its collection may have changed


def _media_file_deleted(sender, instance, **kwargs):
    if instance.file:
        image_storage.withdraw_file(instance.file.name)


def connect_signals():
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Page,
        PageViewRestriction,
        get_page_models,
    )
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    from rendicion.models import Commitment, PublicCollection

    Image = get_image_model()
    Rendition = Image.get_rendition_model()

    def connect(signal, name, sender=None):
        label = sender._meta.label_lower if sender else "any"
        signal.connect(schedule_sync, sender=sender,
                       dispatch_uid=f"rendicion_image_privacy_{name}_{label}")

    # Pages: published, unpublished, moved, deleted, or saved by code.
    connect(page_published, "page_published")
    connect(page_unpublished, "page_unpublished")
    connect(post_page_move, "post_page_move")
    for model in get_page_models():
        connect(post_save, "post_save", model)
    connect(post_delete, "post_delete", Page)
    # Snippets shown on public pages (commitments offering evidence).
    connect(published, "published", Commitment)
    connect(unpublished, "unpublished", Commitment)
    # Privacy, public designation, and commitments changed by code.
    for model in (PageViewRestriction, CollectionViewRestriction, PublicCollection, Commitment,
                  Collection):
        connect(post_save, "post_save", model)
        connect(post_delete, "post_delete", model)

    post_save.connect(_image_saved, sender=Image, dispatch_uid="rendicion_image_privacy_image")
    post_delete.connect(_media_file_deleted, sender=Image,
                        dispatch_uid="rendicion_image_privacy_image_deleted")
    post_delete.connect(_media_file_deleted, sender=Rendition,
                        dispatch_uid="rendicion_image_privacy_rendition_deleted")
