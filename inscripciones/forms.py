from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from participa.protection import ProtectedForm
from rendicion.models import PopulationGroup

PHONE = RegexValidator(
    r"^[0-9+() -]{7,30}$",
    _("Write the phone number with digits only (you may use spaces, + and -)."),
)


def _no_control_characters(value):
    if any(ord(character) < 32 for character in value):
        raise forms.ValidationError(_("Write it on one line."))


class RegistrationForm(ProtectedForm):
    """A citizen's registration to an encounter or the hearing (docs/participation.md)."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        validators=[_no_control_characters],
        error_messages={
            "required": _("Write your full name."),
            "max_length": _("The name can have at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and the cancellation link here."),
        error_messages={
            "required": _("Write your e-mail address."),
            "invalid": _("Write a valid e-mail address, such as nombre@correo.com."),
            "max_length": _("The e-mail address can have at most %(limit_value)d characters."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        validators=[PHONE],
        error_messages={"max_length": _("The phone can have at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    territory = forms.CharField(
        label=_("Comuna, corregimiento or municipality where you live"),
        max_length=120,
        validators=[_no_control_characters],
        error_messages={
            "required": _("Write your comuna, corregimiento or municipality."),
            "max_length": _("It can have at most %(limit_value)d characters."),
        },
    )
    population_group = forms.ModelChoiceField(
        label=_("Population group (optional)"),
        queryset=PopulationGroup.objects.order_by("name"),
        required=False,
        empty_label=_("I prefer not to say"),
        error_messages={"invalid_choice": _("Choose a group from the list.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I authorise the Alcaldía de Palmira to process my personal data to manage this "
            "registration, under its personal-data policy (Ley 1581 de 2012)."
        ),
        error_messages={
            "required": _("To register you must authorise the processing of your data.")
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
