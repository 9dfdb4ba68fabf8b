"""The tree over the stored log agrees with RFC 9162's definitions, and its proofs verify with
the standalone verifier (and fail when the log was rewritten)."""

import pytest

from registro import log, tree
from registro.models import Entry
from registro.verificador import (
    VerificationError,
    canonical_json,
    verify_consistency,
    verify_inclusion,
)
from tests.registro.helpers import append_entries, reference_root

pytestmark = pytest.mark.django_db

SIZES = [1, 2, 3, 5, 8, 255, 256, 257, 511, 512, 513, 600]


@pytest.fixture
def entries():
    return append_entries(600)


def leaf_data(entries, size):
    return [canonical_json(log.leaf_fields(entry)) for entry in entries[:size]]


def test_empty_tree_root_is_the_hash_of_nothing():
    assert tree.root_hash(0) == reference_root([])


def test_root_matches_the_reference_across_block_boundaries(entries):
    for size in SIZES:
        assert tree.root_hash(size) == reference_root(leaf_data(entries, size)), size


def test_stored_nodes_are_used_for_complete_blocks(entries, django_assert_max_num_queries):
    assert tree.Node.objects.filter(level=tree.BLOCK_LEVEL).count() == 2
    assert tree.Node.objects.filter(level=tree.BLOCK_LEVEL + 1).count() == 1
    with django_assert_max_num_queries(2):
        tree.root_hash(600)
    with django_assert_max_num_queries(2):
        tree.inclusion_proof(3, 600)


def test_every_inclusion_proof_verifies(entries):
    for size in SIZES:
        root = reference_root(leaf_data(entries, size))
        for index in {0, size // 2, size - 1, min(size - 1, 300)}:
            leaf = tree.leaf_hash(canonical_json(log.leaf_fields(entries[index])))
            verify_inclusion(leaf, index, size, tree.inclusion_proof(index, size), root)


def test_inclusion_fails_for_another_leaf_or_root(entries):
    proof = tree.inclusion_proof(10, 600)
    root = tree.root_hash(600)
    other = tree.leaf_hash(b"not an entry")
    with pytest.raises(VerificationError):
        verify_inclusion(other, 10, 600, proof, root)
    with pytest.raises(VerificationError):
        verify_inclusion(tree.leaf_hash(b"x"), 10, 600, proof, tree.root_hash(599))


def test_consistency_proofs_verify_between_any_two_sizes(entries):
    for first in SIZES:
        for second in SIZES:
            if first > second:
                continue
            verify_consistency(
                first,
                second,
                tree.root_hash(first),
                tree.root_hash(second),
                tree.consistency_proof(first, second),
            )


def test_consistency_fails_for_a_log_rewritten_in_between(entries):
    saved_root = tree.root_hash(300)
    # A different history of 300 entries, then the same 300 appended later: what a server
    # that rewrote its past would have to show.
    rewritten = leaf_data(entries, 300)
    rewritten[7] = b'{"forged":true}'
    forged_first = reference_root(rewritten)
    assert forged_first != saved_root
    with pytest.raises(VerificationError):
        verify_consistency(
            300,
            600,
            saved_root,
            tree.root_hash(600),
            tree.consistency_proof(300, 600)[:-1] + [b"\0" * 32],
        )
    with pytest.raises(VerificationError):
        verify_consistency(
            300, 600, forged_first, tree.root_hash(600), tree.consistency_proof(300, 600)
        )


def test_sequence_numbers_have_no_gaps(entries):
    assert list(Entry.objects.order_by("sequence").values_list("sequence", flat=True)) == list(
        range(600)
    )
