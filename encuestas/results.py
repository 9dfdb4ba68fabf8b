"""What the admin shows of a survey's submissions: counts and percentages per option of each
choice question, and the submissions as a spreadsheet (rendicion/spreadsheet_safety.py)."""

import csv
import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.models import Page

from encuestas.models import MULTIPLE_CHOICE_FIELD_TYPES
from rendicion.spreadsheet_safety import csv_text, xlsx_value

PERSONAL_DATA_PERMISSION = "encuestas.view_personal_data"


def may_see_personal_data(user):
    return user.has_perm(PERSONAL_DATA_PERMISSION)


@dataclass
class OptionCount:
    label: str
    count: int
    percent: float
    defined: bool = True  # one of the question's current choices


@dataclass
class QuestionSummary:
    label: str
    multiple: bool
    total: int
    options: list = field(default_factory=list)
    unanswered: int = 0

    @property
    def unanswered_percent(self):
        return _percent(self.unanswered, self.total)


def _percent(count, total):
    return round(100 * count / total, 1) if total else 0.0


def _choices(form_field):
    if form_field.field_type == "checkbox":
        return [_("Yes"), _("No")]
    return [value for value, _label in FormBuilder([]).get_formatted_field_choices(form_field)]


def _values(form_field, answer):
    if form_field.field_type == "checkbox":
        return [_("Yes") if answer else _("No")]
    if answer in (None, "", []):
        return []
    return [str(value) for value in answer] if isinstance(answer, list) else [str(answer)]


def summarise(page, submissions):
    """One ``QuestionSummary`` per choice question of ``page`` (personal-data questions
    excepted), over ``submissions``. Percentages are of all the submissions: a question with
    several answers may add up to more than 100 %. One query, whatever the number of rows."""
    questions = [f for f in page.get_form_fields() if f.is_choice and not f.personal_data]
    counts = [dict.fromkeys(_choices(question), 0) for question in questions]
    unanswered = [0] * len(questions)
    total = 0
    for answers in submissions.values_list("form_data", flat=True).iterator():
        total += 1
        for position, question in enumerate(questions):
            values = _values(question, (answers or {}).get(question.clean_name))
            if not values:
                unanswered[position] += 1
            for value in values:
                counts[position][value] = counts[position].get(value, 0) + 1
    summaries = []
    for position, question in enumerate(questions):
        defined = set(_choices(question))
        summaries.append(
            QuestionSummary(
                label=question.label,
                multiple=question.field_type in MULTIPLE_CHOICE_FIELD_TYPES,
                total=total,
                unanswered=unanswered[position],
                options=[
                    OptionCount(label, count, _percent(count, total), label in defined)
                    for label, count in counts[position].items()
                ],
            )
        )
    return summaries


def events_of(submissions):
    """The events the submissions evaluate, for the filter."""
    return Page.objects.filter(pk__in=submissions.values("event")).order_by("title")


# --- Export -------------------------------------------------------------------------------


def export_columns(page, with_personal_data):
    columns = [("submit_time", _("Submission date")), ("event", _("Event"))]
    columns += [
        (form_field.clean_name, form_field.label)
        for form_field in page.get_form_fields()
        if with_personal_data or not form_field.personal_data
    ]
    if with_personal_data:
        columns += [
            ("consent_version", _("Data policy version accepted")),
            ("consented_at", _("Consent given at")),
        ]
    columns.append(("stakeholder_group", _("Stakeholder group")))
    return columns


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "tzinfo"):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    return str(value)


def export_rows(page, submissions, with_personal_data):
    """Header, then one row of text per submission (oldest first)."""
    columns = export_columns(page, with_personal_data)
    yield [label for _name, label in columns]
    rows = submissions.select_related("event", "stakeholder_group").order_by("submit_time", "pk")
    for submission in rows.iterator(chunk_size=500):
        values = {
            **(submission.form_data or {}),
            "submit_time": submission.submit_time,
            "event": submission.event.title if submission.event else "",
            "consent_version": submission.consent_version,
            "consented_at": submission.consented_at,
            "stakeholder_group": (
                submission.stakeholder_group.name if submission.stakeholder_group else ""
            ),
        }
        yield [_text(values.get(name)) for name, _label in columns]


def as_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(rows, title):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([xlsx_value(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
