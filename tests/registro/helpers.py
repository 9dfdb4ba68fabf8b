"""Shared by the record's tests: a reference Merkle tree written from RFC 9162's definitions,
independent of registro/tree.py, and a quick way to append entries."""

import hashlib

from registro import log
from registro.models import Event, ObjectKind


def reference_root(leaves):
    """MTH of RFC 9162 §2.1.1, recursively over the leaf data."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    left, right = reference_root(leaves[:k]), reference_root(leaves[k:])
    return hashlib.sha256(b"\x01" + left + right).digest()


def append_entries(count, start=0):
    return [
        log.append(
            Event.PUBLISHED,
            ObjectKind.PAGE,
            start + n,
            content={"n": start + n},
            title=f"Página {start + n}",
            url=f"/p/{start + n}/",
        )
        for n in range(count)
    ]
