from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from rendicion.viewsets import AccountabilityViewSetGroup
from rendicion.visibility import has_unpublished_ancestor

register_snippet(AccountabilityViewSetGroup)


@hooks.register("before_serve_page", order=-100)
def hide_pages_under_unpublished_parents(page, request, serve_args, serve_kwargs):
    """Wagtail serves a live page whatever its ancestors; the portal's rule says a page under
    an unpublished one is not public (docs/visibility.md). View restrictions are left to
    Wagtail, which asks for the login or password."""
    if has_unpublished_ancestor(page):
        raise Http404
