"""The pieces Anexo 2 of Res. MinTIC 1519 de 2020 asks of every public site (docs/govco.md):
the policy pages the footer links to, and the items of the "Transparencia y acceso a la
información pública" and "Participa" menus, one model for both."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from rendicion.visibility import public_pages

# --- Policy pages --------------------------------------------------------------------------


class PolicyKind(models.TextChoices):
    TERMS = "terms", _("Terms and conditions")
    DATA_TREATMENT = "data-treatment", _("Personal data treatment policy")
    COPYRIGHT = "copyright", _("Copyright policy")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


class PolicyPageQuerySet(PageQuerySet):
    def public(self):
        """The public ones, by the portal's one rule (rendicion/visibility.py)."""
        return public_pages(self)

    def current(self, kind):
        """The public policy of ``kind`` in force: the latest effective date, or None."""
        return (
            public_pages(self.filter(kind=kind))
            .order_by(models.F("effective_date").desc(nulls_last=True), "-pk")
            .first()
        )

    def data_treatment_policy(self):
        """The personal-data treatment policy (Ley 1581 de 2012) a citizen accepts when
        writing to the entity, with its ``version`` and ``effective_date``; None when no
        such page is public. The participation forms record the version accepted."""
        return self.current(PolicyKind.DATA_TREATMENT)


class PolicyPage(Page):
    """Terms and conditions, the data treatment policy, the copyright policy or the
    accessibility statement: an editable page under the home page, linked from the footer."""

    kind = models.CharField(_("kind of policy"), max_length=20, choices=PolicyKind.choices)
    version = models.CharField(
        _("version"),
        max_length=20,
        blank=True,
        help_text=_(
            "Required for the data treatment policy, e.g. 2.0. Change it on every "
            "substantial change: citizens accept a version."
        ),
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    objects = PageManager.from_queryset(PolicyPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("version"), FieldPanel("effective_date")],
            heading=_("Policy"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")

    def clean(self):
        super().clean()
        if self.kind == PolicyKind.DATA_TREATMENT:
            errors = {}
            if not self.version:
                errors["version"] = _("The data treatment policy needs a version.")
            if not self.effective_date:
                errors["effective_date"] = _("The data treatment policy needs an effective date.")
            if errors:
                raise ValidationError(errors)


# --- The two menus of Anexo 2 --------------------------------------------------------------


class StandardMenu(models.TextChoices):
    TRANSPARENCY = "transparency", _("Transparency and access to public information")
    PARTICIPATION = "participation", _("Participate")


class LinkKind(models.TextChoices):
    PAGE = "page", _("A page of this portal")
    PORTAL = "portal", _("Another address of this portal")
    EXTERNAL = "external", _("An address on another site (e.g. the entity's main site)")
    NOT_APPLICABLE = "not-applicable", _("Does not apply to the entity")


# Addresses of the portal that are not pages; the names of their URL patterns.
PORTAL_ADDRESSES = [
    ("opendata_index", _("Open data (/datos/)")),
    ("document_library", _("Documents (/documentos/)")),
    ("govco_participation", _("Participate menu (/participa/)")),
    ("govco_transparency", _("Transparency menu (/transparencia/)")),
    ("govco_site_map", _("Site map (/mapa-del-sitio/)")),
    ("record_list", _("Public record (/registro/)")),
]

# Fixed listings of an accountability cycle page (rendicion/models/cycle.py).
PAGE_LISTINGS = [
    ("encuentros/", _("its dialogue encounters")),
    ("informes/", _("its reports")),
    ("planes-de-mejora/", _("its improvement plans")),
]

NUMBER = RegexValidator(r"^\d{1,2}(\.\d{1,2}){0,2}$", _("Write a number such as 4 or 4.7."))


class StandardMenuItemQuerySet(models.QuerySet):
    def for_menus(self):
        """Every item of both menus in order, with its page, in one query."""
        return self.select_related("page").order_by("menu", "sort_order", "pk")


class StandardMenuItem(Orderable):
    """One entry of the Transparency or the Participate menu: a numbered category of the
    annex (``4``) or an item inside one (``4.7``), pointing to a page of the portal, another
    portal address, an address elsewhere, or saying why it does not apply."""

    menu = models.CharField(_("menu"), max_length=20, choices=StandardMenu.choices)
    number = models.CharField(
        _("number"),
        max_length=8,
        validators=[NUMBER],
        help_text=_("As in Anexo 2: 4 for a category, 4.7 for an item inside it."),
    )
    title = models.CharField(_("title"), max_length=255)
    link_kind = models.CharField(
        _("where it leads"), max_length=20, choices=LinkKind.choices, default=LinkKind.EXTERNAL
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_listing = models.CharField(
        _("listing of the page"),
        max_length=30,
        blank=True,
        choices=PAGE_LISTINGS,
        help_text=_("For an accountability cycle: link to one of its listings."),
    )
    portal_address = models.CharField(
        _("portal address"), max_length=40, blank=True, choices=PORTAL_ADDRESSES
    )
    url = models.URLField(_("address"), blank=True, max_length=500)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What the citizen finds there; when it does not apply, why (required)."),
    )

    objects = StandardMenuItemQuerySet.as_manager()

    panels = [
        FieldPanel("menu"),
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("link_kind"),
        PageChooserPanel("page"),
        FieldPanel("page_listing"),
        FieldPanel("portal_address"),
        FieldPanel("url"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("transparency or participation menu item")
        verbose_name_plural = _("transparency and participation menus")

    def __str__(self):
        return f"{self.get_menu_display()} · {self.number} {self.title}"

    def clean(self):
        super().clean()
        required = {
            LinkKind.PAGE: ("page", _("Choose the page.")),
            LinkKind.PORTAL: ("portal_address", _("Choose the portal address.")),
            LinkKind.EXTERNAL: ("url", _("Write the address.")),
            LinkKind.NOT_APPLICABLE: ("note", _("Say why it does not apply to the entity.")),
        }
        field, message = required[self.link_kind]
        if not getattr(self, field):
            raise ValidationError({field: message})

    @property
    def depth(self):
        return self.number.count(".")

    @property
    def parent_number(self):
        return self.number.rpartition(".")[0]

    def href(self, request, public_page_ids):
        """The address it leads to, or "" when it leads nowhere the public may go (a page
        that is not public, an item that does not apply)."""
        if self.link_kind == LinkKind.PAGE:
            if self.page_id is None or self.page_id not in public_page_ids:
                return ""
            url = self.page.get_url(request) or ""
            return f"{url}{self.page_listing}" if url else ""
        if self.link_kind == LinkKind.PORTAL:
            return reverse(self.portal_address) if self.portal_address else ""
        if self.link_kind == LinkKind.EXTERNAL:
            return self.url
        return ""
