"""Documents in the admin: who may download one before it is public, and the audit trail of
file replacements. Whether a document is public is decided in ``rendicion.visibility``
(docs/visibility.md), nothing here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from rendicion.editorial.scope import can_reach

FILE_REPLACED_ACTION = "rendicion.document.file_replaced"
FILE_REPLACED_LABEL = _("Replace file")


def can_see_unpublished(user, document):
    """People in the admin who reach the document (its department's editors and reviewers,
    Participación Comunitaria, administrators: ``rendicion.editorial.scope``) may download it
    before it is published, to check it or to review a page that uses it."""
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return can_reach(user, document)


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
