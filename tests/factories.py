"""factory_boy factories for the portal's snippets and pages.

Page factories take a ``parent`` and add the page to the tree with ``add_child``, so a test
builds exactly the part of the tree it needs (normally in ``setUpTestData``).
"""

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from encuestas.models import SurveyFormField, SurveyPage
from home.models import HomePage
from rendicion import models


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Secretaría de Prueba {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    acronym = ""
    email = factory.LazyAttribute(lambda o: f"{o.slug}@palmira.gov.co")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Indicator
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9900{n:05d}")
    name = factory.Sequence(lambda n: f"Indicador de prueba {n}")
    kind = models.Indicator.Kind.PRODUCT
    unit = "Número"
    baseline_value = Decimal(0)
    target_value = Decimal(100)
    department = factory.SubFactory(DepartmentFactory)
    live = True

    @factory.post_generation
    def sdg_targets(self, create, extracted, **kwargs):
        """Pass target codes: ``IndicatorFactory(sdg_targets=["4.1", "13.3"])``."""
        if create and extracted:
            self.sdg_targets.set(models.SdgTarget.objects.filter(code__in=extracted))
            self.save()


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.IndicatorMeasurement

    indicator = factory.SubFactory(IndicatorFactory)
    period = "2021"
    date = datetime.date(2021, 12, 31)
    value = Decimal(0)


class StakeholderGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StakeholderGroup

    name = factory.Sequence(lambda n: f"Grupo de interés {n}")
    group_type = models.StakeholderGroup.GroupType.COMMUNITY


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Commitment

    text = factory.Sequence(lambda n: f"Compromiso de prueba {n}")
    department = factory.SubFactory(DepartmentFactory)
    due_date = datetime.date(2022, 6, 30)
    live = True


def pdf_bytes(text="prueba"):
    """A small file that passes the PDF content check (starts with the PDF signature)."""
    return f"%PDF-1.4\n% {text}\n%%EOF\n".encode()


class DocumentFactory(factory.django.DjangoModelFactory):
    """A PDF document; pass ``content=b"…"`` and ``filename="x.csv"`` for other files."""

    class Meta:
        model = models.PortalDocument

    class Params:
        content = factory.LazyAttribute(lambda o: pdf_bytes(o.title))
        filename = factory.Sequence(lambda n: f"documento-{n}.pdf")

    title = factory.Sequence(lambda n: f"Documento de prueba {n}")
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name=o.filename))
    document_type = models.PortalDocument.DocumentType.MANAGEMENT_REPORT
    fiscal_year = 2021
    published_on = datetime.date(2021, 12, 15)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()  # as Wagtail's upload views do
        document.save()
        return document


def png_bytes(color="green", size=(8, 6)):
    """A small, valid PNG."""
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    """A PNG image, uploaded as Wagtail's upload views do; ``content=png_bytes("red")``."""

    class Meta:
        model = models.PortalImage

    class Params:
        content = factory.LazyFunction(png_bytes)
        filename = factory.Sequence(lambda n: f"foto-{n}.png")

    title = factory.Sequence(lambda n: f"Foto de prueba {n}")
    file = factory.LazyAttribute(lambda o: ImageFile(io.BytesIO(o.content), name=o.filename))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        image = model_class(*args, **kwargs)
        image._set_image_file_metadata()
        image.save()
        return image


class PageFactory(factory.django.DjangoModelFactory):
    """Base for page factories: ``parent`` is required and the page is added under it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Página {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            raise ValueError("Page factories need a parent page")
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish() if page.live else page.save_revision()
        return page


def home_page():
    """The home page created by the home app's data migration (root of the default site)."""
    return Site.objects.get(is_default_site=True).root_page.specific


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage


class CycleFactory(PageFactory):
    class Meta:
        model = models.AccountabilityCycleIndexPage

    title = factory.LazyAttribute(lambda o: f"Rendición de Cuentas {o.year}")
    year = factory.Sequence(lambda n: 2021 + n)
    objective = "<p>Informar, explicar y dialogar con la ciudadanía.</p>"
    show_in_menus = True  # the main menu shows the latest cycle


class DepartmentSectionFactory(PageFactory):
    class Meta:
        model = models.DepartmentSectionPage

    department = factory.SubFactory(DepartmentFactory)
    title = factory.LazyAttribute(lambda o: o.department.name)


class EncounterFactory(PageFactory):
    class Meta:
        model = models.DialogueEncounterPage

    modality = models.DialogueEncounterPage.Modality.DEPARTMENT
    start = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2021, 11, 10, 9, 0)))
    place = "Centro Administrativo Municipal"


class ReportFactory(PageFactory):
    class Meta:
        model = models.ReportPage

    kind = models.ReportPage.Kind.DEPARTMENT


class HearingFactory(PageFactory):
    class Meta:
        model = models.PublicHearingPage

    start = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2021, 12, 15, 9, 0)))
    place = "Teatro Municipal"


class ImprovementPlanFactory(PageFactory):
    class Meta:
        model = models.ImprovementPlanPage

    source = models.ImprovementPlanPage.Source.EVALUATION


class IndicatorIndexFactory(PageFactory):
    class Meta:
        model = models.IndicatorIndexPage

    title = "Indicadores"
    slug = "indicadores"
    show_in_menus = True


class SdgIndexFactory(PageFactory):
    class Meta:
        model = models.SdgIndexPage

    title = "Objetivos de Desarrollo Sostenible"
    slug = "ods"
    show_in_menus = True


def page_exists(page_id):
    return Page.objects.filter(pk=page_id).exists()


class SurveyFactory(PageFactory):
    """A survey page; ``questions`` is a list of SurveyFormField keyword dicts."""

    class Meta:
        model = SurveyPage

    kind = SurveyPage.Kind.EVALUATION

    @classmethod
    def _create(cls, model_class, *args, questions=(), **kwargs):
        kwargs["form_fields"] = [SurveyFormField(**question) for question in questions]
        return super()._create(model_class, *args, **kwargs)
