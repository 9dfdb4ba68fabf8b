"""Documents in the admin: who may download one before it is public, and the audit trail of
file replacements. Whether a document is public is decided in ``rendicion.visibility``
(docs/visibility.md), nothing here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

FILE_REPLACED_ACTION = "rendicion.document.file_replaced"
FILE_REPLACED_LABEL = _("Replace file")


def can_see_unpublished(user, document):
    """Editors who can edit or choose a document in the admin may download it before it
    is published (to check it, or to preview a page that uses it)."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


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
