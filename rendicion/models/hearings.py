import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from rendicion.api_fields import ShownCommitmentsField
from rendicion.blocks import AgendaItemBlock, BodyBlock, DocumentListBlock
from rendicion.models.commitments import shown_commitments_of
from rendicion.models.mixins import CyclePageMixin, QuestionIntakeMixin
from rendicion.panels import CommitmentsMadeHerePanel


class PublicHearingPage(CyclePageMixin, QuestionIntakeMixin, Page):
    """The audiencia pública participativa, where the mayor presents the strategic topics."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    livestream_url = models.URLField(_("livestream"), blank=True)
    video_url = models.URLField(_("recording"), blank=True)
    # WCAG 1.2.2 and 1.2.3: a recording is shown only with captions or a transcript.
    recording_has_captions = models.BooleanField(
        _("the recording has captions"),
        default=False,
        help_text=_("Tick it only if the recording shows Spanish captions (subtitles)."),
    )
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("What was said at the hearing, for those who cannot watch the recording."),
    )
    summary = models.TextField(_("summary"), blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, verbose_name=_("agenda"))
    documents = StreamField(DocumentListBlock(), blank=True, verbose_name=_("documents"))
    outcomes = StreamField(BodyBlock(), blank=True, verbose_name=_("outcomes"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
        MultiFieldPanel(
            [
                FieldPanel("livestream_url"),
                FieldPanel("video_url"),
                FieldPanel("recording_has_captions"),
                FieldPanel("transcript"),
            ],
            heading=_("Video"),
        ),
        FieldPanel("summary"),
        FieldPanel("agenda"),
        FieldPanel("documents"),
        FieldPanel("outcomes"),
        CommitmentsMadeHerePanel(),
        QuestionIntakeMixin.question_intake_panel(),
        # Registration on the portal (inscripciones/, docs/participation.md).
        InlinePanel(
            "registration_options", max_num=1, heading=_("Registration"), label=_("Registration")
        ),
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

    def clean(self):
        super().clean()
        if self.video_url and not (self.recording_has_captions or self.has_transcript):
            raise ValidationError(
                {
                    "video_url": _(
                        "A recording needs captions or a transcript: tick “the recording has "
                        "captions” or write the transcript."
                    )
                }
            )

    @property
    def has_transcript(self):
        return bool(strip_tags(self.transcript or "").strip())

    @property
    def ends_at(self):
        """When the hearing is over: its end, or without one the end of its (local) day."""
        if self.end:
            return self.end
        day = timezone.localtime(self.start).date() + datetime.timedelta(days=1)
        return datetime.datetime.combine(
            day, datetime.time(), tzinfo=timezone.get_current_timezone()
        )

    @property
    def is_over(self):
        """After the hearing the livestream link would mislead: the page shows the recording
        instead. Pages are cached for PAGE_CACHE_SECONDS, so the switch can lag that long."""
        return timezone.now() >= self.ends_at

    @property
    def shows_recording(self):
        return bool(self.video_url) and (self.recording_has_captions or self.has_transcript)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["commitments"] = shown_commitments_of(self)
        return context
