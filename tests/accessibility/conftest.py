import pytest
from django.core.management import call_command

from encuestas.models import SurveyPage
from rendicion.models import (
    AccountabilityCycleIndexPage,
    DepartmentSectionPage,
    DialogueEncounterPage,
    ImprovementPlanPage,
    PublicHearingPage,
    ReportPage,
)

FIXED_URLS = [
    "/",
    "/indicadores/",
    "/indicadores/220100900/",
    "/ods/",
    "/ods/4/",
    "/buscar/?q=educacion",
    "/documentos/",
    "/datos/",
    # The GOV.CO standards (docs/govco.md): the menus, the site map and the policy pages.
    "/transparencia/",
    "/participa/",
    "/mapa-del-sitio/",
    "/terminos-y-condiciones/",
    "/politica-de-tratamiento-de-datos/",
    "/politica-de-derechos-de-autor/",
    "/declaracion-de-accesibilidad/",
]


def demo_urls():
    """The demo site's pages of each kind the audit covered, after ``load_demo_data``."""
    urls = list(FIXED_URLS)
    for model in (
        AccountabilityCycleIndexPage,
        DepartmentSectionPage,
        DialogueEncounterPage,
        ReportPage,
        PublicHearingPage,
        ImprovementPlanPage,
    ):
        page = model.objects.live().public().order_by("path").first()
        assert page is not None, f"the demo has no {model.__name__}"
        urls.append(page.url)
    # Citizens' questions (participa/): an encounter of the current cycle with published
    # answers and a commitment's status history, and the question form.
    from participa.models import Question

    answered = Question.objects.published().exclude(commitment=None).first()
    assert answered is not None, "the demo has no answered question with a commitment"
    urls += [answered.page.url, f"/participa/preguntar/{answered.page_id}/"]
    # Every survey (the characterisation and the evaluation), one of them for an event.
    surveys = list(SurveyPage.objects.live().public().order_by("path"))
    assert len(surveys) >= 2, "the demo has fewer than two surveys"
    urls.extend(survey.url for survey in surveys)
    hearing = PublicHearingPage.objects.live().public().first()
    urls.append(f"{surveys[-1].url}?evento={hearing.pk}")
    return urls


@pytest.fixture
def demo_site():
    call_command("load_demo_data", verbosity=0)
    return demo_urls()
