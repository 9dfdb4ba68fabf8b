"""manage.py setup_roles: groups and rights from the departments, idempotent."""

from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)

from rendicion.models import Commitment, Department, Indicator
from tests.factories import CycleFactory, DepartmentFactory, DepartmentSectionFactory, home_page
from tests.workflow_helpers import make_user


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("setup_roles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def state():
    """Everything setup_roles writes, for comparing two runs."""
    return {
        "groups": sorted(
            (g.name, sorted(g.permissions.values_list("codename", flat=True)))
            for g in Group.objects.all()
        ),
        "page_rights": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "collection_rights": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection_id", "permission__codename"
            )
        ),
        "links": sorted(
            Department.objects.values_list(
                "slug",
                "editors_group",
                "reviewers_group",
                "approvers_group",
                "coordinates_process",
            )
        ),
        "workflows": sorted(Workflow.objects.values_list("pk", "name")),
        "assignments": sorted(WorkflowPage.objects.values_list("page", "workflow")),
        "content_types": sorted(
            WorkflowContentType.objects.values_list("content_type", "workflow")
        ),
    }


class SetupRolesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
        cls.salud = DepartmentFactory(name="Secretaría de Salud", slug="salud")
        cls.participacion = DepartmentFactory(
            name="Secretaría de Participación Comunitaria", slug="participacion-comunitaria"
        )
        cls.cycle = CycleFactory(parent=home_page(), year=2021)
        cls.section = DepartmentSectionFactory(parent=cls.cycle, department=cls.educacion)

    def test_groups_per_department_and_role(self):
        run()
        self.educacion.refresh_from_db()
        self.participacion.refresh_from_db()
        self.assertEqual(self.educacion.editors_group.name, "Secretaría de Educación · Editores")
        self.assertEqual(self.educacion.reviewers_group.name, "Secretaría de Educación · Revisores")
        self.assertIsNone(self.educacion.approvers_group)
        self.assertTrue(self.participacion.coordinates_process)
        self.assertEqual(
            self.participacion.approvers_group.name,
            "Secretaría de Participación Comunitaria · Aprobadores",
        )
        self.assertTrue(Group.objects.filter(name="Administradores del portal").exists())

        # Educación's groups hold rights on Educación's section only, never "publish".
        rights = set(
            GroupPagePermission.objects.filter(group=self.educacion.editors_group).values_list(
                "page", "permission__codename"
            )
        )
        self.assertEqual(
            rights,
            {
                (self.section.pk, "add_page"),
                (self.section.pk, "change_page"),
                (self.section.pk, "lock_page"),
            },
        )
        # The coordinating department owns the cycle.
        self.assertTrue(
            GroupPagePermission.objects.filter(
                group=self.participacion.editors_group,
                page=self.cycle,
                permission__codename="change_page",
            ).exists()
        )
        for department in Department.objects.all():
            for group in (department.editors_group, department.reviewers_group):
                with self.subTest(group=group.name):
                    self.assertFalse(
                        group.permissions.filter(codename__startswith="publish").exists()
                    )
                    self.assertFalse(
                        GroupPagePermission.objects.filter(
                            group=group, permission__codename="publish_page"
                        ).exists()
                    )
        self.assertFalse(
            self.participacion.approvers_group.permissions.exclude(codename="access_admin").exists()
        )

    def test_second_run_changes_nothing(self):
        first_out, _ = run()
        first = state()
        second_out, _ = run()
        self.assertEqual(state(), first)
        self.assertIn("Grupo «Secretaría de Salud · Editores»", first_out)
        self.assertEqual(second_out.strip(), "Roles y flujo de trabajo: sin cambios.")

    def test_a_new_department_gets_its_groups_on_the_next_run(self):
        run()
        ambiente = DepartmentFactory(name="Secretaría de Ambiente", slug="ambiente")
        # A section created now is given its rights as soon as the groups exist.
        section = DepartmentSectionFactory(parent=self.cycle, department=ambiente)
        self.assertIsNone(ambiente.editors_group)
        out, _ = run()
        ambiente.refresh_from_db()
        self.assertEqual(ambiente.editors_group.name, "Secretaría de Ambiente · Editores")
        self.assertIn("Grupo «Secretaría de Ambiente · Revisores»", out)
        self.assertTrue(
            GroupPagePermission.objects.filter(
                group=ambiente.editors_group, page=section, permission__codename="add_page"
            ).exists()
        )
        # And a section created afterwards gets them straight away, without a new run.
        cycle_2022 = CycleFactory(parent=home_page(), year=2022)
        section_2022 = DepartmentSectionFactory(parent=cycle_2022, department=ambiente)
        self.assertTrue(
            GroupPagePermission.objects.filter(
                group=ambiente.editors_group, page=section_2022, permission__codename="change_page"
            ).exists()
        )
        self.participacion.refresh_from_db()
        self.assertTrue(
            GroupPagePermission.objects.filter(
                group=self.participacion.editors_group, page=cycle_2022
            ).exists()
        )

    def test_renaming_keeps_the_link(self):
        run()
        self.educacion.refresh_from_db()
        group = self.educacion.editors_group
        self.educacion.name = "Secretaría de Educación Municipal"
        self.educacion.save()
        group.name = "Editores de Educación"
        group.save()
        before = Group.objects.count()
        run()
        self.educacion.refresh_from_db()
        self.assertEqual(self.educacion.editors_group, group)
        self.assertEqual(Group.objects.count(), before)

    def test_workflow_on_every_page_and_on_the_snippets(self):
        run()
        workflow = Workflow.objects.get(
            name="Revisión de la dependencia y aprobación de Participación Comunitaria"
        )
        self.assertEqual(
            [task.specific.__class__.__name__ for task in workflow.tasks],
            ["DepartmentReviewTask", "IndependentGroupApprovalTask"],
        )
        self.assertEqual(self.section.get_workflow(), workflow)
        self.assertEqual(home_page().get_workflow(), workflow)
        self.assertEqual(Indicator.get_default_workflow(), workflow)
        self.assertEqual(Commitment.get_default_workflow(), workflow)

    def test_an_administrators_workflow_choice_is_respected(self):
        other = Workflow.objects.create(name="Otro flujo")
        WorkflowContentType.objects.create(
            content_type=ContentType.objects.get_for_model(Commitment), workflow=other
        )
        run()
        self.assertEqual(Commitment.get_default_workflow(), other)

    def test_wagtails_site_wide_groups_are_retired(self):
        # Wagtail's migrations create "Editors" and "Moderators" with rights on every page.
        moderators = Group.objects.get(name="Moderators")
        member = make_user("moderadora", moderators)
        _, warnings = run()
        self.assertFalse(Group.objects.filter(name="Editors").exists())
        self.assertTrue(Group.objects.filter(name="Moderators").exists())
        self.assertFalse(GroupPagePermission.objects.filter(group=moderators).exists())
        self.assertIn("moderadora", warnings)
        self.assertTrue(member.groups.filter(name="Moderators").exists())
        self.assertEqual(Page.get_first_root_node().get_workflow().name[:8], "Revisión")

    def test_the_coordinating_department_must_exist(self):
        self.participacion.delete()
        with self.assertRaisesMessage(CommandError, "participacion-comunitaria"):
            run()
        self.assertFalse(Group.objects.filter(name__endswith="· Editores").exists())
        run("--coordinator", "salud")
        self.assertTrue(Department.objects.get(slug="salud").coordinates_process)

    def test_administrators_group_is_found_by_its_permission(self):
        run()
        administrators = Group.objects.get(name="Administradores del portal")
        administrators.name = "Administración TIC"
        administrators.save()
        run()
        self.assertFalse(Group.objects.filter(name="Administradores del portal").exists())
        self.assertTrue(
            administrators.permissions.filter(codename="publish_without_workflow").exists()
        )
        self.assertIn(
            Permission.objects.get(codename="publish_indicator"),
            administrators.permissions.all(),
        )
