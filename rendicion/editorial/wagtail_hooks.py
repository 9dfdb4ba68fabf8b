from django.db.models import Q
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.wagtail_hooks import DocumentsSummaryItem
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.wagtail_hooks import ImagesSummaryItem
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


@hooks.register("construct_homepage_panels")
def add_create_panel(request, panels):
    from rendicion.editorial.creation import CreatePanel

    panels.append(CreatePanel(request))


@hooks.register("register_admin_urls")
def register_new_cycle_url():
    from django.urls import path

    from rendicion.editorial.creation import new_cycle

    return [path("vigencias/nueva/", new_cycle, name="rendicion_new_cycle")]


@hooks.register("construct_homepage_panels")
def editorial_dashboard_panels(request, panels):
    from rendicion.editorial.dashboard import replace_workflow_panels

    replace_workflow_panels(request, panels)


PRIMARY_INSTEAD_OF_CANCEL = (
    "action-save-draft",  # pages
    "action-save",  # snippets
    "action-page-locked",  # pages, locked while in review: a disabled "Page locked"
    "action-locked",  # snippets, likewise
)


def cancel_workflow_is_never_the_main_button(menu_items, request, context):
    """Wagtail's action menu makes its first item the main button; for the person who
    submitted an item, whom the review locks out, that is "Cancel workflow". Saving (or,
    while locked, the disabled "Locked" button) stays the main button and cancelling moves
    into the dropdown (docs/editorial-state.md)."""
    if not menu_items or menu_items[0].name != "action-cancel-workflow":
        return
    for index, item in enumerate(menu_items):
        if item.name in PRIMARY_INSTEAD_OF_CANCEL:
            menu_items.insert(0, menu_items.pop(index))
            return


hooks.register("construct_page_action_menu", cancel_workflow_is_never_the_main_button)
hooks.register("construct_snippet_action_menu", cancel_workflow_is_never_the_main_button)


class ListedDocumentsSummaryItem(DocumentsSummaryItem):
    """The dashboard's document count is the number the documents list shows (those the user
    may change), not those the user may also choose (every public file)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["total_docs"] = (
            policy_registry.get_by_type(get_document_model())
            .instances_user_has_any_permission_for(self.request.user, ["change", "delete"])
            .count()
        )
        return context


class ListedImagesSummaryItem(ImagesSummaryItem):
    """Likewise for images."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["total_images"] = (
            policy_registry.get_by_type(get_image_model())
            .instances_user_has_any_permission_for(self.request.user, ["change", "delete"])
            .count()
        )
        return context


@hooks.register("construct_homepage_summary_items", order=100)
def count_what_the_lists_show(request, items):
    replacements = {
        DocumentsSummaryItem: ListedDocumentsSummaryItem,
        ImagesSummaryItem: ListedImagesSummaryItem,
    }
    for index, item in enumerate(items):
        if type(item) in replacements:
            items[index] = replacements[type(item)](request)
