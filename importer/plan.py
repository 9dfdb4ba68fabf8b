"""From the rows of a file to a plan: what will be created, changed or left alone, and why not.

Nothing here writes to the database. Departments, SDG targets, slugs and the existing
indicators the file names are loaded once, so the work grows with the file, not with queries
per row.
"""

import hashlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import pgettext_lazy
from wagtail.models import WorkflowMixin, WorkflowState

from importer.cells import (
    NumberError,
    Quantity,
    clean_text,
    fold,
    fold_words,
    format_number,
    read_number,
    read_period,
    read_quantity,
    read_sdg_targets,
)
from importer.columns import (
    COLUMNS,
    COLUMNS_BY_KEY,
    CURRENT_YEAR,
    DIRECTION_VALUES,
    KIND_VALUES,
    MEASUREMENT_PREFIX,
    YEAR_TARGET_PREFIX,
    choice_for,
    choice_label,
    match_column,
    match_read_only_column,
    measurement_period_text,
    sdg_cell,
    year_target_header,
)
from importer.problems import Problem
from importer.reader import FileReadError, read_file
from rendicion.models import Department, Indicator, SdgGoal, SdgTarget

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
# How a created or updated indicator reaches the public site.
PUBLISH, SUBMIT, DRAFT = "publish", "submit", "draft"
# With a context: Wagtail's own "Published" is translated for pages (feminine in Spanish).
MODE_LABELS = {
    PUBLISH: pgettext_lazy("indicator import outcome", "Published"),
    SUBMIT: pgettext_lazy("indicator import outcome", "Sent for approval"),
    DRAFT: pgettext_lazy("indicator import outcome", "Draft"),
}

LIMITS = {"code": 30, "name": 500, "unit": 100, "text": 500, "plan_line": 300, "programme": 300}
QUERY_CHUNK = 500  # ids per IN (...) clause, well below SQLite's variable limit
EMPTY = "—"
# How close (difflib's ratio, 0–1) an unknown department must be to one of the names and
# aliases to be suggested, compared without the words every name shares: "Secretaria de
# Educasion" is close to "Secretaría de Educación", "Secretaría de Hacienda" to none.
SUGGESTION_CUTOFF = 0.75
# How close the words after a goal's number must be to the goal's title ("4 - Educación de
# calidad"); anything else written there is an error, not silently ignored.
GOAL_NAME_CUTOFF = 0.8
GENERIC_DEPARTMENT_WORDS = {
    "secretaria", "sec", "departamento", "dpto", "administrativo", "oficina", "direccion",
    "dependencia", "municipal", "de", "del", "la", "las", "los", "el", "y", "e",
}  # fmt: skip


class FullAccess:
    """What the management command may do: everything, publishing directly."""

    def can_add(self, indicator=None):
        return True

    def can_change(self, indicator):
        return True

    def can_publish(self, indicator=None):
        return True

    def lock_blocks(self, indicator):
        return indicator.locked


class UserAccess(FullAccess):
    """What an admin user may do, from the indicator snippet's permission policy."""

    def __init__(self, user, policy):
        self.user = user
        self.policy = policy

    def can_add(self, indicator=None):
        """``indicator``: the unsaved candidate, whose department must be one of the user's."""
        if indicator is None:
            return self.policy.user_has_permission(self.user, "add")
        return self.policy.user_has_permission_for_instance(self.user, "add", indicator)

    def can_change(self, indicator):
        return self.policy.user_has_permission_for_instance(self.user, "change", indicator)

    def can_publish(self, indicator=None):
        if indicator is None:
            return self.policy.user_has_permission(self.user, "publish")
        return self.policy.user_has_permission_for_instance(self.user, "publish", indicator)

    def lock_blocks(self, indicator):
        lock = indicator.get_lock()
        return bool(lock and lock.for_user(self.user))


@dataclass
class Header:
    row: int
    fields: dict  # column key → index
    names: dict  # column key → header as written in the file
    periods: list  # [(index, header as written, Period)]
    year_targets: list  # [(index, header as written, year)]: "Meta 2021", "Meta vigencia"
    complete: bool  # every required column is present; rows under it are read


