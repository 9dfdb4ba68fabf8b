"""Where media files are stored: local disk by default, an S3-compatible bucket when
``AWS_STORAGE_BUCKET_NAME`` is set (docs/deploy.md, "Media on object storage").

Three storages, under the aliases of Django's ``STORAGES``:

* ``default``: documents and everything else (always served through Django, after the
  visibility and scope checks). On a bucket: **private** objects, and any address the storage
  gives is signed and expires (``AWS_QUERYSTRING_EXPIRE``, 5 minutes), never a public one.
* ``private_images``: every image original and rendition (``MEDIA_ROOT/private/`` on disk,
  the ``private/`` prefix of the bucket). Private objects; Django serves them at
  ``/imagenes/<id>/…`` to whoever may see them (docs/private-media.md).
* ``public_images``: only on a bucket, the public copies of the files of public images
  (``images/…``, ``original_images/…`` as on disk), server-side copies of the private
  objects, made and removed by ``rendicion.media.privacy`` exactly as the hard links on disk,
  readable by anyone (ACL ``AWS_PUBLIC_IMAGES_ACL``, ``public-read`` by default; empty for a
  bucket without ACLs, whose policy must then allow reading those two prefixes and nothing
  else). On disk the public copies are plain files under ``MEDIA_ROOT`` and need no alias.
"""

import os

LOCAL = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private_images": {"BACKEND": "rendicion.media.storage.PrivateImageStorage"},
}
S3_BACKEND = "storages.backends.s3.S3Storage"


def _s3_connection(environ):
    options = {
        "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"].strip(),
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        # Unset: boto3's own chain (an instance role, ~/.aws) finds the credentials.
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        # Two uploads with one name never overwrite each other (as on disk).
        "file_overwrite": False,
    }
    return {key: value for key, value in options.items() if value is not None}


def media_storages(environ=os.environ):
    """The ``STORAGES`` entries for media (not ``staticfiles``), from the environment."""
    if not environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        return {alias: dict(entry) for alias, entry in LOCAL.items()}
    connection = _s3_connection(environ)
    private = {
        **connection,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": int(environ.get("AWS_QUERYSTRING_EXPIRE", "300")),
    }
    public_acl = environ.get("AWS_PUBLIC_IMAGES_ACL", "public-read").strip()
    public = {
        **connection,
        "default_acl": public_acl or None,
        "querystring_auth": False,
        "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "file_overwrite": True,  # a copy replaces the stale copy of an earlier file
    }
    public = {key: value for key, value in public.items() if value is not None}
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": private},
        "private_images": {"BACKEND": S3_BACKEND, "OPTIONS": {**private, "location": "private"}},
        "public_images": {"BACKEND": S3_BACKEND, "OPTIONS": public},
    }
