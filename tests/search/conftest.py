import pytest
from django.db import transaction

from tests.search.corpus import build_corpus


@pytest.fixture(scope="module")
def search_corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    """The search corpus (``tests.search.corpus``), built once per test module inside a
    transaction rolled back when the module ends; each test runs in a savepoint inside it."""
    from django.conf import settings

    media_root = tmp_path_factory.mktemp("search-media")
    old_media_root = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = media_root
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            yield build_corpus()
            transaction.set_rollback(True)
    finally:
        settings.MEDIA_ROOT = old_media_root
