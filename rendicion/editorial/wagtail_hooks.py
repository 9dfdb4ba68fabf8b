from django.db.models import Q
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry


class ScopedMediaAdminAPIMixin:
    """Wagtail's admin API lists every document and image to anyone in the admin; keep those
    the user may choose or change (the scoped media policy, rendicion.editorial.policies)."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        reachable = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(Q(pk__in=reachable.values("pk")))


class ScopedDocumentsAdminAPIViewSet(ScopedMediaAdminAPIMixin, DocumentsAdminAPIViewSet):
    pass


class ScopedImagesAdminAPIViewSet(ScopedMediaAdminAPIMixin, ImagesAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)
def scope_media_in_admin_api(router):
    # After Wagtail's documents and images apps registered their endpoints, which these replace.
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
