"""StreamField blocks of the portal. Each renders with a template in templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from rendicion.choices import Phase


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"), help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(required=False, label=_("description"))

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        label=_("Paragraph"),
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    document = DocumentBlock()
    embed = EmbedBlock(label=_("Video or embed"), template="blocks/embed_block.html")
    callout = CalloutBlock()

    class Meta:
        label = _("Body")


class DocumentListBlock(blocks.StreamBlock):
    document = DocumentBlock()

    class Meta:
        label = _("Documents")
        template = "blocks/document_list_block.html"


class PhaseBlock(blocks.StructBlock):
    phase = blocks.ChoiceBlock(choices=Phase.choices, label=_("phase"))
    description = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], label=_("description")
    )

    class Meta:
        icon = "list-ol"
        label = _("Phase")
        template = "blocks/phase_block.html"


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(required=False, label=_("time"))
    title = blocks.CharBlock(label=_("item"))
    speaker = blocks.CharBlock(required=False, label=_("speaker"))

    class Meta:
        icon = "time"
        label = _("Agenda item")
        template = "blocks/agenda_item_block.html"


class QuestionBlock(blocks.StructBlock):
    """A question or proposal raised by citizens in a dialogue, and the answer given."""

    KINDS = [
        ("question", _("Question")),
        ("proposal", _("Proposal")),
        ("concern", _("Concern")),
        ("recognition", _("Recognition")),
    ]
    kind = blocks.ChoiceBlock(choices=KINDS, default="question", label=_("kind"))
    text = blocks.TextBlock(label=_("what was said"))
    asked_by = blocks.CharBlock(
        required=False, label=_("raised by"), help_text=_("A group or sector, not a person's name.")
    )
    answer = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link", "ul"], label=_("answer")
    )
    answered_by = blocks.CharBlock(required=False, label=_("answered by"))

    class Meta:
        icon = "help"
        label = _("Question or proposal")
        template = "blocks/question_block.html"


class RightBlock(blocks.StructBlock):
    """How the management respected, protected and guaranteed a right."""

    right = blocks.CharBlock(label=_("right"), help_text=_("E.g. Right to education."))
    how = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], label=_("how it was guaranteed")
    )

    class Meta:
        icon = "pick"
        label = _("Right")
        template = "blocks/right_block.html"
