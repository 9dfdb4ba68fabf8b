"""The public question form: every defence of ``ProtectedForm``, length limits and Spanish
messages; what the citizen typed is kept when something is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participa.models import TEXT_MAX_LENGTH, Question
from participa.protection import ProtectedForm


class QuestionForm(ProtectedForm):
    kind = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=Question.Kind.choices,
        initial=Question.Kind.QUESTION,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    anonymous = forms.BooleanField(label=_("Send it anonymously"), required=False)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("To tell you when it is answered. Never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label=_("Phone (optional)"),
        required=False,
        max_length=30,
        regex=r"^[0-9 +()\-]{7,30}$",
        error_messages={"invalid": _("Write the phone number with digits only.")},
        help_text=_("Never published."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    territory = forms.CharField(
        label=_("Comuna or corregimiento where you live"),
        max_length=120,
        error_messages={"required": _("Tell us your comuna or corregimiento.")},
    )
    population_group = forms.ModelChoiceField(
        label=_("Population group (optional)"),
        queryset=None,
        required=False,
        empty_label=_("I prefer not to say"),
    )
    department = forms.ModelChoiceField(
        label=_("Department or topic"),
        queryset=None,
        required=False,
        empty_label=_("I do not know (the organisers will route it)"),
    )
    text = forms.CharField(
        label=_("Your question or proposal"),
        max_length=TEXT_MAX_LENGTH,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX_LENGTH}),
        error_messages={
            "required": _("Write your question or proposal."),
            "min_length": _("Write at least %(limit_value)d characters."),
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )
    consent = forms.BooleanField(
        label=_("I authorise the processing of my personal data"),
        error_messages={
            "required": _(
                "To send it you must authorise the processing of your personal data "
                "(Ley 1581 de 2012)."
            )
        },
    )

    def __init__(self, *args, page=None, **kwargs):
        from rendicion.models import Department, PopulationGroup

        super().__init__(*args, **kwargs)
        self.page = page
        self.allows_anonymous = bool(getattr(page, "allows_anonymous_questions", False))
        if not self.allows_anonymous:
            del self.fields["anonymous"]
        self.fields["population_group"].queryset = PopulationGroup.objects.order_by("name")
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["email"].error_messages["invalid"] = _(
            "Write a valid e-mail address, like nombre@ejemplo.com."
        )

    def clean(self):
        data = super().clean()
        anonymous = self.allows_anonymous and data.get("anonymous")
        data["anonymous"] = bool(anonymous)
        if not anonymous and not (data.get("name") or "").strip():
            if self.allows_anonymous:
                message = _("Write your name, or tick “Send it anonymously”.")
            else:
                message = _("Write your name.")
            self.add_error("name", message)
        return data

    def describe_fields(self):
        """Link each input to its help text and errors (aria-describedby), and mark the wrong
        ones (aria-invalid), so a screen reader reads why a field was refused."""
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}_help")
            if self.is_bound and bound.errors:
                ids.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(ids)
        return self
