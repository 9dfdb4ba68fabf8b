"""Where publication events reach the record: Wagtail's publication signals (pages and
snippets) and the document rule's inputs, handled in the sending transaction, so an entry
exists exactly when the publication commits. Views never write entries.

Following caching/invalidation.py and rendicion/media/privacy.py, receivers are connected in
``connect()``. A publication that changes nothing the public sees (the demo loaded again, a
republication of identical content) appends nothing: the record lists changes.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.documents import get_document_model
from wagtail.models import TaskState
from wagtail.signals import page_published, page_unpublished, published, unpublished

from registro import log
from registro.models import Event, ObjectKind, RecordedState
from rendicion.visibility import is_public_page, public_documents

SYSTEM_ROLE = _("System (data load or scheduled publication)")
ADMINISTRATOR_ROLE = _("Portal administrator")

# Bookkeeping Wagtail keeps on a row: it changes with every save and the public never sees it.
BOOKKEEPING = {
    "pk",
    "live",
    "has_unpublished_changes",
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "expired",
    "go_live_at",
    "expire_at",
    "path",
    "depth",
    "numchild",
    "url_path",
    "content_type",
    "translation_key",
    "locale",
    "alias_of",
    "wagtail_admin_comments",
    "comments",
}


def plain(value):
    """``value`` as plain JSON (decimals and dates as text), without bookkeeping."""
    value = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return _strip(value)


def _strip(value):
    if isinstance(value, dict):
        return {key: _strip(item) for key, item in value.items() if key not in BOOKKEEPING}
    if isinstance(value, list):
        return [_strip(item) for item in value]
    return value


def approver_role(instance):
    """The role that approved the publication: the workflow task that approved it last, or
    the publisher's groups; never a person's name."""
    task_state = (
        TaskState.objects.filter(
            workflow_state__base_content_type=instance.get_base_content_type(),
            workflow_state__object_id=str(instance.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("task")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if task_state is not None:
        return task_state.task.name
    revision = getattr(instance, "live_revision", None)
    user = getattr(revision, "user", None)
    if user is None:
        return str(SYSTEM_ROLE)
    groups = sorted(user.groups.values_list("name", flat=True))
    if groups:
        return ", ".join(groups)
    return str(ADMINISTRATOR_ROLE) if user.is_superuser else ""


# --- Pages ---------------------------------------------------------------------------------


def page_content(page):
    return {"type": page._meta.label_lower, "content": plain(page.serializable_data())}


def _page_url(page):
    return page.get_url() or ""


def page_was_published(sender, instance, **kwargs):
    page = instance
    if is_public_page(page):
        content = page_content(page)
        state = log.recorded_state(ObjectKind.PAGE, page.pk)
        event = None
        if state is None or not state.public:
            event = Event.PUBLISHED
        elif state.content_sha256 != log.content_hash(content):
            event = Event.REPUBLISHED
        if event:
            _append_page(event, page, approver_role(page), content)
        _record_improvement_actions(page)
        _record_answers(page)
    record_document_changes()


def _append_page(event, page, role, content=None):
    log.append(
        event,
        ObjectKind.PAGE,
        page.pk,
        content=page_content(page) if content is None else content,
        title=page.title,
        url=_page_url(page),
        role=role,
    )


def page_was_unpublished(sender, instance, **kwargs):
    page = instance
    state = log.recorded_state(ObjectKind.PAGE, page.pk)
    if state is not None and state.public:
        _append_page(Event.UNPUBLISHED, page, approver_role(page))
    record_document_changes()


def _record_improvement_actions(page):
    from rendicion.models import ImprovementPlanPage

    if not isinstance(page, ImprovementPlanPage):
        return
    for action in page.actions.all():
        state = log.recorded_state(ObjectKind.IMPROVEMENT_ACTION, action.pk)
        previous = state.marker if state else ""
        if previous == action.status:
            continue
        content = {"plan": page.pk, **plain(get_serializable_data_for_fields(action))}
        log.append(
            Event.STATUS_CHANGED,
            ObjectKind.IMPROVEMENT_ACTION,
            action.pk,
            content=content,
            title=str(action),
            url=_page_url(page),
            role=approver_role(page),
            details={
                "marker": action.status,
                "status": action.status,
                "previous_status": previous,
                "progress": action.progress,
            },
        )


def _record_answers(page):
    from rendicion.models import DialogueEncounterPage

    if not isinstance(page, DialogueEncounterPage):
        return
    for block in page.questions:
        value = block.value
        answer = str(value.get("answer") or "").strip()
        if not answer:
            continue
        content = {"encounter": page.pk, **plain(block.get_prep_value())}
        state = log.recorded_state(ObjectKind.QUESTION, block.id)
        if state is not None and state.content_sha256 == log.content_hash(content):
            continue
        log.append(
            Event.ANSWERED,
            ObjectKind.QUESTION,
            block.id,
            content=content,
            title=str(value.get("text", ""))[:200],
            url=_page_url(page),
            role=approver_role(page),
        )


# --- Indicators and commitments -----------------------------------------------------------


def _snippet_kind(instance):
    from rendicion.models import Commitment, Indicator

    if isinstance(instance, Indicator):
        return ObjectKind.INDICATOR
    if isinstance(instance, Commitment):
        return ObjectKind.COMMITMENT
    return None


def _snippet_details(instance, kind):
    if kind == ObjectKind.INDICATOR:
        measurements = [
            {"period": m.period, "date": m.date, "value": m.value}
            for m in instance.measurements.all()
        ]
        return plain({"code": instance.code, "measurements": measurements})
    return plain({"status": instance.status})


def _snippet_url(instance):
    try:
        return instance.get_url() or ""
    except AttributeError:
        return ""


def _append_snippet(event, kind, instance, role, content=None):
    """An indicator's or commitment's entry; an approval carries its values (measurements or
    status), an unpublication only what was withdrawn."""
    log.append(
        event,
        kind,
        instance.pk,
        content=plain(instance.serializable_data()) if content is None else content,
        title=str(instance),
        url=_snippet_url(instance),
        role=role,
        details=_snippet_details(instance, kind) if event == Event.APPROVED else None,
    )


def snippet_was_published(sender, instance, **kwargs):
    kind = _snippet_kind(instance)
    if kind is None:
        return
    content = plain(instance.serializable_data())
    state = log.recorded_state(kind, instance.pk)
    if state is None or not state.public or state.content_sha256 != log.content_hash(content):
        _append_snippet(Event.APPROVED, kind, instance, approver_role(instance), content)
    if kind == ObjectKind.COMMITMENT:
        record_document_changes()  # its evidence may have become public


def snippet_was_unpublished(sender, instance, **kwargs):
    kind = _snippet_kind(instance)
    if kind is None:
        return
    state = log.recorded_state(kind, instance.pk)
    if state is not None and state.public:
        _append_snippet(Event.UNPUBLISHED, kind, instance, approver_role(instance))
    if kind == ObjectKind.COMMITMENT:
        record_document_changes()


# --- Documents ------------------------------------------------------------------------------


def record_document_changes():
    """Compare the document rule (``rendicion.visibility.public_documents``) with what the
    record last said, and append what changed: a document became public or private, or a
    public document's file was replaced. Two queries when nothing changed."""
    public = {
        str(pk): (pk, title, sha256, size)
        for pk, title, sha256, size in public_documents().values_list(
            "pk", "title", "sha256", "file_size"
        )
    }
    states = {
        state.object_id: state
        for state in RecordedState.objects.filter(object_kind=ObjectKind.DOCUMENT, public=True)
    }
    document_model = get_document_model()
    for key, (pk, title, sha256, size) in sorted(public.items(), key=lambda item: item[1][0]):
        state = states.get(key)
        if state is not None and state.file_sha256 == sha256:
            continue
        event = Event.MADE_PUBLIC if state is None else Event.FILE_REPLACED
        _append_document(event, pk, title, sha256, size)
    for key in sorted(set(states) - set(public), key=int):
        document = document_model.objects.filter(pk=key).values_list("title", "sha256", "file_size")
        title, sha256, size = document.first() or ("", states[key].file_sha256, None)
        _append_document(Event.MADE_PRIVATE, int(key), title, sha256, size)


