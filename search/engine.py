"""One ranked list over pages, indicators and documents, with what the facets need.

Each kind is searched with the backend's ``ranked()`` (``search.backends.ranking``), keeping
the ``CANDIDATES`` best of each with their scores. The lists are merged in Python, in this order:

1. exact identifiers (an indicator code, an SDG target or goal: ``search.identifiers``);
2. the share of the query's words found in the title, then the share of the title's words
   that are the query's (a title that is exactly the query comes first): titles are what
   citizens remember, and this makes the order the same on every backend;
3. the backend's relevance score, normalised across the three lists.

Facet values (type, vigencia, department, SDG goal) are read for the candidates in a fixed
number of queries, whatever their number.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from caching.invalidation import kept_until_next_change
from rendicion.models import (
    AccountabilityCycleIndexPage,
    DepartmentSectionPage,
    Indicator,
    IndicatorMeasurement,
    ReportPage,
    SdgGoal,
    SdgTarget,
)
from rendicion.visibility import hidden_branches, public_indicators, public_pages
from search.analysis import query_stems, title_coverage
from search.identifiers import find_identifiers
from search.sdg_words import sdg_matches
from search.sources import public_document_ids, searchable_documents, searchable_pages
from search.spelling import correction_for
from search.synonyms import variants

PAGE, INDICATOR, DOCUMENT, GOAL, TARGET = "page", "indicator", "document", "goal", "target"

# Values of the ``tipo`` parameter: Spanish, because citizens read them in the address bar.
PAGE_TYPES = {
    "dialogueencounterpage": "encuentros",
    "reportpage": "informes",
    "publichearingpage": "audiencias",
    "improvementplanpage": "planes-de-mejoramiento",
    "accountabilitycycleindexpage": "vigencias",
    "departmentsectionpage": "dependencias",
}
OTHER_PAGES = "otras-paginas"
TYPE_CHOICES = [
    ("encuentros", _("Dialogue encounters")),
    ("informes", _("Reports")),
    ("audiencias", _("Public hearings")),
    ("planes-de-mejoramiento", _("Improvement plans")),
    ("vigencias", _("Accountability cycles")),
    ("dependencias", _("Department sections")),
    (OTHER_PAGES, _("Other pages")),
    ("indicadores", _("Indicators")),
    ("documentos", _("Documents")),
    ("ods", _("SDGs and targets")),
]
KIND_TYPES = {INDICATOR: "indicadores", DOCUMENT: "documentos", GOAL: "ods", TARGET: "ods"}
KIND_ORDER = {GOAL: 0, TARGET: 1, INDICATOR: 2, PAGE: 3, DOCUMENT: 4}


@dataclass
class Hit:
    kind: str
    pk: int
    title: str
    type: str
    score: float = 0.0
    pin: int | None = None
    coverage: float = 0.0
    precision: float = 0.0
    years: frozenset = frozenset()
    departments: frozenset = frozenset()
    goals: frozenset = frozenset()
    obj: object = None  # already loaded (identifiers), saves a query when displayed
    # An SDG goal or target found by its words: after everything the text search found, so
    # "infraestructura" shows the department's work before goal 9, and "clima" goal 13.
    secondary: bool = False

    @property
    def key(self):
        return (self.kind, self.pk)

    def sort_key(self):
        return (
            self.pin is None,
            self.pin or 0,
            self.secondary,
            -round(self.coverage, 3),
            -round(self.precision, 3),
            -self.score,
            KIND_ORDER[self.kind],
            self.pk,
        )


@dataclass
class Outcome:
    hits: list = field(default_factory=list)
    stems: list = field(default_factory=list)
    truncated: bool = False  # some kind had more matches than CANDIDATES
    identifiers: object = None
    departments: dict = field(default_factory=dict)  # id → Department
    variant_stems: list = field(default_factory=list)  # of the synonym variants searched too
    corrected_from: str = ""  # the query as typed, when these are the results of a correction
    corrected_to: str = ""  # and the correction searched instead
    suggestion: str = ""  # "¿Quiso decir…?" when no correction clearly won

    @property
    def highlight_stems(self):
        """The query's stems and its synonyms': what the results are highlighted with."""
        return list(dict.fromkeys([*self.stems, *(s for v in self.variant_stems for s in v)]))


def _cycle_and_section_paths():
    return (
        dict(AccountabilityCycleIndexPage.objects.values_list("path", "year")),
        dict(DepartmentSectionPage.objects.values_list("path", "department_id")),
    )


class PageFacts:
    """Vigencia and department of pages, from their paths: the cycles' and sections' paths,
    kept until the next public change."""

    def __init__(self):
        self.cycles, self.sections = kept_until_next_change(
            "search-cycle-section-paths", _cycle_and_section_paths
        )
        self.steplen = Page.steplen

    def _ancestors(self, path):
        return (path[:end] for end in range(self.steplen, len(path) + 1, self.steplen))

    def year(self, path):
        for prefix in self._ancestors(path):
            if prefix in self.cycles:
                return self.cycles[prefix]
        return None

    def department(self, path, own_department):
        if own_department:
            return own_department
        found = None
        for prefix in self._ancestors(path):
            found = self.sections.get(prefix, found)
        return found

    @staticmethod
    def rows(page_ids, site, branches=None):
        """Facts of those of the pages that are public (the others are left out)."""
        return (
            public_pages(searchable_pages(site).filter(pk__any_of=set(page_ids)), branches)
            .annotate(
                own_department=Coalesce(
                    F("dialogueencounterpage__department_id"),
                    F("reportpage__department_id"),
                    F("improvementplanpage__department_id"),
                    F("departmentsectionpage__department_id"),
                )
            )
            .values_list("pk", "title", "path", "content_type_id", "own_department")
        )


def _group(pairs):
    grouped = {}
    for key, value in pairs:
        if value is not None:
            grouped.setdefault(key, set()).add(value)
    return grouped


class CitizenSearch:
    CANDIDATES = 1000

    def __init__(self, site=None, backend=None):
        self.site = site
        self.backend = backend or get_search_backend()
        self._page_facts = None
        self._branches = None

    @property
    def branches(self):
        if self._branches is None:
            self._branches = hidden_branches()
        return self._branches

    @property
    def page_facts(self):
        if self._page_facts is None:
            self._page_facts = PageFacts()
        return self._page_facts

    # --- The pieces ---------------------------------------------------------------------------

    def page_queryset(self):
        return searchable_pages(self.site)

    def document_queryset(self):
        return searchable_documents()

    def page_hits(self, scored):
        scores = dict(scored)
        if not scores:
            return []
        facts = self.page_facts
        rows = list(PageFacts.rows(scores, self.site, self.branches))
        report_type = ContentType.objects.get_for_model(ReportPage).pk
        report_ids = [row[0] for row in rows if row[3] == report_type]
        goals = (
            _group(
                ReportPage.indicators.through.objects.filter(
                    reportpage_id__any_of=set(report_ids), indicator__live=True
                ).values_list("reportpage_id", "indicator__sdg_targets__goal__number")
            )
            if report_ids
            else {}
        )
        hits = []
        for pk, title, path, content_type_id, own_department in rows:
            # get_for_id is cached by Django: no query after the first request.
            model = ContentType.objects.get_for_id(content_type_id).model
            year = facts.year(path)
            department = facts.department(path, own_department)
            hits.append(
                Hit(
                    PAGE,
                    pk,
                    title,
                    PAGE_TYPES.get(model, OTHER_PAGES),
                    score=scores[pk],
                    years=frozenset([year] if year else []),
                    departments=frozenset([department] if department else []),
                    goals=frozenset(goals.get(pk, ())),
                )
            )
        return hits

    def indicator_hits(self, scored):
        scores = dict(scored)
        if not scores:
            return []
        rows = Indicator.objects.filter(pk__any_of=scores.keys()).values_list(
            "pk", "name", "department_id"
        )
        goals = _group(
            Indicator.sdg_targets.through.objects.filter(
                indicator_id__any_of=scores.keys()
            ).values_list("indicator_id", "sdgtarget__goal__number")
        )
        years = _group(
            IndicatorMeasurement.objects.filter(indicator_id__any_of=scores.keys())
            .annotate(year=ExtractYear("date"))
            .order_by()  # the model's ordering would make DISTINCT keep one row per measurement
            .values_list("indicator_id", "year")
            .distinct()
        )
        return [
            Hit(
                INDICATOR,
                pk,
                name,
                KIND_TYPES[INDICATOR],
                score=scores[pk],
                years=frozenset(years.get(pk, ())),
                departments=frozenset([department_id]),
                goals=frozenset(goals.get(pk, ())),
            )
            for pk, name, department_id in rows
        ]

    def document_hits(self, scored):
        scores = dict(scored)
        if not scores:
            return []
        document_model = get_document_model()
        titles = dict(
            document_model.objects.filter(
                pk__any_of=set(public_document_ids(among=scores))
            ).values_list("pk", "title")
        )
        if not titles:
            return []
        # A document's vigencia and department are those of the public pages that cite it.
        references = list(
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                to_content_type=ContentType.objects.get_for_model(document_model),
                to_object_id__in=[str(pk) for pk in titles],
            ).values_list("to_object_id", "object_id")
        )
        citing = (
            {
                pk: (path, own_department)
                for pk, _title, path, _ct, own_department in PageFacts.rows(
                    {int(page_id) for _doc, page_id in references if page_id.isdigit()},
                    self.site,
                    self.branches,
                )
            }
            if references
            else {}
        )
        facts = self.page_facts
        years, departments = {}, {}
        for document_id, page_id in references:
            path, own_department = citing.get(int(page_id), (None, None))
            if path is None:
                continue
            year = facts.year(path)
            department = facts.department(path, own_department)
            if year:
                years.setdefault(int(document_id), set()).add(year)
            if department:
                departments.setdefault(int(document_id), set()).add(department)
        return [
            Hit(
                DOCUMENT,
                pk,
                title,
                KIND_TYPES[DOCUMENT],
                score=scores[pk],
                years=frozenset(years.get(pk, ())),
                departments=frozenset(departments.get(pk, ())),
            )
            for pk, title in titles.items()
        ]

    def identifier_hits(self, identifiers):
        """Pinned hits for the identifiers, and the indicators they stand for."""
        pinned, related = [], []
        targets = (
            {
                target.code: target
                for target in SdgTarget.objects.filter(
                    code__in=identifiers.target_codes
                ).select_related("goal")
            }
            if identifiers.target_codes
            else {}
        )
        goals = (
            {
                goal.number: goal
                for goal in SdgGoal.objects.filter(number__in=identifiers.goal_numbers)
            }
            if identifiers.goal_numbers
            else {}
        )
        codes = (
            {
                indicator.code: indicator
                for indicator in public_indicators().filter(code__in=identifiers.indicator_codes)
            }
            if identifiers.indicator_codes
            else {}
        )
        for code in identifiers.target_codes:
            if code in targets:
                target = targets[code]
                pinned.append(
                    Hit(
                        TARGET,
                        target.pk,
                        target.title,
                        "ods",
                        goals=frozenset([target.goal.number]),
                        obj=target,
                    )
                )
        for number in identifiers.goal_numbers:
            if number in goals:
                goal = goals[number]
                pinned.append(
                    Hit(GOAL, goal.pk, goal.short_title, "ods", goals=frozenset([number]), obj=goal)
                )
        pinned_indicators = [
            codes[code].pk for code in identifiers.indicator_codes if code in codes
        ]
        if targets:
            related = list(
                public_indicators()
                .filter(sdg_targets__in=[t.pk for t in targets.values()])
                .values_list("pk", flat=True)
            )
        if goals:
            related += list(
                public_indicators()
                .filter(sdg_targets__goal__in=[g.pk for g in goals.values()])
                .values_list("pk", flat=True)
            )
        return pinned, pinned_indicators, list(dict.fromkeys(related))

    # --- The whole search ---------------------------------------------------------------------

    def text_scores(self, texts, queryset):
        """(pk, score) of the best matches of any of ``texts``, each pk with its best score."""
        best = {}
        for text in texts:
            for pk, score in self.backend.ranked(text, queryset, self.CANDIDATES):
                if pk not in best or score > best[pk]:
                    best[pk] = score
        return sorted(best.items(), key=lambda item: -item[1])[: self.CANDIDATES]

    def sdg_word_hits(self, stem_lists, pinned):
        """Goals and targets found by their words (not already pinned as identifiers), and
        the approved indicators linked to them."""
        goals, targets = sdg_matches(stem_lists)
        taken = {hit.key for hit in pinned}
        hits = [
            Hit(
                GOAL,
                goal.pk,
                f"{goal.short_title} {goal.title}",
                "ods",
                goals=frozenset([goal.number]),
                obj=goal,
                secondary=True,
            )
            for goal in goals
            if (GOAL, goal.pk) not in taken
        ]
        hits += [
            Hit(
                TARGET,
                target.pk,
                target.title,
                "ods",
                goals=frozenset([target.goal.number]),
                obj=target,
                secondary=True,
            )
            for target in targets
            if (TARGET, target.pk) not in taken
        ]
        linked = []
        if goals or targets:
            goal_ids = [goal.pk for goal in goals]
            linked = list(
                public_indicators()
                .filter(
                    Q(sdg_targets__goal__in=goal_ids)
                    | Q(sdg_goals__in=goal_ids)
                    | Q(sdg_targets__in=[target.pk for target in targets])
                )
                .order_by()
                .values_list("pk", flat=True)
                .distinct()[: self.CANDIDATES]
            )
        return hits, linked

    # --- The whole search ---------------------------------------------------------------------

    def run(self, query, correct=True):
        outcome = Outcome()
        identifiers = find_identifiers(query)
        outcome.identifiers = identifiers
        text = identifiers.remaining if identifiers else query
        outcome.stems = query_stems(text)
        pinned, pinned_indicators, related = (
            self.identifier_hits(identifiers) if identifiers else ([], [], [])
        )

        page_scores = indicator_scores = document_scores = []
        sdg_hits, linked = [], []
        if outcome.stems:
            texts = [text, *variants(text)]
            outcome.variant_stems = [query_stems(variant) for variant in texts[1:]]
            page_scores = self.text_scores(texts, self.page_queryset())
            indicator_scores = self.text_scores(texts, public_indicators())
            document_scores = self.text_scores(texts, self.document_queryset())
            outcome.truncated = any(
                len(scores) >= self.CANDIDATES
                for scores in (page_scores, indicator_scores, document_scores)
            )
            sdg_hits, linked = self.sdg_word_hits([outcome.stems, *outcome.variant_stems], pinned)
        # Indicators named by code come first; for a query that is only an SDG target or goal,
        # the indicators linked to it follow.
        if outcome.stems:
            related = []
        extra = dict.fromkeys([*pinned_indicators, *related])
        found = dict(indicator_scores)
        # Indicators of an SDG found by its words rank with it, after the text's matches.
        linked_only = {pk for pk in linked if pk not in found and pk not in extra}
        indicator_scores = (
            [(pk, 0.0) for pk in extra if pk not in found]
            + list(indicator_scores)
            + [(pk, 0.0) for pk in linked if pk in linked_only]
        )

        hits = (
            self.page_hits(page_scores)
            + self.indicator_hits(indicator_scores)
            + self.document_hits(document_scores)
            + sdg_hits
        )
        top = max((abs(hit.score) for hit in hits), default=0.0) or 1.0
        order = {pk: position for position, pk in enumerate(extra)}
        pins = len(pinned)
        stem_lists = [outcome.stems, *outcome.variant_stems]
        for hit in hits:
            hit.score = hit.score / top
            # A result found through a synonym ranks by the words it was found by.
            hit.coverage, hit.precision = max(
                title_coverage(hit.title, stems) for stems in stem_lists
            )
            if hit.kind == INDICATOR and hit.pk in order:
                hit.pin = pins + order[hit.pk]
            if hit.kind == INDICATOR and hit.pk in linked_only:
                hit.secondary = True
        for position, hit in enumerate(pinned):
            hit.pin = position
        outcome.hits = sorted(pinned + hits, key=Hit.sort_key)
        if correct and not outcome.hits and outcome.stems:
            return self.corrected(query, text, outcome)
        return outcome

    def corrected(self, query, text, outcome):
        """The results of the correction of ``text`` when one clearly wins and finds
        something; else ``outcome`` with a "did you mean" suggestion, if there is one."""
        correction = correction_for(text, self.site)
        if correction is None:
            return outcome
        if correction.clear:
            mended = self.run(correction.text, correct=False)
            if mended.hits:
                mended.corrected_from, mended.corrected_to = query, correction.text
                return mended
        if correction.text != text:
            outcome.suggestion = correction.text
        return outcome
