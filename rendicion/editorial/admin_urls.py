"""Admin addresses served by the portal instead of Wagtail: included in ``portal.urls`` before
Wagtail's admin, so these patterns win for the same paths (and Wagtail's URL names still
reverse to them). See ``rendicion.editorial.reports`` and ``rendicion.editorial.admin_views``."""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from rendicion.editorial.admin_views import (
    ScopedPageTypesUsageReportView,
    bulk_action,
    chosen_pages,
    confirm_workflow_action,
    explore_in_reach,
    move_confirm,
    not_for_read_only_approvers,
    page_in_reach,
)
from rendicion.editorial.concurrency import StaleSafePageEditView
from rendicion.editorial.reports import (
    DepartmentScopedLogEntriesView,
    DepartmentScopedWorkflowTasksView,
    DepartmentScopedWorkflowView,
)

urlpatterns = [
    path("pages/<int:page_id>/edit/", StaleSafePageEditView.as_view()),
    path(
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        move_confirm,
    ),
    path("pages/<int:parent_page_id>/", explore_in_reach),
    path("pages/<int:parent_page_id>/results/", explore_in_reach),
    path("api/main/pages/<int:pk>/action/<str:action_name>/", not_for_read_only_approvers),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        confirm_workflow_action(page_in_reach()),
    ),
    path(
        "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        page_in_reach(),
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        page_in_reach(),
    ),
    path(
        "pages/workflow/preview/<int:page_id>/<int:task_id>/",
        page_in_reach(),
    ),
    path(
        "choose-page/<int:parent_page_id>/",
        page_in_reach(page_kwarg="parent_page_id", chooser=True),
    ),
    path("choose-page/chosen-multiple/", chosen_pages),
    path("reports/page-types-usage/", ScopedPageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        ScopedPageTypesUsageReportView.as_view(results_only=True),
    ),
    path("reports/workflow/", DepartmentScopedWorkflowView.as_view()),
    path("reports/workflow/results/", DepartmentScopedWorkflowView.as_view(results_only=True)),
    path("reports/workflow_tasks/", DepartmentScopedWorkflowTasksView.as_view()),
    path(
        "reports/workflow_tasks/results/",
        DepartmentScopedWorkflowTasksView.as_view(results_only=True),
    ),
    path("reports/site-history/", DepartmentScopedLogEntriesView.as_view()),
    path(
        "reports/site-history/results/",
        DepartmentScopedLogEntriesView.as_view(results_only=True),
    ),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
