"""The charts on the public pages: the indicator's trend and progress sentence, its
downloads, the status summaries of the SDG pages and the cycle's dashboard, and what each
costs in queries (docs/indicator-charts.md)."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from rendicion.models import Indicator, IndicatorMeasurement, IndicatorYearTarget, SdgGoal
from rendicion.progress import Progress
from tests.factories import (
    CommitmentFactory,
    CycleFactory,
    DepartmentFactory,
    EncounterFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    SdgIndexFactory,
    home_page,
)
from tests.rendicion.test_page_rendering import BUDGET

pytestmark = pytest.mark.django_db

D = Decimal
TEXT_BASELINE = "08 IE clasificación C"


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def measure(indicator, *values, start=2020):
    for i, value in enumerate(values):
        MeasurementFactory(
            indicator=indicator,
            period=str(start + i),
            date=datetime.date(start + i, 12, 31),
            value=D(value),
        )
    return indicator


@pytest.fixture
def site():
    home = home_page()
    return {
        "home": home,
        "indicators": IndicatorIndexFactory(parent=home),
        "sdgs": SdgIndexFactory(parent=home),
    }


@pytest.fixture
def education():
    return DepartmentFactory(name="Secretaría de Educación", slug="secretaria-de-educacion")


@pytest.fixture
def health():
    return DepartmentFactory(name="Secretaría de Salud", slug="secretaria-de-salud")


@pytest.fixture
def teachers(site, education):
    indicator = IndicatorFactory(
        code="220100900",
        name="Docentes beneficiados",
        department=education,
        baseline_value=D(400),
        target_value=D(1050),
        sdg_targets=["4.c"],
    )
    IndicatorYearTarget.objects.create(indicator=indicator, year=2022, value=D(700))
    return measure(indicator, 600, 800, start=2020)


@pytest.fixture
def goal_four(site, education, health):
    """Indicators of SDG 4 in each status, and some that must not count."""
    made = {
        "met": measure(IndicatorFactory(department=education, sdg_targets=["4.1"]), 100),
        "in_progress": measure(IndicatorFactory(department=education, sdg_targets=["4.2"]), 40),
        "behind": measure(
            IndicatorFactory(department=health, baseline_value=D(10), sdg_targets=["4.1"]), 5
        ),
        "no_measurement": IndicatorFactory(department=health, sdg_targets=["4.3"]),
        "qualitative": measure(
            IndicatorFactory(
                department=health,
                baseline_value=None,
                baseline_text=TEXT_BASELINE,
                sdg_targets=["4.1"],
            ),
            3,
        ),
    }
    # Linked to two targets of goal 4 and to goal 4 itself: counted once.
    both = measure(IndicatorFactory(department=education, sdg_targets=["4.1", "4.5"]), 60)
    both.sdg_goals.set(SdgGoal.objects.filter(number=4))
    made["both"] = both
    # Never approved: counted nowhere.
    measure(IndicatorFactory(department=education, live=False, sdg_targets=["4.1"]), 100)
    # Another goal only.
    measure(IndicatorFactory(department=health, sdg_targets=["3.1"]), 100)
    return made


# --- The indicator page --------------------------------------------------------------------


def test_the_indicator_page_draws_its_trend_with_a_spanish_text_alternative(client, teachers):
    html = fetch(client, "/indicadores/220100900/")
    svg = re.search(r"<svg class=\"chart__svg\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="tendencia-titulo tendencia-resumen"' in svg
    title = re.search(r'<title id="tendencia-titulo">(.*?)</title>', svg, re.S).group(1)
    desc = re.search(r'<desc id="tendencia-resumen">(.*?)</desc>', svg, re.S).group(1)
    assert "Evolución del indicador" in title and "Docentes beneficiados" in title
    assert "Línea base 400" in desc and "2020, 600; 2021, 800" in desc and "Meta 1.050" in desc
    assert "61,5 % del camino entre la línea base y la meta" in desc
    assert svg.count('class="chart__point chart__point--measurement"') == 2
    assert "<script" not in svg
    # The data table is beside it, and the sentence is written out.
    assert 'class="table table--measurements"' in html
    assert "(800 − 400) ÷ (1.050 − 400) = 61,5" in text_of(html).replace("\u00a0", " ")


def test_a_qualitative_indicator_has_no_chart_and_says_why(client, site, education):
    indicator = measure(
        IndicatorFactory(
            code="220100901",
            department=education,
            baseline_value=None,
            baseline_text=TEXT_BASELINE,
        ),
        3,
    )
    html = fetch(client, indicator.get_url())
    assert "chart__svg" not in html
    assert (
        "Este indicador no tiene gráfica: su línea base o su meta se describe con palabras" in html
    )
    assert "se describe con palabras, y una descripción no se puede ubicar" in html


def test_without_a_measurement_the_chart_shows_the_way_and_the_sentence_says_so(
    client, site, education
):
    indicator = IndicatorFactory(code="220100902", department=education)
    html = fetch(client, indicator.get_url())
    svg = re.search(r"<svg class=\"chart__svg\".*?</svg>", html, re.S).group(0)
    assert "chart__point--baseline" in svg and "chart__point--target" in svg
    assert "chart__point--measurement" not in svg and "chart__line" not in svg
    assert "Aún sin medición." in svg
    assert "El avance aún no se puede calcular: el indicador aún no tiene medición." in html


# --- Downloads -----------------------------------------------------------------------------


def test_the_indicator_page_links_its_downloads(client, teachers):
    html = fetch(client, "/indicadores/220100900/")
    assert 'href="/datos/indicadores/220100900.csv"' in html
    assert 'href="/datos/indicadores/220100900.json"' in html


def test_the_json_download_has_the_indicator_its_measurements_and_year_targets(client, teachers):
    response = client.get("/datos/indicadores/220100900.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["conjunto"] == "indicador"
    assert data["indicador"]["codigo"] == "220100900"
    assert data["indicador"]["linea_base"] == 400 and data["indicador"]["meta"] == 1050
    assert data["indicador"]["avance_porcentaje"] == 61.5
    assert [(m["periodo"], m["valor"]) for m in data["mediciones"]] == [
        ("2020", 600),
        ("2021", 800),
    ]
    assert data["metas_anuales"] == [{"anio": 2022, "meta": 700, "meta_texto": None}]
    assert data["licencia"]["id"]


def test_the_csv_download_is_the_import_format_row(client, teachers):
    response = client.get("/datos/indicadores/220100900.csv")
    assert response.status_code == 200
    assert "indicador-220100900.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    cells = dict(zip(header, row, strict=True))
    assert cells["Código"] == "220100900"
    assert cells["Avance 2020"] == "600" and cells["Avance 2021"] == "800"
    assert cells["Meta 2022"] == "700"


def test_a_formula_typed_as_a_name_is_neutralised_in_the_csv(client, site, education):
    IndicatorFactory(code="220100903", department=education, name='=HYPERLINK("http://x")')
    body = client.get("/datos/indicadores/220100903.csv").content.decode("utf-8-sig")
    assert ";'=HYPERLINK" in body or ";\"'=HYPERLINK" in body
    assert ";=HYPERLINK" not in body and ';"=HYPERLINK' not in body


def test_a_change_in_review_does_not_leak_into_the_downloads(client, teachers):
    teachers.name = "Nombre en revisión"
    teachers.target_value = D(9999)
    teachers.measurements.add(
        IndicatorMeasurement(period="2022", date=datetime.date(2022, 12, 31), value=D(4321))
    )
    teachers.save_revision()
    for url in ("/datos/indicadores/220100900.csv", "/datos/indicadores/220100900.json"):
        body = client.get(url).content.decode("utf-8-sig")
        assert "Nombre en revisión" not in body and "9999" not in body and "4321" not in body, url
        assert "Docentes beneficiados" in body


def test_an_indicator_never_approved_has_no_download(client, site, education):
    IndicatorFactory(code="220100904", department=education, live=False)
    for extension in ("csv", "json"):
        assert client.get(f"/datos/indicadores/220100904.{extension}").status_code == 404
    assert client.get("/datos/indicadores/no-existe.json").status_code == 404


def test_the_downloads_answer_conditional_gets(client, teachers):
    for url in ("/datos/indicadores/220100900.csv", "/datos/indicadores/220100900.json"):
        etag = client.get(url)["ETag"]
        assert etag.startswith('W/"')
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    measure(teachers, 900, start=2022)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


# --- Status summaries ----------------------------------------------------------------------


def test_status_summaries_count_each_public_indicator_once(goal_four):
    summaries = Indicator.objects.filter(live=True).status_summaries_by_goal()
    goal = SdgGoal.objects.get(number=4)
    summary = summaries[goal.pk]
    assert summary.counts == (
        (Progress.MET, 1),
        (Progress.IN_PROGRESS, 2),  # 40 % and the one linked three ways, 60 %
        (Progress.BEHIND, 1),
        (Progress.NO_MEASUREMENT, 1),
        (Progress.NOT_COMPUTABLE, 1),
    )
    assert summaries[SdgGoal.objects.get(number=3).pk].total == 1
    assert SdgGoal.objects.get(number=5).pk not in summaries


def test_the_goal_page_shows_its_status_summary_in_words(client, goal_four):
    html = fetch(client, "/ods/4/")
    text = text_of(html)
    for phrase in (
        "1 indicador con la meta cumplida",
        "2 indicadores en curso",
        "1 indicador por debajo de su línea base",
        "1 indicador aún sin medición",
        "1 indicador con meta cualitativa",
    ):
        assert phrase in text, phrase
    assert "Cómo se define cada estado" in html


def test_the_sdg_index_tiles_show_each_goals_summary(client, goal_four):
    html = fetch(client, "/ods/")
    tiles = re.findall(r'<a class="sdg-tile".*?</a>', html, re.S)
    assert len(tiles) == 17
    four = text_of(tiles[3])
    assert "6 indicadores" in four
    assert "1 cumplido, 2 en curso, 1 rezagado, 1 sin medición, 1 cualitativo" in four
    assert "1 cumplido" in text_of(tiles[2])
    assert "status-bar" not in tiles[4]  # a goal without indicators draws no bar


# --- The cycle's dashboard -----------------------------------------------------------------


@pytest.fixture
def cycle_with_commitments(site, education, health):
    cycle = CycleFactory(parent=site["home"], year=2021, slug="rendicion-de-cuentas-2021")
    encounter = EncounterFactory(parent=cycle, title="Encuentro", department=education)
    hidden = EncounterFactory(parent=cycle, title="Encuentro privado", department=education)
    hidden.unpublish()
    today = timezone.localdate()
    past, future = today - datetime.timedelta(days=10), today + datetime.timedelta(days=30)
    cases = [
        ("fulfilled", past),
        ("fulfilled", None),
        ("in_progress", future),
        ("in_progress", past),  # overdue
        ("pending", None),
        ("pending", past),  # overdue
        ("not_fulfilled", past),  # overdue
        ("not_fulfilled", future),
    ]
    for state, due in cases:
        CommitmentFactory(origin_page=encounter, department=education, status=state, due_date=due)
    CommitmentFactory(origin_page=encounter, department=education, status="pending", live=False)
    CommitmentFactory(origin_page=hidden, department=education, status="fulfilled")
    return cycle


def test_the_cycle_dashboard_counts_commitments_overdue_first(client, cycle_with_commitments):
    summary = cycle_with_commitments.dashboard()["commitments"]
    assert dict(summary.counts) == {
        "fulfilled": 2,
        "in_progress": 1,
        "pending": 1,
        "overdue": 3,
        "not_fulfilled": 1,
    }
    html = fetch(client, cycle_with_commitments.url)
    text = text_of(html)
    assert "2 compromisos cumplidos" in text and "3 compromisos vencidos" in text
    rows = dict(
        re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', html)
    )
    assert rows["Vencido"] == "3" and rows["Cumplido"] == "2" and rows["Total"] == "8"


def test_the_cycle_dashboard_counts_indicators_by_goal_and_department(
    client, cycle_with_commitments, goal_four, education, health
):
    dashboard = cycle_with_commitments.dashboard()
    goals = {goal.number: summary for goal, summary in dashboard["goals"]}
    assert set(goals) == {3, 4}
    assert goals[4].total == 6 and goals[3].total == 1
    departments = {department.pk: summary for department, summary in dashboard["departments"]}
    assert departments[education.pk].counts == (
        (Progress.MET, 1),
        (Progress.IN_PROGRESS, 2),
        (Progress.BEHIND, 0),
        (Progress.NO_MEASUREMENT, 0),
        (Progress.NOT_COMPUTABLE, 0),
    )
    assert departments[health.pk].total == 4
    assert dashboard["indicators"].total == 7
    html = fetch(client, cycle_with_commitments.url)
    assert 'id="tablero"' in html and 'href="#tablero"' in html
    assert "Indicadores por dependencia" in html and "Secretaría de Salud" in html
    assert "ODS 4 · " in html


# --- Query budgets -------------------------------------------------------------------------


def add_indicators(n, departments, numbers=(4, 13, 3)):
    from rendicion.models import SdgTarget

    targets = list(SdgTarget.objects.filter(goal__number__in=numbers))
    goals = list(SdgGoal.objects.filter(number__in=numbers))
    for i in range(n):
        indicator = IndicatorFactory(department=departments[i % len(departments)])
        indicator.sdg_targets.set(targets[i % len(targets) : i % len(targets) + 2])
        indicator.sdg_goals.set(goals[i % len(goals) : i % len(goals) + 1])
        measure(indicator, i, i + 10)


def queries_of(client, url, django_assert_max_num_queries, budget):
    fetch(client, url)  # warm the per-process caches
    with django_assert_max_num_queries(budget) as captured:
        fetch(client, url)
    return len(captured)


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # The pages' own budgets (tests/rendicion/test_page_rendering.py), chrome included.
        ("/indicadores/220100900/", BUDGET["indicator_detail"]),
        ("/ods/4/", BUDGET["sdg_goal"]),
        ("/ods/", BUDGET["sdg_index"]),
        ("/rendicion-de-cuentas-2021/", BUDGET["cycle"]),
    ],
)
def test_the_chart_pages_cost_the_same_queries_with_many_more_indicators(
    client,
    teachers,
    cycle_with_commitments,
    education,
    health,
    django_assert_max_num_queries,
    url,
    budget,
):
    add_indicators(3, [education, health])
    few = queries_of(client, url, django_assert_max_num_queries, budget)
    more = [DepartmentFactory(name=f"Secretaría {i}", slug=f"secretaria-{i}") for i in range(4)]
    add_indicators(30, [education, health, *more])
    measure(teachers, 900, 950, start=2022)
    assert queries_of(client, url, django_assert_max_num_queries, budget) == few


def test_the_goal_summary_is_the_summary_of_the_indicators_contributing_to_it(goal_four):
    from rendicion.models.indicators import public_status_overview

    goal = SdgGoal.objects.get(number=4)
    direct = Indicator.objects.filter(live=True).contributing_to(goal).status_summary()
    assert public_status_overview()["by_goal"][goal.pk] == direct
    assert direct.total == 6


def test_the_cached_statuses_follow_the_next_public_change(
    goal_four, monkeypatch, django_assert_num_queries
):
    """Kept in the cache between requests (outside a transaction), until any write."""
    import types

    from caching import invalidation
    from rendicion.models.indicators import public_status_overview

    outside = types.SimpleNamespace(in_atomic_block=False, run_on_commit=[])
    monkeypatch.setattr(
        invalidation,
        "transaction",
        types.SimpleNamespace(get_connection=lambda *a: outside, on_commit=lambda *a, **k: None),
    )
    goal = SdgGoal.objects.get(number=4)
    before = public_status_overview()["by_goal"][goal.pk]
    with django_assert_num_queries(0):
        assert public_status_overview()["by_goal"][goal.pk] == before
    measure(goal_four["in_progress"], 100, start=2022)  # now met
    after = public_status_overview()["by_goal"][goal.pk]
    assert (before.met, after.met) == (1, 2)
