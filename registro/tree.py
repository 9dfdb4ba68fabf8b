"""The Merkle tree of RFC 9162 §2.1 over the record's entries, read from the database.

Implemented here (about a hundred lines) rather than with pymerkle: pymerkle keeps the tree in
its own storage and hashes with its own model, while this log's leaves are database rows
written in the publishing transaction. The verification algorithms (§2.1.3.2, §2.1.4.2) are
those of the standalone ``registro/verificador.py``, so server and verifier share them.

Every node of the tree of size n is either a *complete* subtree (2**k leaves starting at a
multiple of 2**k) or lies on the right edge. Complete subtrees of at least ``BLOCK`` leaves are
stored (``Node``) as soon as their last leaf is appended; the rest is computed from at most a
few blocks of leaf hashes. A hash is therefore computed in two passes: the first records which
stored nodes and leaf ranges the algorithm needs, one query fetches each kind, the second
computes. A tree head or a proof costs two queries and O(log n + BLOCK) hashing, whatever n.
"""

from django.db.models import Q

from registro.models import Entry, Node
from registro.verificador import leaf_hash, node_hash  # noqa: F401 (re-exported)

BLOCK_LEVEL = 8
BLOCK = 1 << BLOCK_LEVEL
EMPTY_ROOT = bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


def largest_power_of_two_below(n):
    """The k of RFC 9162: the largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


class _Recorder:
    """First pass: remembers what is needed and answers with placeholders."""

    def __init__(self):
        self.nodes = set()
        self.leaf_ranges = []

    def node(self, level, index):
        self.nodes.add((level, index))
        return b""

    def leaves(self, start, end):
        self.leaf_ranges.append((start, end))
        return [b""] * (end - start)


class _Fetched:
    """Second pass: the hashes read from the database."""

    def __init__(self, recorder):
        self.node_hashes = {}
        if recorder.nodes:
            condition = Q()
            for level, index in recorder.nodes:
                condition |= Q(level=level, index=index)
            for level, index, value in Node.objects.filter(condition).values_list(
                "level", "index", "hash"
            ):
                self.node_hashes[(level, index)] = bytes.fromhex(value)
        self.leaf_hashes = {}
        if recorder.leaf_ranges:
            condition = Q()
            for start, end in _merged(recorder.leaf_ranges):
                condition |= Q(sequence__gte=start, sequence__lt=end)
            rows = Entry.objects.filter(condition).order_by().values_list("sequence", "leaf_hash")
            self.leaf_hashes = {sequence: bytes.fromhex(value) for sequence, value in rows}

    def node(self, level, index):
        try:
            return self.node_hashes[(level, index)]
        except KeyError:
            raise TreeError(f"stored node {level}/{index} is missing") from None

    def leaves(self, start, end):
        try:
            return [self.leaf_hashes[sequence] for sequence in range(start, end)]
        except KeyError as missing:
            raise TreeError(f"entry {missing} is missing") from None


def _merged(ranges):
    """Adjacent or overlapping ranges as one: a proof asks for many pieces of one block."""
    merged = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


class TreeError(Exception):
    """The stored log is not a complete tree (a row is missing)."""


def _mth(source, start, end):
    """MTH(D[start:end]) (RFC 9162 §2.1.1)."""
    size = end - start
    if size >= BLOCK and size & (size - 1) == 0 and start % size == 0:
        level = size.bit_length() - 1
        return source.node(level, start >> level)
    if size <= BLOCK and (start // BLOCK) == ((end - 1) // BLOCK):
        return _mth_of_hashes(source.leaves(start, end))
    k = largest_power_of_two_below(size)
    return node_hash(_mth(source, start, start + k), _mth(source, start + k, end))


def _mth_of_hashes(hashes):
    if len(hashes) == 1:
        return hashes[0]
    k = largest_power_of_two_below(len(hashes))
    return node_hash(_mth_of_hashes(hashes[:k]), _mth_of_hashes(hashes[k:]))


def _path(source, index, start, end):
    """PATH(m, D[start:end]) (§2.1.3.1), m = index - start."""
    if end - start == 1:
        return []
    k = largest_power_of_two_below(end - start)
    if index - start < k:
        return [*_path(source, index, start, start + k), _mth(source, start + k, end)]
    return [*_path(source, index, start + k, end), _mth(source, start, start + k)]


def _subproof(source, m, start, end, complete):
    """SUBPROOF(m, D[start:end], b) (§2.1.4.1), m relative to start."""
    n = end - start
    if m == n:
        return [] if complete else [_mth(source, start, end)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return [*_subproof(source, m, start, start + k, complete), _mth(source, start + k, end)]
    return [*_subproof(source, m - k, start + k, end, False), _mth(source, start, start + k)]


def _twice(compute):
    recorder = _Recorder()
    compute(recorder)
    return compute(_Fetched(recorder))


def root_hash(size):
    if size == 0:
        return EMPTY_ROOT
    return _twice(lambda source: _mth(source, 0, size))


def inclusion_proof(index, size):
    if not 0 <= index < size:
        raise ValueError("index outside the tree")
    return _twice(lambda source: _path(source, index, 0, size))


def consistency_proof(first, second):
    if not 0 <= first <= second:
        raise ValueError("sizes out of order")
    if first == 0 or first == second:
        return []
    return _twice(lambda source: _subproof(source, first, 0, second, True))


def size():
    """The number of entries: the next sequence number."""
    last = Entry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    return 0 if last is None else last + 1


def nodes_completed_by(sequence, leaf, sibling_node):
    """The stored nodes that the leaf ``sequence`` completes, lowest first, as
    ``(level, index, hash)``; ``leaf(start, end)`` gives leaf hashes and
    ``sibling_node(level, index)`` a stored node's hash. Nothing unless it ends a block."""
    if (sequence + 1) % BLOCK:
        return []
    level, index = BLOCK_LEVEL, sequence >> BLOCK_LEVEL
    value = _mth_of_hashes(leaf(index * BLOCK, (index + 1) * BLOCK))
    completed = [(level, index, value)]
    while index & 1:
        value = node_hash(sibling_node(level, index - 1), value)
        level, index = level + 1, index >> 1
        completed.append((level, index, value))
    return completed
