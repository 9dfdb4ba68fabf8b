from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from rendicion.api_fields import ShownCommitmentsField
from rendicion.blocks import AgendaItemBlock, BodyBlock, DocumentListBlock
from rendicion.models.mixins import CyclePageMixin


class PublicHearingPage(CyclePageMixin, Page):
    """The audiencia pública participativa, where the mayor presents the strategic topics."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    livestream_url = models.URLField(_("livestream"), blank=True)
    video_url = models.URLField(_("recording"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, verbose_name=_("agenda"))
    documents = StreamField(DocumentListBlock(), blank=True, verbose_name=_("documents"))
    outcomes = StreamField(BodyBlock(), blank=True, verbose_name=_("outcomes"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
        MultiFieldPanel(
            [FieldPanel("livestream_url"), FieldPanel("video_url")], heading=_("Video")
        ),
        FieldPanel("summary"),
        FieldPanel("agenda"),
        FieldPanel("documents"),
        FieldPanel("outcomes"),
    ]

    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("address"),
        APIField("livestream_url"),
        APIField("video_url"),
        APIField("summary"),
        APIField("agenda"),
        APIField("documents"),
        APIField("outcomes"),
        APIField("commitments", serializer=ShownCommitmentsField()),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("place"),
        index.SearchField("outcomes"),
    ]

    parent_page_types = ["rendicion.AccountabilityCycleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("public hearing")
        verbose_name_plural = _("public hearings")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["commitments"] = (
            self.commitments.filter(live=True)
            .select_related("department", "evidence_document")
            .order_by("due_date", "pk")
        )
        return context
