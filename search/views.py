from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page
from wagtail.search.backends import get_search_backend


def search(request):
    """Search live, public pages. A fuller citizen search replaces this (issue 4)."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        backend = get_search_backend()
        results = backend.search(query, Page.objects.live().public().specific())
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": page}
    )
