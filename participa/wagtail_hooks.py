from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from participa.admin import (
    MODERATE_PERMISSION,
    AwaitingAnswerReport,
    QuestionViewSet,
    scoped_questions,
)

DASHBOARD_ITEMS = 5


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return QuestionViewSet()


@hooks.register("register_admin_urls")
def register_awaiting_report_urls():
    return [
        path(
            "reports/preguntas-por-responder/",
            AwaitingAnswerReport.as_view(),
            name="participa_awaiting_report",
        ),
        path(
            "reports/preguntas-por-responder/results/",
            AwaitingAnswerReport.as_view(results_only=True),
            name="participa_awaiting_report_results",
        ),
    ]


class AwaitingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_awaiting_report_menu_item():
    return AwaitingReportMenuItem(
        _("Questions awaiting an answer"),
        reverse("participa_awaiting_report"),
        icon_name="time",
        order=720,
    )


class QuestionsPanel(Component):
    """Dashboard: the user's (scoped) questions waiting, overdue and due soon, most urgent
    first."""

    name = "participa_questions"
    order = 110
    template_name = "participa/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        questions = scoped_questions(self.user)
        waiting = questions.awaiting_answer()
        return {
            "counts": questions.deadline_counts(),
            "urgent": list(
                waiting.select_related("page").order_by("due_date", "pk")[:DASHBOARD_ITEMS]
            ),
            "report_url": reverse("participa_awaiting_report"),
        }


@hooks.register("construct_homepage_panels")
def add_questions_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.append(QuestionsPanel(request.user))
