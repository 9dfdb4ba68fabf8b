"""Turn one page of hits into what the template shows, in a fixed number of queries.

Snippets come from the same fields the index holds (each model's ``SearchField``s), read from
the objects without touching the database again: StreamField text is taken from the raw
JSON, so no chooser block fetches its document or page.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from rendicion.models import Indicator
from search.analysis import highlight
from search.engine import DOCUMENT, GOAL, INDICATOR, PAGE, TARGET

SNIPPET_WORDS = 32
TITLE_FIELDS = {"title", "name", "code"}


@dataclass
class Result:
    kind: str
    label: str
    title: str  # safe HTML, matches marked
    url: str
    snippet: str = ""  # safe HTML
    details: list = field(default_factory=list)
    pinned: bool = False


def _raw_strings(data):
    """Sentences in StreamField raw data: strings with at least one space (not ids or keys)."""
    if isinstance(data, str):
        if " " in data.strip():
            yield strip_tags(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("id", "type"):
                yield from _raw_strings(value)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from _raw_strings(item)


def _is_rich_text(obj, name):
    try:
        return isinstance(obj._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


def searchable_text(obj):
    """The text of the object's search fields other than its title, as plain text."""
    parts = []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        if search_field.field_name in TITLE_FIELDS:
            continue
        value = getattr(obj, search_field.field_name, "")
        if callable(value):
            value = value()
        if isinstance(value, StreamValue):
            parts.extend(_raw_strings(list(value.raw_data)))
        elif value and _is_rich_text(obj, search_field.field_name):
            parts.append(strip_tags(str(value)))
        elif value:
            parts.append(str(value))  # plain text: escaped when shown, never interpreted
    return " · ".join(" ".join(part.split()) for part in parts if part and part.strip())


def _details(hit, departments):
    details = []
    if hit.years:
        details.append(_("Cycle %(years)s") % {"years": ", ".join(map(str, sorted(hit.years)))})
    names = sorted(departments[pk].name for pk in hit.departments if pk in departments)
    details.extend(names)
    return details


def present(hits, request, stems, departments):
    """Results for ``hits`` (one page), in their order."""
    ids = {
        kind: [hit.pk for hit in hits if hit.kind == kind] for kind in (PAGE, INDICATOR, DOCUMENT)
    }
    pages = (
        {page.pk: page for page in Page.objects.filter(pk__in=ids[PAGE]).specific()}
        if ids[PAGE]
        else {}
    )
    indicators = (
        {i.pk: i for i in Indicator.objects.filter(pk__in=ids[INDICATOR])} if ids[INDICATOR] else {}
    )
    documents = (
        {d.pk: d for d in get_document_model().objects.filter(pk__in=ids[DOCUMENT])}
        if ids[DOCUMENT]
        else {}
    )
    results = []
    for hit in hits:
        pinned = hit.pin is not None
        if hit.kind == PAGE and hit.pk in pages:
            page = pages[hit.pk]
            text = searchable_text(page) or page.search_description
            results.append(
                Result(
                    PAGE,
                    str(page.specific_class._meta.verbose_name).capitalize(),
                    highlight(page.title, stems),
                    page.get_url(request) or "",
                    highlight(text, stems, SNIPPET_WORDS),
                    _details(hit, departments),
                    pinned,
                )
            )
        elif hit.kind == INDICATOR and hit.pk in indicators:
            indicator = indicators[hit.pk]
            label = _("Indicator")
            if indicator.code:
                label = _("Indicator %(code)s") % {"code": indicator.code}
            results.append(
                Result(
                    INDICATOR,
                    label,
                    highlight(indicator.name, stems),
                    indicator.get_url(request) or "",
                    highlight(searchable_text(indicator), stems, SNIPPET_WORDS),
                    _details(hit, departments),
                    pinned,
                )
            )
        elif hit.kind == DOCUMENT and hit.pk in documents:
            document = documents[hit.pk]
            extension = document.file_extension.upper()
            label = _("Document")
            if extension:
                label = _("Document (%(extension)s)") % {"extension": extension}
            results.append(
                Result(
                    DOCUMENT,
                    label,
                    highlight(document.title, stems),
                    document.url,
                    highlight(getattr(document, "description", ""), stems, SNIPPET_WORDS),
                    _details(hit, departments),
                    pinned,
                )
            )
        elif hit.kind == GOAL:
            goal = hit.obj
            results.append(
                Result(
                    GOAL,
                    _("Sustainable Development Goal %(number)s") % {"number": goal.number},
                    highlight(goal.short_title, stems),
                    goal.get_url(request) or "",
                    highlight(goal.title, stems, SNIPPET_WORDS),
                    [],
                    pinned,
                )
            )
        elif hit.kind == TARGET:
            target = hit.obj
            results.append(
                Result(
                    TARGET,
                    _("SDG target %(code)s") % {"code": target.code},
                    highlight(target.short_title, stems),
                    target.goal.get_url(request) or "",
                    highlight(target.title, stems, SNIPPET_WORDS),
                    [str(target.goal)],
                    pinned,
                )
            )
    return results
