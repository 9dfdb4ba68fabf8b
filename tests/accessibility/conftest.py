import pytest
from django.core.management import call_command

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
    return urls


@pytest.fixture
def demo_site():
    call_command("load_demo_data", verbosity=0)
    return demo_urls()
