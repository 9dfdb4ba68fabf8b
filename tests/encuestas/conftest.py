import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from rendicion.editorial.roles import setup_roles
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    EncounterFactory,
    HearingFactory,
    SurveyFactory,
    home_page,
)

EVALUATION_QUESTIONS = [
    {
        "label": "¿Cómo se enteró?",
        "field_type": "radio",
        "choices": "Redes sociales\nRadio\nInvitación de la Alcaldía",
    },
    {"label": "¿Fue clara la información?", "field_type": "radio", "choices": "Sí\nNo"},
    {
        "label": "¿Qué temas le interesan?",
        "field_type": "checkboxes",
        "choices": "Educación\nSalud\nVías",
        "required": False,
    },
    {"label": "Sugerencias", "field_type": "multiline", "required": False},
]

CHARACTERISATION_QUESTIONS = [
    {"label": "Organización", "field_type": "singleline", "stakeholder_field": "name"},
    {
        "label": "Tipo",
        "field_type": "dropdown",
        "choices": "Organización social\nAcademia\nOtro",
        "stakeholder_field": "group_type",
    },
    {"label": "Territorio", "field_type": "singleline", "stakeholder_field": "territory"},
    {
        "label": "Grupos poblacionales",
        "field_type": "checkboxes",
        "choices": "Mujeres\nJóvenes",
        "required": False,
        "stakeholder_field": "population_groups",
    },
    {
        "label": "Correo de contacto",
        "field_type": "email",
        "required": False,
        "personal_data": True,
        "stakeholder_field": "contact_email",
    },
]


@pytest.fixture
def coordinator():
    return DepartmentFactory(
        name="Secretaría de Participación Comunitaria",
        slug="participacion-comunitaria",
        coordinates_process=True,
    )


@pytest.fixture
def education():
    return DepartmentFactory(name="Secretaría de Educación", slug="educacion")


@pytest.fixture
def health():
    return DepartmentFactory(name="Secretaría de Salud", slug="salud")


@pytest.fixture
def cycle(coordinator):
    return CycleFactory(parent=home_page(), year=2021, slug="rendicion-de-cuentas-2021")


@pytest.fixture
def education_section(cycle, education):
    return DepartmentSectionFactory(parent=cycle, department=education, slug="educacion")


@pytest.fixture
def health_section(cycle, health):
    return DepartmentSectionFactory(parent=cycle, department=health, slug="salud")


@pytest.fixture
def hearing(cycle):
    return HearingFactory(parent=cycle, title="Audiencia pública 2021", slug="audiencia")


@pytest.fixture
def encounter(education_section, education):
    return EncounterFactory(
        parent=education_section,
        title="Encuentro de Educación",
        slug="encuentro-educacion",
        department=education,
    )


@pytest.fixture
def evaluation(cycle):
    return SurveyFactory(
        parent=cycle, title="Evaluación", slug="evaluacion", questions=EVALUATION_QUESTIONS
    )


@pytest.fixture
def characterisation(education_section):
    return SurveyFactory(
        parent=education_section,
        title="Caracterización de Educación",
        slug="caracterizacion",
        kind="characterisation",
        questions=CHARACTERISATION_QUESTIONS,
    )


@pytest.fixture
def roles(coordinator, education, health, education_section, health_section):
    setup_roles()


def _member(username, department, role="editors_group", *permissions):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    department.refresh_from_db()
    user.groups.add(getattr(department, role))
    for codename in permissions:
        app_label, codename = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def member():
    return _member


@pytest.fixture
def admin_user_(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "x")


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))
