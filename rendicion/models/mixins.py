from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class CyclePageMixin:
    """For pages that live inside an accountability cycle (directly or in a section)."""

    @cached_property
    def cycle(self):
        from rendicion.models import AccountabilityCycleIndexPage

        return AccountabilityCycleIndexPage.objects.ancestor_of(self).first()


class LiveBaselineRevisionMixin:
    """For snippets with draft state whose live rows may be written directly (demo data,
    imports), without a revision.

    Wagtail takes a live object without a live revision for one never published: approving a
    change scheduled for a later date would then take the row offline and write the change
    into it at once. So before the first revision of such a row, its live state is recorded
    as its live revision (docs/workflow.md).
    """

    def save_revision(self, *args, **kwargs):
        if self.pk and self.live and self.live_revision_id is None:
            self._record_live_baseline()
        return super().save_revision(*args, **kwargs)

    def _record_live_baseline(self):
        manager = type(self)._default_manager
        live = manager.get(pk=self.pk)
        if live.live_revision_id is None:
            baseline = live.build_live_baseline()
            baseline.save()
            manager.filter(pk=live.pk).update(live_revision=baseline, latest_revision=baseline)
            live.live_revision_id = baseline.pk
        self.live_revision_id = live.live_revision_id

    def build_live_baseline(self):
        """An unsaved revision holding this row's live state (bulk writers save many at once)."""
        from django.utils import timezone
        from wagtail.models import Revision

        return Revision(
            created_at=timezone.now(),
            content_object=self,
            base_content_type=self.get_base_content_type(),
            object_str=str(self),
            content=self.serializable_data(),
        )


class QuestionIntakeMixin(models.Model):
    """A hearing or encounter that receives citizens' questions and proposals (participa/)."""

    accepts_questions = models.BooleanField(
        _("accepts questions and proposals"),
        default=True,
        help_text=_("Citizens may send questions and proposals from the page."),
    )
    allows_anonymous_questions = models.BooleanField(
        _("allows anonymous questions"),
        default=False,
        help_text=_("Citizens may send a question without giving their name."),
    )

    class Meta:
        abstract = True

    @staticmethod
    def question_intake_panel():
        return MultiFieldPanel(
            [FieldPanel("accepts_questions"), FieldPanel("allows_anonymous_questions")],
            heading=_("Citizen questions"),
        )
