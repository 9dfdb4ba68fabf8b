"""Wagtail admin views that would show another department's draft titles on GET, wrapped so
that the scope rule (``rendicion.editorial.scope``) applies before they render. Served at
Wagtail's own addresses by ``rendicion.editorial.admin_urls``; each address is pinned by a test.

* Moving a page: Wagtail's confirmation page checks the move permission only on POST, and
  renders the page's title on GET.
* Bulk actions: the confirmation lists the items the user may not act on, by title.
* Page types usage report: names the last edited page of each type, whoever's it is.
"""

from functools import cache

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views.bulk_action.dispatcher import index as wagtail_bulk_action
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from rendicion.editorial.scope import can_reach


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
