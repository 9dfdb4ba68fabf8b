from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from rendicion.listing import LISTING_PAGE_SIZE, preview
from rendicion.progress import StatusSummary
from rendicion.visibility import public_pages

# A goal's page shows this many indicator cards, and this many indicator codes per target;
# the indicator list, filtered by goal or target, shows them all.
GOAL_INDICATOR_CARDS = 12
TARGET_INDICATOR_LINKS = 5


class LinkedIndexMixin:
    """For the one index page of its type (``max_count = 1``) that other objects link into:
    an indicator's address is under the indicator index, a goal's under the SDG index."""

    @classmethod
    def find_with_url(cls, request=None, cache_owner=None):
        """The live index page and its URL ("" when there is none), looked up once per
        request (a listing links many rows), or once per ``cache_owner`` without one."""
        owner = request if request is not None else cache_owner
        key = f"_{cls._meta.model_name}_with_url"
        found = getattr(owner, key, None)
        if found is None:
            index_page = cls.objects.live().first()
            url = (index_page.get_url(request=request) or "") if index_page else ""
            found = (index_page, url)
            if owner is not None:
                setattr(owner, key, found)
        return found


class IndicatorIndexPage(LinkedIndexMixin, RoutablePageMixin, Page):
    """/indicadores/: the development plan's indicators, filterable, each at its own address."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    show_in_menus_default = True
    menu_label = _("Indicators")  # the main menu's short name for it

    PAGE_SIZE = 25

    class Meta:
        verbose_name = _("indicator index")
        verbose_name_plural = _("indicator indexes")

    @classmethod
    def url_for_indicator(cls, indicator, request=None):
        """/indicadores/<code or slug>/, or None without a live index page."""
        _index_page, base = cls.find_with_url(request, cache_owner=indicator)
        return f"{base}{indicator.url_key}/" if base else None

    @path("")
    def index_route(self, request):
        from rendicion.filters import IndicatorFilter
        from rendicion.models import Indicator

        filterset = IndicatorFilter(request.GET or None, queryset=Indicator.objects.public())
        paginator = Paginator(filterset.qs, self.PAGE_SIZE)
        page_number = request.GET.get("pagina") or 1
        indicators_page = paginator.get_page(page_number)
        query = request.GET.copy()
        query.pop("pagina", None)
        return self.render(
            request,
            context_overrides={
                "filterset": filterset,
                "indicators": indicators_page,
                "paginator": paginator,
                "query_string": query.urlencode(),
            },
        )

    @re_path(r"^(?P<key>[\w.-]+)/$", name="indicator")
    def indicator_route(self, request, key):
        from rendicion.models import Indicator

        indicator = get_object_or_404(Indicator.objects.public(), Q(code=key) | Q(slug=key))
        return self.render(
            request,
            template="rendicion/indicator_detail.html",
            context_overrides={
                "indicator": indicator,
                # Newest first and paginated: an indicator is cited every vigencia.
                "reports": Paginator(
                    public_pages(indicator.reports.all()).order_by("-first_published_at", "pk"),
                    LISTING_PAGE_SIZE,
                ).get_page(request.GET.get("pagina") or 1),
            },
        )

    def serve_preview(self, request, mode_name):
        return self.index_route(request)


def _goal_or_404(number):
    from rendicion.models import SdgGoal

    try:
        return SdgGoal.objects.get(number=int(number))
    except (SdgGoal.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


class SdgIndexPage(LinkedIndexMixin, RoutablePageMixin, Page):
    """/ods/: the 17 goals, and /ods/<n>/ with the goal's targets and the indicators linked."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    show_in_menus_default = True
    menu_label = _("SDGs")

    class Meta:
        verbose_name = _("SDG index")
        verbose_name_plural = _("SDG indexes")

    @classmethod
    def url_for_goal(cls, goal, request=None):
        """/ods/<number>/, or None without a live index page."""
        index_page, base = cls.find_with_url(request, cache_owner=goal)
        return base + index_page.reverse_subpage("goal", args=[goal.number]) if base else None

    @path("")
    def index_route(self, request):
        from rendicion.models import SdgGoal

        goals = SdgGoal.objects.with_public_status_summaries()
        return self.render(request, context_overrides={"goals": goals})

    @path("<int:number>/", name="goal")
    def goal_route(self, request, number):
        from rendicion.models import Indicator
        from rendicion.models.indicators import public_status_overview

        goal = _goal_or_404(number)
        contributing = Indicator.objects.contributing_to(goal).values("pk")
        # The same as public_indicators().contributing_to(goal).status_summary(), from the
        # statuses every goal page shares (kept until the next public change).
        summary = public_status_overview()["by_goal"].get(goal.pk) or StatusSummary.empty()
        _index, indicators_url = IndicatorIndexPage.find_with_url(request)
        return self.render(
            request,
            template="rendicion/sdg_goal.html",
            context_overrides={
                "goal": goal,
                "summary": summary,
                "indicators": preview(
                    Indicator.objects.public().filter(pk__in=contributing),
                    f"{indicators_url}?ods={goal.number}" if indicators_url else "",
                    size=GOAL_INDICATOR_CARDS,
                ),
                "indicators_url": indicators_url,
                "targets": goal.targets_with_public_indicators(per_target=TARGET_INDICATOR_LINKS),
            },
        )

    def serve_preview(self, request, mode_name):
        return self.index_route(request)
