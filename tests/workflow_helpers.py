"""Shared set-up for the editorial workflow tests: two departments with their sections, the
roles from ``setup_roles`` and one user per role, plus form data for the admin."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from rendicion.editorial.roles import setup_roles
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    home_page,
)

PASSWORD = "palmira2021"


def make_user(username, *groups, superuser=False):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_superuser=superuser
    )
    user.groups.add(*groups)
    return user


def build_roles(cls):
    """Departments, tree, roles and users on the test class (call from setUpTestData)."""
    cls.educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    cls.salud = DepartmentFactory(name="Secretaría de Salud", slug="salud")
    cls.participacion = DepartmentFactory(
        name="Secretaría de Participación Comunitaria", slug="participacion-comunitaria"
    )
    home = home_page()
    cls.indicator_index = IndicatorIndexFactory(parent=home)
    cls.cycle = CycleFactory(parent=home, year=2021, slug="rendicion-de-cuentas-2021")
    cls.section_educacion = DepartmentSectionFactory(
        parent=cls.cycle, department=cls.educacion, slug="educacion"
    )
    cls.section_salud = DepartmentSectionFactory(
        parent=cls.cycle, department=cls.salud, slug="salud"
    )
    setup_roles()
    for department in (cls.educacion, cls.salud, cls.participacion):
        department.refresh_from_db()

    cls.editor_educacion = make_user("editor.educacion", cls.educacion.editors_group)
    cls.reviewer_educacion = make_user("revisor.educacion", cls.educacion.reviewers_group)
    cls.editor_salud = make_user("editor.salud", cls.salud.editors_group)
    cls.reviewer_salud = make_user("revisor.salud", cls.salud.reviewers_group)
    cls.approver = make_user("aprobador.participacion", cls.participacion.approvers_group)
    cls.second_approver = make_user("aprobadora2.participacion", cls.participacion.approvers_group)

    cls.indicator = IndicatorFactory(
        code="220100900",
        name="Docentes beneficiados con estrategias de mejoramiento",
        department=cls.educacion,
        baseline_value=Decimal(400),
        target_value=Decimal(1050),
    )
    MeasurementFactory(indicator=cls.indicator, period="2021", value=Decimal(800))


def encounter_form_data(department, title="Encuentro con rectores rurales", **overrides):
    """What the admin's form for a new encounter posts, with its formsets empty."""
    data = {
        "title": title,
        "slug": "encuentro-con-rectores-rurales",
        "modality": "department",
        "department": department.pk,
        "territory": "",
        "start": "2022-03-15 09:00",
        "place": "Institución Educativa de Rozo",
        "summary": "Diálogo con los rectores de las sedes rurales.",
        "attendance_total": "",
        "attendance": inline_formset([]),
        "registration_options": inline_formset([]),
        "body": streamfield([]),
        "questions": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def indicator_form_data(indicator, measurements, **overrides):
    """The indicator edit form as the admin posts it."""
    data = {
        "code": indicator.code,
        "kind": indicator.kind,
        "name": indicator.name,
        "department": indicator.department_id,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_value": str(indicator.baseline_value or ""),
        "baseline_text": indicator.baseline_text,
        "target_value": str(indicator.target_value or ""),
        "target_text": indicator.target_text,
        "plan_line": indicator.plan_line,
        "programme": indicator.programme,
        "slug": indicator.slug,
        "measurements": inline_formset(
            [
                {
                    "id": str(m.pk) if m.pk else "",
                    "period": m.period,
                    "date": m.date.isoformat() if m.date else "",
                    "value": str(m.value),
                    "source": m.source,
                    "note": m.note,
                }
                for m in measurements
            ],
            initial=sum(1 for m in measurements if m.pk),
        ),
        "year_targets": inline_formset(
            [
                {
                    "id": str(t.pk),
                    "year": str(t.year),
                    "value": str(t.value or ""),
                    "text": t.text,
                }
                for t in (indicator.year_targets.all() if indicator.pk else [])
            ],
            initial=indicator.year_targets.count() if indicator.pk else 0,
        ),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)


class LoginMixin:
    def login(self, user):
        # A fresh session for each user: no messages left over from the previous one.
        self.client.logout()
        self.client.force_login(user)
