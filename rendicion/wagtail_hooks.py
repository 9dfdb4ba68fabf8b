from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from rendicion.scoping import is_portal_admin
from rendicion.viewsets import AccountabilityViewSetGroup

register_snippet(AccountabilityViewSetGroup)


@hooks.register("construct_page_chooser_queryset")
def hide_other_departments_drafts(pages, request):
    """The page chooser lists every page of the site, drafts included: keep the published
    ones (without pending changes, whose draft title the chooser would show) and the pages
    the user may explore anyway (their department's). See docs/workflow.md."""
    if is_portal_admin(request.user):
        return pages
    explorable = policy_registry.get_by_type(Page).explorable_instances(request.user)
    # A subquery on ids, because the chooser's search can only filter on indexed fields.
    visible = Page.objects.filter(
        Q(live=True, has_unpublished_changes=False) | Q(pk__in=explorable.values("pk"))
    )
    return pages.filter(pk__in=visible.values("pk"))
