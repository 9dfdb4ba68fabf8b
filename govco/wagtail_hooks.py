from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from govco.models import StandardMenuItem


class StandardMenuItemViewSet(SnippetViewSet):
    """Both menus of Anexo 2 in one listing, filtered by menu and reordered by dragging."""

    model = StandardMenuItem
    icon = "list-ol"
    menu_label = _("Transparency and Participate menus")
    add_to_settings_menu = True
    list_display = ["number", "title", "menu", "link_kind"]
    list_filter = ["menu", "link_kind"]
    sort_order_field = "sort_order"
    ordering = ["menu", "sort_order"]


register_snippet(StandardMenuItemViewSet)
