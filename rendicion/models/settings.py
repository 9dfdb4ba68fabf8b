from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """The entity's contact details, shown in every page footer."""

    entity_name = models.CharField(_("entity"), max_length=200, default="Alcaldía de Palmira")
    office_name = models.CharField(
        _("office in charge"), max_length=200, default="Secretaría de Participación Comunitaria"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    facebook = models.URLField("Facebook", blank=True)
    x_twitter = models.URLField("X / Twitter", blank=True)
    instagram = models.URLField("Instagram", blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("entity_name"), FieldPanel("office_name")], heading=_("Entity")
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [FieldPanel("facebook"), FieldPanel("x_twitter"), FieldPanel("instagram")],
            heading=_("Social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")
