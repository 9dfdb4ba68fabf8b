"""Writing a plan, all or nothing.

Every indicator gets a revision and the audit-log entries an edit in the admin would give.
Without a workflow, changes are published (in bulk, see ``bulk.py``); with one, they are saved
as a revision through Wagtail's own create/edit actions and submitted for approval, so the
live row (what the public sees) stays as it was. Without the publish permission (admin
users), they are saved as drafts the same way.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.log_actions import LogContext
from wagtail.models import WorkflowState

from importer.bulk import Updated, content_values, publish_in_bulk
from importer.plan import CREATE, PUBLISH, SUBMIT, UPDATE, period_key
from rendicion.models import Indicator, IndicatorMeasurement, IndicatorYearTarget


class PlanHasErrorsError(Exception):
    pass


class SubmitterRequiredError(Exception):
    """Changes go to an approval workflow, which needs the user who submits them."""


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    submitted: int = 0  # of the created and updated, sent for approval
    drafts: int = 0  # of the created and updated, saved as drafts


def _measurements(data):
    return [
        IndicatorMeasurement(period=period.label, date=period.date, value=value, sort_order=index)
        for index, (period, value) in enumerate(
            sorted(data.measurements.items(), key=lambda item: item[0].date)
        )
    ]


def _year_targets(data):
    return [
        IndicatorYearTarget(year=year, value=quantity.value, text=quantity.text, sort_order=index)
        for index, (year, quantity) in enumerate(sorted(data.year_targets.items()))
    ]


def _new_indicator(data):
    indicator = Indicator(
        code=data.code,
        slug=data.slug,
        name=data.name,
        kind=data.kind or (Indicator.Kind.PRODUCT if data.code else Indicator.Kind.RESULT),
        unit=data.unit,
        baseline_value=data.baseline.value,
        baseline_text=data.baseline.text,
        target_value=data.target.value,
        target_text=data.target.text,
        direction=data.direction or Indicator.DirectionChoices.INCREASE,
        department=data.department,
        plan_line=data.plan_line or "",
        programme=data.programme or "",
    )
    indicator.sdg_targets = data.sdg_targets or []
    indicator.sdg_goals = data.sdg_goals or []
    indicator.measurements = _measurements(data)
    indicator.year_targets = _year_targets(data)
    return indicator


def _apply_changes(indicator, data):
    """Set the file's values on ``indicator`` in memory; columns the file lacks are kept."""
    indicator.name = data.name
    indicator.unit = data.unit
    indicator.baseline_value, indicator.baseline_text = data.baseline.value, data.baseline.text
    indicator.target_value, indicator.target_text = data.target.value, data.target.text
    indicator.department = data.department
    if data.kind:
        indicator.kind = data.kind
    if data.direction:
        indicator.direction = data.direction
    if data.plan_line is not None:
        indicator.plan_line = data.plan_line
    if data.programme is not None:
        indicator.programme = data.programme
    if data.sdg_targets is not None:
        indicator.sdg_targets = data.sdg_targets
        indicator.sdg_goals = data.sdg_goals
    if data.measurements:
        # Measurements are history: a period missing from the file is kept, and a changed
        # value keeps its note, source and cut-off date.
        children = list(indicator.measurements.all())
        by_period = {period_key(measurement): measurement for measurement in children}
        for period, value in sorted(data.measurements.items(), key=lambda item: item[0].date):
            measurement = by_period.get(period.label)
            if measurement is None:
                children.append(
                    IndicatorMeasurement(
                        period=period.label, date=period.date, value=value, sort_order=len(children)
                    )
                )
            elif measurement.value != value:
                measurement.value = value
                measurement._import_changed = True  # tells the bulk writer to save it
        indicator.measurements = children
    if data.year_targets:
        _apply_year_targets(indicator, data)


def _apply_year_targets(indicator, data):
    """Like measurements, history: a year missing from the file keeps its target."""
    children = list(indicator.year_targets.all())
    by_year = {year_target.year: year_target for year_target in children}
    for year, quantity in sorted(data.year_targets.items()):
        year_target = by_year.get(year)
        if year_target is None:
            children.append(
                IndicatorYearTarget(
                    year=year, value=quantity.value, text=quantity.text, sort_order=len(children)
                )
            )
        elif (year_target.value, year_target.text) != (quantity.value, quantity.text):
            year_target.value, year_target.text = quantity.value, quantity.text
            year_target._import_changed = True  # tells the bulk writer to save it
    indicator.year_targets = children


def _submit(item, indicator, user):
    state = item.workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        item.workflow.start(indicator, user)


def apply_plan(plan, user=None):
    """Write the plan in one transaction and return an ``Outcome``.

    ``user`` is recorded on revisions and log entries; it is required when a change goes to
    an approval workflow. Indicators to publish are written in bulk (``bulk.py``); those
    going to a workflow or saved as drafts go one by one through Wagtail's actions.
    """
    if not plan.ok:
        raise PlanHasErrorsError(plan.errors)
    if user is None and plan.to_submit:
        raise SubmitterRequiredError
    outcome = Outcome(unchanged=len(plan.unchanged))
    created, updated = [], []
    # One log context: every audit-log entry of this import shares its uuid.
    with LogContext(user=user), transaction.atomic():
        for item in plan.items:
            if item.action not in (CREATE, UPDATE):
                continue
            if item.action == CREATE:
                outcome.created += 1
                indicator = _new_indicator(item.data)
            else:
                outcome.updated += 1
                indicator = item.indicator
                old = Updated(
                    indicator,
                    {target.pk for target in indicator.sdg_targets.all()},
                    {goal.pk for goal in indicator.sdg_goals.all()},
                    str(indicator) if indicator.latest_revision_id else None,
                    content_values(indicator),
                )
                _apply_changes(indicator, item.data)
            if item.mode == PUBLISH:
                if item.action == CREATE:
                    created.append(indicator)
                else:
                    updated.append(old)
                    if item.workflow_state is not None:
                        item.workflow_state.cancel(user=user)  # as publishing does
                continue
            _save_revision(item, indicator, user)
            if item.mode == SUBMIT:
                _submit(item, indicator, user)
                outcome.submitted += 1
            else:
                outcome.drafts += 1
        publish_in_bulk(created, updated, user)
    return outcome


def _save_revision(item, indicator, user):
    """A draft revision through Wagtail's own action; the live row stays as it is."""
    # Validated by the plan already: the revision need not clean it again.
    action_class = CreateAction if item.action == CREATE else EditAction
    action_class(indicator, user=user, publish=False, clean=False).execute(
        skip_permission_checks=True
    )
