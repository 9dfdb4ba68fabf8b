"""/buscar/: one search box over pages, indicators and documents; /buscar/sugerencias/: the
suggestions the header's combobox shows while typing."""

import hashlib
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from caching.invalidation import generation
from caching.middleware import is_cacheable_response, may_be_cached_for
from rendicion.models import Department, Indicator, SdgGoal
from rendicion.visibility import public_indicators
from search.analysis import MAX_QUERY_LENGTH, clean_query, fold, highlight, tokens
from search.engine import DOCUMENT, INDICATOR, PAGE, TYPE_CHOICES, CitizenSearch
from search.filters import FACETS, SearchFilter
from search.hits import record_hit, remember_unanswered
from search.presenters import present
from search.sources import (
    public_document_ids,
    public_page_ids,
    searchable_documents,
    searchable_pages,
)

PAGE_SIZE = 10
PAGE_PARAM = "pagina"
AS_TYPED_PARAM = "tal_cual"
SUGGESTIONS = 6
CANDIDATES = 20  # per kind, before private pages and documents are left out


def _query_string(params, **changes):
    query = params.copy()
    query.pop(PAGE_PARAM, None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


def promotions_for(query, site):
    """Editors' promoted results for the query, ignoring case and accents."""
    wanted = fold(normalise_query_string(query))
    query_ids = [
        pk
        for pk, text in Query.objects.filter(editors_picks__isnull=False)
        .distinct()
        .values_list("pk", "query_string")
        if fold(text) == wanted
    ]
    if not query_ids:
        return []
    promotions = SearchPromotion.objects.filter(query_id__in=query_ids).select_related("page")
    visible = set(public_page_ids(site, among=[p.page_id for p in promotions if p.page_id]))
    return [
        promotion
        for promotion in promotions
        if (promotion.page_id in visible) or (not promotion.page_id and promotion.external_link_url)
    ]


def _facet_values(hit, name):
    if name == "tipo":
        return [hit.type]
    if name == "vigencia":
        return [str(year) for year in hit.years]
    if name == "dependencia":
        return hit.departments
    return hit.goals


def facet_counts(hits, filterset, active):
    """{facet: Counter of its values}, each facet counting the hits that pass the *other*
    active facets, in one pass over the hits (not one filtered copy of them per facet)."""
    counts = {name: Counter() for name in FACETS}
    for hit in hits:
        failed = [name for name, value in active.items() if not filterset.matches(hit, name, value)]
        if len(failed) > 1:
            continue
        for name in failed or FACETS:
            counter = counts[name]
            for value in _facet_values(hit, name):
                counter[value] += 1
    return counts


def build_facets(hits, filterset, active, params, departments, goals):
    """For each facet, its options with counts that honour the other facets' filters."""
    labels = {
        "tipo": dict(TYPE_CHOICES),
        "vigencia": {},
        "dependencia": {pk: dept.name for pk, dept in departments.items()},
        "ods": {number: f"ODS {number}. {goal.short_title}" for number, goal in goals.items()},
    }
    param_of = {
        "dependencia": lambda pk: departments[pk].slug,
    }
    active_params = {name: params.get(name) for name in active}
    counts_of = facet_counts(hits, filterset, active)
    facets = []
    for name in FACETS:
        counts = counts_of[name]
        if name == "tipo":
            order = [value for value, _label in TYPE_CHOICES]
        elif name == "vigencia":
            order = sorted(counts, reverse=True)
        elif name == "dependencia":
            order = sorted(counts, key=lambda pk: (-counts[pk], labels[name].get(pk, "")))
        else:
            order = sorted(counts)
        options = []
        for value in order:
            if value not in labels[name] and name != "vigencia":
                continue
            param = str(param_of.get(name, str)(value))
            is_active = active_params.get(name) == param
            if not counts[value] and not is_active:
                continue
            options.append(
                {
                    "label": labels[name].get(value, str(value)),
                    "count": counts[value],
                    "active": is_active,
                    "url": "?" + _query_string(params, **{name: None if is_active else param}),
                }
            )
        if options:
            facets.append(
                {"name": name, "label": SearchFilter.base_filters[name].label, "options": options}
            )
    return facets


def _page_number(raw, num_pages, notices):
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        notices.append(_("The page number was not valid, so the first page is shown."))
        return 1
    if number < 1:
        notices.append(_("The page number was not valid, so the first page is shown."))
        return 1
    if number > num_pages:
        notices.append(
            _("There are only %(count)s pages of results; this is the last one.")
            % {"count": num_pages}
        )
        return num_pages
    return number


def _read_query(request, notices):
    """The query as searched, saying so when it had to be shortened."""
    raw_query = request.GET.get("q", "")
    if isinstance(raw_query, str) and len(raw_query.strip()) > MAX_QUERY_LENGTH:
        notices.append(
            _("Your search was too long: only its first %(count)s characters were used.")
            % {"count": MAX_QUERY_LENGTH}
        )
    return clean_query(raw_query)


def _read_filters(filterset, notices):
    """The facet values that passed validation; each unknown one is ignored, with a notice."""
    active = filterset.valid_values()
    for name in filterset.invalid_names():
        notices.append(
            _("The “%(filter)s” filter had a value we do not know, so it was ignored.")
            % {"filter": SearchFilter.base_filters[name].label}
        )
    return active


def _promotions(request, query, site, stems, results_page):
    """Editors' promoted results, as the first page shows them above the others; the promoted
    pages are taken out of the results below."""
    promotions = promotions_for(query, site)
    promoted_pages = {p.page_id for p in promotions if p.page_id}
    if promoted_pages:
        results_page.object_list = [
            hit
            for hit in results_page.object_list
            if not (hit.kind == PAGE and hit.pk in promoted_pages)
        ]
    return [
        {
            "title": highlight(promotion.title, stems),
            "url": promotion.page.get_url(request) if promotion.page_id else promotion.link,
            "description": promotion.description
            or (promotion.page.search_description if promotion.page_id else ""),
        }
        for promotion in promotions
    ]


def _is_new_search(request):
    """A first visit to the results, not a visit to another page of them."""
    return request.GET.get(PAGE_PARAM, "1") in ("", "1")


def _results(request, site, query, outcome, filterset, active, notices):
    """What the template needs to show the outcome: one page of results, facets, promotions."""
    departments = {dept.pk: dept for dept in Department.objects.all()}
    goals = {goal.number: goal for goal in SdgGoal.objects.all()}
    paginator = Paginator(
        filterset.apply(outcome.hits, active), PAGE_SIZE, allow_empty_first_page=True
    )
    number = _page_number(request.GET.get(PAGE_PARAM), paginator.num_pages, notices)
    results_page = paginator.page(number)
    promotions = []
    if number == 1 and not active:
        promotions = _promotions(request, query, site, outcome.stems, results_page)
    return {
        "promotions": promotions,
        "results": present(
            list(results_page.object_list), request, outcome.highlight_stems, departments
        ),
        "results_page": results_page,
        "paginator": paginator,
        "result_count": paginator.count,
        "truncated": outcome.truncated,
        "facets": build_facets(outcome.hits, filterset, active, request.GET, departments, goals),
        "active_filters": bool(active),
        "clear_filters_url": "?" + _query_string(request.GET, **dict.fromkeys(FACETS)),
        "query_string": _query_string(request.GET),
        "page_param": PAGE_PARAM,
    }


def search(request):
    """/buscar/?q=…, for anonymous visitors from the cache when someone searched the same
    thing since the last public change (docs/search.md, "Under load"); every search counted."""
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    filterset = SearchFilter(request.GET, request=request)
    if query and _is_new_search(request) and not filterset.valid_values():
        # Counted for the editors' "search terms" report and for promotions.
        record_hit(query)
    if not may_be_cached_for(request):
        return _search(request, filterset)
    params = sorted((k, v) for k, v in request.GET.lists() if k != "q")
    shortened = len(raw_query.strip()) > MAX_QUERY_LENGTH  # the page says so
    address = f"{request.get_host()}|{query}|{shortened}|{params}"
    key = f"search-page:{generation()}:{hashlib.sha256(address.encode()).hexdigest()}"
    content = cache.get(key)
    if content is not None:
        response = HttpResponse(content)
        response["X-Cache"] = "HIT"
        return response
    response = _search(request, filterset).render()
    if is_cacheable_response(request, response):
        cache.set(key, response.content, settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "MISS"
    return response


def _search(request, filterset):
    notices = []
    query = _read_query(request, notices)
    active = _read_filters(filterset, notices)
    context = {
        "search_query": query,
        "notices": notices,
        "results": [],
        "facets": [],
        "promotions": [],
        "searched": False,
    }
    if not query:
        if any(request.GET.get(name) for name in (*FACETS, "q")):
            notices.append(_("Type what you are looking for in the search box."))
        return TemplateResponse(request, "search/search.html", context)

    site = Site.find_for_request(request)
    # ?q=educasion&tal_cual=1: the search as typed, refusing the correction offered.
    as_typed = request.GET.get(AS_TYPED_PARAM) == "1"
    outcome = CitizenSearch(site=site).run(query, correct=not as_typed)
    context["searched"] = True
    if outcome.corrected_from:
        context["corrected_from"] = outcome.corrected_from
        context["corrected_to"] = outcome.corrected_to
        context["as_typed_url"] = "?" + _query_string(
            request.GET, q=outcome.corrected_from, **{AS_TYPED_PARAM: "1"}
        )
    if outcome.suggestion:
        context["suggestion"] = outcome.suggestion
        context["suggestion_url"] = "?" + _query_string(
            request.GET, q=outcome.suggestion, **{AS_TYPED_PARAM: None}
        )
    remember_unanswered(query, found=bool(outcome.hits))
    if not outcome.stems and not outcome.hits:
        notices.append(
            _(
                "Your search has no words we can look for. Try words such as "
                "“educación”, “audiencia pública” or an indicator code."
            )
        )
    context.update(_results(request, site, query, outcome, filterset, active, notices))
    return TemplateResponse(request, "search/search.html", context)


def _suggestion_rows(backend, query, site):
    """(kind, pk, score) of the best prefix matches of each kind, completed with full-text
    matches when prefixes find too few."""
    querysets = (
        (PAGE, searchable_pages(site)),
        (INDICATOR, public_indicators()),
        (DOCUMENT, searchable_documents()),
    )
    rows = []
    for kind, queryset in querysets:
        rows += [
            (kind, pk, score)
            for pk, score in backend.ranked(query, queryset, CANDIDATES, autocomplete=True)
        ]
    if len(rows) < SUGGESTIONS:
        seen = {(kind, pk) for kind, pk, _score in rows}
        for kind, queryset in querysets:
            rows += [
                (kind, pk, score - 1000)
                for pk, score in backend.ranked(query, queryset, CANDIDATES)
                if (kind, pk) not in seen
            ]
    return rows


@require_GET
def suggestions(request):
    """Up to six titles with their addresses, for the header's combobox (JSON)."""
    query = clean_query(request.GET.get("q", ""))
    if len(query) < 2:
        return JsonResponse({"query": query, "results": []})
    site = Site.find_for_request(request)
    rows = _suggestion_rows(get_search_backend(), query, site)
    ids = {
        kind: [pk for row_kind, pk, _score in rows if row_kind == kind]
        for kind in (PAGE, INDICATOR, DOCUMENT)
    }
    objects = {
        PAGE: Page.objects.filter(pk__in=public_page_ids(site, among=ids[PAGE])).select_related(
            "content_type"
        ),
        INDICATOR: Indicator.objects.filter(pk__in=ids[INDICATOR]),
        DOCUMENT: get_document_model().objects.filter(
            pk__in=public_document_ids(among=ids[DOCUMENT])
        ),
    }
    found = {}
    for kind, queryset in objects.items():
        if not ids[kind]:
            continue
        for obj in queryset:
            if kind == PAGE:
                title, url = obj.title, obj.get_url(request)
                model = obj.content_type.model_class()
                label = str(model._meta.verbose_name if model else _("Page")).capitalize()
            elif kind == INDICATOR:
                title, url = obj.name, obj.get_url(request)
                label = _("Indicator %(code)s") % {"code": obj.code} if obj.code else _("Indicator")
            else:
                title, url, label = obj.title, obj.url, _("Document")
            if url:
                found[(kind, obj.pk)] = {"title": title, "url": url, "type": str(label)}
    typed = tokens(query)

    def closeness(row):
        # Titles whose words start with what was typed, then the shortest: the same order on
        # every backend, whatever its scores.
        words = tokens(found[(row[0], row[1])]["title"])
        matched = sum(1 for part in typed if any(word.startswith(part) for word in words))
        return (-matched, len(words), -row[2])

    ordered = sorted((row for row in rows if (row[0], row[1]) in found), key=closeness)
    results = []
    for kind, pk, _score in ordered:
        if found[(kind, pk)] not in results:
            results.append(found[(kind, pk)])
    return JsonResponse({"query": query, "results": results[:SUGGESTIONS]})
