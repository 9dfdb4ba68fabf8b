"""The addresses that serve one file, each after asking the visibility rule
(``rendicion.visibility``) and, for what is not public yet, the scope rule
(``rendicion.editorial.scope``). docs/documents.md, docs/private-media.md."""

import mimetypes

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.images import get_image_model
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from rendicion.editorial.scope import can_see_unpublished_file
from rendicion.media import storage
from rendicion.visibility import is_public_image


@require_safe
def document_download(request, document_id):
    """The permanent address of a document: it survives file replacements. Wagtail's serve
    view does the rest, after the ``before_serve_document`` hook has checked visibility."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    response = wagtail_serve(request, document_id, document.filename)
    if response.get("Content-Encoding") == "None":
        # Wagtail's sendfile writes the Python None it got from mimetypes: drop it.
        del response["Content-Encoding"]
    return response


# Image types a browser may show inline; anything else (should it ever get in) is an attachment.
INLINE_IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}


@require_safe
def image_file(request, image_id, name):
    """The checked address of an image's original or rendition (docs/private-media.md).

    Public images are sent to anyone (their pages normally link the public copy instead);
    private ones only to users Wagtail's image policy lets change or choose them. Everyone
    else gets 404, not 403, whether or not the image or the file exists.
    """
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        raise Http404
    if not (can_see_unpublished_file(request.user, image) or is_public_image(image)):
        raise Http404
    if name != image.file.name and not image.renditions.filter(file=name).exists():
        raise Http404
    mimetype = mimetypes.guess_type(name)[0]
    inline = mimetype in INLINE_IMAGE_TYPES
    options = {
        "mimetype": mimetype if inline else "application/octet-stream",
        "attachment": not inline,
    }
    if storage.on_object_storage():
        # From the private bucket, streamed: the object itself has no public address.
        response = FileResponse(
            storage.private_image_storage().open(name, "rb"),
            content_type=options["mimetype"],
            as_attachment=options["attachment"],
            filename=name.rsplit("/", 1)[-1],
        )
    else:
        if not getattr(settings, "SENDFILE_BACKEND", None):
            options["backend"] = sendfile_streaming_backend.sendfile
        response = sendfile(request, storage.private_path(name), **options)
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]  # as in document_download
    response["Content-Security-Policy"] = "default-src 'none'"
    # Who may see it depends on the user: no shared cache may keep it, and the browser asks
    # again (cheaply: Last-Modified) before reusing it.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response
