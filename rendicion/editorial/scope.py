"""Who may reach what in the admin: the portal's one scope rule (docs/workflow.md, *Scoping*).

* **Portal administrators** (superusers, holders of ``publish_without_workflow``) and the
  editors and reviewers of the department that **coordinates** the process (Participación
  Comunitaria) reach everything.
* Everybody else reaches the items of **their departments** (those whose editors or reviewers
  group they are in): pages in the department's sections, indicators and commitments of the
  department, documents and images of the department (a file with no department belongs to
  the department of whoever uploaded it).
* A reviewer (a department's, or Participación's approvers at step 2) reaches an item **while
  it waits for them** (Wagtail's ``user_can_access_editor``), whatever its department, and the
  files it uses.
* Choosing (chooser, a form's list) also offers what is already **public**
  (``rendicion.visibility``): linking to a published page or file reveals nothing.

``can_reach(user, obj)`` answers for one object, ``queryset_for(user, queryset)`` filters a
listing; the permission policies, viewsets, choosers, forms, reports, the admin API and the
importer call them and nothing else. Answers are cached on the user object for the request,
as Wagtail does for its own permission checks.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import Page

BYPASS_PERMISSION = "rendicion.publish_without_workflow"


def _is_active_user(user):
    return user is not None and user.is_authenticated and user.is_active


def _cached(user, name, compute):
    attribute = f"_rendicion_{name}"
    if not hasattr(user, attribute):
        setattr(user, attribute, compute())
    return getattr(user, attribute)


def is_portal_admin(user):
    """Portal administrators may publish without the workflow and reach everything."""
    if not _is_active_user(user):
        return False
    return user.is_superuser or user.has_perm(BYPASS_PERMISSION)


def member_department_ids(user):
    """Departments whose editors or reviewers group the user belongs to."""
    from rendicion.models import Department

    if not _is_active_user(user):
        return frozenset()

    def compute():
        groups = user.groups.all()
        return frozenset(
            Department.objects.filter(
                Q(editors_group__in=groups) | Q(reviewers_group__in=groups)
            ).values_list("pk", flat=True)
        )

    return _cached(user, "member_department_ids", compute)


def reviewed_department_ids(user):
    """Departments whose reviewers group the user belongs to."""
    from rendicion.models import Department

    if not _is_active_user(user):
        return frozenset()

    def compute():
        return frozenset(
            Department.objects.filter(reviewers_group__in=user.groups.all()).values_list(
                "pk", flat=True
            )
        )

    return _cached(user, "reviewed_department_ids", compute)


def coordinating_department():
    from rendicion.models import Department

    return Department.objects.filter(coordinates_process=True).first()


def reaches_everything(user):
    """Portal administrators, and the coordinating department's editors and reviewers (who
    hold page rights on every cycle and consolidate every department's content). Its
    approvers reach what waits for them at step 2, through the workflow."""
    from rendicion.models import Department

    if not _is_active_user(user):
        return False

    def compute():
        if is_portal_admin(user):
            return True
        groups = user.groups.all()
        member = Q(editors_group__in=groups) | Q(reviewers_group__in=groups)
        return Department.objects.filter(member, coordinates_process=True).exists()

    return _cached(user, "reaches_everything", compute)


def reads_pages_only(user):
    """The final approvers (the coordinating department's approvers group), unless they also
    reach everything: they browse the public pages read-only and open the workflow reports;
    they open an item's editor only while it waits for them (docs/editorial-state.md)."""
    from rendicion.models import Department

    if not _is_active_user(user):
        return False

    def compute():
        if reaches_everything(user):
            return False
        return Department.objects.filter(
            coordinates_process=True, approvers_group__in=user.groups.all()
        ).exists()

    return _cached(user, "reads_pages_only", compute)


def department_of(obj):
    """The department responsible for a page, a department-owned snippet or a file.

    A page belongs to the department of the section it sits in: the branch of the tree that
    Wagtail's page permissions scope its editors to. Pages outside any section (the cycle,
    the public hearing, the whole-administration reports) belong to the coordinating
    department. The answer is cached on the object.
    """
    from rendicion.models import DepartmentSectionPage

    if hasattr(obj, "_rendicion_department"):
        return obj._rendicion_department
    if isinstance(obj, Page):
        section = (
            DepartmentSectionPage.objects.ancestor_of(obj, inclusive=True)
            .select_related("department")
            .first()
        )
        department = section.department if section else coordinating_department()
    elif getattr(obj, "department_id", None):
        department = obj.department
    else:
        department = coordinating_department()
    obj._rendicion_department = department
    return department


# --- The rule ------------------------------------------------------------------------------


def _is_media(obj_or_model):
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return issubclass(model, (AbstractDocument, AbstractImage))


def _colleagues(user):
    """Users in the editors or reviewers groups of the user's departments (the user too)."""
    from rendicion.models import Department

    departments = Department.objects.filter(pk__in=member_department_ids(user))
    groups = [
        pk
        for pair in departments.values_list("editors_group", "reviewers_group")
        for pk in pair
        if pk
    ]
    return get_user_model().objects.filter(Q(groups__in=groups) | Q(pk=user.pk)).values("pk")


def _moderating(user, obj):
    task = getattr(obj, "current_workflow_task", None)
    return task is not None and task.specific.user_can_access_editor(obj, user)


def can_reach(user, obj):
    """Whether ``user`` may see ``obj`` in the admin (its title, content, history, file)."""
    if not _is_active_user(user):
        return False
    if reaches_everything(user):
        return True
    departments = member_department_ids(user)
    if isinstance(obj, Page):
        department = department_of(obj)
        return (department is not None and department.pk in departments) or _moderating(user, obj)
    if _is_media(obj):
        if getattr(obj, "department_id", None):
            return obj.department_id in departments
        return obj.uploaded_by_user_id is not None and (
            obj.uploaded_by_user_id == user.pk
            or _colleagues(user).filter(pk=obj.uploaded_by_user_id).exists()
        )
    if hasattr(obj, "department_id"):
        if obj.department_id is None:
            # A new item has no department yet: its form offers only the user's.
            return obj.pk is None
        return obj.department_id in departments or _moderating(user, obj)
    return False


def _department_q(user, model):
    departments = member_department_ids(user)
    if issubclass(model, Page):
        from rendicion.models import DepartmentSectionPage

        paths = DepartmentSectionPage.objects.filter(department__in=departments).values_list(
            "path", flat=True
        )
        reached = Q(pk__in=[])
        for path in paths:
            reached |= Q(path__startswith=path)
        return reached
    if _is_media(model):
        own = Q(uploaded_by_user__in=_colleagues(user))
        if any(field.name == "department" for field in model._meta.get_fields()):
            return Q(department__in=departments) | (Q(department__isnull=True) & own)
        return own
    return Q(department_id__in=departments)


def queryset_for(user, queryset, include_public=False):
    """The rows of ``queryset`` that ``user`` may reach (and, with ``include_public``, those
    already public, for choosers). Items merely waiting for the user's review are not
    listed here: Wagtail's review lists show them."""
    model = queryset.model
    if not _is_active_user(user):
        return queryset.none()
    if reaches_everything(user):
        return queryset
    reached = _department_q(user, model)
    if include_public:
        reached |= _public_q(model)
    return queryset.filter(reached)


def _public_q(model):
    # Snippets by their own field, which search backends accept as a filter (a chooser
    # searching indicators filters this queryset); pages and files by their public keys.
    if issubclass(model, Page) or _is_media(model):
        return Q(pk__in=_public_keys(model))
    return Q(live=True)


def _public_keys(model):
    from wagtail.documents.models import AbstractDocument

    from rendicion import visibility

    if issubclass(model, Page):
        return visibility.public_pages().filter(has_unpublished_changes=False).values("pk")
    if issubclass(model, AbstractDocument):
        return visibility.public_documents().values("pk")
    return visibility.public_images().values("pk")


def is_public(obj):
    """Whether a page, document or image is already public, for what may be chosen
    (``include_public``)."""
    return _public_keys(type(obj)).filter(pk=obj.pk).exists()


def can_see_unpublished_file(user, obj):
    """Whether ``user`` may download a document or view an image before it is public: people
    in the admin who reach it (its department, Participación Comunitaria, administrators),
    to check it or to review a page that uses it."""
    if not _is_active_user(user) or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return can_reach(user, obj) or _used_by_what_waits_for(user, obj)


def _used_by_what_waits_for(user, obj):
    """Whether a page or snippet waiting for ``user``'s review uses the file (the reference
    index of its current content): a reviewer opens the files of what they review."""
    from wagtail.models import ReferenceIndex, WorkflowState

    references = ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type_id", "object_id"
    )
    in_review = Q(pk__in=[])
    for content_type_id, object_id in set(references):
        in_review |= Q(base_content_type_id=content_type_id, object_id=object_id)
    states = (
        WorkflowState.objects.active()
        .filter(in_review)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
    )
    return any(
        (item := state.content_object) is not None and _moderating(user, item)
        for state in states[:20]
    )
