"""MinHash signatures and banded LSH: syndicated wire copy is near-identical, an independent report is not."""

from __future__ import annotations

import random

import numpy as np
import pytest

from corpus import INDEPENDENT, SYNDICATED, UNRELATED, WIRE
from sitroom.clean.dedup import LSHIndex, MinHasher, similarity
from sitroom.clean.normalise import words


@pytest.fixture(scope="module")
def hasher() -> MinHasher:
    return MinHasher(num_perm=128)


def jaccard(hasher: MinHasher, a: str, b: str) -> float:
    sa, sb = set(hasher.shingles(a).tolist()), set(hasher.shingles(b).tolist())
    return len(sa & sb) / len(sa | sb)


def test_wire_copy_vs_independent_story(hasher: MinHasher) -> None:
    wire = hasher.signature(WIRE)
    syndicated = similarity(wire, hasher.signature(SYNDICATED))
    independent = similarity(wire, hasher.signature(INDEPENDENT))
    assert syndicated >= 0.7  # other headline, intro and footer: still far above the 0.5 cluster threshold
    assert independent <= 0.1  # same event, same names and figures, other words
    assert similarity(wire, hasher.signature(UNRELATED)) <= 0.05
    assert abs(syndicated - jaccard(hasher, WIRE, SYNDICATED)) < 0.1  # the estimate tracks the true Jaccard


def test_signature_is_stable_and_whitespace_insensitive(hasher: MinHasher) -> None:
    sig = hasher.signature(WIRE)
    assert sig.dtype == np.uint32 and sig.shape == (128,)
    assert np.array_equal(sig, MinHasher(num_perm=128).signature(WIRE))  # fixed seed: same across processes
    assert np.array_equal(sig, hasher.signature("  " + WIRE.upper().replace("\n\n", "\n")))
    assert similarity(sig, sig) == 1.0
    assert np.array_equal(sig, hasher.signature(WIRE, words(WIRE)))  # tokens the caller already has


def test_short_and_empty_texts(hasher: MinHasher) -> None:
    assert hasher.shingles("").size == 0
    empty = hasher.signature("")
    assert similarity(empty, hasher.signature("   ")) == 1.0
    assert similarity(empty, hasher.signature(WIRE)) == 0.0
    assert hasher.shingles("three short words").size == 1  # fewer words than the shingle size: one shingle


def test_bands_must_divide_permutations() -> None:
    with pytest.raises(ValueError):
        LSHIndex(num_perm=128, bands=30)


def test_lsh_query_finds_copy_and_skips_independent(hasher: MinHasher) -> None:
    index = LSHIndex(128, 32)
    index.add("wire", hasher.signature(WIRE))
    index.add("unrelated", hasher.signature(UNRELATED))
    assert len(index) == 2
    hits = index.query(hasher.signature(SYNDICATED), threshold=0.5)
    assert [k for k, _ in hits] == ["wire"] and hits[0][1] >= 0.7
    assert index.query(hasher.signature(INDEPENDENT), threshold=0.5) == []


def test_lsh_add_replaces_signature(hasher: MinHasher) -> None:
    index = LSHIndex(128, 32)
    index.add("story", hasher.signature(WIRE))
    index.add("story", hasher.signature(INDEPENDENT))  # the article's text was updated
    assert len(index) == 1
    assert index.query(hasher.signature(SYNDICATED), threshold=0.5) == []
    assert [k for k, _ in index.query(hasher.signature(INDEPENDENT), threshold=0.5)] == ["story"]


def _edit(rng: random.Random, doc: list[str], vocab: list[str], share: float) -> list[str]:
    """A syndicated-style copy: new words in place of ``share`` of the document, at its head and tail."""
    n = int(len(doc) * share / 2)
    return [rng.choice(vocab) for _ in range(n)] + doc[n : len(doc) - n] + [rng.choice(vocab) for _ in range(n)]


def test_lsh_recall_and_precision(hasher: MinHasher) -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(5000)]
    docs = [[rng.choice(vocab) for _ in range(rng.randint(150, 400))] for _ in range(300)]
    index = LSHIndex(128, 32)
    for n, doc in enumerate(docs):
        index.add(f"d{n}", hasher.signature(" ".join(doc)))
    found = false_hits = 0
    for n, doc in enumerate(docs):
        copy = " ".join(_edit(rng, doc, vocab, share=0.15))
        hits = [k for k, _ in index.query(hasher.signature(copy), threshold=0.5)]
        found += f"d{n}" in hits
        false_hits += len([k for k in hits if k != f"d{n}"])
    assert found / len(docs) >= 0.97
    assert false_hits == 0
