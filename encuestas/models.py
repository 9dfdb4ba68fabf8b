"""Survey pages (Wagtail's form builder) and their submissions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.fields import RichTextField
from wagtail.models import Page

from encuestas.forms import RESERVED_NAMES, SurveyFormBuilder
from participa.consent import current_policy
from participa.protection import RATE_LIMITED_MESSAGE, rate_limited
from rendicion.visibility import public_pages

# The answers summarised per option (counts and percentages) in the admin.
CHOICE_FIELD_TYPES = ("dropdown", "radio", "checkboxes", "multiselect", "checkbox")
MULTIPLE_CHOICE_FIELD_TYPES = ("checkboxes", "multiselect")
RATE_LIMIT_GROUP = "encuestas"
EVENT_PARAMETER = "evento"


class StakeholderField(models.TextChoices):
    """The StakeholderGroup field a characterisation answer pre-fills on conversion."""

    NAME = "name", _("Name")
    GROUP_TYPE = "group_type", _("Type")
    TERRITORY = "territory", _("Territory")
    POPULATION_GROUPS = "population_groups", _("Population groups")
    MEMBERS = "members", _("Approximate members")
    CONTACT_NAME = "contact_name", _("Contact person")
    CONTACT_EMAIL = "contact_email", _("Contact e-mail")
    CONTACT_PHONE = "contact_phone", _("Contact phone")
    NOTES = "notes", _("Notes")


class SurveyFormField(AbstractFormField):
    page = ParentalKey("encuestas.SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    personal_data = models.BooleanField(
        _("personal data"),
        default=False,
        help_text=_(
            "Tick it for contact details or anything else that identifies a person: the survey "
            "then asks for consent (Ley 1581 de 2012), and only people allowed to see personal "
            "data see these answers."
        ),
    )
    stakeholder_field = models.CharField(
        _("fills in the stakeholder group's"),
        max_length=30,
        choices=StakeholderField.choices,
        blank=True,
        help_text=_(
            "For the characterisation: the field of the stakeholder group this answer "
            "pre-fills when a submission becomes a group."
        ),
    )

    panels = [
        *AbstractFormField.panels,
        FieldPanel("personal_data"),
        FieldPanel("stakeholder_field"),
    ]

    def clean(self):
        super().clean()
        if self.get_field_clean_name() in RESERVED_NAMES:
            raise ValidationError(
                {"label": _("This label is reserved by the form; please write another one.")}
            )

    @property
    def is_choice(self):
        return self.field_type in CHOICE_FIELD_TYPES


class SurveyPage(AbstractForm):
    """A survey editors build from questions: the characterisation of stakeholders, or the
    evaluation of an encounter or the hearing (linked with ``?evento=<page id>``)."""

    class Kind(models.TextChoices):
        CHARACTERISATION = "characterisation", _("Stakeholder characterisation")
        EVALUATION = "evaluation", _("Evaluation of the exercise")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EVALUATION)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link"]
    )

    form_builder = SurveyFormBuilder

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Question"), heading=_("Questions")),
        FieldPanel("thank_you_text"),
    ]
    api_fields = [APIField("kind"), APIField("intro"), APIField("form_fields")]

    parent_page_types = [
        "rendicion.AccountabilityCycleIndexPage",
        "rendicion.DepartmentSectionPage",
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    # --- Questions ---------------------------------------------------------------------

    def get_form_fields(self):
        # Read once per page object: the form, its answers and the e-mail all ask.
        if not hasattr(self, "_form_fields"):
            self._form_fields = list(self.form_fields.all())
        return self._form_fields

    @property
    def asks_personal_data(self):
        return any(field.personal_data for field in self.get_form_fields())

    def get_data_fields(self, with_personal_data=True):
        """Wagtail's submission columns; without the personal-data answers for people who may
        not see them (``hide_personal_data`` is set by the admin's submission list)."""
        hide = not with_personal_data or getattr(self, "hide_personal_data", False)
        return [("submit_time", _("Submission date"))] + [
            (field.clean_name, field.label)
            for field in self.get_form_fields()
            if not (hide and field.personal_data)
        ]

    def get_submission_class(self):
        return SurveySubmission

    def get_submissions_list_view_class(self):
        from encuestas.views import SurveySubmissionsListView

        return SurveySubmissionsListView

    # --- Events ------------------------------------------------------------------------

    @staticmethod
    def event_models():
        from rendicion.models import DialogueEncounterPage, PublicHearingPage

        return (PublicHearingPage, DialogueEncounterPage)

    def linked_event(self, request):
        """The event a submission evaluates: ``evento`` names a public hearing or encounter,
        or nothing at all (anything else is ignored)."""
        data = request.POST if request.method == "POST" else request.GET
        raw = data.get(EVENT_PARAMETER, "").strip()
        if not raw.isdigit() or len(raw) > 18:
            return None
        pages = public_pages(Page.objects.type(*self.event_models()).filter(pk=int(raw)))
        page = pages.first()
        return page.specific if page else None

    @classmethod
    def evaluation_for(cls, event):
        """The public evaluation survey of ``event``'s cycle (the closest one in the tree
        first): where its "Evalúe este encuentro" link goes. One query."""
        # Cycles are children of the home page (their parent_page_types): depth 3.
        cycle_path = event.path[: 3 * Page.steplen]
        surveys = public_pages(
            cls.objects.filter(kind=cls.Kind.EVALUATION, path__startswith=cycle_path)
        )
        return surveys.order_by("-depth", "path").first()

    @classmethod
    def public_in(cls, cycle):
        """The public surveys placed in the cycle itself (a department's own surveys are
        reached from its section), in the tree's order."""
        return public_pages(cls.objects.child_of(cycle)).order_by("path")

    # --- Serving -----------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        event = self.linked_event(request)
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if form.is_spam:
                # Answered as if received, nothing stored: a bot learns nothing.
                return self.render_landing_page(request, None, *args, **kwargs)
            if form.is_valid():
                if rate_limited(request, RATE_LIMIT_GROUP, form.contact_email()):
                    form.add_error(None, RATE_LIMITED_MESSAGE)
                else:
                    submission = self.process_form_submission(form, event=event)
                    return self.render_landing_page(request, submission, *args, **kwargs)
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        context["event"] = event
        return TemplateResponse(request, self.get_template(request), context)

    def process_form_submission(self, form, event=None):
        consent = {}
        if self.asks_personal_data:
            policy = current_policy()
            consent = {"consent_version": policy.version, "consented_at": timezone.now()}
        return SurveySubmission.objects.create(
            page=self, form_data=form.answers(), event=event, **consent
        )


class SurveySubmission(AbstractFormSubmission):
    """One citizen's answers, with the event they evaluate, the consent they gave, and the
    stakeholder group a characterisation became after review."""

    event = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    consent_version = models.CharField(_("data policy version accepted"), max_length=50, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    stakeholder_group = models.ForeignKey(
        "rendicion.StakeholderGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_submissions",
        verbose_name=_("stakeholder group"),
    )
    converted_at = models.DateTimeField(_("converted at"), null=True, blank=True)
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("converted by"),
    )

    class Meta:
        verbose_name = _("survey submission")
        verbose_name_plural = _("survey submissions")
        permissions = [
            ("view_personal_data", _("Can see the personal data in survey submissions")),
        ]
        indexes = [models.Index(fields=["page", "event"])]

    def __str__(self):
        return f"{self.page_id} · {self.submit_time:%Y-%m-%d %H:%M}"
