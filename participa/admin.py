"""Moderating citizens' questions in the Wagtail admin (docs/participation.md).

Who sees which question is the portal's one scope rule (``rendicion.editorial.scope``): a
question belongs to a department, its reviewers (and editors) reach it, Participación
Comunitaria and the administrators reach all. The listing, the edit view, the exports, the
report and the dashboard panel all filter through ``queryset_for``.
"""

from functools import wraps

from django import forms
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.http import Http404
from django.urls import URLPattern
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from participa.models import ANSWER_MAX_LENGTH, Question
from participa.notifications import notify_answer
from rendicion.editorial.policies import DepartmentScopeMixin
from rendicion.editorial.scope import can_reach, queryset_for
from rendicion.spreadsheet_safety import FormulaSafeExportMixin

PERSONAL_DATA_PERMISSION = "participa.view_personal_data"
MODERATE_PERMISSION = "participa.change_question"
ANSWERED = {Question.Status.PUBLISHED, Question.Status.ANSWERED_PRIVATELY}


def can_see_personal_data(user):
    return user.is_active and user.has_perm(PERSONAL_DATA_PERMISSION)


def scoped_questions(user):
    return queryset_for(user, Question.objects.all())


class QuestionPermissionPolicy(DepartmentScopeMixin, ModelPermissionPolicy):
    """Questions arrive from the public form only and are never deleted in the admin (the
    retention command erases personal data); changing one is moderating it, within scope."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ModerationForm(WagtailAdminModelForm):
    create_commitment = forms.BooleanField(
        label=_("Create a commitment from this answer"),
        required=False,
        help_text=_(
            "A draft commitment of the question's department, made at this hearing or "
            "encounter. It is published through the review workflow, like any commitment."
        ),
    )
    commitment_text = forms.CharField(
        label=_("Text of the new commitment"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    commitment_due_date = forms.DateField(label=_("Due date of the new commitment"), required=False)

    def __init__(self, *args, **kwargs):
        from rendicion.models import Commitment

        super().__init__(*args, **kwargs)
        self._original_status = self.instance.status
        if "commitment" in self.fields:
            self.fields["commitment"].queryset = queryset_for(
                self.for_user, Commitment.objects.all(), include_public=True
            )

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status in ANSWERED and not (data.get("answer") or "").strip():
            self.add_error("answer", _("Write the answer before marking it as answered."))
        if status == Question.Status.REJECTED and not data.get("rejection_reason"):
            self.add_error("rejection_reason", _("Say why it is rejected."))
        if status != Question.Status.REJECTED:
            data["rejection_reason"] = ""
        if data.get("create_commitment"):
            if status not in ANSWERED:
                self.add_error(
                    "create_commitment", _("Only an answered question can create a commitment.")
                )
            if not (data.get("commitment_text") or "").strip():
                self.add_error("commitment_text", _("Write the commitment."))
            if data.get("commitment"):
                self.add_error(
                    "create_commitment",
                    _("Choose an existing commitment or create a new one, not both."),
                )
        return data

    def _create_commitment(self, question):
        from rendicion.models import Commitment

        commitment = Commitment(
            text=self.cleaned_data["commitment_text"].strip(),
            department=question.department,
            origin_page=question.page,
            due_date=self.cleaned_data.get("commitment_due_date"),
            live=False,
        )
        commitment.save()
        commitment.save_revision(user=self.for_user, log_action=True)
        return commitment

    def save(self, commit=True):
        question = super().save(commit=False)
        question.rejection_reason = self.cleaned_data.get("rejection_reason", "")
        newly_answered = question.status in ANSWERED and self._original_status not in ANSWERED
        if newly_answered:
            question.answered_at = timezone.now()
            question.answered_by = self.for_user
        elif question.status not in ANSWERED:
            question.answered_at = None
        if self.cleaned_data.get("create_commitment"):
            question.commitment = self._create_commitment(question)
        if commit:
            question.save()
        if newly_answered:
            transaction.on_commit(lambda: notify_answer(question))
        return question


def question_panels():
    personal = {"read_only": True, "permission": PERSONAL_DATA_PERMISSION}
    return ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("page", read_only=True),
                    FieldPanel("kind", read_only=True),
                    FieldPanel("text", read_only=True),
                    FieldPanel("territory", read_only=True),
                    FieldPanel("population_group", read_only=True),
                    FieldPanel("received_at", read_only=True),
                    FieldPanel("due_date", read_only=True),
                ],
                heading=_("Question"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("name", read_only=True),
                    FieldPanel("anonymous", read_only=True),
                    FieldPanel("email", **personal),
                    FieldPanel("phone", **personal),
                    FieldPanel("consent_at", read_only=True),
                    FieldPanel("consent_policy_version", read_only=True),
                ],
                heading=_("Citizen"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("department"),
                    FieldPanel("status"),
                    FieldPanel("rejection_reason"),
                    FieldPanel("answer"),
                    FieldPanel("moderation_note"),
                ],
                heading=_("Moderation"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("commitment"),
                    FieldPanel("create_commitment"),
                    FieldPanel("commitment_text"),
                    FieldPanel("commitment_due_date"),
                ],
                heading=_("Commitment"),
            ),
        ],
        base_form_class=ModerationForm,
    )


# --- Listing, export, report ---------------------------------------------------------------

BASE_EXPORT = [
    "pk",
    "received_at",
    "due_date",
    "deadline_flag",
    "page.title",
    "department.name",
    "get_kind_display",
    "get_status_display",
    "public_name",
    "territory",
    "text",
    "answer",
]
PERSONAL_EXPORT = ["email", "phone"]
EXPORT_HEADINGS = {
    "pk": _("Number"),
    "received_at": _("Received"),
    "due_date": _("Answer due"),
    "deadline_flag": _("Deadline"),
    "page.title": _("Hearing or encounter"),
    "department.name": _("Department"),
    "get_kind_display": _("Kind"),
    "get_status_display": _("Status"),
    "public_name": _("Name"),
    "territory": _("Comuna or corregimiento"),
    "text": _("Question or proposal"),
    "answer": _("Answer"),
    "email": _("E-mail"),
    "phone": _("Phone"),
}


class DeadlineColumn(Column):
    """The due date, flagged when overdue or due soon (in words, not only colour)."""

    def get_value(self, instance):
        flag = instance.deadline_flag
        due = instance.due_date.strftime("%Y-%m-%d")
        return f"{due} · {flag}" if flag else due


class ScopedExportMixin(FormulaSafeExportMixin):
    """CSV/XLSX of the scoped rows; e-mails and phones only for whoever may see them."""

    export_headings = EXPORT_HEADINGS

    @property
    def list_export(self):
        fields = list(BASE_EXPORT)
        if can_see_personal_data(self.request.user):
            fields += PERSONAL_EXPORT
        return fields

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        return {key: ("" if value is None else value) for key, value in row.items()}


def _columns():
    return [
        generic.models.TitleColumn(
            "text",
            label=_("Question or proposal"),
            url_name="participa_question:edit",
            sort_key="text",
        ),
        Column("page", label=_("Hearing or encounter"), accessor="page.title"),
        Column("department", label=_("Department"), accessor="department.name"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        DeadlineColumn("due_date", label=_("Answer due"), sort_key="due_date"),
    ]


class QuestionIndexView(ScopedExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            scoped_questions(self.request.user)
            .select_related("page", "department")
            .order_by("-received_at", "-pk")
        )

    @property
    def columns(self):
        return _columns()


class QuestionEditView(generic.EditView):
    def get_queryset(self):
        return scoped_questions(self.request.user)


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "participa_question"
    url_prefix = "participa/preguntas"
    icon = "help"
    menu_label = _("Citizen questions")
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    copy_view_enabled = False
    # Editors read their department's questions here (no e-mail or phone); reviewers edit.
    inspect_view_enabled = True
    inspect_view_fields = [
        "page",
        "department",
        "kind",
        "text",
        "territory",
        "population_group",
        "received_at",
        "due_date",
        "status",
        "rejection_reason",
        "answer",
        "commitment",
    ]
    list_filter = ["status", "department", "kind"]
    search_fields = ["text", "answer", "territory"]
    export_filename = "preguntas-ciudadanas"
    list_per_page = 25

    def get_edit_handler(self):
        return question_panels().bind_to_model(Question)

    def _scoped(self, view):
        """Every view that names a question (edit, history, usage…) answers 404 for one the
        user does not reach: the same rule as indicators and commitments."""

        @wraps(view)
        def scoped_view(request, *args, **kwargs):
            obj = Question.objects.filter(pk=unquote(str(kwargs["pk"]))).first()
            if obj is not None and not can_reach(request.user, obj):
                raise Http404
            return view(request, *args, **kwargs)

        return scoped_view

    def get_urlpatterns(self):
        return [
            URLPattern(
                pattern.pattern, self._scoped(pattern.callback), pattern.default_args, pattern.name
            )
            if "pk" in pattern.pattern.regex.groupindex
            else pattern
            for pattern in super().get_urlpatterns()
        ]


class AwaitingAnswerReport(ScopedExportMixin, ReportView):
    """*Reports → Questions awaiting an answer*: overdue first, then by deadline."""

    page_title = _("Questions awaiting an answer")
    header_icon = "time"
    index_url_name = "participa_awaiting_report"
    index_results_url_name = "participa_awaiting_report_results"
    export_filename = "preguntas-por-responder"

    @property
    def columns(self):
        return _columns()

    def get_queryset(self):
        return (
            scoped_questions(self.request.user)
            .awaiting_answer()
            .select_related("page", "department")
            .order_by("due_date", "pk")
        )

    def dispatch(self, request, *args, **kwargs):
        from wagtail.admin.auth import permission_denied

        if not request.user.has_perm(MODERATE_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
