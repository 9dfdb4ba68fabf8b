from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from rendicion.editorial.scope import can_see_unpublished_file
from rendicion.media.documents import FILE_REPLACED_ACTION, FILE_REPLACED_LABEL
from rendicion.visibility import is_public_document


@hooks.register("before_serve_document", order=-100)
def hide_unpublished_documents(document, request):
    """404, not 403, for a document that is not public: its existence is not revealed.
    Runs before Wagtail's own collection-privacy check."""
    if can_see_unpublished_file(request.user, document) or is_public_document(document):
        return None
    raise Http404


@hooks.register("register_log_actions")
def register_document_log_actions(actions):
    @actions.register_action(FILE_REPLACED_ACTION)
    class FileReplacedFormatter(LogFormatter):
        label = FILE_REPLACED_LABEL

        def format_message(self, log_entry):
            previous = (log_entry.data or {}).get("previous_sha256")
            if not previous:
                return _("File replaced")
            return _("File replaced; previous SHA-256: %(sha256)s") % {"sha256": previous}
