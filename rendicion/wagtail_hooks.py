from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from rendicion.documents import FILE_REPLACED_ACTION, FILE_REPLACED_LABEL
from rendicion.editorial.scope import can_see_unpublished_file, queryset_for
from rendicion.viewsets import AccountabilityViewSetGroup
from rendicion.visibility import has_unpublished_ancestor, is_public_document

register_snippet(AccountabilityViewSetGroup)


@hooks.register("before_serve_document", order=-100)
def hide_unpublished_documents(document, request):
    """404, not 403, for a document that is not public: its existence is not revealed.
    Runs before Wagtail's own collection-privacy check."""
    if can_see_unpublished_file(request.user, document) or is_public_document(document):
        return None
    raise Http404


@hooks.register("before_serve_page", order=-100)
def hide_pages_under_unpublished_parents(page, request, serve_args, serve_kwargs):
    """Wagtail serves a live page whatever its ancestors; the portal's rule says a page under
    an unpublished one is not public (docs/visibility.md). View restrictions are left to
    Wagtail, which asks for the login or password."""
    if has_unpublished_ancestor(page):
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


@hooks.register("construct_page_chooser_queryset")
def hide_other_departments_drafts(pages, request):
    """The page chooser lists every page of the site, drafts included: keep the published
    ones (without pending changes, whose draft title the chooser would show) and the pages
    the user may explore anyway (their department's). See docs/workflow.md."""
    # A subquery on ids, because the chooser's search can only filter on indexed fields.
    visible = queryset_for(request.user, Page.objects.all(), include_public=True)
    return pages.filter(pk__in=visible.values("pk"))
