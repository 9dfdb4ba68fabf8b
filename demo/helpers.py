"""Idempotent "upsert" helpers: find an object by its natural key, create it or update it in place.

Every helper reports whether it created, updated or left the object alone, and only writes
when something differs. That is what makes a second run of ``load_demo_data`` a no-op:
no new rows, no new page revisions, no new log entries.
"""

import json
import uuid
from collections import defaultdict

from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page

# Fixed namespace for StreamField block ids: see ``stream``.
BLOCK_ID_NAMESPACE = uuid.UUID("5b0f3c2e-6d1a-4e55-9a7e-2f1d0c4b8a21")

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
FEMININE_LABELS = {
    "Configuración del portal",
    "Dependencias",
    "Páginas",
    "Páginas en revisión",
    "Respuestas a encuestas",
}


class Stats:
    """Counts what the loader did, by label (e.g. "Indicadores") and outcome."""

    def __init__(self):
        self.counts = defaultdict(lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0})
        self.notes = []

    def note(self, text):
        """A free-form line for the summary."""
        self.notes.append(text)

    def record(self, label, outcome):
        self.counts[label][outcome] += 1

    def lines(self):
        for label, counts in self.counts.items():
            total = sum(counts.values())
            ending = "as" if label in FEMININE_LABELS else "os"  # Spanish agreement
            yield (
                f"{label}: {total} ({counts[CREATED]} cread{ending}, "
                f"{counts[UPDATED]} actualizad{ending}, {counts[UNCHANGED]} sin cambios)"
            )
        yield from self.notes


def stream(key, blocks):
    """Raw StreamField data from ``[(block_type, value), ...]``.

    Block ids are derived from ``key`` and the position instead of being random, so every
    run stores identical JSON and a re-run can tell that nothing changed.
    """
    return [
        {
            "type": block_type,
            "value": value,
            "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}:{position}")),
        }
        for position, (block_type, value) in enumerate(blocks)
    ]


def _as_json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _key_part(value):
    return value.pk if isinstance(value, models.Model) else value


def assign(obj, **values):
    """Set field values on ``obj`` where they differ; return whether anything changed.

    StreamFields take raw data (see ``stream``) and are compared as JSON; many-to-many
    fields take a list of objects and are compared as sets; other fields compare by value
    (so Decimal("400") equals the database's Decimal("400.0000")); foreign keys by id.
    """
    changed = False
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            differs = {o.pk for o in getattr(obj, name).all()} != {o.pk for o in value}
        elif field.many_to_one:
            # Compare ids: reading an unset required foreign key would raise.
            differs = getattr(obj, field.attname) != _key_part(value)
        elif isinstance(field, StreamField):
            differs = _as_json(field.get_prep_value(getattr(obj, name))) != _as_json(value)
        else:
            differs = getattr(obj, name) != value
        if differs:
            setattr(obj, name, value)
            changed = True
    return changed


def sync_children(obj, relation, key_fields, rows):
    """Make the child objects of ``obj.<relation>`` (an Orderable's ParentalKey) equal ``rows``.

    Existing children are matched by ``key_fields`` and updated in place, so their primary
    keys survive a re-run; missing ones are added and leftovers removed when ``obj`` is saved
    (or its revision published). Returns whether anything changed.
    """
    manager = getattr(obj, relation)
    # Foreign keys in the key are compared by id (attname), without fetching the objects.
    attnames = [manager.model._meta.get_field(name).attname for name in key_fields]
    existing = {
        tuple(getattr(child, attname) for attname in attnames): child for child in manager.all()
    }
    has_sort_order = hasattr(manager.model, "sort_order")
    children, changed, seen = [], False, set()
    for position, row in enumerate(rows):
        key = tuple(_key_part(row.get(name)) for name in key_fields)
        if key in seen:
            raise ValueError(f"Duplicate {relation} key in the demo data: {key}")
        seen.add(key)
        child = existing.pop(key, None)
        if child is None:
            child = manager.model(**row)
            changed = True
        else:
            changed |= assign(child, **row)
        if has_sort_order and child.sort_order != position:
            child.sort_order = position
            changed = True
        children.append(child)
    if existing:  # rows that are no longer in the demo data
        changed = True
    if changed:
        setattr(obj, relation, children)
    return changed


def upsert(stats, label, model, lookup, values=None, children=None):
    """Get the ``model`` row matching ``lookup`` (its natural key), create or update it.

    ``children`` maps a child relation name to ``(key_fields, rows)`` for ``sync_children``.
    Snippets with draft state (indicators, commitments) are saved directly, live: the demo
    data is the approved version, so no revision is needed.
    """
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = assign(obj, **(values or {}))
    for relation, (key_fields, rows) in (children or {}).items():
        changed |= sync_children(obj, relation, key_fields, rows)
    if created or changed:
        obj.save()
    stats.record(label, CREATED if created else UPDATED if changed else UNCHANGED)
    return obj


def upsert_page(stats, parent, model, slug, children=None, **values):
    """Get the ``model`` page with ``slug`` under ``parent``, create or update it, publish it.

    A new page is added with ``parent.add_child`` and published. An existing page is updated
    in place and a new revision is published only when a value differs, so re-runs leave
    the page tree, the revisions and the history untouched.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        other = Page.objects.child_of(parent).filter(slug=slug).first()
        if other is not None:
            raise CommandError(
                f"«{other.url_path}» ya existe y no es de tipo {model._meta.verbose_name}."
            )
        page = model(slug=slug)
        assign(page, **values)
        for relation, (key_fields, rows) in (children or {}).items():
            sync_children(page, relation, key_fields, rows)
        parent.add_child(instance=page)
        page.save_revision().publish()
        stats.record("Páginas", CREATED)
        return page

    changed = sync_page(page, children, **values)
    stats.record("Páginas", UPDATED if changed else UNCHANGED)
    return page


def sync_page(page, children=None, **values):
    """Update an existing page in place; publish a new revision only if something differs
    (or if someone unpublished the page: the demo site is entirely live)."""
    changed = assign(page, **values)
    for relation, (key_fields, rows) in (children or {}).items():
        changed |= sync_children(page, relation, key_fields, rows)
    changed |= not page.live
    if changed:
        page.save_revision().publish()
    return changed
