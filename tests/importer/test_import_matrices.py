"""The indicator matrices planning offices really send: departments by their other names,
SDG goals without targets, the year's target beside the four-year one, LibreOffice's .ods and
the approval e-mails in Spanish (docs/indicator-import.md)."""

import pytest
from django.core.management.base import CommandError
from django.utils import translation

from importer.plan import build_plan
from rendicion.models import Indicator
from tests.factories import DepartmentFactory
from tests.spreadsheets import HEADER, csv_bytes, row, run_import, write, written_counts, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def educacion():
    return DepartmentFactory(
        name="Secretaría de Educación",
        slug="educacion",
        acronym="SEM",
        aliases="Secretaría de Educación Municipal\n\nSec. de Educación\n",
    )


@pytest.fixture
def infraestructura():
    return DepartmentFactory(
        name="Secretaría de Infraestructura",
        slug="infraestructura",
        aliases="Secretaría de Infraestructura, Renovación Urbana y Vivienda",
    )


@pytest.fixture
def salud():
    return DepartmentFactory(name="Secretaría de Salud", slug="salud", aliases="Sec. de Salud")


def errors_of(plan):
    return [(problem.row, problem.column, problem.code) for problem in plan.sorted_errors]


def spanish(problem):
    with translation.override("es-co"):
        return problem.message


# --- 1. Departments by the names offices write ------------------------------------------------


def test_departments_are_found_by_their_other_names(tmp_path, educacion, infraestructura, salud):
    rows = [
        HEADER,
        row("1001", "Uno", Responsable="SECRETARIA DE EDUCACION  municipal"),
        row("1002", "Dos", Responsable="Secretaría de Infraestructura, Renovación Urbana y Vivienda"),
        row("1003", "Tres", Responsable="Sec. de Salud"),
        row("1004", "Cuatro", Responsable="sec de educación"),
    ]
    run_import(write(tmp_path, "alias.xlsx", xlsx_bytes(rows)))

    departments = dict(Indicator.objects.values_list("code", "department__slug"))
    assert departments == {
        "1001": "educacion",
        "1002": "infraestructura",
        "1003": "salud",
        "1004": "educacion",
    }


def test_an_unknown_department_suggests_the_closest_one(tmp_path, educacion, salud):
    before = written_counts()
    rows = [
        HEADER,
        row("1001", "Bien"),
        row("1002", "Mal escrito", Responsable="Secretaria de Educasion"),
        row("1003", "Desconocida", Responsable="Secretaría de Hacienda"),
    ]
    path = write(tmp_path, "typo.xlsx", xlsx_bytes(rows))

    with pytest.raises(CommandError):
        run_import(path)
    assert written_counts() == before

    plan = build_plan(path.read_bytes(), path.name)
    assert errors_of(plan) == [
        (3, "Responsable", "unknown_department"),
        (4, "Responsable", "unknown_department"),
    ]
    typo, unknown = plan.sorted_errors
    assert spanish(typo).endswith("¿Quiso decir «Secretaría de Educación»?")
    assert "Quiso decir" not in spanish(unknown)


def test_an_alias_two_departments_claim_matches_neither(educacion):
    DepartmentFactory(name="Secretaría de Gobierno", slug="gobierno", aliases="Sec. de Educación")
    plan = build_plan(csv_bytes([HEADER, row(Responsable="Sec. de Educación")]), "a.csv")
    assert errors_of(plan) == [(2, "Responsable", "unknown_department")]
    # The department's own name always wins over another's alias.
    DepartmentFactory(name="Secretaría de Salud", slug="salud", aliases="Secretaría de Educación")
    plan = build_plan(csv_bytes([HEADER, row()]), "b.csv")
    assert plan.ok and plan.to_create[0].data.department == educacion


def test_the_demo_departments_carry_the_long_names():
    from demo.loader import load_departments
    from demo.organisation import DEPARTMENT_ALIASES
    from rendicion.models import Department

    class Refs:
        departments = {}

    class Stats:
        def record(self, *args):
            pass

    load_departments(Refs(), Stats())
    educacion = Department.objects.get(slug="educacion")
    educacion.aliases += "\nEducación Palmira"
    educacion.save()
    load_departments(Refs(), Stats())  # a second run keeps what an administrator added

    educacion.refresh_from_db()
    assert educacion.alias_list == [*DEPARTMENT_ALIASES["educacion"], "Educación Palmira"]
    assert "Secretaría de Infraestructura, Renovación Urbana y Vivienda" in (
        Department.objects.get(slug="infraestructura").alias_list
    )