@dataclass
class Change:
    label: str  # the column as the format names it
    old: str
    new: str


@dataclass
class RowData:
    row: int
    code: str = ""
    name: str = ""
    kind: str | None = None
    unit: str = ""
    baseline: Quantity = Quantity(None, "")
    target: Quantity = Quantity(None, "")
    department: Department | None = None
    plan_line: str | None = None
    programme: str | None = None
    direction: str | None = None
    sdg_targets: list | None = None  # None: no ODS column
    sdg_goals: list | None = None  # goals written without a target; None: no ODS column
    measurements: dict = field(default_factory=dict)  # Period → Decimal
    year_targets: dict = field(default_factory=dict)  # year → Quantity
    slug: str = ""  # given to indicators to be created


@dataclass
class PlanItem:
    row: int
    action: str
    data: RowData
    indicator: Indicator | None = None  # the existing one, for updates
    changes: list = field(default_factory=list)
    mode: str | None = None
    workflow: object = None
    workflow_state: object = None  # a workflow waiting for changes, resumed on import

    @property
    def code(self):
        return self.data.code

    @property
    def name(self):
        return self.data.name

    @property
    def mode_label(self):
        return MODE_LABELS.get(self.mode, "")


@dataclass
class Plan:
    update: bool
    items: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    sheet: str = ""
    # The file could not be read at all (unreadable, over a limit…): the only error.
    file_error: Problem | None = None

    @property
    def ok(self):
        return not self.errors

    def of_action(self, action):
        return [item for item in self.items if item.action == action]

    @property
    def to_create(self):
        return self.of_action(CREATE)

    @property
    def to_update(self):
        return self.of_action(UPDATE)

    @property
    def unchanged(self):
        return self.of_action(UNCHANGED)

    @property
    def to_submit(self):
        return [item for item in self.items if item.mode == SUBMIT]

    @property
    def to_draft(self):
        return [item for item in self.items if item.mode == DRAFT]

    @property
    def sorted_errors(self):
        return sorted(self.errors, key=lambda p: (p.row or 0, p.column or ""))

    def digest(self):
        """Fingerprint of what applying the plan would do: the preview and the confirmation
        must agree, or the data changed in between."""
        digest = hashlib.sha256(str(self.update).encode())
        for item in self.items:
            digest.update(repr((item.row, item.action, item.mode, item.code, item.name)).encode())
            for change in item.changes:
                digest.update(repr((change.label, change.old, change.new)).encode())
        for problem in self.errors:
            digest.update(repr((problem.code, problem.row, problem.column)).encode())
        return digest.hexdigest()


# --- Reading the rows ---------------------------------------------------------------------


def _header_in(values):
    """For a header row (the Indicador column and at least two other known columns), its
    columns as {key: index}; None for any other row."""
    fields, others = {}, 0
    for index, value in enumerate(values):
        text = clean_text(value)
        column = match_column(text)
        if column:
            fields.setdefault(column.key, index)
            others += 1
        elif measurement_period_text(text) is not None:
            others += 1
    if "name" not in fields or others < 3:
        return None
    return fields


def _read_header(row_number, values, plan):
    fields, names, periods, seen_periods, year_targets, read_only = {}, {}, [], {}, [], []
    for index, value in enumerate(values):
        text = clean_text(value)
        if not text:
            continue
        column = match_column(text)
        if column:
            if column.key in fields:
                plan.errors.append(Problem("duplicate_column", row_number, text, {"column": text}))
                continue
            fields[column.key], names[column.key] = index, text
            continue
        if match_read_only_column(text):
            # Computed by the portal (the public files add them): never imported.
            read_only.append(text)
            continue
        year = year_target_header(text)
        if year is not None:
            year_targets.append((index, text, year))
            continue
        period_text = measurement_period_text(text)
        if period_text is not None:
            period = read_period(period_text)
            if period is None:
                plan.errors.append(Problem("unknown_period", row_number, text, {"column": text}))
            elif period.label in seen_periods:
                plan.errors.append(
                    Problem("duplicate_period", row_number, text, {"period": period.label})
                )
            else:
                seen_periods[period.label] = index
                periods.append((index, text, period))
            continue
        plan.notices.append(Problem("ignored_column", row_number, text, {"column": text}))
    _note_read_only_columns(row_number, read_only, plan)
    year_targets = _year_target_columns(row_number, year_targets, periods, plan)
    complete = True
    for column in COLUMNS:
        if column.required and column.key not in fields:
            complete = False
            plan.errors.append(
                Problem("missing_column", row_number, column.header, {"column": column.header})
            )
    return Header(row_number, fields, names, periods, year_targets, complete)


