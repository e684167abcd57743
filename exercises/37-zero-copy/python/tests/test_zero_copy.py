"""A large `bytes` read in place: the right checksum, no copy on either side, a graded speed-up.

Two instruments see copies: `tracemalloc` counts what Python allocates, and the module's own
`allocation_peak()` counts what its Rust code allocates. A `Vec<u8>` argument passes the first
and fails the second: the copy it makes is Rust's.
"""

import ast
import pathlib
import random
import tracemalloc
import zlib

import pytest

import zero_copy
from zero_copy_reference import python_adler32

# In twenty runs the reference solution reached 14x to 26x (median ratios) on a two-core
# machine kept busy by other builds: the target sits five times below the slowest of them.
TARGET_SPEEDUP = 2.5

MIB = 1 << 20


@pytest.fixture(scope="module")
def big_data() -> bytes:
    """64 MiB that are not all alike (every byte value, in a shuffled block of 1 MiB)."""
    block = bytearray(range(256)) * 4096
    random.Random(3).shuffle(block)
    return bytes(block) * 64


def test_agrees_with_zlib_on_small_inputs():
    rng = random.Random(1)
    samples = [b"", b"a", b"Wikipedia", bytes(range(256)) * 40] + [
        rng.randbytes(rng.randint(0, 5000)) for _ in range(50)
    ]
    assert [zero_copy.adler32(sample) for sample in samples] == [zlib.adler32(s) for s in samples]


def test_agrees_with_zlib_on_64_mib(big_data):
    assert zero_copy.adler32(big_data) == zlib.adler32(big_data)


def test_rust_allocates_far_less_than_the_input(big_data):
    zero_copy.adler32(b"warm-up")
    zero_copy.reset_allocation_peak()
    zero_copy.adler32(big_data)
    peak = zero_copy.allocation_peak()
    assert peak < MIB, (
        f"the Rust side held up to {peak / MIB:.1f} MiB during one call with "
        f"{len(big_data) / MIB:.0f} MiB of bytes: the input was copied. Is the argument a "
        "Vec<u8> (or turned into one with to_vec(), extract or collect)? A &[u8] borrows it."
    )


def test_python_allocates_far_less_than_the_input(big_data):
    zero_copy.adler32(b"warm-up")
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        zero_copy.adler32(big_data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MIB, (
        f"Python allocated up to {peak / MIB:.1f} MiB during one call with "
        f"{len(big_data) / MIB:.0f} MiB of bytes: a copy of the input was made on Python's side "
        "(a new bytes, bytearray or list)."
    )


def test_is_at_least_2_5_times_faster_than_python(speedup):
    data = random.Random(2).randbytes(20_000)
    assert zero_copy.adler32(data) == python_adler32(data)
    result = speedup(python_adler32, zero_copy.adler32, data)
    result.require(
        TARGET_SPEEDUP,
        "does the loop work on plain u32 sums, with no Python object inside it? "
        "Timed outside the checker, is it a release build (maturin develop --release)?",
    )


def test_every_function_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "zero_copy.pyi").read_text())
    names = [node.name for node in stub.body if isinstance(node, ast.FunctionDef)]
    assert names, "the stub declares no function"
    missing = [name for name in names if not callable(getattr(zero_copy, name, None))]
    assert missing == []
