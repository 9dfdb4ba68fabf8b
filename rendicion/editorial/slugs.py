"""ASCII addresses for every slug the admin edits (docs/editorial-creation.md).

``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` makes Wagtail fill a new page's address from its title
without accents, but when an editor types an address by hand, Wagtail's field *drops* the
accented letters on leaving it ("Señales públicas" → "seales-pblicas"). Here the field
transliterates instead ("senales-publicas"), as it does from the title, and the server refuses
a non-ASCII address that reaches it without the browser's help.
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

TRANSLITERATE_ON_BLUR = (
    "blur->w-slug#urlify w-sync:check->w-slug#compare w-sync:apply->w-slug#urlify:prevent"
)


class AsciiSlugInput(SlugInput):
    def __init__(self, attrs=None, **kwargs):
        super().__init__({"data-action": TRANSLITERATE_ON_BLUR, **(attrs or {})}, **kwargs)


def register():
    # Replaces Wagtail's own override for SlugField (the registry keeps one value per class).
    register_form_field_override(
        models.SlugField, override={"widget": AsciiSlugInput, "allow_unicode": False}
    )
