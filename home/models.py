from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from rendicion.blocks import BodyBlock
from rendicion.models import (
    AccountabilityCycleIndexPage,
    CycleActivity,
    IndicatorIndexPage,
    SdgIndexPage,
)
from rendicion.visibility import public_pages


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "rendicion.AccountabilityCycleIndexPage",
        "rendicion.IndicatorIndexPage",
        "rendicion.SdgIndexPage",
        "govco.PolicyPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
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

    def menu_pages(self):
        """The pages of the main menu: the public children shown in menus (Wagtail's
        ``show_in_menus``), of the accountability cycles only the current one (the latest
        year). In the order of ``subpage_types`` (the cycle, the indicators, the SDGs), then
        the tree's. One query, and one for the hidden branches."""
        children = (
            public_pages(self.get_children().filter(show_in_menus=True))
            .annotate(cycle_year=F("accountabilitycycleindexpage__year"))
            .order_by("path")
        )
        pages, current_cycle = [], None
        for page in children:
            if page.cycle_year is None:
                pages.append(page)
            elif current_cycle is None or page.cycle_year > current_cycle.cycle_year:
                current_cycle = page
        if current_cycle is not None:
            pages.append(current_cycle)
        order = {model: position for position, model in enumerate(self.allowed_subpage_models())}
        return sorted(pages, key=lambda page: order.get(page.specific_class, len(order)))
