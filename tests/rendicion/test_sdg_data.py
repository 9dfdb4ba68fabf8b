"""Every install has the 17 SDGs and 169 targets with official UN Spanish titles."""

import importlib
import unicodedata

import pytest
from django.apps import apps as global_apps

from rendicion.models import SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


def test_seventeen_goals_and_169_targets():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert list(SdgGoal.objects.values_list("number", flat=True)) == list(range(1, 18))


def test_spanish_titles_and_official_colours():
    goal = SdgGoal.objects.get(number=4)
    assert goal.short_title == "Educación de Calidad"
    assert goal.title.startswith("Garantizar una educación inclusiva")
    assert goal.colour == "#C5192D"
    assert SdgGoal.objects.get(number=13).short_title == "Acción por el Clima"
    assert SdgTarget.objects.get(code="4.1").title.startswith(
        "De aquí a 2030, asegurar que todas las niñas y todos los niños terminen"
    )
    assert SdgTarget.objects.get(code="13.3").goal.number == 13


def test_target_codes_follow_un_numbering_and_order():
    codes = list(SdgTarget.objects.filter(goal__number=4).values_list("code", flat=True))
    assert codes == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.a", "4.b", "4.c"]
    goal_17 = list(SdgTarget.objects.filter(goal__number=17).values_list("code", flat=True))
    assert goal_17.index("17.19") == len(goal_17) - 1
    assert goal_17.index("17.2") < goal_17.index("17.10")


def test_loading_again_changes_nothing():
    migration = importlib.import_module("rendicion.migrations.0002_load_sdg_goals_and_targets")
    before = list(SdgTarget.objects.order_by("code").values_list("code", "title", "goal__number"))
    migration.load(global_apps, None)
    after = list(SdgTarget.objects.order_by("code").values_list("code", "title", "goal__number"))
    assert before == after
    assert SdgGoal.objects.count() == 17


def test_titles_use_composed_accents_so_typed_words_match():
    # "educación" as typed on a phone is NFC; the UN files ship NFD.
    assert SdgGoal.objects.filter(title__contains="educación").count() == 1
    for title in SdgTarget.objects.values_list("title", flat=True):
        assert unicodedata.is_normalized("NFC", title)