def _note_read_only_columns(row_number, headers, plan):
    """One notice naming the header row's read-only columns, which were skipped."""
    if headers:
        columns = ", ".join(f"“{text}”" for text in headers)
        plan.notices.append(Problem("read_only_columns", row_number, None, {"columns": columns}))


def _year_target_columns(row_number, columns, periods, plan):
    """The year of each "Meta <year>" column; "Meta vigencia" takes the year of the Avance
    columns, when they all fall in one year."""
    measured_years = {period.date.year for _index, _text, period in periods}
    resolved, seen = [], set()
    for index, text, year in columns:
        if year == CURRENT_YEAR:
            if len(measured_years) != 1:
                plan.errors.append(Problem("unknown_target_year", row_number, text))
                continue
            year = next(iter(measured_years))
        if not 1900 <= year <= 2200:
            plan.errors.append(Problem("unknown_target_year", row_number, text))
        elif year in seen:
            plan.errors.append(Problem("duplicate_year_target", row_number, text, {"year": year}))
        else:
            seen.add(year)
            resolved.append((index, text, year))
    return resolved


def _best_sheet(sheets):
    """The sheet (or CSV delimiter) whose first header row recognises the most columns."""
    best, best_score = None, 0
    for sheet in sheets:
        for _row_number, values in sheet.rows[:50]:
            fields = _header_in(values)
            if fields:
                if len(fields) > best_score:
                    best, best_score = sheet, len(fields)
                break
    return best


def _is_subheading(values, header):
    """A row with one distinct text, written in the first column or the Indicador column
    (or merged across the row): a programme heading such as "entornos escolares"."""
    filled = [(index, clean_text(v)) for index, v in enumerate(values) if clean_text(v)]
    if not filled or len({text for _index, text in filled}) != 1:
        return None
    first_index, text = filled[0]
    if len(filled) > 1 or first_index in (0, header.fields.get("name")):
        return text
    return None


def _distinctive(name):
    """A department's name without the words most names share ("Secretaría de …")."""
    words = fold_words(name).split()
    kept = [word for word in words if word not in GENERIC_DEPARTMENT_WORDS]
    return " ".join(kept or words)


class _Context:
    """Lookups loaded once per plan."""

    def __init__(self):
        departments = list(Department.objects.all())
        # Names first; then the other names (aliases) the department's form lists; then an
        # acronym or slug. An alias, acronym or slug claimed by two departments matches none.
        by_name = {}
        for department in departments:
            by_name.setdefault(fold(department.name), department)
        by_other, ambiguous = {}, set()
        for keys_of in (
            lambda d: {fold(alias) for alias in d.alias_list},
            lambda d: {fold(d.acronym), fold(d.slug)},
        ):
            claimed = {}
            for department in departments:
                for key in keys_of(department) - {""}:
                    if key in by_name or key in by_other:
                        continue
                    if claimed.setdefault(key, department) != department:
                        ambiguous.add(key)
            by_other.update(claimed)
        self.departments = {
            **{key: d for key, d in by_other.items() if key not in ambiguous},
            **by_name,
        }
        # For "did you mean": every name and alias by its distinctive words.
        self.department_spellings = {}
        for department in departments:
            for spelling in [department.name, *department.alias_list]:
                self.department_spellings.setdefault(_distinctive(spelling), department)
        self.targets = {target.code: target for target in SdgTarget.objects.all()}
        self.goals = {goal.number: goal for goal in SdgGoal.objects.all()}

    def closest_department(self, text):
        """The department whose name or alias is closest to ``text``, or None."""
        matches = get_close_matches(
            _distinctive(text), self.department_spellings, n=1, cutoff=SUGGESTION_CUTOFF
        )
        return self.department_spellings[matches[0]] if matches else None


