"""The survey pages on the public site: where they may go, the link from an event, the page
cache (never a page with a CSRF token), the query budget."""

import pytest

from encuestas.models import SurveyFormField, SurveyPage
from tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def test_surveys_go_in_a_cycle_or_a_department_section(cycle, education_section, hearing):
    assert SurveyPage.can_create_at(cycle)
    assert SurveyPage.can_create_at(education_section)
    assert not SurveyPage.can_create_at(hearing)


@pytest.mark.parametrize("event_name", ["hearing", "encounter"])
def test_an_event_page_links_to_the_evaluation_with_the_event(
    client, evaluation, event_name, request
):
    event = request.getfixturevalue(event_name)
    html = client.get(event.url).content.decode()
    assert f'href="{evaluation.url}?evento={event.pk}"' in html
    label = "Evalúe esta audiencia" if event_name == "hearing" else "Evalúe este encuentro"
    assert label in html


def test_no_link_while_the_evaluation_is_not_public(client, evaluation, hearing):
    evaluation.unpublish()
    assert "Evalúe esta audiencia" not in client.get(hearing.url).content.decode()


def test_a_characterisation_is_not_an_evaluation_link(client, characterisation, encounter):
    assert "Evalúe este encuentro" not in client.get(encounter.url).content.decode()


def test_the_page_cache_never_stores_a_survey_page(
    client, evaluation, hearing, redis_cache, settings
):
    from wagtail.models import Site as WagtailSite

    from rendicion.models import PortalSettings

    PortalSettings.for_site(WagtailSite.objects.get(is_default_site=True))
    settings.PAGE_CACHE_SECONDS = 300
    # The event page (no form) is stored: the cache is on.
    client.get(hearing.url)
    assert client.get(hearing.url)["X-Cache"] == "HIT"
    for _ in range(2):
        response = client.get(f"{evaluation.url}?evento={hearing.pk}")
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
        assert "X-Cache" not in response


# Measured: 17 (the page, its questions, the site's settings and menus, the user bar check, the
# GOV.CO footer's menus and policy pages inside the test's transaction (cached otherwise), and
# the data-treatment policy in force for the consent box).
SURVEY_PAGE_BUDGET = 17


def test_the_survey_page_has_a_fixed_query_budget(
    client, cycle, django_assert_max_num_queries, django_assert_num_queries
):
    survey = SurveyFactory(parent=cycle, title="Encuesta", slug="encuesta")
    client.get(survey.url)
    with django_assert_max_num_queries(SURVEY_PAGE_BUDGET) as one_question:
        client.get(survey.url)
    queries = len(one_question)
    for position in range(15):
        SurveyFormField.objects.create(
            page=survey, label=f"Pregunta {position}", field_type="radio", choices="Sí\nNo"
        )
    client.get(survey.url)
    with django_assert_num_queries(queries):
        assert client.get(survey.url).content.decode().count("<fieldset") == 15


@pytest.mark.parametrize("label", ["Sitio web", "Evento", "Autorización datos"])
def test_a_question_may_not_take_a_name_the_form_uses(label):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        SurveyFormField(label=label, field_type="singleline").clean()
    assert "label" in error.value.message_dict


def test_a_required_list_starts_empty_so_it_must_be_answered(client, characterisation):
    html = client.get(characterisation.url).content.decode()
    assert '<option value="" selected>Elija una opción</option>' in html


def test_the_cycle_page_lists_its_public_surveys(client, cycle, evaluation, characterisation):
    html = client.get(cycle.url).content.decode()
    assert f'href="{evaluation.url}"' in html
    # A department's survey is reached from its section, not listed on the cycle.
    assert f'href="{characterisation.url}"' not in html
    evaluation.unpublish()
    assert f'href="{evaluation.url}"' not in client.get(cycle.url).content.decode()
