"""Benchmark: the public record (registro/, docs/record.md) as it grows.

    python bench/record_bench.py              # throwaway SQLite database
    DATABASE_URL=postgres://… python bench/record_bench.py
    RECORD_BENCH_APPENDS=10000 RECORD_BENCH_SIZE=100000 python bench/record_bench.py

1. Appends RECORD_BENCH_APPENDS entries (100,000 by default) through ``registro.log.append``,
   the path every publication takes, 1,000 per transaction.
2. Grows the log to RECORD_BENCH_SIZE entries (1,000,000 by default) with bulk inserts of
   the same rows (leaf hashes and stored subtree roots computed as ``append`` does).
3. Times, median of RUNS: signing a tree head, an inclusion proof of a random entry, a
   consistency proof between two random sizes, each verified with registro/verificador.py;
   and the peak Python memory of each (tracemalloc).

Targets (docs/record.md, "Performance"): proof < 10 ms, tree head < 1 s at 1,000,000 entries,
memory flat. The figures are printed whatever they are.
"""

import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

from throwaway_database import run_in_throwaway_database  # noqa: E402 - after the path

APPENDS = int(os.environ.get("RECORD_BENCH_APPENDS", "100000"))
SIZE = int(os.environ.get("RECORD_BENCH_SIZE", "1000000"))
RUNS = 21
BATCH = 5_000


def timed(run):
    """Median milliseconds over RUNS, then the peak of traced memory of one more run, in KiB
    (tracing slows Python down several times: it is not on while timing)."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 1024
    tracemalloc.stop()
    return statistics.median(times), peak


def append_through_the_log(count):
    from django.db import transaction

    from registro import log
    from registro.models import Event, ObjectKind

    start = time.perf_counter()
    done = 0
    while done < count:
        with transaction.atomic():
            for _ in range(min(1000, count - done)):
                log.append(
                    Event.PUBLISHED,
                    ObjectKind.PAGE,
                    done,
                    content={"n": done},
                    title=f"Página {done}",
                    url=f"/pagina-{done}/",
                )
                done += 1
    return time.perf_counter() - start


def grow_in_bulk(target):
    """Rows as ``append`` writes them, inserted BATCH at a time; subtree roots kept as a
    stack of pending left siblings, so memory stays flat."""
    from django.db import transaction
    from django.utils import timezone

    from registro import log, tree
    from registro.models import Entry, Node
    from registro.verificador import entry_leaf

    size = tree.size()
    # Complete blocks below ``size`` already have their nodes; the open block's leaves are
    # read back so the next complete block can be hashed.
    block_start = size - size % tree.BLOCK
    pending = [
        bytes.fromhex(value)
        for value in Entry.objects.filter(sequence__gte=block_start)
        .order_by("sequence")
        .values_list("leaf_hash", flat=True)
    ]
    stored = {(n.level, n.index): bytes.fromhex(n.hash) for n in Node.objects.all()}
    now = timezone.now()
    while size < target:
        rows, nodes = [], []
        for sequence in range(size, min(size + BATCH, target)):
            entry = Entry(
                sequence=sequence,
                time=now,
                event="published",
                object_kind="page",
                object_id=str(sequence),
                title=f"Página {sequence}",
                url=f"/pagina-{sequence}/",
                content_sha256="0" * 64,
                details={},
            )
            leaf = entry_leaf(log.leaf_fields(entry))
            entry.leaf_hash = leaf.hex()
            rows.append(entry)
            pending.append(leaf)
            completed = tree.nodes_completed_by(
                sequence,
                lambda start, end, leaves=pending: leaves,
                lambda level, index: stored[(level, index)],
            )
            if completed:
                pending = []
                for level, index, value in completed:
                    stored[(level, index)] = value
                    nodes.append(Node(level=level, index=index, hash=value.hex()))
                    # A left sibling is needed until its right sibling completes; then never.
                    stored.pop((level - 1, 2 * index), None)
                    stored.pop((level - 1, 2 * index + 1), None)
        with transaction.atomic():
            Entry.objects.bulk_create(rows, batch_size=1000)
            Node.objects.bulk_create(nodes, batch_size=1000)
        size += len(rows)


def measure(_folder):
    from django.db import connection

    from registro import signing, tree, verificador
    from registro.models import TreeHead

    print(f"Database: {connection.vendor}")
    seconds = append_through_the_log(APPENDS)
    print(
        f"Appending {APPENDS:,} entries through registro.log.append: {seconds:.1f} s "
        f"({seconds / APPENDS * 1000:.2f} ms per entry)"
    )

    start = time.perf_counter()
    grow_in_bulk(SIZE)
    print(f"Grown in bulk to {SIZE:,} entries in {time.perf_counter() - start:.1f} s")

    key = verificador.load_public_key(signing.public_key_pem())
    head_ms, head_kib = timed(lambda: signing.sign_tree_head(force=True))
    head = TreeHead.objects.order_by("-pk").first().as_json()
    verificador.verify_tree_head(head, key)
    assert head["tree_size"] == SIZE
    print(
        f"Signed tree head at {SIZE:,} entries: {head_ms:.1f} ms, peak {head_kib:.0f} KiB "
        f"(target < 1000 ms)"
    )

    rng = random.Random(9162)
    root = bytes.fromhex(head["root_hash"])

    def inclusion():
        from registro.models import Entry

        index = rng.randrange(SIZE)
        proof = tree.inclusion_proof(index, SIZE)
        leaf = bytes.fromhex(Entry.objects.values_list("leaf_hash", flat=True).get(sequence=index))
        verificador.verify_inclusion(leaf, index, SIZE, proof, root)

    inclusion_ms, inclusion_kib = timed(inclusion)
    print(
        f"Inclusion proof (+ reading the leaf, + verifying) at {SIZE:,}: {inclusion_ms:.2f} ms,"
        f" peak {inclusion_kib:.0f} KiB (target < 10 ms)"
    )

    def consistency():
        first = rng.randrange(1, SIZE)
        proof = tree.consistency_proof(first, SIZE)
        verificador.verify_consistency(first, SIZE, tree.root_hash(first), root, proof)

    consistency_ms, consistency_kib = timed(consistency)
    print(
        f"Consistency proof m→{SIZE:,} (+ root of m, + verifying): {consistency_ms:.2f} ms, "
        f"peak {consistency_kib:.0f} KiB (target < 10 ms)"
    )
    proof_only_ms, _ = timed(lambda: tree.consistency_proof(rng.randrange(1, SIZE), SIZE))
    print(f"Consistency proof alone: {proof_only_ms:.2f} ms")


if __name__ == "__main__":
    run_in_throwaway_database(measure)