def _text_field(row, data, key, header, plan):
    value = clean_text(_cell(row, header, key))
    limit = LIMITS[key]
    if len(value) > limit:
        plan.errors.append(Problem("too_long", data.row, header.names[key], {"limit": limit}))
    return value


def _cell(row, header, key):
    index = header.fields.get(key)
    if index is None or index >= len(row):
        return None
    return row[index]


def _quantity(row, header, key, data, plan):
    """The baseline or target of a row; None after reporting an unreadable cell."""
    try:
        quantity = read_quantity(_cell(row, header, key))
    except NumberError as error:
        plan.errors.append(
            _number_problem(error, data.row, header.names[key], _cell(row, header, key))
        )
        return None
    number_key = f"{key}_number"
    if _cell(row, header, number_key) not in (None, ""):
        # An explicit number beside a text: both are kept ("24 IE clasificación A" + 24).
        try:
            number = read_number(_cell(row, header, number_key))
        except NumberError as error:
            plan.errors.append(
                _number_problem(
                    error, data.row, header.names[number_key], _cell(row, header, number_key)
                )
            )
            return None
        text = clean_text(_cell(row, header, key))
        if quantity.value == number and not quantity.text:
            text = ""
        quantity = Quantity(number, str(text))
    if len(quantity.text) > LIMITS["text"]:
        plan.errors.append(
            Problem("too_long", data.row, header.names[key], {"limit": LIMITS["text"]})
        )
    return quantity


def _number_problem(error, row_number, column, value):
    return Problem(error.code, row_number, column, {"value": clean_text(value)})


def _read_choice(row, header, key, choices, problem, data, plan):
    """The key a Tipo or Sentido cell spells; None when the column or the cell is empty, or
    after reporting a value that is none of the spellings."""
    if key not in header.fields:
        return None
    raw = clean_text(_cell(row, header, key))
    if not raw:
        return None
    value = choice_for(raw, choices)
    if value is None:
        plan.errors.append(Problem(problem, data.row, header.names[key], {"value": raw}))
    return value


def _read_quantities(row, header, data, plan):
    """The baseline and the target: a number, a text or both, one of them required."""
    for key, missing_code in (("baseline", "missing_baseline"), ("target", "missing_target")):
        quantity = _quantity(row, header, key, data, plan)
        if quantity is None:
            continue
        setattr(data, key, quantity)
        if quantity.value is None and not quantity.text:
            plan.errors.append(Problem(missing_code, data.row, header.names[key]))


def _read_department(row, header, context, data, plan):
    column = header.names["department"]
    raw = clean_text(_cell(row, header, "department"))
    if not raw:
        plan.errors.append(Problem("missing_department", data.row, column))
        return None
    department = context.departments.get(fold(raw))
    if department is None:
        closest = context.closest_department(raw)
        plan.errors.append(
            Problem(
                "unknown_department",
                data.row,
                column,
                {"value": raw},
                hint=("did_you_mean", {"value": closest.name}) if closest else None,
            )
        )
    return department


def _read_plan_position(row, header, subheading, data, plan):
    """The strategic line and the programme; without a Programa column (or an empty cell),
    the programme is the subheading the row falls under."""
    if "plan_line" in header.fields:
        data.plan_line = _text_field(row, data, "plan_line", header, plan)
    if "programme" in header.fields:
        data.programme = _text_field(row, data, "programme", header, plan) or subheading or ""
    elif subheading:
        data.programme = subheading
        if len(subheading) > LIMITS["programme"]:
            column = COLUMNS_BY_KEY["programme"].header
            plan.errors.append(
                Problem("too_long", data.row, column, {"limit": LIMITS["programme"]})
            )


