from wagtail.permission_policies import ModelPermissionPolicy


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Whoever may change users may see and lift lockouts; nobody creates or edits them."""

    def user_has_permission(self, user, action):
        if action not in ("view", "delete"):
            return False
        return user.is_active and (user.is_superuser or user.has_perm("auth.change_user"))
