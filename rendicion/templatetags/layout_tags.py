"""Template tags for the parts pages are built of.

``{% section %}`` wraps its content in ``includes/section.html``: a ``<section>`` labelled by
its ``<h2>`` heading. The heading's id is given, never made up, so each stays unique on its
page (the ``aria-labelledby`` of a section must name one element)::

    {% section "informes-title" _("Reports") id="informes" %}
      <ul class="item-list">…</ul>
    {% endsection %}

Options: ``id`` (the section's own id, an anchor for the page's table of contents),
``class`` ("section" by default; "" for none), ``heading_class`` and ``eyebrow`` (a line
shown above the heading). A heading with markup or plurals is made first with
``{% blocktranslate … asvar heading %}`` and passed as a variable.
"""

from django import template
from django.template.base import token_kwargs

register = template.Library()

SECTION_TEMPLATE = "includes/section.html"
SECTION_OPTIONS = {"id", "class", "heading_class", "eyebrow"}


class SectionNode(template.Node):
    def __init__(self, nodelist, heading_id, heading, options):
        self.nodelist = nodelist
        self.heading_id = heading_id
        self.heading = heading
        self.options = options

    def render(self, context):
        options = {name: value.resolve(context) for name, value in self.options.items()}
        values = {
            "heading_id": self.heading_id.resolve(context),
            "heading": self.heading.resolve(context),
            "section_id": options.get("id", ""),
            "section_class": options.get("class", "section"),
            "heading_class": options.get("heading_class", ""),
            "eyebrow": options.get("eyebrow", ""),
            "content": self.nodelist.render(context),
        }
        section = context.template.engine.get_template(SECTION_TEMPLATE)
        return section.render(context.new(values))


@register.tag("section")
def do_section(parser, token):
    bits = token.split_contents()
    tag_name = bits.pop(0)
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"{tag_name} takes the heading's id and the heading, then options"
        )
    heading_id, heading = (parser.compile_filter(bit) for bit in bits[:2])
    remaining = bits[2:]
    options = token_kwargs(remaining, parser, support_legacy=False)
    if remaining or not set(options) <= SECTION_OPTIONS:
        raise template.TemplateSyntaxError(
            f"{tag_name} options are name=value pairs among {sorted(SECTION_OPTIONS)}"
        )
    nodelist = parser.parse(("endsection",))
    parser.delete_first_token()
    return SectionNode(nodelist, heading_id, heading, options)
