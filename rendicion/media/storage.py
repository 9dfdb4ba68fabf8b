"""Where image files live, and the address each one is given (docs/private-media.md).

Every image file — originals and renditions — is stored in the **private area**,
``MEDIA_ROOT/private/``, which no web server route serves. An image that is public (the rule
is ``rendicion.visibility``) also gets a **public copy** of each of its files, a hard link
at the same relative name directly under ``MEDIA_ROOT`` (``original_images/…`` and
``images/…``), which the web server sends straight from disk. ``rendicion.media.privacy``
makes and removes the public copies; this module only knows the paths and the addresses.

A file's address (``image.file.url``, ``rendition.url``) is its public copy when the image
has public copies (``PortalImage.public_copies``), and otherwise the checked view
``/imagenes/<id>/<file name>`` (``opendata.views.image_file``). Deciding it reads nothing
but the image row already loaded: no query per image.

On an S3-compatible bucket (``portal.media_storage``: the ``private_images`` and
``public_images`` storages) the same names and the same rule hold: private objects under
``private/``, and a public copy is a server-side copy of the object, readable by anyone, at the
same name outside ``private/``; withdrawing deletes it.
"""

import contextlib
import filecmp
import logging
import os
import secrets
import shutil
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse
from django.utils._os import safe_join
from django.utils.encoding import filepath_to_uri
from django.utils.functional import cached_property
from wagtail.images.models import AbstractRendition, WagtailImageField, WagtailImageFieldFile

logger = logging.getLogger(__name__)

# MEDIA_ROOT/private/: image files themselves. Never served by the web server.
PRIVATE_DIR = "private"
# MEDIA_ROOT/original_images/ and MEDIA_ROOT/images/: public copies only. The web server
# serves these two folders from disk, and nothing else under MEDIA_ROOT.
PUBLIC_IMAGE_DIRS = ("original_images", "images")
# A copy being written in a public folder (where hard links are impossible), renamed when done.
PARTIAL_SUFFIX = ".part"


class PrivateImageStorage(FileSystemStorage):
    """``MEDIA_ROOT/private/``, following MEDIA_ROOT when it changes (as in the tests)."""

    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, PRIVATE_DIR)


_private_storage = PrivateImageStorage()


def on_object_storage():
    """Whether media are on a bucket (``portal.media_storage`` defines ``public_images``)."""
    return "public_images" in settings.STORAGES


def private_image_storage():
    """The storage of image originals and renditions (a callable, for the model fields)."""
    if on_object_storage():
        return storages["private_images"]
    return _private_storage


def public_image_storage():
    """Where public copies are on a bucket (on disk they are files under MEDIA_ROOT)."""
    return storages["public_images"]


def is_publishable(name):
    """Whether ``name`` (a stored file name) may have a public copy: a plain relative path in
    one of the public image folders, nothing that could resolve elsewhere."""
    if not name or name.startswith("/") or "\\" in name:
        return False
    parts = name.split("/")
    return (
        len(parts) >= 2
        and parts[0] in PUBLIC_IMAGE_DIRS
        and all(part not in ("", ".", "..") for part in parts)
    )


def private_path(name):
    return _private_storage.path(name)


def media_path(name):
    """``name`` under MEDIA_ROOT itself (where public copies are), never outside it."""
    return safe_join(settings.MEDIA_ROOT, name)


def public_path(name):
    if not is_publishable(name):
        raise ValueError(f"not a public image file name: {name!r}")
    return media_path(name)


def public_url(name):
    if on_object_storage():
        return public_image_storage().url(name)
    return urljoin(settings.MEDIA_URL, filepath_to_uri(name))


def checked_url(image, name):
    return reverse("image_file", args=[image.pk, name])


def image_file_url(image, name):
    """The address of one of ``image``'s files (its original or a rendition)."""
    if getattr(image, "public_copies", False) and is_publishable(name):
        return public_url(name)
    return checked_url(image, name)


def _same_bytes(first, second):
    if os.path.samefile(first, second):
        return True
    if os.path.getsize(first) != os.path.getsize(second):
        return False
    return filecmp.cmp(first, second, shallow=False)


