"""Caracterización de grupos de interés: who the administration reaches, and how."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class PopulationGroup(models.Model):
    """A population group of the rights-based approach (women, ethnic peoples, victims…).

    ``historically_excluded`` marks the groups the strategy asks to reach first.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    historically_excluded = models.BooleanField(_("historically excluded"), default=False)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("historically_excluded"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("population group")
        verbose_name_plural = _("population groups")

    def __str__(self):
        return self.name


class StakeholderGroup(index.Indexed, ClusterableModel):
    """A grupo de valor / de interés of one or more departments."""

    class GroupType(models.TextChoices):
        SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")
        COMMUNITY = "community", _("Community organisation / JAC")
        USERS = "users", _("Service users")
        ETHNIC = "ethnic", _("Ethnic group")
        ACADEMIC = "academic", _("Academia")
        BUSINESS = "business", _("Business sector")
        OVERSIGHT = "oversight", _("Oversight body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    group_type = models.CharField(_("type"), max_length=30, choices=GroupType.choices)
    departments = ParentalManyToManyField(
        "rendicion.Department",
        related_name="stakeholder_groups",
        verbose_name=_("departments"),
        blank=True,
    )
    territory = models.CharField(
        _("territory"),
        max_length=200,
        blank=True,
        help_text=_("Comuna, corregimiento or the whole municipality."),
    )
    population_groups = ParentalManyToManyField(
        PopulationGroup,
        related_name="stakeholder_groups",
        verbose_name=_("population groups reached"),
        blank=True,
    )
    members = models.PositiveIntegerField(_("approximate members"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("group_type"),
        FieldPanel("departments"),
        FieldPanel("territory"),
        FieldPanel("population_groups"),
        FieldPanel("members"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        FieldPanel("notes"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("territory"),
        index.FilterField("group_type"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def __str__(self):
        return self.name
