"""Snippet viewsets for items that belong to a department (indicators, commitments): the
listing, the chooser, every view that names an item, and the edit form follow the scope rule
(``rendicion.editorial.scope``). The concrete viewsets are in ``rendicion.viewsets``."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import ObjectList, PublishingPanel
from wagtail.admin.ui.tables import BaseColumn
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from rendicion.editorial.admin_views import confirm_workflow_action
from rendicion.editorial.concurrency import StaleSafeSnippetEditView
from rendicion.editorial.forms import DepartmentScopedSnippetForm
from rendicion.editorial.scope import can_reach, queryset_for
from rendicion.editorial.status import editorial_status, steps_for_request, with_editorial_state


class EditorialStatusColumn(BaseColumn):
    """The item's editorial status (``rendicion.editorial.status``): draft, in review at which
    step, changes requested, published, published with pending changes. The listing's
    queryset comes through ``with_editorial_state``, so the column costs a fixed number of
    queries whatever the number of rows."""

    cell_template_name = "editorial/status_cell.html"

    def __init__(self, name="editorial_status", **kwargs):
        kwargs.setdefault("label", pgettext_lazy("editorial", "Editorial status"))
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        steps = steps_for_request(parent_context.get("request"))
        context["status"] = editorial_status(instance, steps=steps)
        return context


class HideOtherDepartmentsDraftsMixin:
    """The snippet chooser lists every row: keep approved items and those the user reaches."""

    def get_object_list(self):
        return queryset_for(self.request.user, super().get_object_list(), include_public=True)


class DepartmentScopedChooseView(HideOtherDepartmentsDraftsMixin, ChooseView):
    pass


class DepartmentScopedChooseResultsView(HideOtherDepartmentsDraftsMixin, ChooseResultsView):
    pass


class DepartmentScopedChosenView(SnippetChosenView):
    """``…/chosen/<pk>/`` answers with the item's title: only for what the chooser offers."""

    def get_object(self, pk):
        offered = queryset_for(self.request.user, self.model_class.objects.all(), True)
        return offered.get(pk=pk)


class DepartmentScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return queryset_for(self.request.user, super().get_objects(pks), include_public=True)


class DepartmentScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = DepartmentScopedChooseView
    choose_results_view_class = DepartmentScopedChooseResultsView
    chosen_view_class = DepartmentScopedChosenView
    chosen_multiple_view_class = DepartmentScopedChosenMultipleView


class DepartmentScopedViewSet(SnippetViewSet):
    """Indicators and commitments: each department sees and edits only its own.

    The listing (and its exports) is filtered to the user's departments; every view that
    names an object (edit, history, revisions, compare, workflow, lock, usage…) answers 404
    for another department's item, unless the user is moderating it in the workflow. The
    edit form offers only the user's departments and the publishing schedule.
    """

    chooser_viewset_class = DepartmentScopedChooserViewSet
    edit_view_class = StaleSafeSnippetEditView

    def scope_queryset(self, request, queryset):
        return with_editorial_state(queryset_for(request.user, queryset))

    def _scoped(self, view):
        @wraps(view)
        def scoped_view(request, *args, **kwargs):
            obj = self.model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
            if obj is not None and not can_reach(request.user, obj):
                raise Http404
            return view(request, *args, **kwargs)

        return scoped_view

    def _view_for(self, pattern):
        view = self._scoped(pattern.callback)
        if pattern.name == "workflow_action":
            view = confirm_workflow_action(view)
        return view

    def get_urlpatterns(self):
        return [
            URLPattern(pattern.pattern, self._view_for(pattern), pattern.default_args, pattern.name)
            if "pk" in pattern.pattern.regex.groupindex
            else pattern
            for pattern in super().get_urlpatterns()
        ]

    def get_edit_handler(self):
        return ObjectList(
            [*self.model.panels, PublishingPanel()], base_form_class=DepartmentScopedSnippetForm
        ).bind_to_model(self.model)