def record_current_state():
    """Record what is public and the record does not know yet: pages, indicators and
    commitments published before the record existed (or written directly, as the demo does),
    with their actions, answers and documents. For an installation's first run and for the
    demo; afterwards it finds nothing to add."""
    from rendicion.models import Commitment
    from rendicion.visibility import public_indicators, public_pages

    known = {
        (kind, object_id)
        for kind, object_id in RecordedState.objects.filter(public=True).values_list(
            "object_kind", "object_id"
        )
    }
    for page in public_pages().order_by("path").specific():
        if (ObjectKind.PAGE, str(page.pk)) not in known:
            _append_page(Event.PUBLISHED, page, str(SYSTEM_ROLE))
        _record_improvement_actions(page)
        _record_answers(page)
    snippets = [
        (ObjectKind.INDICATOR, public_indicators().prefetch_related("measurements")),
        (ObjectKind.COMMITMENT, Commitment.objects.filter(live=True)),
    ]
    for kind, objects in snippets:
        for instance in objects.order_by("pk"):
            if (kind, str(instance.pk)) in known:
                continue
            _append_snippet(Event.APPROVED, kind, instance, str(SYSTEM_ROLE))
    record_document_changes()


def _append_document(event, pk, title, sha256, size):
    from django.urls import reverse

    content = {"document": pk, "sha256": sha256, "size": size, "event": event}
    log.append(
        event,
        ObjectKind.DOCUMENT,
        pk,
        content=content,
        title=title,
        url=reverse("document_download", args=[pk]),
        file_sha256=sha256,
        file_size=size,
        role=str(SYSTEM_ROLE) if event == Event.MADE_PRIVATE else "",
    )


def _document_rule_input_changed(sender, raw=False, **kwargs):
    if not raw:
        record_document_changes()


def connect():
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from rendicion.models import PublicCollection

    page_published.connect(page_was_published, dispatch_uid="registro_page_published")
    page_unpublished.connect(page_was_unpublished, dispatch_uid="registro_page_unpublished")
    published.connect(snippet_was_published, dispatch_uid="registro_published")
    unpublished.connect(snippet_was_unpublished, dispatch_uid="registro_unpublished")
    # The document rule's other inputs: the document itself (file replaced, collection
    # moved), public collections and privacy.
    for model in (
        get_document_model(),
        PublicCollection,
        CollectionViewRestriction,
        PageViewRestriction,
        Collection,
    ):
        label = model._meta.label_lower
        post_save.connect(
            _document_rule_input_changed,
            sender=model,
            dispatch_uid=f"registro_documents_saved_{label}",
        )
        post_delete.connect(
            _document_rule_input_changed,
            sender=model,
            dispatch_uid=f"registro_documents_deleted_{label}",
        )
