"""A realistic search corpus: the Palmira 2021 demo site plus what must never be found.

Built once per test module (``search_corpus`` fixture) inside a transaction that is rolled back
when the module ends; each test runs in a savepoint inside it.
"""

from dataclasses import dataclass
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Site

from rendicion import models
from tests.factories import (
    CycleFactory,
    DepartmentSectionFactory,
    EncounterFactory,
    IndicatorFactory,
    ReportFactory,
    home_page,
)


@dataclass
class Corpus:
    site: Site
    draft_page: Page
    private_page: Page
    orphan_page: Page
    draft_indicator: models.Indicator
    revised_indicator: models.Indicator
    private_document: object
    draft_only_document: object
    public_document: object


def _document(title, description=""):
    Document = get_document_model()
    document = Document(title=title, description=description)
    document.file.save(f"{title[:40]}.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    document.save()
    return document


def _document_stream(document):
    return [("document", {"document": document, "description": document.description})]


def build_corpus():
    call_command("load_demo_data", stdout=StringIO(), verbosity=0)
    site = Site.objects.get(is_default_site=True)
    home = home_page()
    educacion = models.Department.objects.get(slug="educacion")

    # An earlier vigencia, so that the vigencia facet has two values.
    cycle_2020 = CycleFactory(
        parent=home, year=2020, title="Rendición de Cuentas 2020", slug="rendicion-de-cuentas-2020"
    )
    section_2020 = DepartmentSectionFactory(
        parent=cycle_2020, department=educacion, title="Secretaría de Educación", slug="educacion"
    )
    public_document = _document(
        "Informe de rendición de cuentas 2020 - Secretaría de Educación",
        "Resultados de la vigencia 2020 en cobertura escolar y alimentación escolar.",
    )
    ReportFactory(
        parent=section_2020,
        title="Informe de rendición de cuentas 2020 de la Secretaría de Educación",
        department=educacion,
        summary="Cobertura escolar, alimentación escolar y transporte escolar rural en 2020.",
        documents=_document_stream(public_document),
    )

    # Never to be found: a draft, a private page, a page under an unpublished section, an
    # indicator never approved, an approved one with an unapproved edit, and documents that
    # no public page cites.
    section_2021 = models.DepartmentSectionPage.objects.get(
        url_path__endswith="/rendicion-de-cuentas-2021/educacion/"
    )
    draft_only_document = _document("Borrador de bilingüismo rural sin publicar")
    draft_page = EncounterFactory(
        parent=section_2021,
        title="Encuentro borrador sobre bilingüismo rural",
        summary="Borrador de bilingüismo rural que nadie aprobó.",
        department=educacion,
        live=False,
        systematisation_document=draft_only_document,
    )
    private_page = ReportFactory(
        parent=section_2021,
        title="Informe reservado de bilingüismo rural",
        summary="Bilingüismo rural: documento interno.",
        department=educacion,
    )
    PageViewRestriction.objects.create(
        page=private_page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden_section = DepartmentSectionFactory(
        parent=cycle_2020,
        department=models.Department.objects.get(slug="salud"),
        title="Sección retirada de salud",
        slug="salud",
    )
    orphan_page = ReportFactory(
        parent=hidden_section,
        title="Informe huérfano de bilingüismo rural",
        summary="Bilingüismo rural bajo una sección retirada.",
    )
    hidden_section.unpublish()
    draft_indicator = IndicatorFactory(
        code="990000001",
        name="Sedes rurales con bilingüismo rural nunca aprobado",
        department=educacion,
        live=False,
    )
    revised_indicator = models.Indicator.objects.get(code="220100700")
    revised_indicator.name = "Estudiantes evaluados en bilingüismo rural, edición pendiente"
    # The demo has this indicator waiting at step 2: only an approver may write to it now.
    revised_indicator.save_revision(
        user=get_user_model().objects.get(username="aprobador.participacion")
    )
    revised_indicator.refresh_from_db()
    private_document = _document("Documento privado de bilingüismo rural")

    call_command("update_index", stdout=StringIO(), verbosity=0)
    call_command("rebuild_references_index", stdout=StringIO(), verbosity=0)
    return Corpus(
        site=site,
        draft_page=draft_page,
        private_page=private_page,
        orphan_page=orphan_page,
        draft_indicator=draft_indicator,
        revised_indicator=revised_indicator,
        private_document=private_document,
        draft_only_document=draft_only_document,
        public_document=public_document,
    )
