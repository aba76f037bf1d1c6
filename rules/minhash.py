"""MinHash signatures of character shingles, and locality-sensitive hashing (LSH) to find
similar passages among many without comparing every pair.

Each passage's shingles (every run of ``size`` characters) are hashed once into 64-bit
integers, then through ``PERMUTATIONS`` multiply-shift hash functions; a signature keeps the
smallest value of each, cut to its top 8 bits (b-bit MinHash: a signature is 64 bytes, so
10,000 reports' 350,000 sentences take 22 MB). Two signatures agree at a position with
probability J + (1 - J)/256 for Jaccard similarity J: :func:`similarity` takes the chance
agreements out. Signatures are cut into ``BANDS`` bands of ``ROWS`` values — four bytes, read
as one 32-bit key; passages that agree on a whole band become candidates (the S-curve's
threshold is about (1/BANDS)^(1/ROWS) = 0.5), and only candidates are compared. Bands are
sorted one at a time, so the comparison needs a few bytes per sentence beyond the signatures.
Everything is vectorised with numpy: one set of array operations per report, not per shingle.
The seeds are fixed so that digests made in different processes agree.
"""

from __future__ import annotations

import base64

import numpy as np

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
_PRIME = np.uint64(0x100000001B3)  # FNV's 64-bit prime: mixes code points into a shingle hash
_rng = np.random.default_rng(20261123)
_MULTIPLY = _rng.integers(1, 2 ** 62, PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
_ADD = _rng.integers(0, 2 ** 62, PERMUTATIONS, dtype=np.uint64)
_SHIFT = np.uint64(56)
#: values one byte can take: two different minima agree by chance once in this many
VALUES = 256
#: shingles hashed per block: small matrices are reused by the allocator, and a very long
#: text never builds a huge one
_BLOCK = 4_096
#: the smallest buffer numpy accepts (see signatures_of)
_SMALLEST_BUFFER = 16


def code_points(text: str) -> np.ndarray:
    """The code points of ``text``, one 32-bit integer a character (a lone surrogate, which
    no reader should leave, is hashed like any other character rather than failing)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """A 64-bit hash of every run of ``size`` characters of ``text``."""
    return _shingle_hashes(code_points(text), size)


def _shingle_hashes(codes: np.ndarray, size: int) -> np.ndarray:
    count = len(codes) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    codes = codes.astype(np.uint64)
    hashes = codes[:count].copy()  # the first round, 0 * _PRIME + the first code point
    for offset in range(1, size):  # in place: no fresh array a round
        hashes *= _PRIME
        hashes += codes[offset:offset + count]
    return hashes


def signatures(texts: list[str], size: int) -> np.ndarray:
    """The MinHash signature of each text (each at least ``size`` characters long), one row
    per text, ``PERMUTATIONS`` bytes each."""
    return signatures_of(code_points("".join(texts)), np.array([len(text) for text in texts], dtype=np.int64), size)


def signatures_of(codes: np.ndarray, lengths: np.ndarray, size: int) -> np.ndarray:
    """The signatures of texts given as their code points one after the other (``codes``),
    text i ``lengths[i]`` characters long (each at least ``size``): see :func:`signatures`.
    The texts are hashed joined, in one pass (a pass per sentence cost more in numpy's
    overhead than in hashing); the shingles that span two texts are left out by a mask."""
    rows = np.zeros((len(lengths), PERMUTATIONS), dtype=np.uint8)
    if not len(lengths):
        return rows
    hashes = _shingle_hashes(codes, size)
    joints = lengths[:-1].cumsum()
    inside = np.ones(len(hashes), dtype=bool)
    inside[(joints[:, None] - np.arange(1, size)).ravel()] = False
    hashes = hashes[inside]
    counts = lengths - (size - 1)  # shingles of each text
    ends = counts.cumsum()  # where each text's shingles end, and start:
    starts = ends - counts
    # blocks of whole texts: a block starts at the first text that starts at or after each
    # multiple of _BLOCK shingles (a text longer than that makes an empty block, skipped)
    bounds = starts.searchsorted(np.arange(0, ends[-1], _BLOCK)).tolist() + [len(lengths)]
    # numpy buffers a broadcast operand (a permutation's multiplier along a row of shingles)
    # when a row is shorter than its buffer, copying every value once more than it computes
    # it: with the smallest buffer, the multiply-shift passes run on the arrays themselves
    # (half the instructions of a digest's hashing). Multiply-shift hashing wraps around
    # 2**64 by design (numpy's integer arrays wrap without a warning).
    buffer = np.setbufsize(_SMALLEST_BUFFER)
    try:
        for first, end in zip(bounds, bounds[1:]):
            if first == end:
                continue
            # permutations × shingles, computed in place: fresh large arrays cost page faults
            mixed = np.multiply.outer(_MULTIPLY, hashes[starts[first]:ends[end - 1]])
            mixed += _ADD[:, None]
            # the top bits of the smallest value are the smallest top bits: shifted after the
            # minimum, one value per text and permutation is shifted, not one per shingle
            smallest = np.minimum.reduceat(mixed, starts[first:end] - starts[first], axis=1)
            smallest >>= _SHIFT
            rows[first:end] = smallest.T
    finally:
        np.setbufsize(buffer)
    return rows


def to_text(rows: np.ndarray) -> str:
    """Signatures as plain text (base64), to travel in a digest that is cached as JSON."""
    return base64.b64encode(rows.astype(np.uint8).tobytes()).decode("ascii")


def from_text(text: str) -> bytes:
    """The signatures' bytes (``PERMUTATIONS`` a signature) from :func:`to_text`."""
    return base64.b64decode(text)


def as_rows(data) -> np.ndarray:
    """Signatures' bytes (bytes, a bytearray) seen as rows, without a copy."""
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, PERMUTATIONS)


