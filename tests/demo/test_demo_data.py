"""load_demo_data: the seed's content is there exactly as written, and re-running changes nothing.

The command takes a few seconds, so it runs twice once per class (``setUpTestData``) and
the tests read the result; each test is rolled back to that state.
"""

import re
import shutil
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
)

from demo.current_cycle import upcoming_event_pages
from demo.pdf import build_pdf
from demo.users import DEMO_PASSWORD
from encuestas.models import SurveyFormField, SurveyPage, SurveySubmission
from home.models import HomePage
from rendicion import models

# Everything the command writes. Compared in full (every field of every row) between runs.
DEMO_MODELS = [
    Page,
    HomePage,
    models.IndicatorIndexPage,
    models.SdgIndexPage,
    models.AccountabilityCycleIndexPage,
    models.DepartmentSectionPage,
    models.DialogueEncounterPage,
    models.PublicHearingPage,
    models.ReportPage,
    models.ImprovementPlanPage,
    models.CycleActivity,
    models.EncounterAttendance,
    models.ImprovementAction,
    models.Department,
    models.Indicator,
    models.IndicatorMeasurement,
    models.StakeholderGroup,
    models.Commitment,
    models.PortalDocument,
    models.PortalSettings,
    SurveyPage,
    SurveyFormField,
    SurveySubmission,
    get_user_model(),
    Revision,
    PageLogEntry,
    ModelLogEntry,
    Group,
    GroupPagePermission,
    GroupCollectionPermission,
    Workflow,
    Task,
    WorkflowPage,
    WorkflowContentType,
    WorkflowState,
    TaskState,
]


def run_command():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def snapshot():
    """Counts, the page tree and a full serialisation of every row the command touches."""
    return {
        "counts": {model._meta.label: model.objects.count() for model in DEMO_MODELS},
        "references": ReferenceIndex.objects.count(),
        "tree": [
            (page.url_path, page.content_type.model, page.title)
            for page in Page.objects.order_by("path").select_related("content_type")
        ],
        "rows": {
            model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
            for model in DEMO_MODELS
        },
    }