def private_exists(name):
    return private_image_storage().exists(name)


def _s3_key(storage, name):
    from storages.utils import clean_name

    return storage._normalize_name(clean_name(name))


def _s3_copy(source_storage, target_storage, name, acl, target_name=None):
    """A server-side copy of one object: the bytes never pass through the portal."""
    extra = {"ACL": acl} if acl else {}
    source_storage.connection.meta.client.copy_object(
        Bucket=target_storage.bucket_name,
        Key=_s3_key(target_storage, target_name or name),
        CopySource={"Bucket": source_storage.bucket_name, "Key": _s3_key(source_storage, name)},
        MetadataDirective="COPY",
        **extra,
    )


def _publish_object(name):
    private = private_image_storage()
    if not private.exists(name):
        logger.warning("Image file %r is missing from the private area: not published", name)
        return False
    public = public_image_storage()
    _s3_copy(private, public, name, public.default_acl)
    return True


def adopt_public_object(name):
    """On a bucket: move a public object with no private counterpart into the private area."""
    private = private_image_storage()
    target_name = private.get_available_name(name)
    _s3_copy(public_image_storage(), private, name, private.default_acl, target_name)
    if target_name != name:
        logger.warning("Public image file %r moved to the private area as %r", name, target_name)
    public_image_storage().delete(name)


def publish_file(name):
    """Give the private file ``name`` its public copy (a hard link; a copy where the
    filesystem cannot link; a server-side copy on a bucket). Idempotent. Returns whether the
    public copy is in place."""
    if not is_publishable(name):
        logger.warning("Image file %r is outside the public folders: not published", name)
        return False
    if on_object_storage():
        return _publish_object(name)
    source = private_path(name)
    target = public_path(name)
    if not os.path.isfile(source):
        logger.warning("Image file %r is missing from the private area: not published", name)
        return False
    if os.path.lexists(target):
        if os.path.isfile(target) and not os.path.islink(target) and _same_bytes(source, target):
            return True
        os.unlink(target)  # a stale copy of an earlier file with the same name
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        pass  # another process published it at the same moment
    except OSError:
        # No hard links here (another filesystem): copy under a temporary name, then rename,
        # so the web server never sends half a file.
        partial = f"{target}.{secrets.token_hex(8)}{PARTIAL_SUFFIX}"
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    return True


def withdraw_file(name):
    """Remove the public copy of ``name``, if there is one. The private file stays."""
    if not is_publishable(name):
        return
    if on_object_storage():
        public_image_storage().delete(name)
        return
    with contextlib.suppress(FileNotFoundError):
        os.unlink(public_path(name))


def public_copy_names():
    """Relative names of every file in the public image folders, as found on disk."""
    if on_object_storage():
        return _public_object_names()
    names = []
    for folder in PUBLIC_IMAGE_DIRS:
        root = os.path.join(settings.MEDIA_ROOT, folder)
        for directory, _, files in os.walk(root):
            for filename in files:
                full = os.path.join(directory, filename)
                names.append(os.path.relpath(full, settings.MEDIA_ROOT).replace(os.sep, "/"))
    return names


def _public_object_names():
    public = public_image_storage()
    prefix = _s3_key(public, "")
    prefix = f"{prefix}/" if prefix else ""
    pages = public.connection.meta.client.get_paginator("list_objects_v2")
    names = []
    for folder in PUBLIC_IMAGE_DIRS:
        for page in pages.paginate(Bucket=public.bucket_name, Prefix=f"{prefix}{folder}/"):
            names.extend(item["Key"][len(prefix) :] for item in page.get("Contents", ()))
    return names


class PrivateImageFieldFile(WagtailImageFieldFile):
    """An image file whose address depends on whether its image is public."""

    @property
    def url(self):
        self._require_file()
        instance = self.instance
        image = instance.image if isinstance(instance, AbstractRendition) else instance
        return image_file_url(image, self.name)


class PrivateImageField(WagtailImageField):
    """Wagtail's image field, stored in the private area, with the address above."""

    attr_class = PrivateImageFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_image_storage)
        super().__init__(*args, **kwargs)
