"""python manage.py flush_search_hits

Moves the search hits counted in Redis into Wagtail's *Search terms* tables (search/hits.py).
Run it from cron every few minutes; without Redis hits are written directly and it does nothing.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search.hits import flush_hits


class Command(BaseCommand):
    help = "Move the search hits counted in Redis into the search terms report."

    def handle(self, *args, **options):
        moved = flush_hits()
        if options["verbosity"]:
            self.stdout.write(_("%(count)s search hits recorded.") % {"count": moved})
