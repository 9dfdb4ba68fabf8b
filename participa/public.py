"""What a hearing or encounter page shows of its citizens' questions: figures and the
published questions and answers, newest first, a bounded page at a time (a fixed number of
queries however many there are)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from wagtail.models import Page

from participa.models import Question
from rendicion import visibility
from rendicion.choices import ActionStatus

PAGE_PARAMETER = "preguntas"


def commitment_counts(page):
    """Commitments the public sees on ``page`` (rendicion.visibility), and how many are
    fulfilled."""
    pages = visibility.public_pages(Page.objects.filter(pk=page.pk))
    return visibility.shown_commitments(pages).aggregate(
        total=Count("pk"), fulfilled=Count("pk", filter=Q(status=ActionStatus.FULFILLED))
    )


class CountedPaginator(Paginator):
    """A paginator told its count (the page's figures already counted the rows) that always
    reads its page in one query, empty or not: the same queries for 0 or 1,000 questions."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        return self._get_page(rows, number, self)


def published_questions(page, number, count):
    questions = (
        Question.objects.published()
        .filter(page=page)
        .select_related("department", "commitment")
        .order_by("-answered_at", "-pk")
    )
    paginator = CountedPaginator(questions, settings.PARTICIPATION_QUESTIONS_PER_PAGE, count)
    return paginator.get_page(number)


def _counted(commitments):
    commitments = list(commitments)
    return {
        "total": len(commitments),
        "fulfilled": sum(1 for c in commitments if c.status == ActionStatus.FULFILLED),
    }


def page_participation(page, request, shown_commitments=None):
    """``shown_commitments``: the commitments the page already lists (its context), counted
    without another query; else they are asked of rendicion.visibility."""
    counts = Question.objects.public_counts(page)
    if shown_commitments is None:
        commitments = commitment_counts(page)
    else:
        commitments = _counted(shown_commitments)
    number = request.GET.get(PAGE_PARAMETER) if request is not None else None
    return {
        "received": counts["received"],
        "answered": counts["answered"],
        "commitments": commitments["total"],
        "fulfilled": commitments["fulfilled"],
        "page_obj": published_questions(page, number, counts["answered"]),
        "param": PAGE_PARAMETER,
    }


def current_hearing(cycle):
    """The hearing of ``cycle`` (the current one, public) citizens are invited to ask: the
    next one ahead that accepts questions, else the latest; one query."""
    from django.utils import timezone

    from rendicion.models import PublicHearingPage

    if cycle is None:
        return None
    hearings = list(
        visibility.public_pages(
            PublicHearingPage.objects.descendant_of(cycle).filter(accepts_questions=True)
        ).order_by("start")[:20]
    )
    now = timezone.now()
    upcoming = [hearing for hearing in hearings if hearing.start >= now]
    return upcoming[0] if upcoming else (hearings[-1] if hearings else None)
