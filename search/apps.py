from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from rendicion.models import SdgGoal, SdgTarget
        from search.models import SearchSynonym
        from search.versions import bump

        def synonyms_changed(**_kwargs):
            bump("synonyms")

        def sdg_changed(**_kwargs):
            bump("sdg")

        for signal in (post_save, post_delete):
            signal.connect(synonyms_changed, sender=SearchSynonym, weak=False)
            signal.connect(sdg_changed, sender=SdgGoal, weak=False)
            signal.connect(sdg_changed, sender=SdgTarget, weak=False)
