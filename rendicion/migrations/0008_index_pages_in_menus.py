"""The main menu is built from the home page's children with Wagtail's ``show_in_menus``
(``HomePage.menu_pages``); before, it listed these page types whatever the flag said. Tick
it on the existing pages so the menu stays as it was. New pages of these types have it
ticked by default (``show_in_menus_default``)."""

from django.db import migrations

# Fixed here, not imported: a migration must keep doing what it did when it was written.
MENU_PAGE_MODELS = ("AccountabilityCycleIndexPage", "IndicatorIndexPage", "SdgIndexPage")


def show_in_menus(apps, schema_editor):
    for model_name in MENU_PAGE_MODELS:
        apps.get_model("rendicion", model_name).objects.filter(show_in_menus=False).update(
            show_in_menus=True
        )


class Migration(migrations.Migration):

    dependencies = [
        ("rendicion", "0007_private_images"),
    ]

    operations = [
        # Backwards there is nothing to undo: the flag was not used before.
        migrations.RunPython(show_in_menus, migrations.RunPython.noop),
    ]
