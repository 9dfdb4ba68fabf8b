from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Department(index.Indexed, models.Model):
    """A dependencia of the municipal administration (secretaría, oficina, instituto)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "One per line: other ways the department is written in the spreadsheets it sends, "
            "e.g. “Secretaría de Educación Municipal” or “Sec. de Educación”. The indicator "
            "import recognises them, ignoring case, accents and spaces."
        ),
    )
    coordinates_process = models.BooleanField(
        _("coordinates the accountability process"),
        default=False,
        help_text=_(
            "The office in charge of the process (Participación Comunitaria): it approves every "
            "publication and owns the pages of the whole cycle. Only one department can have it."
        ),
    )
    # Managed by ``manage.py setup_roles`` (see docs/workflow.md). Links rather than names, so
    # renaming a department or a group never detaches a role from its department.
    editors_group = models.ForeignKey(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("editors group"),
    )
    reviewers_group = models.ForeignKey(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewers group"),
    )
    approvers_group = models.ForeignKey(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approvers group"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("email"),
        FieldPanel("aliases"),
        FieldPanel("coordinates_process"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["coordinates_process"],
                condition=models.Q(coordinates_process=True),
                name="one_coordinating_department",
                violation_error_message=_("Another department already coordinates the process."),
            ),
        ]
        # Held by portal administrators only: see rendicion.editorial.policies.
        permissions = [
            (
                "publish_without_workflow",
                "Can publish, unpublish and change privacy without the workflow",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        """The other names, one per line of ``aliases``, blank lines left out."""
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]
