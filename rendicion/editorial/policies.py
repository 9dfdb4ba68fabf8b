"""Permission policies: publishing only through the workflow; everything else scoped by
department through the one scope rule (``rendicion.editorial.scope``).

Wagtail lets anyone holding the "publish" permission publish directly, skipping the workflow;
the same permission also governs unpublishing, privacy (view restrictions), unscheduling and
moving live pages. These policies grant "publish" to portal administrators only, whatever
groups a user is in, so every such path in the admin is closed at once. The workflow's final
approval publishes with permission checks skipped (``rendicion.editorial.moderation``).

Wagtail asks these policies from its listings, choosers, edit views, the admin API and bulk
actions; registered by ``register_content_policies`` and ``register_media_policies``.
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from rendicion.editorial.scope import (
    can_reach,
    is_portal_admin,
    is_public,
    queryset_for,
    reads_pages_only,
)

PUBLISH = "publish"
CHOOSE = "choose"


class WorkflowOnlyPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with "publish" page permissions kept for portal administrators."""

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        if is_portal_admin(user):
            return permissions
        return permissions.exclude(permission__codename=self._get_permission_codename(PUBLISH))

    # Final approvers hold no page permission, so Wagtail would hide the explorer and the
    # workflow reports from them. They get both, read-only: the menu checks below (Wagtail
    # asks "may add, change or publish some page?") answer yes, and what they may explore is
    # what the scope rule lets them choose (the public pages); every action on a page still
    # asks the page's own permissions, which they do not have (docs/editorial-state.md).
    READ_ONLY_MENU_ACTIONS = frozenset({"add", "change", "publish"})

    def user_has_any_permission(self, user, actions):
        if super().user_has_any_permission(user, actions):
            return True
        return bool(self.READ_ONLY_MENU_ACTIONS & set(actions)) and reads_pages_only(user)

    def _read_only_pages(self, user):
        return queryset_for(user, self.model._default_manager.all(), include_public=True)

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if pages or not reads_pages_only(user):
            return pages
        top = self._read_only_pages(user).order_by("depth").values_list("depth", flat=True)
        depth = top.first()
        return [] if depth is None else list(self._read_only_pages(user).filter(depth=depth))

    def explorable_instances(self, user):
        if reads_pages_only(user) and not self.get_cached_permissions_for_user(user):
            return self._read_only_pages(user)
        return super().explorable_instances(user)


class DepartmentScopeMixin:
    """A model permission policy narrowed by the one scope rule: an action on an instance needs
    the permission and an instance the user can reach; listings keep the reachable ones."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_reach(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and can_reach(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return queryset_for(user, super().instances_user_has_any_permission_for(user, actions))


class DepartmentScopedPermissionPolicy(DepartmentScopeMixin, ModelPermissionPolicy):
    """Model permissions for snippets that belong to a department (indicators, commitments):
    a user acts only on the items they reach; only portal administrators publish."""

    def _without_publish(self, user, actions):
        actions = set(actions)
        if not is_portal_admin(user):
            actions.discard(PUBLISH)
        return actions

    def user_has_permission(self, user, action):
        return bool(self._without_publish(user, [action])) and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, self._without_publish(user, actions))


class DepartmentScopedMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Documents and images: Wagtail's collection and ownership rules, and then the scope.

    Every editor holds "choose" on the root collection; without this a Salud editor would
    list, choose and download Educación's unpublished files. Choosing offers the user's
    department's files and the public ones; changing and deleting, only the department's.
    """

    def _reaches(self, user, actions, instance):
        if can_reach(user, instance):
            return True
        if set(actions) <= {CHOOSE}:
            return is_public(instance)
        return False

    def user_has_any_permission_for_instance(self, user, actions, instance):
        # Wagtail's single-action check calls this one, so both are scoped.
        wagtail_policy = super()
        allowed = [
            action
            for action in actions
            if wagtail_policy.user_has_any_permission_for_instance(user, [action], instance)
        ]
        return bool(allowed) and self._reaches(user, allowed, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        return queryset_for(user, instances, include_public=set(actions) <= {CHOOSE})


def register_content_policies():
    """Pages, indicators and commitments: from ``RendicionConfig.ready()``, before Wagtail's
    apps look up (and cache a fallback of) the snippets' policies."""
    from wagtail.models import Page
    from wagtail.permissions import register_permission_policy

    from rendicion.models import Commitment, Indicator

    register_permission_policy(Page, WorkflowOnlyPagePermissionPolicy(Page))
    register_permission_policy(Indicator, DepartmentScopedPermissionPolicy(Indicator))
    register_permission_policy(Commitment, DepartmentScopedPermissionPolicy(Commitment))


def register_media_policies():
    """Documents and images: from ``EditorialConfig.ready()``, after Wagtail's documents and
    images apps registered theirs, which these replace."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    for model, auth_model in (
        (get_document_model(), "wagtaildocs.Document"),
        (get_image_model(), "wagtailimages.Image"),
    ):
        register_permission_policy(
            model,
            DepartmentScopedMediaPermissionPolicy(
                model, auth_model=auth_model, owner_field_name="uploaded_by_user"
            ),
        )
