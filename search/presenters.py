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


def _pages(pks):
    return {page.pk: page for page in Page.objects.filter(pk__in=pks).specific()}


def _indicators(pks):
    return {indicator.pk: indicator for indicator in Indicator.objects.filter(pk__in=pks)}


def _documents(pks):
    return {document.pk: document for document in get_document_model().objects.filter(pk__in=pks)}


LOADERS = {PAGE: _pages, INDICATOR: _indicators, DOCUMENT: _documents}


def load_objects(hits):
    """{kind: {pk: object}} for the page, indicator and document hits: one query per kind
    present. SDG goals and targets come already loaded with their hits."""
    objects = {}
    for kind, load in LOADERS.items():
        pks = [hit.pk for hit in hits if hit.kind == kind]
        objects[kind] = load(pks) if pks else {}
    return objects


class Presenter:
    """One ``Result`` per kind of hit, its title and snippet highlighted with the query's stems."""

    def __init__(self, request, stems, departments):
        self.request = request
        self.stems = stems
        self.departments = departments
        self.builders = {
            PAGE: self.page,
            INDICATOR: self.indicator,
            DOCUMENT: self.document,
            GOAL: self.goal,
            TARGET: self.target,
        }

    def result(self, hit, obj):
        return self.builders[hit.kind](hit, obj)

    def _title(self, text):
        return highlight(text, self.stems)

    def _snippet(self, text):
        return highlight(text, self.stems, SNIPPET_WORDS)

    def page(self, hit, page):
        text = searchable_text(page) or page.search_description
        return Result(
            PAGE,
            str(page.specific_class._meta.verbose_name).capitalize(),
            self._title(page.title),
            page.get_url(self.request) or "",
            self._snippet(text),
            _details(hit, self.departments),
            hit.pin is not None,
        )

    def indicator(self, hit, indicator):
        label = _("Indicator")
        if indicator.code:
            label = _("Indicator %(code)s") % {"code": indicator.code}
        return Result(
            INDICATOR,
            label,
            self._title(indicator.name),
            indicator.get_url(self.request) or "",
            self._snippet(searchable_text(indicator)),
            _details(hit, self.departments),
            hit.pin is not None,
        )

    def document(self, hit, document):
        extension = document.file_extension.upper()
        label = _("Document")
        if extension:
            label = _("Document (%(extension)s)") % {"extension": extension}
        return Result(
            DOCUMENT,
            label,
            self._title(document.title),
            document.url,
            self._snippet(getattr(document, "description", "")),
            _details(hit, self.departments),
            hit.pin is not None,
        )

    def goal(self, hit, goal):
        return Result(
            GOAL,
            _("Sustainable Development Goal %(number)s") % {"number": goal.number},
            self._title(goal.short_title),
            goal.get_url(self.request) or "",
            self._snippet(goal.title),
            [],
            hit.pin is not None,
        )

    def target(self, hit, target):
        return Result(
            TARGET,
            _("SDG target %(code)s") % {"code": target.code},
            self._title(target.short_title),
            target.goal.get_url(self.request) or "",
            self._snippet(target.title),
            [str(target.goal)],
            hit.pin is not None,
        )


def present(hits, request, stems, departments):
    """Results for ``hits`` (one page), in their order; a hit whose object is gone is left out."""
    objects = load_objects(hits)
    presenter = Presenter(request, stems, departments)
    results = []
    for hit in hits:
        obj = objects[hit.kind].get(hit.pk) if hit.kind in objects else hit.obj
        if obj is not None:
            results.append(presenter.result(hit, obj))
    return results
