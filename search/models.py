"""Synonyms that editors manage: words citizens use for what the portal calls otherwise."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from search.analysis import stems


def split_terms(text):
    """The comma-separated terms of ``text``, stripped, empty ones dropped."""
    return [part.strip() for part in str(text or "").split(",") if part.strip()]


class SearchSynonym(models.Model):
    """A term and its equivalents, all interchangeable in a search (docs/search.md)."""

    term = models.CharField(
        _("term"),
        max_length=100,
        unique=True,
        help_text=_("A word or phrase citizens type, e.g. “colegio”."),
    )
    equivalents = models.TextField(
        _("equivalents"),
        help_text=_(
            "Words or phrases that mean the same, separated by commas, e.g. "
            "“institución educativa, IE, IEO”. A search for any of them finds the others."
        ),
    )

    panels = [FieldPanel("term"), FieldPanel("equivalents")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return self.term

    @property
    def members(self):
        """The term and its equivalents, each once."""
        return list(dict.fromkeys([self.term.strip(), *split_terms(self.equivalents)]))

    def clean(self):
        errors = {}
        if not stems(self.term):
            errors["term"] = _("Write a word that can be searched, not only articles or signs.")
        equivalents = split_terms(self.equivalents)
        if not equivalents:
            errors["equivalents"] = _("Write at least one equivalent.")
        elif not all(stems(part) for part in equivalents):
            errors["equivalents"] = _(
                "Each equivalent must have a word that can be searched, not only articles or signs."
            )
        elif all(stems(part) == stems(self.term) for part in equivalents):
            errors["equivalents"] = _("The equivalents are the same words as the term.")
        if errors:
            raise ValidationError(errors)


class UnansweredSearch(models.Model):
    """A query that found nothing the last time it was run (after correction and synonyms).

    Written only when a search is computed and finds nothing, and deleted when the same query
    later finds something; how often it was searched comes from Wagtail's own search-term
    counts. Editors read them in *Reports → Searches without results*.
    """

    query_string = models.CharField(_("search"), max_length=255, unique=True)
    first_seen = models.DateTimeField(_("first without results"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last without results"), auto_now=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")

    def __str__(self):
        return self.query_string
