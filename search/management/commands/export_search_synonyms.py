"""Print the editors' synonyms for an Elasticsearch/OpenSearch index (docs/search.md).

    python manage.py export_search_synonyms                 # Solr format, a group per line
    python manage.py export_search_synonyms --format synonyms-set

The portal expands synonyms at query time on every backend, so this is only needed where the
engine should expand them itself: ``solr`` is the file a ``synonym_graph`` filter reads
(``synonyms_path``); ``synonyms-set`` is the body of Elasticsearch's synonyms API
(``PUT _synonyms/<name>``), which an ``updateable`` filter reloads without re-indexing.
"""

import json

from django.core.management.base import BaseCommand

from search.synonyms import solr_rules


class Command(BaseCommand):
    help = "Print the search synonyms in the Solr format or as an Elasticsearch synonyms set."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("solr", "synonyms-set"), default="solr")

    def handle(self, *args, **options):
        rules = solr_rules()
        if options["format"] == "solr":
            for rule in rules:
                self.stdout.write(rule)
            return
        synonyms_set = [
            {"id": f"grupo-{number}", "synonyms": rule} for number, rule in enumerate(rules, 1)
        ]
        self.stdout.write(json.dumps({"synonyms_set": synonyms_set}, ensure_ascii=False, indent=2))
