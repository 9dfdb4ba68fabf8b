from django.utils.functional import cached_property


class CyclePageMixin:
    """For pages that live inside an accountability cycle (directly or in a section)."""

    @cached_property
    def cycle(self):
        from rendicion.models import AccountabilityCycleIndexPage

        return AccountabilityCycleIndexPage.objects.ancestor_of(self).first()
