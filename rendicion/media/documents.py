"""The audit trail of document file replacements. Whether a document is public is decided in
``rendicion.visibility`` (docs/visibility.md), who may download it before that in
``rendicion.editorial.scope``; nothing here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

FILE_REPLACED_ACTION = "rendicion.document.file_replaced"
FILE_REPLACED_LABEL = _("Replace file")


def log_file_replacement(document, previous_sha256):
    """Record in the audit log that the file changed, with the checksum it had before."""
    log(
        instance=document,
        action=FILE_REPLACED_ACTION,
        data={
            "previous_sha256": previous_sha256,
            "sha256": document.sha256,
            "file": document.file.name,
        },
    )
