"""The municipal vocabulary citizens use, as the first synonyms (editors change them later)."""

from django.db import migrations

# term: equivalents — how a Colombian municipality's people and offices say the same thing.
SYNONYMS = {
    "colegio": "institución educativa, IE, IEO, escuela",
    "JAC": "junta de acción comunal, juntas comunales",
    "JAL": "junta administradora local, ediles",
    "PAE": "alimentación escolar, programa de alimentación escolar, restaurante escolar",
    "POT": "plan de ordenamiento territorial",
    "SISBEN": "sistema de identificación de potenciales beneficiarios",
    "vías terciarias": "vías rurales, caminos veredales, vías veredales",
    "adulto mayor": "personas mayores, tercera edad, centros vida",
    "NNA": "niñez y adolescencia, infancia y adolescencia",
    "PDM": "plan de desarrollo municipal, plan de desarrollo",
    "RdC": "rendición de cuentas",
    "ODS": "objetivos de desarrollo sostenible",
    "vacunación": "inmunización, vacunas",
    "basuras": "residuos sólidos, aseo",
    "EPS": "entidad promotora de salud",
    "acueducto": "agua potable",
}


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for term, equivalents in SYNONYMS.items():
        SearchSynonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms_and_unanswered_searches")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
