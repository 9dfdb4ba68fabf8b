from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from rendicion.blocks import BodyBlock
from rendicion.visibility import public_pages


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "rendicion.AccountabilityCycleIndexPage",
        "rendicion.IndicatorIndexPage",
        "rendicion.SdgIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from rendicion.models import (
            AccountabilityCycleIndexPage,
            CycleActivity,
            IndicatorIndexPage,
            SdgIndexPage,
        )

        context = super().get_context(request, *args, **kwargs)
        cycles = public_pages(AccountabilityCycleIndexPage.objects.child_of(self)).order_by("-year")
        context["cycles"] = cycles = list(cycles)
        current = cycles[0] if cycles else None
        context["current_cycle"] = current
        if current:
            activities = CycleActivity.objects.filter(cycle=current).select_related("linked_page")
            today = timezone.localdate()
            upcoming = list(activities.filter(start_date__gte=today).order_by("start_date")[:5])
            # A closed cycle has nothing ahead: show what was done last instead of an empty list.
            context["activities_are_upcoming"] = bool(upcoming)
            context["upcoming_activities"] = upcoming or list(
                activities.filter(start_date__lt=today).order_by("-start_date")[:5]
            )
        context["indicator_index"] = IndicatorIndexPage.objects.live().first()
        context["sdg_index"] = SdgIndexPage.objects.live().first()
        return context
