"""The admin's views of survey submissions: Wagtail's list (formula-safe, without personal
data for people who may not see it), the results per question, their export, and a
characterisation submission becoming a stakeholder group.

Who reaches a survey's submissions is decided once: Wagtail's ``get_forms_for_user`` (page
rights) narrowed by the portal's scope rule through the ``filter_form_submissions_for_user``
hook (encuestas/wagtail_hooks.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView

from encuestas import results
from encuestas.models import StakeholderField, SurveyPage, SurveySubmission
from rendicion.editorial.scope import department_of
from rendicion.spreadsheet_safety import FormulaSafeExportMixin

SUBMISSIONS_PER_PAGE = 50


def reachable_survey(user, page_id):
    """The survey page ``page_id`` if ``user`` may read its submissions, else 404."""
    pages = get_forms_for_user(user).type(SurveyPage)
    return get_object_or_404(pages, pk=page_id).specific


class SurveySubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    def dispatch(self, request, *args, **kwargs):
        kwargs["form_page"].hide_personal_data = not results.may_see_personal_data(request.user)
        return super().dispatch(request, *args, **kwargs)


class SurveyResultsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "encuestas/admin/results.html"
    header_icon = "form"
    page_title = gettext_lazy("Survey results")

    def dispatch(self, request, *args, **kwargs):
        self.survey = reachable_survey(request.user, kwargs["page_id"])
        self.submissions = self.survey.get_submissions()
        self.events = list(results.events_of(self.submissions))
        self.event = self._chosen_event(request.GET.get("evento", ""))
        if self.event is not None:
            self.submissions = self.submissions.filter(event=self.event)
        return super().dispatch(request, *args, **kwargs)

    def _chosen_event(self, raw):
        return next((event for event in self.events if str(event.pk) == raw), None)

    def get_page_subtitle(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailforms:index"), "label": _("Forms")},
            {
                "url": reverse("wagtailforms:list_submissions", args=[self.survey.pk]),
                "label": self.survey.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = f"?evento={self.event.pk}" if self.event else ""
        export_url = reverse("encuestas:export", args=[self.survey.pk])
        context.update(
            survey=self.survey,
            events=self.events,
            event=self.event,
            total=self.submissions.count(),
            questions=results.summarise(self.survey, self.submissions),
            export_csv_url=f"{export_url}{query}{'&' if query else '?'}formato=csv",
            export_xlsx_url=f"{export_url}{query}{'&' if query else '?'}formato=xlsx",
        )
        if self.survey.kind == SurveyPage.Kind.CHARACTERISATION:
            context["submission_page"] = self._characterisation_rows()
        return context

    def _characterisation_rows(self):
        submissions = self.submissions.select_related("stakeholder_group").order_by("-submit_time")
        page = Paginator(submissions, SUBMISSIONS_PER_PAGE).get_page(self.request.GET.get("p"))
        name_field = next(
            (
                f.clean_name
                for f in self.survey.get_form_fields()
                if f.stakeholder_field == StakeholderField.NAME
            ),
            None,
        )
        for submission in page:
            submission.organisation = (submission.form_data or {}).get(name_field, "")
        return page


def export_results(request, page_id):
    survey = reachable_survey(request.user, page_id)
    submissions = survey.get_submissions()
    event = request.GET.get("evento", "")
    if event.isdigit():
        submissions = submissions.filter(event_id=int(event))
    rows = results.export_rows(survey, submissions, results.may_see_personal_data(request.user))
    filename = f"encuesta-{survey.slug}-{timezone.localdate():%Y-%m-%d}"
    if request.GET.get("formato") == "xlsx":
        response = HttpResponse(
            results.as_xlsx(rows, _("Answers")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(results.as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# --- A characterisation becomes a stakeholder group ---------------------------------------


class ConvertSubmissionView(SnippetCreateView):
    """The stakeholder group's own create form (its panels, permissions and history),
    pre-filled from a characterisation submission; saving it links the submission."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.submission = get_object_or_404(
            SurveySubmission.objects.select_related("page", "stakeholder_group"),
            pk=kwargs["submission_id"],
        )
        self.survey = reachable_survey(request.user, self.submission.page_id)
        if self.survey.kind != SurveyPage.Kind.CHARACTERISATION:
            raise PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        if self.submission.stakeholder_group_id is not None:
            messages.info(request, _("This submission has already become a stakeholder group."))
            return redirect(self.get_results_url())
        return super().dispatch(request, *args, **kwargs)

    def get_results_url(self):
        return reverse("encuestas:results", args=[self.survey.pk])

    def get_add_url(self):
        return reverse("encuestas:convert", args=[self.submission.pk])

    def get_page_subtitle(self):
        return _("From a characterisation submission")

    def prefill(self):
        """Field values from the answers the survey maps to the group's fields; contact
        details only for people allowed to see personal data."""
        from rendicion.models import PopulationGroup, StakeholderGroup

        personal = results.may_see_personal_data(self.request.user)
        answers = self.submission.form_data or {}
        values = {}
        for field in self.survey.get_form_fields():
            target, answer = field.stakeholder_field, answers.get(field.clean_name)
            if not target or answer in (None, "", []) or (field.personal_data and not personal):
                continue
            values[target] = answer
        initial = {}
        if "group_type" in values:
            labels = {
                str(label).lower(): value for value, label in StakeholderGroup.GroupType.choices
            }
            answer = str(values.pop("group_type")).lower()
            initial["group_type"] = labels.get(answer, answer if answer in labels.values() else "")
        if "population_groups" in values:
            names = values.pop("population_groups")
            names = names if isinstance(names, list) else [names]
            initial["population_groups"] = list(
                PopulationGroup.objects.filter(name__in=names).values_list("pk", flat=True)
            )
        if "members" in values:
            try:
                initial["members"] = max(0, int(float(str(values.pop("members")))))
            except ValueError:
                values.pop("members", None)
        department = department_of(self.survey)
        if department is not None:
            initial["departments"] = [department.pk]
        for name, value in values.items():
            limit = StakeholderGroup._meta.get_field(name).max_length
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            initial[name] = text[:limit] if limit else text
        return initial

    def get_initial(self):
        return {**super().get_initial(), **self.prefill()}

    def save_instance(self):
        group = super().save_instance()
        SurveySubmission.objects.filter(pk=self.submission.pk).update(
            stakeholder_group=group, converted_at=timezone.now(), converted_by=self.request.user
        )
        return group

    def get_success_url(self):
        return self.get_results_url()

    def get_success_message(self, instance):
        return _("The submission became the stakeholder group “%(name)s”.") % {
            "name": instance.name
        }


def convert_submission(request, submission_id):
    from rendicion.models import StakeholderGroup

    viewset = StakeholderGroup.snippet_viewset
    view = viewset.construct_view(ConvertSubmissionView, **viewset.get_add_view_kwargs())
    return view(request, submission_id=submission_id)
