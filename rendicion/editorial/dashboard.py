"""The dashboard's workflow panels (docs/editorial-state.md).

* **Pending review** (``ReviewQueuePanel``, in place of Wagtail's "Awaiting your review"): each
  item with its type (page, indicator, commitment), its department, its labelled step ("Step 1
  of 2: Department review") and visible Approve and Request-changes buttons (Wagtail's
  workflow action URLs, with its comment modal). Only what the scope rule lets the user reach.
* **Your items in review** (``OwnItemsInReviewPanel``, in place of Wagtail's "Your pages and
  snippets in a workflow"): each item's editorial status in one sentence.
"""

from django.utils.translation import pgettext
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.models import Page

from rendicion.editorial.scope import can_reach, department_of
from rendicion.editorial.status import editorial_statuses, steps_for_request


def item_type_label(obj):
    """ "Page", "Indicator", "Commitment": what the reviewer is looking at."""
    from rendicion.models import Commitment, Indicator

    if isinstance(obj, Page):
        return pgettext("item type", "Page")
    if isinstance(obj, Indicator):
        return pgettext("item type", "Indicator")
    if isinstance(obj, Commitment):
        return pgettext("item type", "Commitment")
    return obj._meta.verbose_name


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    template_name = "editorial/dashboard/review_queue.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        user = request.user
        states = [state for state in context["states"] if can_reach(user, state["obj"])]
        statuses = editorial_statuses(
            [state["obj"] for state in states], steps=steps_for_request(request)
        )
        for state in states:
            obj = state["obj"]
            state["type_label"] = item_type_label(obj)
            state["department"] = department_of(obj)
            state["status"] = statuses[obj]
        context["states"] = states
        return context


class OwnItemsInReviewPanel(UserObjectsInWorkflowModerationPanel):
    template_name = "editorial/dashboard/own_items_in_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        states = list(context["workflow_states"])
        statuses = editorial_statuses(
            [state.content_object for state in states], steps=steps_for_request(request)
        )
        context["rows"] = [
            {
                "workflow_state": state,
                "obj": state.content_object,
                "type_label": item_type_label(state.content_object),
                "status": statuses[state.content_object],
            }
            for state in states
        ]
        return context


def replace_workflow_panels(request, panels):
    """``construct_homepage_panels``: our two panels in place of Wagtail's."""
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = ReviewQueuePanel()
        elif type(panel) is UserObjectsInWorkflowModerationPanel:
            panels[index] = OwnItemsInReviewPanel()
