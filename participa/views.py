"""The public question form of a hearing or an encounter (docs/participation.md).

The form lives at its own address, not on the page: the page stays in the page cache (it
carries no CSRF token), and this view is never cached (it uses a CSRF token, and answers POSTs).
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from wagtail.models import Page

from participa.consent import current_policy
from participa.deadlines import answer_deadline
from participa.forms import QuestionForm
from participa.models import Question
from participa.protection import RATE_LIMITED_MESSAGE, rate_limited
from rendicion import visibility
from rendicion.editorial.scope import department_of

RATE_GROUP = "participa-questions"


def question_page_or_404(page_id):
    """A public hearing or encounter that accepts questions."""
    from rendicion.models import DialogueEncounterPage, PublicHearingPage

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    if not isinstance(page, (DialogueEncounterPage, PublicHearingPage)):
        raise Http404
    if not page.accepts_questions or not visibility.is_public_page(page):
        raise Http404
    if _department_for(page, None) is None:
        raise Http404  # no department could moderate it (no coordinating department yet)
    return page


def _department_for(page, chosen):
    """Who moderates it: the department the citizen chose, else the encounter's, else the
    page's (the coordinating department for the hearing)."""
    return chosen or getattr(page, "department", None) or department_of(page)


def ask(request, page_id):
    page = question_page_or_404(page_id)
    policy = current_policy()
    received = None
    if request.method == "POST":
        form = QuestionForm(request.POST, page=page)
        if form.is_spam:
            # Answered as if received; nothing is stored.
            received = answer_deadline(timezone.now())
        elif rate_limited(request, RATE_GROUP, email=request.POST.get("email", "")):
            form.is_valid()
            form.add_error(None, RATE_LIMITED_MESSAGE)
        elif form.is_valid():
            data = form.cleaned_data
            now = timezone.now()
            question = Question.objects.create(
                page=page,
                department=_department_for(page, data["department"]),
                kind=data["kind"],
                anonymous=data["anonymous"],
                name="" if data["anonymous"] else data["name"].strip(),
                email=data["email"],
                phone=data["phone"],
                territory=data["territory"].strip(),
                population_group=data["population_group"],
                text=data["text"].strip(),
                consent_at=now,
                consent_policy_version=policy.version,
                consent_policy_url=policy.url,
                received_at=now,
            )
            received = question.due_date
        if received is not None:
            return render(
                request,
                "participa/question_received.html",
                {"page": page, "target": page, "due_date": received},
            )
    else:
        form = QuestionForm(page=page)
    return render(
        request,
        "participa/ask.html",
        {"page": page, "target": page, "form": form.describe_fields(), "policy": policy},
        status=200,
    )
