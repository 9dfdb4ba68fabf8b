"""How the admin's forms show two kinds of field, for every model at once (Wagtail's
``register_form_field_override``, which keeps one value per field class).

**Addresses (slugs) in ASCII** (docs/editorial-creation.md). ``WAGTAIL_ALLOW_UNICODE_SLUGS =
False`` makes Wagtail fill a new page's address from its title without accents, but when an
editor types one by hand, Wagtail's field *drops* the accented letters on leaving it ("Señales
públicas" → "seales-pblicas"). Here the field transliterates instead ("senales-publicas"), as
it does from the title, and the server refuses a non-ASCII address that reaches it without the
browser's help.

**Decimals without trailing zeros** (docs/editorial-state.md). Values are stored with four
decimal places, and Django shows them so: a baseline of 400 reads "400.0000" and 1050 reads
"1050.0000", which a Colombian reads as four hundred thousand (the dot groups thousands here).
The field shows the number as it was typed: "400", "1050", "61.5".
"""

from decimal import Decimal

from django import forms
from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

TRANSLITERATE_ON_BLUR = (
    "blur->w-slug#urlify w-sync:check->w-slug#compare w-sync:apply->w-slug#urlify:prevent"
)


class AsciiSlugInput(SlugInput):
    def __init__(self, attrs=None, **kwargs):
        super().__init__({"data-action": TRANSLITERATE_ON_BLUR, **(attrs or {})}, **kwargs)


class PlainDecimalInput(forms.NumberInput):
    def format_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            # normalize() drops trailing zeros; "f" keeps 1E+3 as "1000".
            value = format(value.normalize(), "f")
        return super().format_value(value)


def register():
    register_form_field_override(
        models.SlugField, override={"widget": AsciiSlugInput, "allow_unicode": False}
    )
    register_form_field_override(models.DecimalField, override={"widget": PlainDecimalInput})
