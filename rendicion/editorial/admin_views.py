"""Wagtail admin views that would show another department's draft titles on GET, wrapped so
that the scope rule (``rendicion.editorial.scope``) applies before they render. Served at
Wagtail's own addresses by ``rendicion.editorial.admin_urls``; each address is pinned by a test.

* Moving a page: Wagtail's confirmation page checks the move permission only on POST, and
  renders the page's title on GET.
* Bulk actions: the confirmation lists the items the user may not act on, by title.
* Page types usage report: names the last edited page of each type, whoever's it is.
* The page workflow views (action, collect action data, preview, confirm cancellation): their
  refusals are flash messages that quote the page's title.
* The page chooser's browse and "chosen" views, which name the parent or chosen pages.
"""

from functools import cache, wraps

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import resolve
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.bulk_action.dispatcher import index as wagtail_bulk_action
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page, TaskState, WorkflowState

from rendicion.editorial.scope import can_reach, queryset_for, reads_pages_only


def wagtail_view(request):
    """The view Wagtail's admin serves at this address (ours stand in front of it)."""
    match = resolve(request.path_info.removeprefix("/admin"), urlconf="wagtail.admin.urls")
    return match.func(request, *match.args, **match.kwargs)


def page_in_reach(*, page_kwarg="page_id", chooser=False):
    """Wagtail's view at this address, after a 404 unless the user reaches the page it names
    (for choosers, or the page is public without pending changes: linking to it reveals
    nothing)."""

    def view(request, **kwargs):
        page = get_object_or_404(Page, id=kwargs[page_kwarg])
        reached = can_reach(request.user, page) or (
            chooser and queryset_for(request.user, Page.objects.filter(pk=page.pk), True).exists()
        )
        if not reached:
            raise Http404
        return wagtail_view(request)

    return view


def chosen_pages(request):
    """The page chooser's "chosen" step for several pages: only those the chooser offers."""
    offered = queryset_for(request.user, Page.objects.all(), include_public=True)
    ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
    if offered.filter(pk__in=ids).count() != len(set(ids)):
        raise Http404
    return ChosenMultipleView.as_view()(request)


def move_confirm(request, page_to_move_id, destination_id):
    page = get_object_or_404(Page, id=page_to_move_id).specific
    if not can_reach(request.user, page):
        raise Http404
    if not page.permissions_for_user(request.user).can_move():
        raise PermissionDenied
    return MoveConfirmView.as_view()(
        request, page_to_move_id=page_to_move_id, destination_id=destination_id
    )


class ScopedBulkActionMixin:
    """Acts on, and lists, only the items the user reaches."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        extra["items_with_no_access"] = [
            item for item in extra.get("items_with_no_access", []) if can_reach(user, item)
        ]
        return [item for item in objects if can_reach(user, item)], extra


@cache
def _scoped_action_class(action_class):
    return type(f"Scoped{action_class.__name__}", (ScopedBulkActionMixin, action_class), {})


def bulk_action(request, app_label, model_name, action):
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        return wagtail_bulk_action(request, app_label, model_name, action)  # its own 404
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    ids = [pk for pk in request.GET.getlist("id") if pk != "all"]
    if ids:
        named = action_class.get_queryset(model, ids)
        if any(not can_reach(request.user, item) for item in named):
            raise Http404
    return _scoped_action_class(action_class)(request, model).dispatch(request)


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        for item in page_types:
            if item.last_edited_page is not None and not can_reach(
                self.request.user, item.last_edited_page
            ):
                item.last_edited_page = None
        return page_types


def confirm_workflow_action(view):
    """Wagtail's workflow action view (pages and snippets), followed by a Spanish
    confirmation of what happened: Wagtail itself says nothing after an approval or a
    request for changes."""

    @wraps(view)
    def confirmed(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method != "POST":
            return response
        task_state = (
            TaskState.objects.filter(pk=kwargs.get("task_state_id"))
            .select_related("task", "workflow_state")
            .first()
        )
        if task_state is None or task_state.finished_by_id != request.user.pk:
            return response
        workflow_state = task_state.workflow_state
        obj = workflow_state.content_object
        title = get_latest_str(obj) if obj is not None else ""
        if task_state.status == TaskState.STATUS_REJECTED:
            messages.success(
                request,
                _("Changes requested for «%(title)s»: its author gets your comment.")
                % {"title": title},
            )
        elif task_state.status == TaskState.STATUS_APPROVED:
            if workflow_state.status == WorkflowState.STATUS_APPROVED:
                message = _("«%(title)s» approved at «%(task)s»: the review is complete.")
            else:
                message = _("«%(title)s» approved at «%(task)s»: it goes on to the next step.")
            messages.success(request, message % {"title": title, "task": task_state.task.name})
        return response

    return confirmed


def explore_in_reach(request, parent_page_id):
    """The page explorer at a page: read-only approvers browse only what the scope rule lets
    them choose (public pages) and what waits for them; Wagtail would show any page below
    their explorable root, drafts included."""
    if reads_pages_only(request.user):
        page = get_object_or_404(Page, id=parent_page_id)
        reached = can_reach(request.user, page) or (
            queryset_for(request.user, Page.objects.filter(pk=page.pk), True).exists()
        )
        if not reached:
            raise Http404
    return wagtail_view(request)


def not_for_read_only_approvers(request, **kwargs):
    """Admin API page actions (copy, move, convert alias…): never for read-only approvers,
    who act only through the workflow."""
    if reads_pages_only(request.user):
        raise Http404
    return wagtail_view(request)