def candidate_pairs(rows: np.ndarray, owners: np.ndarray, most: int, keep=None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j), i < j, of signatures that agree on at least one band and belong to
    different owners, each pair once; with ``keep(first, second) -> mask``, only the pairs it
    keeps. A band shared by more than ``most`` signatures is a stock passage, not a copy: its
    members are not paired from that band (this also keeps the work linear in the number of
    signatures). Pairs are made and filtered a band and a bucket size at a time, so only the
    kept ones accumulate."""
    count = len(rows)
    found = [np.zeros(0, dtype=np.int64)]  # pairs as low * count + high
    for band in range(BANDS):
        keys = np.ascontiguousarray(rows[:, band * ROWS:(band + 1) * ROWS]).view("<u4").ravel()
        ids = np.argsort(keys, kind="stable")
        keys = keys[ids]
        cuts = np.flatnonzero(keys[1:] != keys[:-1]) + 1
        starts, sizes = np.r_[0, cuts], np.diff(np.r_[0, cuts, count])
        del keys, cuts
        for size in _distinct(sizes[(sizes >= 2) & (sizes <= most)]).tolist():
            upper = np.triu_indices(size, 1)  # every pair of positions within a band of this size
            at = starts[sizes == size][:, None]
            first, second = ids[(at + upper[0]).ravel()], ids[(at + upper[1]).ravel()]
            low, high = np.minimum(first, second), np.maximum(first, second)
            mask = owners[low] != owners[high]
            low, high = low[mask], high[mask]
            if keep is not None:
                mask = keep(low, high)
                low, high = low[mask], high[mask]
            found.append(low * count + high)
    unique = _distinct(np.concatenate(found))
    return unique // max(count, 1), unique % max(count, 1)


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: ``np.unique`` without its check for masked arrays, which
    imports ``numpy.ma`` (60 ms, in the part of a run that waits for nothing else)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def similarity(rows: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The estimated Jaccard similarity of each pair: the share of agreeing positions, less
    the agreements of one-byte values by chance."""
    agree = np.zeros(len(first))
    for start in range(0, len(first), _BLOCK):  # a block of pairs at a time: memory stays small
        end = start + _BLOCK
        agree[start:end] = (rows[first[start:end]] == rows[second[start:end]]).mean(axis=1)
    return (agree - 1 / VALUES) / (1 - 1 / VALUES)
