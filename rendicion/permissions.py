"""Permission policies: publishing only through the workflow, snippets scoped by department.

Wagtail lets anyone holding the "publish" permission publish directly, skipping the workflow;
the same permission also governs unpublishing, privacy (view restrictions), unscheduling and
moving live pages. These policies grant "publish" to portal administrators only, whatever
groups a user is in, so every such path in the admin is closed at once. The workflow's final
approval publishes with permission checks skipped (``rendicion.editorial``).

Registered in ``RendicionConfig.ready()``, before any view asks for a policy.
"""

from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from rendicion.scoping import is_portal_admin, member_department_ids

PUBLISH = "publish"


class WorkflowOnlyPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with "publish" page permissions kept for portal administrators."""

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        if is_portal_admin(user):
            return permissions
        return permissions.exclude(permission__codename=self._get_permission_codename(PUBLISH))


class DepartmentScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for snippets that belong to a department (indicators, commitments).

    A user acts only on the items of the departments they edit or review; portal
    administrators act on all of them, and are the only ones who may publish.
    """

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

    def user_can_reach(self, user, instance):
        """Whether ``instance`` belongs to one of the user's departments. A new item without a
        department yet is reachable: its form offers only the user's departments."""
        if is_portal_admin(user) or instance.department_id is None:
            return True
        return instance.department_id in member_department_ids(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.user_can_reach(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.user_can_reach(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if is_portal_admin(user):
            return instances
        return instances.filter(department__in=member_department_ids(user))


def register_policies():
    from rendicion.models import Commitment, Indicator

    register_permission_policy(Page, WorkflowOnlyPagePermissionPolicy(Page))
    register_permission_policy(Indicator, DepartmentScopedPermissionPolicy(Indicator))
    register_permission_policy(Commitment, DepartmentScopedPermissionPolicy(Commitment))
