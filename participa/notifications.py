"""The e-mail a citizen receives when their question is answered (in Spanish, plain text: what
they wrote is never interpreted as markup)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation


def public_answer_url(question, request=None):
    """Absolute address of the published answer: PORTAL_BASE_URL when set (the public address,
    which the admin's may not be), else the address the request came to."""
    path = question.page.specific.get_url(request=request) or "/"
    if path.startswith(("http://", "https://")):
        url = path
    else:
        base = getattr(settings, "PORTAL_BASE_URL", None)
        if base:
            url = base.rstrip("/") + path
        elif request is not None:
            url = request.build_absolute_uri(path)
        else:
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return f"{url}#pregunta-{question.pk}"


def notify_answer(question, request=None):
    """Send the answer e-mail once (``notified_at``); nothing without an address."""
    if not question.email or question.notified_at:
        return False
    with translation.override("es"):
        context = {
            "question": question,
            "public": question.status == question.Status.PUBLISHED,
            "url": public_answer_url(question, request),
            "page_title": question.page.title,
        }
        subject = render_to_string("participa/email/answered_subject.txt", context).strip()
        body = render_to_string("participa/email/answered.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [question.email])
    question.notified_at = timezone.now()
    type(question).objects.filter(pk=question.pk).update(notified_at=question.notified_at)
    return True
