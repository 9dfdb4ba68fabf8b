"""The editorial roles, built from the ``Department`` snippets (``manage.py setup_roles``).

For every department an editors group and a reviewers group (jefe / enlace de RdC), with page
rights on the department's sections; for the department that coordinates the process
(Participación Comunitaria) also an approvers group, and page rights on every cycle; one
portal administrators group; and the two-step workflow on every page, indicator and
commitment. Everything is matched by link, not by name, and only written when it differs, so
running it again changes nothing. See docs/workflow.md.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from rendicion.editorial.scope import BYPASS_PERMISSION

EDITORS, REVIEWERS, APPROVERS = "Editores", "Revisores", "Aprobadores"
ADMINISTRATORS_GROUP = "Administradores del portal"
WORKFLOW_NAME = "Revisión de la dependencia y aprobación de Participación Comunitaria"
DEPARTMENT_TASK_NAME = "Revisión de la dependencia"
APPROVAL_TASK_NAME = "Aprobación de Participación Comunitaria"
DEFAULT_COORDINATOR_SLUG = "participacion-comunitaria"
# Wagtail's migrations create these with page rights over the whole site: see remove_stock_groups.
STOCK_GROUPS = ("Editors", "Moderators")

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
SNIPPET_EDITING = [
    "rendicion.add_indicator",
    "rendicion.change_indicator",
    "rendicion.lock_indicator",
    "rendicion.add_commitment",
    "rendicion.change_commitment",
    "rendicion.lock_commitment",
]
SNIPPET_UNLOCKING = ["rendicion.unlock_indicator", "rendicion.unlock_commitment"]
# Citizens' questions (participa/): editors read their department's; reviewers answer them and
# see the citizen's e-mail and phone to do so.
QUESTION_READING = ["participa.view_question"]
QUESTION_MODERATION = [
    "participa.view_question",
    "participa.change_question",
    "participa.view_personal_data",
]

# Page rights on a department's sections. No "publish": that is the workflow's job.
EDITOR_PAGE_RIGHTS = ["add_page", "change_page", "lock_page"]
REVIEWER_PAGE_RIGHTS = ["add_page", "change_page", "lock_page", "unlock_page"]
ADMIN_PAGE_RIGHTS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
# Documents and images of the root collection: upload, choose, and edit one's own uploads.
MEDIA_CONTRIBUTOR = [
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
]
MEDIA_ADMIN = [
    *MEDIA_CONTRIBUTOR,
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.delete_collection",
]
# Everything a portal administrator manages, besides pages and media.
# govco: the Transparency and Participate menus (docs/govco.md).
ADMIN_APPS = [
    "rendicion",
    "govco",
    "participa",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "search",
]
ADMIN_EXTRA = [
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.delete_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
    "wagtailcore.delete_task",
    "wagtailcore.add_site",
    "wagtailcore.change_site",
    "wagtailcore.delete_site",
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
]


class RolesError(Exception):
    pass


@dataclass
class Report:
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    groups_with_new_permissions: set = field(default_factory=set)

    @property
    def unchanged(self):
        return not (self.created or self.changed or self.groups_with_new_permissions)

    def lines(self):
        yield from self.created
        if self.groups_with_new_permissions:
            yield f"Permisos actualizados en {len(self.groups_with_new_permissions)} grupos"
        yield from self.changed


def permissions(names):
    """Permission objects for ``app_label.codename`` names; a missing one is an error."""
    wanted = {tuple(name.split(".", 1)) for name in names}
    query = Q(pk__in=[])
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type"))
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise RolesError(
            _("Missing permissions (run migrate first?): %(missing)s")
            % {"missing": sorted(missing)}
        )
    return found


def _app_permissions(app_labels):
    return list(Permission.objects.filter(content_type__app_label__in=app_labels))


def _set_permissions(group, wanted, report):
    wanted_ids = {p.pk for p in wanted}
    if set(group.permissions.values_list("pk", flat=True)) != wanted_ids:
        group.permissions.set(wanted_ids)
        report.groups_with_new_permissions.add(group.pk)


def _set_collection_permissions(group, wanted, report):
    root = Collection.get_first_root_node()
    current = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection_id", "permission_id"
        )
    )
    desired = {(root.pk, p.pk) for p in wanted}
    if current == desired:
        return
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root, permission__in=[p.pk for p in wanted]
    ).delete()
    for collection_id, permission_id in desired - current:
        GroupCollectionPermission.objects.create(
            group=group, collection_id=collection_id, permission_id=permission_id
        )
    report.groups_with_new_permissions.add(group.pk)


def _unused_group_name(name, taken_ids):
    """``name``, or ``name (2)``… when a group of that name already serves another role."""
    candidate, number = name[:150], 1
    while True:
        existing = Group.objects.filter(name=candidate).first()
        if existing is None or existing.pk not in taken_ids:
            return candidate
        number += 1
        candidate = f"{name[:140]} ({number})"


def _ensure_group(department, attribute, role, taken_ids, report):
    group = getattr(department, attribute)
    if group is None:
        name = _unused_group_name(f"{department.name} · {role}", taken_ids)
        group, created = Group.objects.get_or_create(name=name)
        (report.created if created else report.changed).append(f"Grupo «{group.name}»")
        setattr(department, attribute, group)
        department.save(update_fields=[attribute])
    taken_ids.add(group.pk)
    return group


def linked_group_ids():
    from rendicion.models import Department

    ids = set()
    for row in Department.objects.values_list(
        "editors_group", "reviewers_group", "approvers_group"
    ):
        ids.update(pk for pk in row if pk)
    return ids


def coordinating_department(slug=None, report=None):
    """The department flagged as coordinating the process; else flag the one with ``slug``."""
    from rendicion.models import Department

    coordinator = Department.objects.filter(coordinates_process=True).first()
    if coordinator is not None:
        return coordinator
    slug = slug or DEFAULT_COORDINATOR_SLUG
    coordinator = Department.objects.filter(slug=slug).first()
    if coordinator is None:
        raise RolesError(
            _(
                "No department coordinates the accountability process and none has the slug "
                "«%(slug)s». Create it, or name it with --coordinator."
            )
            % {"slug": slug}
        )
    coordinator.coordinates_process = True
    coordinator.save(update_fields=["coordinates_process"])
    if report is not None:
        report.changed.append(f"«{coordinator.name}» coordina el proceso")
    return coordinator


def administrators_group(report):
    """The group holding the bypass permission (whatever it is called), or a new one."""
    app_label, codename = BYPASS_PERMISSION.split(".")
    group = (
        Group.objects.filter(
            permissions__content_type__app_label=app_label, permissions__codename=codename
        )
        .order_by("pk")
        .first()
    )
    if group is None:
        group, created = Group.objects.get_or_create(name=ADMINISTRATORS_GROUP)
        (report.created if created else report.changed).append(f"Grupo «{group.name}»")
    return group


# --- Page rights ---


def _page_permission_ids(codenames):
    return {
        p.pk
        for p in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
    }


def desired_page_rights():
    """(group id, page id, permission id) for every managed department group."""
    from rendicion.models import AccountabilityCycleIndexPage, Department, DepartmentSectionPage

    editor_rights = _page_permission_ids(EDITOR_PAGE_RIGHTS)
    reviewer_rights = _page_permission_ids(REVIEWER_PAGE_RIGHTS)
    departments = {d.pk: d for d in Department.objects.all()}
    rights = set()

    def grant(department, page_id):
        for group_id, permission_ids in (
            (department.editors_group_id, editor_rights),
            (department.reviewers_group_id, reviewer_rights),
        ):
            if group_id:
                rights.update((group_id, page_id, pk) for pk in permission_ids)

    for page_id, department_id in DepartmentSectionPage.objects.values_list("pk", "department"):
        grant(departments[department_id], page_id)
    coordinator = next((d for d in departments.values() if d.coordinates_process), None)
    if coordinator is not None:
        for page_id in AccountabilityCycleIndexPage.objects.values_list("pk", flat=True):
            grant(coordinator, page_id)
    return rights


def sync_page_rights(report):
    """Department groups hold exactly their page rights: on their sections, and (for the
    coordinating department) on every cycle. Nothing else is touched."""
    managed = linked_group_ids()
    current = set(
        GroupPagePermission.objects.filter(group__in=managed).values_list(
            "group", "page", "permission"
        )
    )
    desired = desired_page_rights()
    if current == desired:
        return
    for group_id, page_id, permission_id in current - desired:
        GroupPagePermission.objects.filter(
            group_id=group_id, page_id=page_id, permission_id=permission_id
        ).delete()
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group_id=g, page_id=p, permission_id=perm)
            for g, p, perm in desired - current
        ]
    )
    report.changed.append("Permisos de páginas de las dependencias")


def grant_page_rights(page):
    """Give a new (or re-assigned) section or cycle page its department's rights.

    Called when such a page is saved, so a section created in the admin is editable by its
    department straight away, without waiting for the next ``setup_roles``.
    """
    managed = linked_group_ids()
    if not managed:
        return  # roles not set up yet
    desired = {right for right in desired_page_rights() if right[1] == page.pk}
    current = set(
        GroupPagePermission.objects.filter(page=page, group__in=managed).values_list(
            "group", "page", "permission"
        )
    )
    for group_id, page_id, permission_id in current - desired:
        GroupPagePermission.objects.filter(
            group_id=group_id, page_id=page_id, permission_id=permission_id
        ).delete()
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group_id=g, page_id=p, permission_id=perm)
            for g, p, perm in desired - current
        ]
    )


def _sync_admin_page_rights(group, report):
    root = Page.get_first_root_node()
    wanted = _page_permission_ids(ADMIN_PAGE_RIGHTS)
    current = set(
        GroupPagePermission.objects.filter(group=group, page=root).values_list(
            "permission", flat=True
        )
    )
    if current >= wanted:
        return
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page=root, permission_id=pk) for pk in wanted - current]
    )
    report.groups_with_new_permissions.add(group.pk)


def remove_stock_groups(report):
    """Wagtail's own "Editors" and "Moderators" groups edit (and publish) every page of the
    site: a member would escape the department scoping. Empty ones are deleted; one that
    still has members keeps them but loses its page rights, and is reported."""
    for name in STOCK_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is None or group.pk in linked_group_ids():
            continue
        members = list(group.user_set.values_list("username", flat=True))
        if not members:
            group.delete()
            report.changed.append(f"Grupo de Wagtail «{name}» eliminado")
        elif GroupPagePermission.objects.filter(group=group).exists():
            GroupPagePermission.objects.filter(group=group).delete()
            report.changed.append(f"Grupo de Wagtail «{name}»: sin permisos de páginas")
        if members:
            report.warnings.append(
                f"El grupo de Wagtail «{name}» aún tiene miembros ({', '.join(members)}): "
                f"páselos al grupo de su dependencia."
            )


# --- Workflow ---


def ensure_workflow(approvers, report):
    """The two-step workflow, on every page (from the tree's root) and on indicators and
    commitments. An assignment an administrator made to another workflow is respected,
    except Wagtail's default "Moderators approval" on the root, which this replaces."""
    from rendicion.models import (
        Commitment,
        DepartmentReviewTask,
        IndependentGroupApprovalTask,
        Indicator,
    )

    review = DepartmentReviewTask.objects.order_by("pk").first()
    if review is None:
        review = DepartmentReviewTask.objects.create(name=DEPARTMENT_TASK_NAME)
        report.created.append(f"Tarea «{review.name}»")
    approval = IndependentGroupApprovalTask.objects.filter(groups=approvers).order_by("pk").first()
    if approval is None:
        approval = IndependentGroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        approval.groups.set([approvers])
        report.created.append(f"Tarea «{approval.name}»")

    workflow = (
        Workflow.objects.filter(workflow_tasks__task=review)
        .filter(workflow_tasks__task=approval)
        .order_by("pk")
        .first()
    )
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=1)
        report.created.append(f"Flujo de trabajo «{workflow.name}»")

    root = Page.get_first_root_node()
    assignment = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assignment is None or (
        assignment.workflow_id != workflow.pk and assignment.workflow.name == "Moderators approval"
    ):
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
        report.changed.append("Flujo de trabajo asignado a todas las páginas")

    for model in (Indicator, Commitment):
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        if not WorkflowContentType.objects.filter(content_type=content_type).exists():
            WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
            report.changed.append(
                f"Flujo de trabajo asignado a «{model._meta.verbose_name_plural}»"
            )
    return workflow


