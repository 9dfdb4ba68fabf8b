"""Where an item stands in the editorial process: the portal's one status rule
(docs/editorial-state.md).

``editorial_status(obj)`` answers for a page, an indicator or a commitment with one of

* **draft** — never published, not in review;
* **in review** — at step N of the workflow's steps, with the step's name;
* **changes requested** — a reviewer sent it back to its author;
* **published** — live, nothing pending;
* **published with pending changes** — live, with a newer draft not yet in review.

Review comes first: a live page whose changes are in review is "in review", one whose changes
were sent back is "changes requested".

Listings call it once per row at a fixed cost: Wagtail's page listings prefetch each page's
active workflow state (``prefetch_workflow_states``), ``with_editorial_state`` does the same for
a snippet queryset, and the steps of the workflows are read once per request
(``steps_for_request``). Without those, ``editorial_status`` costs a query or two.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import pgettext

DRAFT = "draft"
IN_REVIEW = "in_review"
CHANGES_REQUESTED = "changes_requested"
PUBLISHED = "published"
PUBLISHED_WITH_CHANGES = "published_with_changes"


@dataclass(frozen=True)
class EditorialStatus:
    code: str
    step: int | None = None
    steps: int | None = None
    task_name: str = ""

    @property
    def label(self):
        if self.code == IN_REVIEW:
            if self.step:
                return pgettext(
                    "editorial status", "In review · step %(step)s of %(steps)s: %(task)s"
                ) % {"step": self.step, "steps": self.steps, "task": self.task_name}
            return pgettext("editorial status", "In review")
        return {
            DRAFT: pgettext("editorial status", "Draft"),
            CHANGES_REQUESTED: pgettext("editorial status", "Changes requested"),
            PUBLISHED: pgettext("editorial status", "Published"),
            PUBLISHED_WITH_CHANGES: pgettext("editorial status", "Published with pending changes"),
        }[self.code]

    @property
    def step_label(self):
        """ "Step 1 of 2: Department review", for the reviewer's queue."""
        if not self.step:
            return self.task_name
        return pgettext("editorial status", "Step %(step)s of %(steps)s: %(task)s") % {
            "step": self.step,
            "steps": self.steps,
            "task": self.task_name,
        }

    @property
    def is_live(self):
        return self.code in (PUBLISHED, PUBLISHED_WITH_CHANGES)

    def __str__(self):
        return self.label


def workflow_steps():
    """``{(workflow_id, task_id): (step, steps)}`` for the active tasks of every workflow, in
    their order (one query)."""
    from wagtail.models import WorkflowTask

    rows = WorkflowTask.objects.filter(task__active=True).order_by("workflow_id", "sort_order")
    by_workflow = {}
    for workflow_id, task_id in rows.values_list("workflow_id", "task_id"):
        by_workflow.setdefault(workflow_id, []).append(task_id)
    return {
        (workflow_id, task_id): (index, len(tasks))
        for workflow_id, tasks in by_workflow.items()
        for index, task_id in enumerate(tasks, start=1)
    }


def steps_for_request(request):
    """``workflow_steps()`` once per request."""
    if request is None:
        return workflow_steps()
    if not hasattr(request, "_rendicion_workflow_steps"):
        request._rendicion_workflow_steps = workflow_steps()
    return request._rendicion_workflow_steps


def with_editorial_state(queryset):
    """A snippet queryset with each row's active workflow state prefetched (one query for the
    whole page of rows), as Wagtail's page listings do for pages."""
    from wagtail.models import WorkflowState

    return queryset.prefetch_related(
        Prefetch(
            "_workflow_states",
            queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
            to_attr="_current_workflow_states",
        )
    )


def status_of(obj, workflow_state, steps):
    """The status of ``obj`` given its active workflow state (or ``None``)."""
    from wagtail.models import WorkflowState

    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return EditorialStatus(CHANGES_REQUESTED)
        task_state = workflow_state.current_task_state
        task_id = task_state.task_id if task_state else None
        step, total = steps.get((workflow_state.workflow_id, task_id), (None, None))
        task_name = task_state.task.name if task_state else ""
        return EditorialStatus(IN_REVIEW, step, total, task_name)
    if getattr(obj, "live", False):
        if getattr(obj, "has_unpublished_changes", False):
            return EditorialStatus(PUBLISHED_WITH_CHANGES)
        return EditorialStatus(PUBLISHED)
    return EditorialStatus(DRAFT)


def editorial_status(obj, steps=None):
    """The editorial status of a page, an indicator or a commitment."""
    if steps is None:
        steps = workflow_steps()
    workflow_state = getattr(obj, "current_workflow_state", None)
    return status_of(obj, workflow_state, steps)


def editorial_statuses(objects, steps=None):
    """``{obj: status}`` for a list of objects of any models, in a fixed number of queries
    (one for the workflow states, one for the steps)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowState

    objects = list(objects)
    if steps is None:
        steps = workflow_steps()
    keys = {}
    for obj in objects:
        if hasattr(obj, "_current_workflow_states"):
            continue
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        base = getattr(obj, "get_base_content_type", None)
        content_type_id = base().pk if base else content_type.pk
        keys.setdefault(content_type_id, set()).add(str(obj.pk))
    found = {}
    if keys:
        from django.db.models import Q

        wanted = Q(pk__in=[])
        for content_type_id, ids in keys.items():
            wanted |= Q(base_content_type_id=content_type_id, object_id__in=ids)
        for state in (
            WorkflowState.objects.active().filter(wanted).select_related("current_task_state__task")
        ):
            found[(state.base_content_type_id, state.object_id)] = state
    result = {}
    for obj in objects:
        if hasattr(obj, "_current_workflow_states"):
            state = obj.current_workflow_state
        else:
            base = getattr(obj, "get_base_content_type", None)
            content_type_id = (
                base().pk
                if base
                else ContentType.objects.get_for_model(obj, for_concrete_model=False).pk
            )
            state = found.get((content_type_id, str(obj.pk)))
        result[obj] = status_of(obj, state, steps)
    return result


def last_rejection(obj):
    """The task state that sent ``obj`` back to its author (its comment, its reviewer in
    ``finished_by``, its step), while the changes are still requested; otherwise ``None``."""
    from wagtail.models import TaskState, WorkflowState

    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by", "task")
        .order_by("-finished_at", "-pk")
        .first()
    )