class DemoDataTests(TestCase):
    @classmethod
    def setUpClass(cls):
        # Documents get their own media directory for the whole class: the per-test media
        # directory of conftest would not hold the files written in setUpTestData.
        cls.media_root = Path(tempfile.mkdtemp(prefix="demo-media-"))
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media_root))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.first_output = run_command()
        cls.first = snapshot()
        cls.document_files_first = sorted(p.name for p in cls.media_root.rglob("*.pdf"))
        cls.second_output = run_command()
        cls.second = snapshot()
        cls.document_files_second = sorted(p.name for p in cls.media_root.rglob("*.pdf"))

    # --- Idempotence ---

    def test_second_run_creates_and_updates_nothing(self):
        for label in self.first["counts"]:
            with self.subTest(model=label):
                self.assertEqual(self.first["counts"][label], self.second["counts"][label])
        self.assertEqual(self.first["references"], self.second["references"])
        self.assertEqual(self.first["tree"], self.second["tree"])
        for label in self.first["rows"]:
            with self.subTest(model=label):
                self.assertEqual(self.first["rows"][label], self.second["rows"][label])

    def test_second_run_reports_no_changes(self):
        created_or_updated = re.findall(r"(\d+) (?:cread|actualizad)[oa]s", self.second_output)
        self.assertTrue(created_or_updated)
        self.assertEqual(set(created_or_updated), {"0"})
        self.assertIn("Cronograma: 13 actividades (sin cambios)", self.second_output)

    def test_documents_are_not_uploaded_again(self):
        self.assertEqual(len(self.document_files_first), 5)
        self.assertEqual(self.document_files_first, self.document_files_second)

    def test_rerun_restores_edited_content_in_place(self):
        encounter = models.DialogueEncounterPage.objects.get(slug="gobierno-al-campo-rozo")
        encounter.title = "Editado a mano"
        encounter.attendance.all().delete()
        encounter.save()
        indicator = models.Indicator.objects.get(code="220100900")
        indicator.measurements.filter(period="2021").update(value=1)
        indicator.sdg_targets.clear()
        pages, measurements = Page.objects.count(), models.IndicatorMeasurement.objects.count()

        run_command()

        encounter.refresh_from_db()
        self.assertEqual(encounter.title, "Gobierno al campo – Corregimiento de Rozo")
        self.assertEqual(encounter.attendance.count(), 4)
        indicator = models.Indicator.objects.get(code="220100900")
        self.assertEqual(indicator.progress.percent, Decimal("61.5"))
        self.assertEqual([t.code for t in indicator.sdg_targets.all()], ["4.c"])
        self.assertEqual(Page.objects.count(), pages)
        self.assertEqual(models.IndicatorMeasurement.objects.count(), measurements)

    # --- The seed's indicators, exactly as written ---

    def test_seed_product_indicators(self):
        expected = [
            (
                "220100900",
                "Docentes beneficiados con estrategias de mejoramiento de sus competencias",
                400,
                1050,
                "increase",
            ),
            (
                "220100700",
                "Estudiantes evaluados con pruebas de calidad educativa",
                1500,
                3500,
                "increase",
            ),
            (
                "220103401",
                "Instituciones educativas fortalecidas en competencias de bilingüismo",
                27,
                27,
                "maintain",
            ),
        ]
        for code, name, baseline, target, direction in expected:
            with self.subTest(code=code):
                indicator = models.Indicator.objects.get(code=code)
                self.assertEqual(indicator.name, name)
                self.assertEqual(indicator.unit, "Número")
                self.assertEqual(indicator.baseline_value, Decimal(baseline))
                self.assertEqual(indicator.target_value, Decimal(target))
                self.assertEqual(indicator.baseline_text, "")
                self.assertEqual(indicator.target_text, "")
                self.assertEqual(indicator.direction, direction)
                self.assertEqual(indicator.kind, models.Indicator.Kind.PRODUCT)
                self.assertEqual(indicator.department.name, "Secretaría de Educación")
                self.assertEqual(indicator.programme, "Entornos escolares")
                self.assertTrue(indicator.live)
                self.assertTrue(indicator.sdg_targets.exists())

    def test_seed_result_indicator(self):
        indicator = models.Indicator.objects.get(
            name="Número de Instituciones Educativas con mejoramiento de clasificación de "
            "plantel según las pruebas Saber 11"
        )
        self.assertEqual(indicator.code, "")
        self.assertEqual(indicator.kind, models.Indicator.Kind.RESULT)
        self.assertEqual(indicator.unit, "Número")
        self.assertEqual(
            indicator.baseline_text,
            "08 IE clasificación C, 08 IE clasificación B, 08 IE clasificación A",
        )
        self.assertEqual(
            indicator.target_text, "06 IEO con mejoramiento de clasificación de plantel"
        )
        self.assertIsNone(indicator.baseline_value)
        self.assertIsNone(indicator.target_value)
        self.assertEqual(indicator.department.name, "Secretaría de Educación")
        self.assertEqual(
            sorted(t.code for t in indicator.sdg_targets.all()),
            sorted(["4.1", "4.2", "4.3", "4.4", "4.5", "13.3"]),
        )

    def test_teacher_indicator_progress(self):
        indicator = models.Indicator.objects.get(code="220100900")
        self.assertEqual(indicator.latest_measurement.value, Decimal(800))
        self.assertEqual(indicator.progress.percent, Decimal("61.5"))

    def test_other_departments_indicators_for_filters(self):
        departments = set(models.Indicator.objects.values_list("department__slug", flat=True))
        self.assertTrue({"educacion", "salud", "ambiente"} <= departments)
        decreasing = models.Indicator.objects.filter(
            direction="decrease", department__slug="ambiente"
        )
        self.assertTrue(decreasing.exists())
        self.assertTrue(models.Indicator.objects.filter(measurements__isnull=True).exists())
        goals = set(
            models.SdgTarget.objects.filter(indicators__isnull=False).values_list(
                "goal__number", flat=True
            )
        )
        self.assertTrue({3, 4, 11, 13, 16} <= goals)

    # --- Pages ---

    def test_home_page_is_updated_not_duplicated(self):
        self.assertEqual(HomePage.objects.count(), 1)
        home = Site.objects.get(is_default_site=True).root_page.specific
        self.assertEqual(home.title, "Rendición de Cuentas de la Alcaldía de Palmira")
        self.assertTrue(home.intro)
        slugs = set(home.get_children().values_list("slug", flat=True))
        self.assertEqual(
            slugs,
            {
                "indicadores",
                "ods",
                "rendicion-de-cuentas-2021",
                f"rendicion-de-cuentas-{timezone.localdate().year}",
                # The policy pages of the GOV.CO footer (demo/govco.py).
                "terminos-y-condiciones",
                "politica-de-tratamiento-de-datos",
                "politica-de-derechos-de-autor",
                "declaracion-de-accesibilidad",
            },
        )

    def test_govco_footer_policies_and_menus(self):
        from govco.models import LinkKind, PolicyPage, StandardMenu, StandardMenuItem

        policy = PolicyPage.objects.data_treatment_policy()
        self.assertEqual((policy.slug, policy.version), ("politica-de-tratamiento-de-datos", "1.0"))
        top = StandardMenuItem.objects.filter(menu=StandardMenu.TRANSPARENCY).exclude(
            number__contains="."
        )
        self.assertEqual(
            [item.number for item in top.order_by("sort_order")],
            [str(n) for n in range(1, 11)],
        )
        participa = StandardMenuItem.objects.filter(menu=StandardMenu.PARTICIPATION)
        self.assertTrue(participa.filter(link_kind=LinkKind.NOT_APPLICABLE).exclude(note=""))
        settings = models.PortalSettings.for_site(Site.objects.get(is_default_site=True))
        self.assertTrue(settings.pqrsd_url and settings.judicial_notifications_email)
        home = self.client.get("/").content.decode()
        self.assertIn('href="/politica-de-tratamiento-de-datos/"', home)
        self.assertIn('href="/datos/"', home)

    def test_main_menu_lists_the_cycle_the_indicators_and_the_sdgs(self):
        home = Site.objects.get(is_default_site=True).root_page.specific
        self.assertEqual(
            [page.slug for page in home.menu_pages()],
            [f"rendicion-de-cuentas-{timezone.localdate().year}", "indicadores", "ods"],
        )

    # --- The current cycle and citizens' questions (demo/current_cycle.py, demo/questions.py) ---

    def test_the_current_cycle_has_upcoming_events_open_for_questions(self):
        cycle = models.AccountabilityCycleIndexPage.objects.get(year=timezone.localdate().year)
        events = upcoming_event_pages()
        self.assertEqual(len(events), 4)
        self.assertEqual(
            {type(page).__name__ for page in events}, {"PublicHearingPage", "DialogueEncounterPage"}
        )
        for page in events:
            self.assertTrue(page.live and page.accepts_questions)
            self.assertTrue(page.is_descendant_of(cycle))
            self.assertGreater(page.start, timezone.now())
        self.assertGreaterEqual(models.DepartmentSectionPage.objects.child_of(cycle).count(), 3)

    def test_questions_in_every_moderation_state(self):
        from participa.models import Question

        statuses = set(Question.objects.values_list("status", flat=True))
        self.assertEqual(statuses, set(Question.Status.values))
        self.assertTrue(Question.objects.filter(rejection_reason="spam").exists())
        self.assertEqual(Question.objects.overdue().count(), 1)
        self.assertEqual(Question.objects.due_soon().count(), 1)

    def test_an_answer_created_a_commitment_with_a_status_history(self):
        from participa.models import Question

        question = Question.objects.exclude(commitment=None).get()
        commitment = question.commitment
        self.assertTrue(commitment.live)
        self.assertEqual(commitment.origin_page_id, question.page_id)
        self.assertEqual(
            list(commitment.status_changes.values_list("status", flat=True)),
            ["pending", "in_progress"],
        )
        html = self.client.get(question.page.url).content.decode()
        self.assertIn("Historial de estados", html)
        self.assertIn(question.text[:40], html)

    def test_cycle(self):
        cycle = models.AccountabilityCycleIndexPage.objects.get(slug="rendicion-de-cuentas-2021")
        self.assertEqual(cycle.year, 2021)
        self.assertIn("Identificar y caracterizar", cycle.objective)
        self.assertEqual(
            [block.value["phase"] for block in cycle.phases],
            ["preparation", "implementation", "evaluation"],
        )
        activities = cycle.activities.all()
        self.assertEqual(activities.count(), 13)
        self.assertEqual(
            {a.phase for a in activities}, {"preparation", "implementation", "evaluation"}
        )
        self.assertGreaterEqual(activities.filter(linked_page__isnull=False).count(), 12)
        sections = models.DepartmentSectionPage.objects.child_of(cycle)
        self.assertTrue(
            {"educacion", "salud", "participacion-comunitaria"}
            <= set(sections.values_list("department__slug", flat=True))
        )

    def test_one_encounter_per_modality_with_participation(self):
        cycle = models.AccountabilityCycleIndexPage.objects.get(year=2021)
        encounters = models.DialogueEncounterPage.objects.descendant_of(cycle)
        for modality in models.DialogueEncounterPage.Modality.values:
            with self.subTest(modality=modality):
                encounter = encounters.filter(modality=modality).first()
                self.assertIsNotNone(encounter)
                self.assertTrue(encounter.stakeholder_groups.exists())
                self.assertTrue(encounter.attendance_total)
                self.assertTrue(encounter.attendance.exists())
                self.assertTrue(len(encounter.questions))
                self.assertTrue(models.Commitment.objects.filter(origin_page=encounter).exists())

        education = encounters.get(slug="encuentro-dialogo-participativo-educacion")
        self.assertEqual(education.department.slug, "educacion")
        self.assertEqual(education.get_parent().specific.department.slug, "educacion")
        self.assertEqual(encounters.get(modality="neighbourhood").territory, "Comuna 1")
        self.assertEqual(encounters.get(modality="rural").territory, "Corregimiento de Rozo")

    def test_commitments_have_varied_statuses(self):
        statuses = set(models.Commitment.objects.values_list("status", flat=True))
        self.assertEqual(statuses, set(models.Commitment.Status.values))
        cycle_2021 = models.AccountabilityCycleIndexPage.objects.get(year=2021)
        hearing = models.PublicHearingPage.objects.descendant_of(cycle_2021).get()
        self.assertTrue(models.Commitment.objects.filter(origin_page=hearing).exists())
        self.assertTrue(hearing.agenda)
        self.assertTrue(hearing.livestream_url)
        # The 2021 hearing is over: its recording shows, with captions and a transcript.
        self.assertTrue(hearing.is_over)
        self.assertTrue(hearing.shows_recording)
        self.assertTrue(hearing.recording_has_captions and hearing.has_transcript)

    def test_reports(self):
        kinds = set(models.ReportPage.objects.values_list("kind", flat=True))
        self.assertEqual(kinds, set(models.ReportPage.Kind.values))
        education = models.ReportPage.objects.get(kind="department", department__slug="educacion")
        self.assertEqual(
            set(education.indicators.values_list("department__slug", flat=True)), {"educacion"}
        )
        self.assertEqual(education.indicators.count(), 4)
        self.assertIn("Derecho a la educación", [b.value["right"] for b in education.rights])
        self.assertTrue(education.population_groups.exists())

    def test_management_report_has_a_pdf(self):
        report = models.ReportPage.objects.get(kind="management", department__isnull=True)
        documents = [block.value["document"] for block in report.documents]
        self.assertEqual(len(documents), 1)
        self.assertIsInstance(documents[0], get_document_model())
        with self.settings(MEDIA_ROOT=self.media_root), documents[0].file.open("rb") as pdf:
            content = pdf.read()
        self.assertTrue(content.startswith(b"%PDF"))
        self.assertTrue(content.rstrip().endswith(b"%%EOF"))
        self.assertEqual(documents[0].file_size, len(content))

    def test_improvement_plan(self):
        plan = models.ImprovementPlanPage.objects.get()
        self.assertEqual(plan.source, "evaluation")
        self.assertEqual(plan.source_page.specific.kind, "evaluation")
        actions = plan.actions.all()
        self.assertGreaterEqual(len({a.status for a in actions}), 3)
        self.assertGreater(len({a.progress for a in actions}), 2)

    def test_stakeholder_groups(self):
        groups = models.StakeholderGroup.objects.all()
        self.assertGreaterEqual(groups.count(), 12)
        self.assertGreaterEqual(len({g.group_type for g in groups}), 6)
        self.assertFalse(groups.filter(departments__isnull=True).exists())
        self.assertFalse(groups.filter(population_groups__isnull=True).exists())

    def test_surveys_with_submissions(self):
        characterisation = SurveyPage.objects.live().get(kind=SurveyPage.Kind.CHARACTERISATION)
        evaluation = SurveyPage.objects.live().get(kind=SurveyPage.Kind.EVALUATION)
        self.assertTrue(characterisation.asks_personal_data)
        self.assertFalse(evaluation.asks_personal_data)
        self.assertGreaterEqual(len(characterisation.get_form_fields()), 10)
        evaluations = evaluation.get_submissions()
        self.assertGreaterEqual(evaluations.count(), 6)
        self.assertEqual(
            {e.specific_class for e in Page.objects.filter(pk__in=evaluations.values("event"))},
            {models.PublicHearingPage, models.DialogueEncounterPage},
        )
        with_consent = characterisation.get_submissions().exclude(consent_version="")
        self.assertEqual(with_consent.count(), characterisation.get_submissions().count())
        self.assertIn("Respuestas a encuestas: 8 (0 creadas", self.second_output)

    def test_portal_settings(self):
        settings = models.PortalSettings.for_site(Site.objects.get(is_default_site=True))
        self.assertEqual(settings.entity_name, "Alcaldía de Palmira")
        self.assertEqual(settings.office_name, "Secretaría de Participación Comunitaria")
        self.assertIn("Calle 30 # 29-39", settings.address)
        self.assertTrue(settings.facebook.endswith("/AlcaldiaDePalmira"))
        self.assertTrue(settings.x_twitter.endswith("/AlcaldiaPalmira"))
        self.assertTrue(settings.instagram.endswith("/AlcaldiaPalmira"))

    # --- Users ---

    def log_in(self, username):
        """Through the admin's login form, as a person does (and as django-axes watches)."""
        response = self.client.post(
            reverse("wagtailadmin_login"), {"username": username, "password": DEMO_PASSWORD}
        )
        return response.status_code == 302 and "_auth_user_id" in self.client.session

    def test_demo_users_can_log_in(self):
        for username in [
            "admin",
            "editor.educacion",
            "revisor.educacion",
            "editor.salud",
            "aprobador.participacion",
        ]:
            with self.subTest(username=username):
                self.assertTrue(self.log_in(username))
                self.client.logout()
        user_model = get_user_model()
        self.assertTrue(user_model.objects.get(username="admin").is_superuser)
        expected_groups = {
            "editor.educacion": ["Secretaría de Educación · Editores"],
            "revisor.educacion": ["Secretaría de Educación · Revisores"],
            "editor.salud": ["Secretaría de Salud · Editores"],
            "aprobador.participacion": ["Secretaría de Participación Comunitaria · Aprobadores"],
        }
        for username, groups in expected_groups.items():
            with self.subTest(username=username):
                user = user_model.objects.get(username=username)
                self.assertEqual(list(user.groups.values_list("name", flat=True)), groups)
                self.assertFalse(user.is_superuser)
        # Wagtail's site-wide groups are retired by setup_roles.
        self.assertFalse(Group.objects.filter(name__in=["Editors", "Moderators"]).exists())

    # --- Roles and the workflow ---

    def test_roles_and_workflow(self):
        for department in models.Department.objects.all():
            with self.subTest(department=department.slug):
                self.assertIsNotNone(department.editors_group)
                self.assertIsNotNone(department.reviewers_group)
        coordinator = models.Department.objects.get(coordinates_process=True)
        self.assertEqual(coordinator.slug, "participacion-comunitaria")
        workflow = Site.objects.get(is_default_site=True).root_page.get_workflow()
        self.assertEqual(
            [task.name for task in workflow.tasks],
            ["Revisión de la dependencia", "Aprobación de Participación Comunitaria"],
        )
        self.assertEqual(models.Indicator.get_default_workflow(), workflow)
        self.assertEqual(models.Commitment.get_default_workflow(), workflow)

    def test_a_page_waits_for_approval_on_the_reviewers_dashboard(self):
        page = models.DialogueEncounterPage.objects.get(
            slug="mesa-de-seguimiento-compromisos-educacion"
        )
        self.assertFalse(page.live)
        self.assertEqual(page.get_parent().specific.department.slug, "educacion")
        self.assertEqual(page.current_workflow_task.name, "Revisión de la dependencia")
        self.assertEqual(page.current_workflow_state.requested_by.username, "editor.educacion")
        self.assertEqual(WorkflowState.objects.filter(status="in_progress").count(), 2)
        self.assertEqual(self.client.get(page.url).status_code, 404)

        self.log_in("revisor.educacion")
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, page.title)
        self.client.logout()
        self.log_in("editor.salud")
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), page.title)

    def test_an_indicator_change_waits_for_participacion(self):
        indicator = models.Indicator.objects.get(code="220100700")
        self.assertEqual(
            indicator.current_workflow_task.name, "Aprobación de Participación Comunitaria"
        )
        # Citizens still see the approved figures; the draft holds the new measurement.
        self.assertEqual(indicator.latest_measurement.value, Decimal(2300))
        self.assertEqual(
            indicator.get_latest_revision_as_object().latest_measurement.value, Decimal(2900)
        )
        self.assertTrue(indicator.live)
        self.log_in("aprobador.participacion")
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), indicator.name)

    def test_the_editor_finds_a_request_for_changes_with_its_comment(self):
        from django.contrib.admin.utils import quote

        from demo.editorial_state import COMMENT

        commitment = (
            models.Commitment.objects.filter(department__slug="educacion", live=True)
            .order_by("pk")
            .first()
        )
        self.log_in("editor.educacion")
        editor = self.client.get(
            reverse("wagtailsnippets_rendicion_commitment:edit", args=(quote(commitment.pk),))
        )
        self.assertContains(editor, "data-rejection-banner")
        self.assertContains(editor, COMMENT)

    # --- Served ---

    def test_pages_are_served(self):
        home = Site.objects.get(is_default_site=True).root_page
        cycle = models.AccountabilityCycleIndexPage.objects.get(year=2021)
        encounter = models.DialogueEncounterPage.objects.get(modality="rural")
        for page in (home, cycle, encounter):
            with self.subTest(page=page.url_path):
                self.assertEqual(self.client.get(page.url).status_code, 200)