@transaction.atomic
def setup_roles(coordinator_slug=None):
    """Create or update every role, right and the workflow; return a ``Report``."""
    from rendicion.models import Department

    report = Report()
    coordinator = coordinating_department(coordinator_slug, report)

    editor_permissions = permissions(ADMIN_ACCESS + SNIPPET_EDITING + QUESTION_READING)
    reviewer_permissions = permissions(
        ADMIN_ACCESS + SNIPPET_EDITING + SNIPPET_UNLOCKING + QUESTION_MODERATION
    )
    media = permissions(MEDIA_CONTRIBUTOR)
    taken = linked_group_ids()
    for department in Department.objects.order_by("pk"):
        editors = _ensure_group(department, "editors_group", EDITORS, taken, report)
        reviewers = _ensure_group(department, "reviewers_group", REVIEWERS, taken, report)
        for group, wanted in ((editors, editor_permissions), (reviewers, reviewer_permissions)):
            _set_permissions(group, wanted, report)
            _set_collection_permissions(group, media, report)

    coordinator.refresh_from_db()
    approvers = _ensure_group(coordinator, "approvers_group", APPROVERS, taken, report)
    _set_permissions(approvers, permissions(ADMIN_ACCESS), report)

    administrators = administrators_group(report)
    _set_permissions(
        administrators,
        [
            *permissions(ADMIN_ACCESS + ADMIN_EXTRA + [BYPASS_PERMISSION]),
            *_app_permissions(ADMIN_APPS),
        ],
        report,
    )
    _set_collection_permissions(administrators, permissions(MEDIA_ADMIN), report)
    _sync_admin_page_rights(administrators, report)

    sync_page_rights(report)
    remove_stock_groups(report)
    ensure_workflow(approvers, report)
    return report
