"""Admin panels of the portal's own (docs/editorial-creation.md)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class CommitmentsMadeHerePanel(Panel):
    """On an encounter's or hearing's edit screen: the commitments made there, and a link
    that opens a new commitment with this page as its origin (and its department) filled in,
    so an editor finishes an encounter without hunting for the commitments elsewhere."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Commitments made here"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/commitments_made_here_panel.html"

        def get_context_data(self, parent_context=None):
            from rendicion.editorial.scope import queryset_for
            from rendicion.models import Commitment

            context = super().get_context_data(parent_context)
            page = self.instance
            context["page_saved"] = bool(page.pk)
            if page.pk:
                commitments = queryset_for(
                    self.request.user, Commitment.objects.filter(origin_page=page)
                ).order_by("pk")
                context["commitments"] = [
                    (
                        commitment,
                        reverse("wagtailsnippets_rendicion_commitment:edit", args=(commitment.pk,)),
                    )
                    for commitment in commitments
                ]
                context["add_url"] = "{}?origin_page={}".format(
                    reverse("wagtailsnippets_rendicion_commitment:add"), page.pk
                )
            return context
