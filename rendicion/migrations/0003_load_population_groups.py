"""Population groups of the rights-based and peace approach, present on every install.

Historically excluded groups are flagged: the strategy asks to reach them first.
"""

from django.db import migrations

GROUPS = [
    ("Mujeres", "mujeres", True),
    ("Niñas, niños y adolescentes", "ninas-ninos-adolescentes", True),
    ("Jóvenes", "jovenes", False),
    ("Personas mayores", "personas-mayores", True),
    ("Personas con discapacidad", "personas-con-discapacidad", True),
    ("Pueblos indígenas", "pueblos-indigenas", True),
    ("Comunidades negras, afrocolombianas, raizales y palenqueras", "comunidades-narp", True),
    ("Pueblo Rrom", "pueblo-rrom", True),
    ("Víctimas del conflicto armado", "victimas-conflicto-armado", True),
    ("Firmantes de paz y personas en reincorporación", "firmantes-de-paz", True),
    ("Población LGBTIQ+", "poblacion-lgbtiq", True),
    ("Población migrante", "poblacion-migrante", True),
    ("Población campesina y rural", "poblacion-campesina-rural", True),
    ("Población en general", "poblacion-general", False),
]


def load(apps, schema_editor):
    PopulationGroup = apps.get_model("rendicion", "PopulationGroup")
    for name, slug, excluded in GROUPS:
        PopulationGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "historically_excluded": excluded})


def unload(apps, schema_editor):
    apps.get_model("rendicion", "PopulationGroup").objects.filter(
        slug__in=[slug for _name, slug, _excluded in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("rendicion", "0002_load_sdg_goals_and_targets")]

    operations = [migrations.RunPython(load, unload)]
