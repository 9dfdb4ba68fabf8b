"""The admin import screen (upload → preview → confirm) and the export button."""

import io
from decimal import Decimal

import openpyxl
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils.translation import gettext, ngettext
from wagtail.models import WorkflowState

from rendicion.models import Indicator
from tests.factories import DepartmentFactory, IndicatorFactory
from tests.spreadsheets import (
    SEED_PAGE,
    assign_indicator_workflow,
    csv_bytes,
    written_counts,
    xlsx_bytes,
)

LISTING = "/admin/snippets/rendicion/indicator/"
IMPORT = LISTING + "import/"
EXPORT = LISTING + "export-matrix/"
HEADER = ["Código", "Indicador", "Unidad de Medida", "Línea Base", "Meta", "Responsable"]


def upload(name, data):
    return SimpleUploadedFile(name, data)


def editor_with(*codenames, department=None):
    """A user in a group with the given indicator permissions and admin access; with a
    department, that group is the department's editors group (as setup_roles links them)."""
    group = Group.objects.create(name="Editores " + "-".join(codenames))
    if department is not None:
        department.editors_group = group
        department.save(update_fields=["editors_group"])
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="rendicion", codename__in=[f"{c}_indicator" for c in codenames]
        ),
    )
    user = get_user_model().objects.create_user("editor-" + "-".join(codenames), password="x")
    user.groups.add(group)
    return user


class ImportScreenTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "x")
        cls.educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
        cls.docentes = IndicatorFactory(
            code="220100900",
            name="Docentes beneficiados con estrategias de mejoramiento de sus competencias",
            department=cls.educacion,
            baseline_value=Decimal(400),
            target_value=Decimal(1000),
            programme="entornos escolares",
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def preview(self, data, name="seed.xlsx", update=False):
        payload = {"file": upload(name, data)}
        if update:
            payload["update"] = "on"
        return self.client.post(IMPORT, payload)

    def test_listing_offers_import_and_export(self):
        response = self.client.get(LISTING)
        self.assertContains(response, IMPORT)
        self.assertContains(response, EXPORT)

    def test_upload_preview_confirm(self):
        before = written_counts()
        response = self.preview(xlsx_bytes(SEED_PAGE), update=True)

        self.assertEqual(response.status_code, 200)
        plan = response.context["plan"]
        self.assertEqual(len(plan.to_create), 3)
        self.assertEqual(len(plan.to_update), 1)
        self.assertContains(response, "Estudiantes evaluados con pruebas de calidad educativa")
        self.assertContains(response, "<del>1000</del>", html=False)
        self.assertContains(response, "<ins>1050</ins>", html=False)
        self.assertEqual(written_counts(), before)  # a preview writes nothing

        response = self.client.post(IMPORT, {"token": response.context["token"]}, follow=True)

        self.assertRedirects(response, LISTING)
        self.assertContains(
            response,
            ngettext(
                "%(count)s indicator imported (%(created)s created, %(updated)s updated).",
                "%(count)s indicators imported (%(created)s created, %(updated)s updated).",
                4,
            )
            % {"count": 4, "created": 3, "updated": 1},
        )
        self.assertEqual(Indicator.objects.count(), 4)
        self.docentes.refresh_from_db()
        self.assertEqual(self.docentes.target_value, Decimal(1050))
        latest = self.docentes.latest_revision
        self.assertEqual(latest.user, self.admin)  # the import is attributed to its user

    def test_errors_are_listed_and_nothing_can_be_confirmed(self):
        before = written_counts()
        rows = [
            ["Matriz"],
            HEADER,
            ["1001", "", "Número", "1", "2", "Secretaría de Educación"],
            ["1002", "Otro", "Número", "1", "2", "Secretaría de Hacienda"],
        ]
        response = self.preview(csv_bytes(rows), "errores.csv")

        self.assertIsNone(response.context["token"])
        self.assertNotContains(response, 'name="token"')
        errors = [(p.row, p.column, p.code) for p in response.context["plan"].sorted_errors]
        self.assertEqual(
            errors, [(3, "Indicador", "missing_name"), (4, "Responsable", "unknown_department")]
        )
        self.assertContains(response, 'data-error-code="unknown_department"')
        self.assertEqual(written_counts(), before)

    def test_form_keeps_the_update_option(self):
        response = self.client.post(IMPORT, {"update": "on"})  # no file
        self.assertEqual(response.status_code, 200)
        self.assertIn("file", response.context["form"].errors)
        self.assertRegex(response.content.decode(), r'<input[^>]*name="update"[^>]*checked')

        response = self.preview(xlsx_bytes(SEED_PAGE), update=True)
        self.assertRegex(response.content.decode(), r'<input[^>]*name="update"[^>]*checked')

    def test_only_xlsx_and_csv(self):
        response = self.preview(b"%PDF-1.4", "informe.pdf")
        self.assertIn("file", response.context["form"].errors)

    def test_token_of_another_user_is_refused(self):
        response = self.preview(xlsx_bytes(SEED_PAGE), update=True)
        token = response.context["token"]
        other = get_user_model().objects.create_superuser("otro", "o@example.com", "x")
        self.client.force_login(other)
        before = written_counts()

        response = self.client.post(IMPORT, {"token": token})

        self.assertRedirects(response, IMPORT)
        self.assertEqual(written_counts(), before)

    def test_tampered_token_is_refused(self):
        token = signing.dumps(
            {"file": "../../etc/passwd", "name": "x.csv", "update": False, "digest": ""},
            salt=f"rendicion.indicator-import:{self.admin.pk}",
        )
        response = self.client.post(IMPORT, {"token": token})
        self.assertRedirects(response, IMPORT)

    def test_data_changed_between_preview_and_confirmation(self):
        response = self.preview(xlsx_bytes(SEED_PAGE), update=True)
        token = response.context["token"]
        self.docentes.target_value = Decimal(900)  # someone edits it meanwhile
        self.docentes.save()
        before = written_counts()

        response = self.client.post(IMPORT, {"token": token})

        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["changed_since_preview"])
        self.assertContains(response, "<del>900</del>", html=False)
        self.assertEqual(written_counts(), before)
        # The new preview can be confirmed.
        response = self.client.post(IMPORT, {"token": response.context["token"]})
        self.assertRedirects(response, LISTING)
        self.docentes.refresh_from_db()
        self.assertEqual(self.docentes.target_value, Decimal(1050))

    def test_export_downloads_the_import_format(self):
        response = self.client.get(EXPORT)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("ODS", "Código", "Indicador"))
        self.assertEqual(rows[1][1], "220100900")


class ImportPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
        cls.rows = [HEADER, ["1001", "Nuevo", "Número", "1", "2", "Secretaría de Educación"]]

    def test_an_editor_imports_only_for_their_own_department(self):
        salud = DepartmentFactory(name="Secretaría de Salud", slug="salud")
        vacunacion = IndicatorFactory(code="330100100", department=salud, target_value=Decimal(90))
        self.client.force_login(editor_with("add", "change", department=self.educacion))
        rows = [
            [*HEADER],
            ["1001", "Nuevo de Educación", "Número", "1", "2", "Secretaría de Educación"],
            ["1002", "Nuevo de Salud", "Número", "1", "2", "Secretaría de Salud"],
            ["330100100", vacunacion.name, "Número", "0", "95", "Secretaría de Salud"],
        ]
        response = self.client.post(
            IMPORT, {"file": upload("n.csv", csv_bytes(rows)), "update": "on"}
        )
        self.assertContains(response, 'data-error-code="other_department"')
        self.assertContains(response, 'data-error-code="no_change_permission"')
        self.assertNotContains(response, 'name="token"')  # nothing can be confirmed
        self.assertFalse(Indicator.objects.filter(code__in=["1001", "1002"]).exists())
        vacunacion.refresh_from_db()
        self.assertEqual(vacunacion.target_value, Decimal(90))

    def test_users_who_cannot_add_or_change_get_no_import(self):
        self.client.force_login(editor_with("view"))
        # Wagtail turns a refused permission into a redirect to the dashboard.
        self.assertRedirects(self.client.get(IMPORT), "/admin/")
        response = self.client.post(IMPORT, {"file": upload("n.csv", csv_bytes(self.rows))})
        self.assertRedirects(response, "/admin/")
        self.assertFalse(Indicator.objects.exists())
        self.assertNotContains(self.client.get(LISTING), IMPORT)

    def test_creating_needs_the_add_permission(self):
        self.client.force_login(editor_with("change", "publish"))
        response = self.client.post(IMPORT, {"file": upload("n.csv", csv_bytes(self.rows))})
        codes = [problem.code for problem in response.context["plan"].errors]
        self.assertEqual(codes, ["no_add_permission"])

    def test_without_publish_permission_imports_are_drafts(self):
        user = editor_with("add", "change", department=self.educacion)
        self.client.force_login(user)
        response = self.client.post(IMPORT, {"file": upload("n.csv", csv_bytes(self.rows))})
        self.assertContains(
            response,
            gettext(
                "You are not allowed to publish indicators: the changes are saved as drafts until "
                "someone allowed to publish publishes them."
            ),
        )

        self.client.post(IMPORT, {"token": response.context["token"]})

        indicator = Indicator.objects.get(code="1001")
        self.assertFalse(indicator.live)
        self.assertEqual(indicator.latest_revision.user, user)

    def test_with_a_workflow_changes_are_submitted(self):
        workflow = assign_indicator_workflow()
        user = editor_with("add", "change", department=self.educacion)
        self.client.force_login(user)
        response = self.client.post(IMPORT, {"file": upload("n.csv", csv_bytes(self.rows))})
        self.assertContains(
            response,
            gettext(
                "Indicators go through an approval workflow: the changes are sent for approval and "
                "the public site shows them once approved."
            ),
        )

        self.client.post(IMPORT, {"token": response.context["token"]})

        indicator = Indicator.objects.get(code="1001")
        self.assertFalse(indicator.live)
        state = indicator.current_workflow_state
        self.assertEqual(state.workflow, workflow)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.requested_by, user)