def test_built_pdf_is_well_formed():
    content = build_pdf("Informe (prueba) – Palmira", ["Línea con ñ, ¿acentos? y \\ barra."])
    assert content.startswith(b"%PDF-1.4\n")
    assert content.endswith(b"%%EOF\n")
    # startxref points at the xref table, and each entry at its object's header.
    xref_offset = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[xref_offset:].startswith(b"xref\n0 8\n")
    entries = content[xref_offset:].split(b"\n")[3:10]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert content[offset:].startswith(f"{number} 0 obj".encode())
    assert b"(Informe \\(prueba\\) \x96 Palmira) Tj" in content  # escaped, cp1252 en dash
    assert build_pdf("A", ["b"]) == build_pdf("A", ["b"])  # deterministic


@pytest.mark.django_db
def test_refused_where_demo_data_is_not_allowed(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from rendicion.models import Department

    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="ALLOW_DEMO_DATA"):
        call_command("load_demo_data")
    assert not Department.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_a_demonstration_server_without_a_signing_key_loads_and_signs_nothing(settings):
    from registro.models import Entry, TreeHead

    settings.RECORD_SIGNING_KEY = ""
    settings.RECORD_DEVELOPMENT_KEY = False  # as on production settings
    output = run_command()
    assert "sin RECORD_SIGNING_KEY no se firmó" in output
    assert not TreeHead.objects.exists()
    assert Entry.objects.exists()  # the history is recorded all the same