def _read_measurements(row, header, data, plan):
    """{Period: value} of the row's filled Avance cells."""
    measurements = {}
    for index, column_name, period in header.periods:
        value = row[index] if index < len(row) else None
        if value in (None, ""):
            continue
        try:
            number = read_number(value)
        except NumberError as error:
            plan.errors.append(_number_problem(error, data.row, column_name, value))
            continue
        if number is not None:
            measurements[period] = number
    return measurements


def _read_row(row_number, row, header, subheading, context, plan):
    data = RowData(row_number)
    names = header.names
    data.code = _text_field(row, data, "code", header, plan)
    data.name = _text_field(row, data, "name", header, plan)
    data.unit = _text_field(row, data, "unit", header, plan)
    if not data.name:
        plan.errors.append(Problem("missing_name", row_number, names["name"]))
    if not data.unit:
        plan.errors.append(Problem("missing_unit", row_number, names["unit"]))
    data.kind = _read_choice(row, header, "kind", KIND_VALUES, "invalid_kind", data, plan)
    data.direction = _read_choice(
        row, header, "direction", DIRECTION_VALUES, "invalid_direction", data, plan
    )
    _read_quantities(row, header, data, plan)
    data.department = _read_department(row, header, context, data, plan)
    _read_plan_position(row, header, subheading, data, plan)
    if "sdg" in header.fields:
        data.sdg_targets, data.sdg_goals = _read_sdg(
            row_number, _cell(row, header, "sdg"), names["sdg"], context, plan
        )
    data.measurements = _read_measurements(row, header, data, plan)
    data.year_targets = _read_year_targets(row, header, data, plan)
    return data


def _read_year_targets(row, header, data, plan):
    """{year: Quantity} of the row's filled "Meta <year>" cells."""
    year_targets = {}
    for index, column_name, year in header.year_targets:
        value = row[index] if index < len(row) else None
        try:
            quantity = read_quantity(value)
        except NumberError as error:
            plan.errors.append(_number_problem(error, data.row, column_name, value))
            continue
        if len(quantity.text) > LIMITS["text"]:
            plan.errors.append(
                Problem("too_long", data.row, column_name, {"limit": LIMITS["text"]})
            )
        elif quantity.value is not None or quantity.text:
            year_targets[year] = quantity
    return year_targets


def _read_sdg(row_number, value, column_name, context, plan):
    """(targets, goals written without any of their targets) of an ODS cell."""
    if value is None or value == "":
        return [], []
    if hasattr(value, "isoformat"):
        plan.errors.append(Problem("date_not_sdg", row_number, column_name))
        return [], []
    parsed = read_sdg_targets(value)
    for word in parsed.unrecognised:
        plan.errors.append(Problem("unrecognised_sdg", row_number, column_name, {"value": word}))
    goals = []
    for number in parsed.goals_without_targets:
        goal = context.goals.get(int(number))
        if goal is None:
            plan.errors.append(
                Problem("unknown_sdg_goal", row_number, column_name, {"value": number})
            )
        else:
            goals.append(goal)
    for number, name in parsed.goal_names.items():
        goal = context.goals.get(int(number))
        if goal is not None and not _names_goal(name, goal):
            plan.errors.append(
                Problem(
                    "sdg_goal_name_mismatch",
                    row_number,
                    column_name,
                    {"value": name, "goal": goal.number, "title": goal.short_title},
                )
            )
    targets = []
    for code in parsed.codes:
        target = context.targets.get(code)
        if target is None:
            plan.errors.append(
                Problem("unknown_sdg_target", row_number, column_name, {"value": code})
            )
        else:
            targets.append(target)
    return targets, goals


def _names_goal(name, goal):
    """Whether the words after a goal's number are its name ("educacion de calidad" for
    "Educación de Calidad"), allowing for typos and the long title."""
    written = fold_words(name)
    return any(
        SequenceMatcher(None, written, fold_words(title)).ratio() >= GOAL_NAME_CUTOFF
        for title in (goal.short_title, goal.title)
    )


