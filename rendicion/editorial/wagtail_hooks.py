from django.db.models import Q
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from rendicion.editorial.scope import queryset_for


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


@hooks.register("construct_page_chooser_queryset")
def hide_other_departments_drafts(pages, request):
    """The page chooser lists every page of the site, drafts included: keep the pages the
    user reaches and the public ones without pending changes (whose draft title the chooser
    would show). See docs/workflow.md."""
    # A subquery on ids, because the chooser's search can only filter on indexed fields.
    visible = queryset_for(request.user, Page.objects.all(), include_public=True)
    return pages.filter(pk__in=visible.values("pk"))
