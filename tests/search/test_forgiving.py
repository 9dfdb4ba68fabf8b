"""Search that forgives how citizens type: misspellings corrected from the public vocabulary,
synonyms editors manage, SDG goals and targets found by their words, and the searches that
still find nothing listed for editors. Runs on SQLite and PostgreSQL (``.ci/run``)."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command

from search.engine import CitizenSearch
from search.models import SearchSynonym, UnansweredSearch
from search.spelling import sound_key
from search.synonyms import solr_rules, variants
from tests.factories import CycleFactory
from tests.search.test_relevance import describe
from tests.search.test_results import fetch, titles

pytestmark = pytest.mark.django_db

EDUCATION = "page:Secretaría de Educación"
VACCINATION = (
    "indicator:Cobertura de vacunación con esquema completo en niñas y niños menores de un año"
)
HEARING = "page:Audiencia pública participativa de rendición de cuentas 2021"
SCHOOLS = (
    "indicator:Número de Instituciones Educativas con mejoramiento de clasificación de plantel "
    "según las pruebas Saber 11"
)
BILINGUAL = "indicator:Instituciones educativas fortalecidas en competencias de bilingüismo"
ROADS = "indicator:Kilómetros de vías terciarias mejorados"
ELDERLY = "indicator:Personas mayores atendidas en los centros vida"
COMMUNAL = "indicator:Organizaciones comunales y sociales fortalecidas"

# typed → (what must be in the top three, the correction searched instead)
MISSPELLINGS = [
    ("educasion", EDUCATION, "educación"),
    ("vacunasion", VACCINATION, "vacunación"),
    ("audiensia", HEARING, "audiencia"),
    ("audiensia publica", HEARING, "audiencia publica"),
    ("bacunacion", VACCINATION, "vacunación"),
    ("vacunazion", VACCINATION, "vacunación"),
    ("educazion", EDUCATION, "educación"),
    (
        "hectareas restaurasion",
        "indicator:Hectáreas en proceso de restauración ecológica en las "
        "cuencas de los ríos Nima y Amaime",
        "hectareas restauración",
    ),
    (
        "mortalidad imfantil",
        "indicator:Tasa de mortalidad infantil en menores de un año",
        "mortalidad infantil",
    ),
    ("kilometros de bias terciarias", ROADS, "kilometros de vías terciarias"),
    (
        "partisipacion comunitaria",
        "page:Secretaría de Participación Comunitaria",
        "participación comunitaria",
    ),
    ("organisaciones comunales", COMMUNAL, "organizaciones comunales"),
    ("bilinguismo competensias", BILINGUAL, "bilinguismo competencias"),
    (
        "dosentes",
        "indicator:Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        "docentes",
    ),
    (
        "estudiantes ebaluados",
        "indicator:Estudiantes evaluados con pruebas de calidad educativa",
        "estudiantes evaluados",
    ),
    (
        "sistematisacion",
        "page:Informe de sistematización de los diálogos participativos 2021",
        "sistematización",
    ),
    ("ynfraestructura", ROADS, "infraestructura"),
]

# typed → what a citizen means, found through the seeded synonyms
SYNONYMS = [
    ("colegios", SCHOOLS),
    ("colegio", BILINGUAL),
    ("IE", SCHOOLS),
    ("IEO bilinguismo", BILINGUAL),
    ("vias rurales", ROADS),
    ("caminos veredales", ROADS),
    ("tercera edad", ELDERLY),
    ("adulto mayor", ELDERLY),
    ("inmunizacion", VACCINATION),
    ("junta de accion comunal", "page:Gobierno al barrio – Comuna 1"),
]


def search(corpus, query, **options):
    return CitizenSearch(site=corpus.site).run(query, **options)


def top(outcome, within=3):
    return [describe(hit) for hit in outcome.hits[:within]]


@pytest.mark.parametrize(("typed", "expected", "correction"), MISSPELLINGS)
def test_a_misspelling_shows_the_results_of_its_correction(
    search_corpus, typed, expected, correction
):
    outcome = search(search_corpus, typed)
    assert outcome.corrected_from == typed
    assert outcome.corrected_to == correction
    assert expected in top(outcome), top(outcome, 10)


@pytest.mark.parametrize(("typed", "expected"), SYNONYMS)
def test_a_synonym_finds_what_the_portal_calls_otherwise(search_corpus, typed, expected):
    outcome = search(search_corpus, typed)
    assert not outcome.corrected_from
    assert expected in top(outcome, 5), top(outcome, 10)


def test_the_set_is_large_enough():
    # The table (3 misspellings, 2 synonyms, "clima") and at least 20 more.
    assert len(MISSPELLINGS) + len(SYNONYMS) >= 25


def test_sound_key_treats_spanish_spellings_alike():
    for spellings in (
        ["educación", "educasion", "edukacion", "educazion"],
        ["vacunación", "bacunacion", "vacunasion"],
        ["gestión", "jestion"],
        ["habitantes", "abitantes"],
        ["calle", "caye"],
    ):
        assert len({sound_key(word) for word in spellings}) == 1, spellings
    assert sound_key("casa") != sound_key("caja")


@pytest.mark.parametrize(
    "typed", ["220100901", "indicador 220199999", "meta 4.9", "ODS 18", "13.9", "4.z"]
)
def test_codes_and_sdg_targets_are_never_corrected(search_corpus, typed):
    outcome = search(search_corpus, typed)
    assert not outcome.corrected_from
    assert not outcome.suggestion


def test_a_correction_never_comes_from_what_the_public_cannot_see(search_corpus):
    home = search_corpus.site.root_page
    CycleFactory(parent=home, year=2031, title="Xilófonos comunitarios", live=False)
    outcome = search(search_corpus, "xilofonos")
    assert not outcome.hits
    assert not outcome.corrected_from and not outcome.suggestion


def test_a_word_that_is_known_is_not_corrected(search_corpus):
    # "educativa" is in the vocabulary: the search runs as typed, whatever it finds.
    outcome = search(search_corpus, "calidad educativa")
    assert not outcome.corrected_from


def test_clima_finds_goal_13_its_targets_and_their_indicators(search_corpus):
    outcome = search(search_corpus, "clima")
    found = top(outcome, 20)
    assert found[0] == "goal:13"
    assert any(item.startswith("target:13.") for item in found)
    # Linked to target 13.3 in the corpus, found although its name says nothing of climate.
    assert SCHOOLS in found


def test_an_sdg_found_by_its_words_comes_after_what_the_text_search_found(search_corpus):
    found = top(search(search_corpus, "infraestructura"), 30)
    assert ROADS in found[:3]
    assert found.index(ROADS) < found.index("goal:9")


def test_the_results_page_says_what_it_searched_and_offers_the_query_as_typed(
    client, search_corpus
):
    html = fetch(client, {"q": "educasion"})
    assert "Mostrando resultados de <strong>educación</strong>" in html
    assert 'href="?q=educasion&amp;tal_cual=1"' in html
    assert "Secretaría de Educación" in titles(html)

    as_typed = fetch(client, {"q": "educasion", "tal_cual": "1"})
    assert "Mostrando resultados de" not in as_typed
    assert titles(as_typed) == []


def test_an_unclear_correction_is_only_offered(client, search_corpus, monkeypatch):
    from search import engine
    from search.spelling import Correction

    monkeypatch.setattr(engine, "correction_for", lambda text, site: Correction("educación", False))
    html = fetch(client, {"q": "educasion"})
    assert "¿Quiso decir" in html
    assert 'href="?q=educaci%C3%B3n"' in html
    assert titles(html) == []


def test_editors_synonyms_apply_at_once_and_are_checked(client, search_corpus):
    assert "Personas mayores atendidas en los centros vida" not in titles(
        fetch(client, {"q": "abuelos"})
    )
    SearchSynonym.objects.create(term="abuelos", equivalents="personas mayores")
    assert "Personas mayores atendidas en los centros vida" in titles(
        fetch(client, {"q": "abuelos"})
    )
    assert "abuelos, personas mayores" in solr_rules()

    for term, equivalents, field in (
        ("de la", "personas", "term"),
        ("abuelitos", "", "equivalents"),
        ("abuelitos", "abuelitos", "equivalents"),
    ):
        with pytest.raises(ValidationError) as error:
            SearchSynonym(term=term, equivalents=equivalents).full_clean()
        assert field in error.value.message_dict


def test_variants_replace_the_matched_words_only():
    groups = [[("junta", "accion", "comunal"), ("jac",)]]
    assert variants("juntas de acción comunal de la comuna 1", groups) == ["jac comuna 1"]
    assert variants("comuna 1", groups) == []


def test_searches_without_results_are_listed_for_editors(client, search_corpus):
    fetch(client, {"q": "piscina olimpica"})
    assert UnansweredSearch.objects.filter(query_string="piscina olimpica").exists()

    admin = get_user_model().objects.create_superuser("admin-busqueda", "a@example.org", "x")
    client.force_login(admin)
    report = client.get("/admin/reports/busquedas-sin-resultados/")
    assert report.status_code == 200
    assert "piscina olimpica" in report.content.decode()
    export = client.get("/admin/reports/busquedas-sin-resultados/?export=csv")
    assert "piscina olimpica" in export.getvalue().decode()

    editor = get_user_model().objects.create_user("editor-busqueda", "e@example.org", "x")
    client.force_login(editor)
    assert client.get("/admin/reports/busquedas-sin-resultados/").status_code in (302, 403)
    client.logout()

    # Once the portal has something for it, it leaves the list.
    SearchSynonym.objects.create(term="piscina olimpica", equivalents="vías terciarias")
    fetch(client, {"q": "piscina olimpica"})
    assert not UnansweredSearch.objects.filter(query_string="piscina olimpica").exists()


def test_listing_a_search_without_results_keeps_the_page_cache(search_corpus):
    from caching.invalidation import generation

    before = generation()
    UnansweredSearch.objects.create(query_string="nada")
    assert generation() == before


def test_the_synonyms_export_for_a_search_server_follows_the_editors_changes():
    def export(*args):
        out = StringIO()
        call_command("export_search_synonyms", *args, stdout=out)
        return out.getvalue()

    assert "colegio, institucion educativa, ie, ieo" in export()  # the seeded vocabulary
    assert "abuelos" not in export()
    SearchSynonym.objects.create(term="abuelos", equivalents="personas mayores")
    assert "abuelos, personas mayores" in export().splitlines()
    body = json.loads(export("--format", "synonyms-set"))
    rules = [rule["synonyms"] for rule in body["synonyms_set"]]
    assert "abuelos, personas mayores" in rules
    assert len({rule["id"] for rule in body["synonyms_set"]}) == len(rules)


def test_synonyms_kept_in_each_process_follow_a_change_even_after_the_cache_was_emptied():
    assert variants("abuelos") == []  # read, and now kept in this process
    cache.clear()  # Redis restarted, say
    SearchSynonym.objects.create(term="abuelos", equivalents="personas mayores")
    assert variants("abuelos") == ["personas mayores"]