def read_rows(sheet, context, plan):
    """Every indicator row of the sheet as ``RowData``; problems go to ``plan``."""
    header = None
    subheading = subheading_row = None
    rows = []
    for row_number, values in sheet.rows:
        fields = _header_in(values)
        if fields:
            # A new header row starts a new table: tables may follow one another.
            header = _read_header(row_number, values, plan)
            subheading = subheading_row = None
            continue
        if header is None or not header.complete:
            continue  # title rows above the first header, or a table already reported
        heading = _is_subheading(values, header)
        if heading is not None:
            subheading, subheading_row = heading, row_number
            continue
        if subheading is not None and subheading_row is not None:
            # Told once, and only for a heading some indicator row actually falls under.
            plan.notices.append(Problem("subheading", subheading_row, None, {"value": subheading}))
            subheading_row = None
        rows.append(_read_row(row_number, values, header, subheading, context, plan))
    return rows


# --- Matching and comparing ---------------------------------------------------------------


def _chunks(values, size=QUERY_CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing(rows):
    """Existing indicators named by the file: by code, and code-less ones by department."""
    queryset = Indicator.objects.select_related("department").prefetch_related(
        "sdg_targets", "sdg_goals", "measurements", "year_targets"
    )
    by_code, by_name = {}, {}
    codes = {row.code for row in rows if row.code}
    for chunk in _chunks(codes):
        for indicator in queryset.filter(code__in=chunk):
            by_code[indicator.code] = indicator
    departments = {row.department.pk for row in rows if not row.code and row.department}
    for chunk in _chunks(departments):
        for indicator in queryset.filter(code="", department__in=chunk):
            by_name.setdefault((indicator.department_id, fold(indicator.name)), []).append(
                indicator
            )
    return by_code, by_name


def _active_workflow_states(indicators):
    """{object id: workflow state} for the indicators with a workflow in progress or
    waiting for changes."""
    if not indicators:
        return {}
    content_type = ContentType.objects.get_for_model(Indicator, for_concrete_model=False)
    states = {}
    for chunk in _chunks([str(indicator.pk) for indicator in indicators]):
        for state in WorkflowState.objects.active().filter(
            base_content_type=content_type, object_id__in=chunk
        ):
            states[state.object_id] = state
    return states


def _display_quantity(value, text):
    if text and value is not None:
        return f"{text} ({format_number(value, decimal_comma=True)})"
    if text:
        return text
    if value is not None:
        return format_number(value, decimal_comma=True)
    return EMPTY


def _display_targets(targets, goals=()):
    return sdg_cell(targets, goals) or EMPTY


def period_key(measurement):
    period = read_period(measurement.period)
    return period.label if period else measurement.period.strip()


def _quantity_changes(indicator, data, header):
    changes = []
    for key in ("baseline", "target"):
        old_value, old_text = getattr(indicator, f"{key}_value"), getattr(indicator, f"{key}_text")
        new = getattr(data, key)
        if old_value != new.value or old_text != new.text:
            changes.append(
                Change(
                    header[key],
                    _display_quantity(old_value, old_text),
                    _display_quantity(new.value, new.text),
                )
            )
    return changes


def _measurement_changes(indicator, data):
    """Measurements the file adds or changes; one it leaves out is kept, not a change."""
    changes = []
    existing = {period_key(m): m for m in indicator.measurements.all()}
    for period, value in sorted(data.measurements.items(), key=lambda item: item[0].date):
        old = existing.get(period.label)
        if old is None or old.value != value:
            changes.append(
                Change(
                    f"{MEASUREMENT_PREFIX} {period.label}",
                    format_number(old.value, decimal_comma=True) if old else EMPTY,
                    format_number(value, decimal_comma=True),
                )
            )
    return changes


def compare(indicator, data):
    """The changes applying ``data`` would make to ``indicator``, column by column. A column
    the file does not have (``None`` in ``data``) changes nothing."""
    changes = []

    def check(label, old, new):
        if old != new:
            changes.append(Change(label, old or EMPTY, new or EMPTY))

    header = {column.key: column.header for column in COLUMNS}
    check(header["name"], indicator.name, data.name)
    if data.kind:
        check(
            header["kind"],
            choice_label(indicator.kind, KIND_VALUES),
            choice_label(data.kind, KIND_VALUES),
        )
    check(header["unit"], indicator.unit, data.unit)
    changes += _quantity_changes(indicator, data, header)
    if data.department is not None and indicator.department_id != data.department.pk:
        changes.append(
            Change(header["department"], indicator.department.name, data.department.name)
        )
    if data.plan_line is not None:
        check(header["plan_line"], indicator.plan_line, data.plan_line)
    if data.programme is not None:
        check(header["programme"], indicator.programme, data.programme)
    if data.direction:
        check(
            header["direction"],
            choice_label(indicator.direction, DIRECTION_VALUES),
            choice_label(data.direction, DIRECTION_VALUES),
        )
    if data.sdg_targets is not None:
        old_targets = list(indicator.sdg_targets.all())
        # A goal one of the targets belongs to adds nothing (and is not exported).
        covered = {target.goal_id for target in old_targets}
        old_goals = [goal for goal in indicator.sdg_goals.all() if goal.pk not in covered]
        if {t.pk for t in old_targets} != {t.pk for t in data.sdg_targets} or {
            g.pk for g in old_goals
        } != {g.pk for g in data.sdg_goals}:
            changes.append(
                Change(
                    header["sdg"],
                    _display_targets(old_targets, old_goals),
                    _display_targets(data.sdg_targets, data.sdg_goals),
                )
            )
    changes += _measurement_changes(indicator, data)
    changes += _year_target_changes(indicator, data)
    return changes


def _year_target_changes(indicator, data):
    """Year targets the file adds or changes; one it leaves out is kept, not a change."""
    existing = {year_target.year: year_target for year_target in indicator.year_targets.all()}
    changes = []
    for year, quantity in sorted(data.year_targets.items()):
        old = existing.get(year)
        if old is None or (old.value, old.text) != (quantity.value, quantity.text):
            changes.append(
                Change(
                    f"{YEAR_TARGET_PREFIX} {year}",
                    _display_quantity(old.value, old.text) if old else EMPTY,
                    _display_quantity(quantity.value, quantity.text),
                )
            )
    return changes


def _unique_slug(base, taken):
    length = Indicator._meta.get_field("slug").max_length
    base = base[:length] or "indicador"
    slug, counter = base, 2
    while slug in taken:
        suffix = f"-{counter}"
        slug = base[: length - len(suffix)] + suffix
        counter += 1
    taken.add(slug)
    return slug


def _workflow_getter():
    """``get_workflow`` for an indicator. The stock method depends only on the model, so it
    is asked once; an override (e.g. a workflow per department) is asked per indicator."""
    if Indicator.get_workflow is WorkflowMixin.get_workflow:
        workflow = Indicator.get_default_workflow()
        return lambda indicator: workflow
    return lambda indicator: indicator.get_workflow()


def _report_duplicates(rows, plan):
    """A code given twice, or (for rows without a code) a name twice in one department."""
    first_rows = {}
    for data in rows:
        if data.code:
            key, code, column, value = ("code", data.code), "duplicate_code", "code", data.code
        elif data.name and data.department:
            key = ("name", data.department.pk, fold(data.name))
            code, column, value = "duplicate_name", "name", data.name
        else:
            continue
        first_row = first_rows.setdefault(key, data.row)
        if first_row != data.row:
            plan.errors.append(
                Problem(
                    code,
                    data.row,
                    COLUMNS_BY_KEY[column].header,
                    {"value": value, "first_row": first_row},
                )
            )


_AMBIGUOUS = object()


def _match(data, by_code, by_name, plan):
    """The existing indicator a row names, None for a new one, or ``_AMBIGUOUS`` (reported)
    when a row without a code names several indicators of its department."""
    if data.code:
        return by_code.get(data.code)
    candidates = by_name.get((data.department.pk, fold(data.name)), [])
    if len(candidates) > 1:
        column = COLUMNS_BY_KEY["name"].header
        plan.errors.append(Problem("ambiguous_match", data.row, column, {"value": data.name}))
        return _AMBIGUOUS
    return candidates[0] if candidates else None


def _plan_creation(data, plan, access, get_workflow, taken_slugs):
    """The item creating the row's indicator, or None after reporting why it may not."""
    candidate = Indicator(department=data.department, code=data.code, name=data.name)
    if not access.can_add():
        plan.errors.append(Problem("no_add_permission", data.row))
        return None
    if not access.can_add(candidate):
        plan.errors.append(
            Problem(
                "other_department",
                data.row,
                COLUMNS_BY_KEY["department"].header,
                {"value": data.department.name},
            )
        )
        return None
    item = PlanItem(data.row, CREATE, data)
    item.workflow = get_workflow(candidate)
    item.mode = SUBMIT if item.workflow else (PUBLISH if access.can_publish() else DRAFT)
    data.slug = _unique_slug(Indicator.default_slug(data.code, data.name), taken_slugs)
    return item


def _plan_update(data, existing, plan, access, get_workflow):
    """The item updating (or leaving alone) ``existing``, or None after reporting why it
    may not change."""
    changes = compare(existing, data)
    if not changes:
        return PlanItem(data.row, UNCHANGED, data, existing)
    if not plan.update:
        columns = ", ".join(dict.fromkeys(change.label for change in changes))
        plan.errors.append(Problem("exists", data.row, None, {"columns": columns}))
        return None
    if not access.can_change(existing):
        plan.errors.append(Problem("no_change_permission", data.row))
        return None
    if access.lock_blocks(existing):
        plan.errors.append(Problem("locked", data.row))
        return None
    item = PlanItem(data.row, UPDATE, data, existing, changes)
    item.workflow = get_workflow(existing)
    item.mode = SUBMIT if item.workflow else (PUBLISH if access.can_publish(existing) else DRAFT)
    return item


def _check_workflow_states(updates, plan):
    """An indicator in review cannot be updated; one whose workflow waits for changes is
    resubmitted by the import."""
    states = _active_workflow_states([item.indicator for item in updates])
    for item in updates:
        state = states.get(str(item.indicator.pk))
        if state is None:
            continue
        if state.status == WorkflowState.STATUS_IN_PROGRESS:
            plan.errors.append(Problem("in_review", item.row))
        else:
            item.workflow_state = state  # needs changes: the import resubmits it


def _plan_rows(rows, plan, access):
    """Match the rows with existing indicators and decide, for each, what happens."""
    if not rows and not plan.errors:
        plan.errors.append(Problem("no_rows"))
    _report_duplicates(rows, plan)

    rows_with_errors = {problem.row for problem in plan.errors}
    valid = [data for data in rows if data.row not in rows_with_errors]
    by_code, by_name = _existing(valid)
    taken_slugs = set(Indicator.objects.values_list("slug", flat=True))
    get_workflow = _workflow_getter()
    updates = []
    for data in valid:
        existing = _match(data, by_code, by_name, plan)
        if existing is _AMBIGUOUS:
            continue
        if existing is None:
            item = _plan_creation(data, plan, access, get_workflow, taken_slugs)
        else:
            item = _plan_update(data, existing, plan, access, get_workflow)
        if item is None:
            continue
        plan.items.append(item)
        if item.action == UPDATE:
            updates.append(item)
    _check_workflow_states(updates, plan)
    return plan


def build_plan(data, filename="", *, update=False, access=None):
    """Read a file's bytes and plan the import. ``plan.errors`` lists every problem found."""
    plan = Plan(update=update)
    try:
        sheets = read_file(data, filename)
    except FileReadError as error:
        plan.file_error = Problem(error.code, params=error.params)
        plan.errors.append(plan.file_error)
        return plan
    sheet = _best_sheet(sheets)
    if sheet is None:
        plan.errors.append(Problem("no_header"))
        return plan
    plan.sheet = sheet.name
    context = _Context()
    rows = read_rows(sheet, context, plan)
    return _plan_rows(rows, plan, access or FullAccess())
