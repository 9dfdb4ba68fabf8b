from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from rendicion.licences import DEFAULT_LICENCE, LICENCE_CHOICES

_NUMBER = r"-?\d+(?:\.\d+)?"
WKT_POINT = rf"^POINT ?\({_NUMBER} {_NUMBER}\)$"
WKT_POLYGON = rf"^POLYGON ?\(\({_NUMBER} {_NUMBER}(?:, ?{_NUMBER} {_NUMBER}){{3,}}\)\)$"


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """The entity's contact details, shown in every page footer, and the terms and territory
    of its open data (docs/open-data.md)."""

    entity_name = models.CharField(_("entity"), max_length=200, default="Alcaldía de Palmira")
    office_name = models.CharField(
        _("office in charge"), max_length=200, default="Secretaría de Participación Comunitaria"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The footer of Anexo 2 of Res. MinTIC 1519 de 2020 (docs/govco.md).
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Monday to Friday, 8:00 a.m. to 12:00 m. and 2:00 to 6:00 p.m."),
    )
    toll_free_phone = models.CharField(_("toll-free line"), max_length=100, blank=True)
    anticorruption_line = models.CharField(_("anti-corruption line"), max_length=100, blank=True)
    judicial_notifications_email = models.EmailField(
        _("e-mail for judicial notifications"), blank=True
    )
    pqrsd_url = models.URLField(
        _("PQRSD channel"),
        blank=True,
        help_text=_(
            "Address of the entity's system for petitions, complaints, claims, suggestions "
            "and reports (PQRSD)."
        ),
    )
    facebook = models.URLField("Facebook", blank=True)
    x_twitter = models.URLField("X / Twitter", blank=True)
    instagram = models.URLField("Instagram", blank=True)
    youtube = models.URLField("YouTube", blank=True)
    data_licence = models.CharField(
        _("open data licence"),
        max_length=20,
        choices=LICENCE_CHOICES,
        default=DEFAULT_LICENCE,
        help_text=_("Shown on /datos/ and declared in the catalogue and every file's metadata."),
    )
    territory_name = models.CharField(
        _("territory"), max_length=200, default="Palmira, Valle del Cauca"
    )
    territory_code = models.CharField(
        _("DANE code of the territory"),
        max_length=5,
        default="76520",
        validators=[RegexValidator(r"^\d{5}$", _("Write the five digits of the DANE code."))],
        help_text=_("The municipality's DIVIPOLA code: the spatial coverage of the open data."),
    )
    # Longitude before latitude, as WKT has it. The defaults are the seat of Palmira and a box
    # around the municipality drawn from the map (the Cauca river to the páramo de Las
    # Hermosas): approximate, to be replaced with IGAC's geometry where it matters.
    territory_centroid = models.CharField(
        _("centre of the territory"),
        max_length=100,
        default="POINT(-76.3036 3.5394)",
        validators=[RegexValidator(WKT_POINT, _("Write a point as POINT(longitude latitude)."))],
        help_text=_("WKT, longitude first, e.g. POINT(-76.3036 3.5394)."),
    )
    territory_bbox = models.CharField(
        _("bounding box of the territory"),
        max_length=300,
        default="POLYGON((-76.42 3.37,-75.98 3.37,-75.98 3.69,-76.42 3.69,-76.42 3.37))",
        validators=[RegexValidator(WKT_POLYGON, _("Write a box as POLYGON((lon lat, …))."))],
        help_text=_("WKT polygon, longitude first; its first and last points are the same."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("entity_name"), FieldPanel("office_name")], heading=_("Entity")
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postal_code"),
                FieldPanel("opening_hours"),
                FieldPanel("phone"),
                FieldPanel("toll_free_phone"),
                FieldPanel("anticorruption_line"),
                FieldPanel("email"),
                FieldPanel("judicial_notifications_email"),
                FieldPanel("pqrsd_url"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook"),
                FieldPanel("x_twitter"),
                FieldPanel("instagram"),
                FieldPanel("youtube"),
            ],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("data_licence"),
                FieldPanel("territory_name"),
                FieldPanel("territory_code"),
            ],
            heading=_("Open data"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")
