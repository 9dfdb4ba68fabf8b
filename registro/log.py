"""Appending to the record: one entry per publication event, in the publishing transaction.

Callers are the receivers (``registro.receivers``); nothing else writes entries. The sequence
number is the leaf index; on PostgreSQL an advisory lock held until the commit serialises
appends, so two publications never take the same number or leave a gap (SQLite serialises
writers itself).
"""

import datetime
import hashlib

from django.db import connection, transaction
from django.utils import timezone

from registro import tree
from registro.models import Entry, Node, RecordedState
from registro.verificador import canonical_json, entry_leaf

_ADVISORY_LOCK_ID = 0x52454749  # "REGI"


def content_hash(value):
    """The SHA-256 of the canonical JSON of ``value`` (what the public saw)."""
    return hashlib.sha256(canonical_json(value)).hexdigest()


def timestamp(moment):
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def leaf_fields(entry):
    """The fields that are hashed into the leaf, as /registro/entradas.json shows them."""
    return {
        "sequence": entry.sequence,
        "time": timestamp(entry.time),
        "event": entry.event,
        "object_kind": entry.object_kind,
        "object_id": entry.object_id,
        "title": entry.title,
        "url": entry.url,
        "content_sha256": entry.content_sha256,
        "file_sha256": entry.file_sha256,
        "file_size": entry.file_size,
        "role": entry.role,
        "details": entry.details,
    }


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_ID])


def append(
    event,
    object_kind,
    object_id,
    *,
    content,
    title="",
    url="",
    file_sha256="",
    file_size=None,
    role="",
    details=None,
):
    """Append one entry and return it. ``content`` is what the public saw (any JSON value)."""
    with transaction.atomic():
        _lock()
        sequence = tree.size()
        entry = Entry(
            sequence=sequence,
            # Whole microseconds survive both databases, so the leaf can be recomputed.
            time=timezone.now(),
            event=event,
            object_kind=object_kind,
            object_id=str(object_id),
            title=title[:500],
            url=url[:500],
            content_sha256=content_hash(content),
            file_sha256=file_sha256,
            file_size=file_size,
            role=role[:200],
            details=details or {},
        )
        entry.leaf_hash = entry_leaf(leaf_fields(entry)).hex()
        entry.save(force_insert=True)
        _store_completed_nodes(entry)
        _remember(entry)
    return entry


def _store_completed_nodes(entry):
    def leaves(start, end):
        rows = Entry.objects.filter(sequence__gte=start, sequence__lt=end).order_by("sequence")
        return [bytes.fromhex(value) for value in rows.values_list("leaf_hash", flat=True)]

    def sibling(level, index):
        return bytes.fromhex(Node.objects.get(level=level, index=index).hash)

    completed = tree.nodes_completed_by(entry.sequence, leaves, sibling)
    Node.objects.bulk_create(
        [Node(level=level, index=index, hash=value.hex()) for level, index, value in completed]
    )


def _remember(entry):
    RecordedState.objects.update_or_create(
        object_kind=entry.object_kind,
        object_id=entry.object_id,
        defaults={
            "public": entry.event not in {"unpublished", "made_private"},
            "content_sha256": entry.content_sha256,
            "file_sha256": entry.file_sha256,
            "marker": str(entry.details.get("marker", ""))[:100],
        },
    )


def recorded_state(object_kind, object_id):
    return RecordedState.objects.filter(object_kind=object_kind, object_id=str(object_id)).first()
