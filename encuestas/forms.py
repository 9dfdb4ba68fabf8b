"""The public survey form: Wagtail's form builder on the participation forms' shared base
(participa.protection.ProtectedForm: the honeypot), with length limits on every text answer
and, when the survey asks for personal data, the consent to its processing (Ley 1581 de 2012)."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

from participa.consent import current_policy
from participa.protection import HONEYPOT_FIELD, ProtectedForm

CONSENT_FIELD = "autorizacion_datos"
# Names the form itself uses: a question may not take one (its answers would be lost).
RESERVED_NAMES = {HONEYPOT_FIELD, CONSENT_FIELD, "evento", "csrfmiddlewaretoken"}
SHORT_TEXT_MAX_LENGTH = 255
LONG_TEXT_MAX_LENGTH = 2000
URL_MAX_LENGTH = 500
EMAIL_MAX_LENGTH = 254


class SurveyBaseForm(ProtectedForm):
    """What Wagtail's BaseForm does (the page and user, no label suffix), on ProtectedForm."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.user = kwargs.pop("user", None)
        self.page = kwargs.pop("page", None)
        super().__init__(*args, **kwargs)
        self._add_consent()
        for field in self.fields.values():
            field.template_name = "encuestas/field.html"

    def _add_consent(self):
        if self.page is not None and self.page.asks_personal_data:
            policy = current_policy()
            self.fields[CONSENT_FIELD] = forms.BooleanField(
                required=True,
                label=_("I authorise the processing of my personal data"),
                help_text=self.consent_help_text(policy),
                error_messages={
                    "required": _(
                        "To send this survey you must authorise the processing of your "
                        "personal data."
                    )
                },
            )

    @staticmethod
    def consent_help_text(policy):
        text = _(
            "The Alcaldía uses your contact details only to reach you about the accountability "
            "process, as its personal-data policy says (Ley 1581 de 2012)."
        )
        if not policy.url:
            return text
        return format_html(
            '{} <a href="{}">{}</a>', text, policy.url, _("Read the personal-data policy")
        )

    def answers(self):
        """The answers to the survey's own questions (not the honeypot, not the consent)."""
        names = {field.clean_name for field in self.page.get_form_fields()}
        return {name: value for name, value in self.cleaned_data.items() if name in names}

    def contact_email(self):
        """The first e-mail address given, for the per-address rate limit."""
        for field in self.page.get_form_fields():
            if field.field_type == "email" and self.cleaned_data.get(field.clean_name):
                return self.cleaned_data[field.clean_name]
        return ""

    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


class SurveyFormBuilder(FormBuilder):
    """Wagtail's builder with a limit on every text answer."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SHORT_TEXT_MAX_LENGTH
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = LONG_TEXT_MAX_LENGTH
        options.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX_LENGTH
        return forms.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX_LENGTH
        return super().create_url_field(field, options)

    def create_dropdown_field(self, field, options):
        # An empty first option: a required list is answered, not left on its first choice.
        options["choices"] = [("", _("Choose an option")), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SHORT_TEXT_MAX_LENGTH
        return super().create_hidden_field(field, options)

    def get_form_class(self):
        return type("SurveyForm", (SurveyBaseForm,), self.formfields)
