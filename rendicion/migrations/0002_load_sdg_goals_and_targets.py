"""Load the 17 SDGs and 169 targets with their official UN Spanish titles.

Source: open-sdg translations (MIT licence, see rendicion/data/LICENSE.sdg-translations).
"""

import json
import unicodedata
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "sdg_es.json"


def position_for(code):
    goal, _sep, suffix = code.partition(".")
    if suffix.isdigit():
        return int(goal) * 1000 + int(suffix)
    return int(goal) * 1000 + 500 + (ord(suffix.lower()) - ord("a"))


def nfc(text):
    # The UN source files use decomposed accents (NFD); citizens type composed ones (NFC).
    return unicodedata.normalize("NFC", text)


def load(apps, schema_editor):
    SdgGoal = apps.get_model("rendicion", "SdgGoal")
    SdgTarget = apps.get_model("rendicion", "SdgTarget")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    goals = {}
    for item in data["goals"]:
        goals[item["number"]], _created = SdgGoal.objects.update_or_create(
            number=item["number"],
            defaults={"short_title": nfc(item["short_title"]), "title": nfc(item["title"]),
                      "colour": item["colour"]},
        )
    for item in data["targets"]:
        SdgTarget.objects.update_or_create(
            code=item["code"],
            defaults={"goal": goals[item["goal"]], "title": nfc(item["title"]),
                      "position": position_for(item["code"])},
        )


def unload(apps, schema_editor):
    apps.get_model("rendicion", "SdgTarget").objects.all().delete()
    apps.get_model("rendicion", "SdgGoal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("rendicion", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
