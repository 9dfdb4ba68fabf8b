"""Who belongs to which department, and which department an item belongs to.

The roles themselves (groups, permissions, the workflow) are created by ``rendicion.roles``;
this module only answers questions about them, caching the answers on the user object for
the duration of a request, as Wagtail does for its own permission checks.
"""

from django.db.models import Q
from wagtail.models import Page

BYPASS_PERMISSION = "rendicion.publish_without_workflow"


def is_portal_admin(user):
    """Portal administrators may publish without the workflow: superusers, and members of a
    group holding the ``publish_without_workflow`` permission."""
    if user is None or not user.is_active or user.is_anonymous:
        return False
    return user.is_superuser or user.has_perm(BYPASS_PERMISSION)


def _cached(user, name, compute):
    attribute = f"_rendicion_{name}"
    if not hasattr(user, attribute):
        setattr(user, attribute, compute())
    return getattr(user, attribute)


def member_department_ids(user):
    """Departments whose editors or reviewers group the user belongs to."""
    from rendicion.models import Department

    if user is None or user.is_anonymous or not user.is_active:
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

    if user is None or user.is_anonymous or not user.is_active:
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


def department_of(obj):
    """The department responsible for a page or a department-owned snippet.

    A page belongs to the department of the section it sits in: the same branch of the tree
    that Wagtail's page permissions scope its editors to. Pages outside any section (the
    cycle itself, the public hearing, the whole-administration reports) belong to the
    department that coordinates the process. The answer is cached on the object.
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
