"""Facts kept in the cache until the next public change (caching.invalidation.
kept_until_next_change): the page tree's hidden branches, which every public listing reads.
Outside a transaction, as a public request runs; a kept list that outlived a change would show
a restricted or withdrawn page."""

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from rendicion.visibility import hidden_branches, public_pages
from tests.factories import CycleFactory, DepartmentSectionFactory, ReportFactory, home_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def section():
    cycle = CycleFactory(parent=home_page(), year=2021)
    section = DepartmentSectionFactory(parent=cycle)
    ReportFactory(parent=section, title="Informe de la sección")
    return section


def public_titles():
    return set(public_pages().values_list("title", flat=True))


def test_a_kept_list_follows_a_restriction_and_its_removal_at_once(
    section, django_assert_num_queries
):
    assert "Informe de la sección" in public_titles()
    with django_assert_num_queries(0):
        assert hidden_branches() == []  # kept from the read above
    restriction = PageViewRestriction.objects.create(
        page=section,
        restriction_type=PageViewRestriction.PASSWORD,
        password="clave",
    )
    assert section.path in hidden_branches()
    assert "Informe de la sección" not in public_titles()
    restriction.delete()
    assert "Informe de la sección" in public_titles()
    section.unpublish()
    assert "Informe de la sección" not in public_titles()


def test_what_a_rolled_back_transaction_read_is_never_kept(section):
    PageViewRestriction.objects.create(
        page=section,
        restriction_type=PageViewRestriction.PASSWORD,
        password="clave",
    )
    assert section.path in hidden_branches()
    with transaction.atomic():
        PageViewRestriction.objects.filter(page=section).delete()
        assert hidden_branches() == []  # the transaction sees its own write...
        transaction.set_rollback(True)
    # ...which never happened: the branch is hidden still.
    assert section.path in hidden_branches()
    assert "Informe de la sección" not in public_titles()
