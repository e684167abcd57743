"""A panic in Rust comes back to Python as an error code, and the process lives on."""

from ctypes import POINTER, byref, c_int32, c_uint64

OXI_OK, OXI_NULL_POINTER, OXI_PANICKED = 0, 2, -1
U64_MAX = 2**64 - 1


def declare(lib):
    lib.oxi_collatz_steps.argtypes = [c_uint64, POINTER(c_uint64)]
    lib.oxi_collatz_steps.restype = c_int32
    return lib


def reference_steps(n: int) -> int | None:
    """Python's Collatz steps; None where Rust's `collatz_steps` panics."""
    if n == 0:
        return None
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        if n > U64_MAX:
            return None
        steps += 1
    return steps


def collatz(lib, n: int, start: int = 0) -> tuple[int, int]:
    """Calls oxi_collatz_steps; returns its status and what the out value holds afterwards."""
    steps = c_uint64(start)
    status = lib.oxi_collatz_steps(n, byref(steps))
    return status, steps.value


def test_steps_agree_with_python(ffi_lib):
    lib = declare(ffi_lib)
    for n in [*range(1, 1000), 2**40 + 1, 2**63, 12345678901234567]:
        assert collatz(lib, n) == (OXI_OK, reference_steps(n)), n


def test_zero_gives_the_panicked_code_instead_of_killing_python(ffi_lib):
    lib = declare(ffi_lib)
    # Rust's `collatz_steps(0)` panics. Unwinding into C would abort this whole process.
    assert reference_steps(0) is None
    assert collatz(lib, 0)[0] == OXI_PANICKED


def test_a_sequence_that_outgrows_64_bits_gives_the_panicked_code(ffi_lib):
    lib = declare(ffi_lib)
    for n in [U64_MAX, U64_MAX - 1, 2**63 + 1]:
        assert reference_steps(n) is None
        assert collatz(lib, n)[0] == OXI_PANICKED, n


def test_the_out_value_is_left_alone_when_it_panics(ffi_lib):
    lib = declare(ffi_lib)
    assert collatz(lib, 0, start=42) == (OXI_PANICKED, 42)
    assert collatz(lib, U64_MAX, start=42) == (OXI_PANICKED, 42)


def test_the_same_library_keeps_working_after_a_hundred_panics(ffi_lib):
    lib = declare(ffi_lib)
    for _ in range(100):
        assert collatz(lib, 0)[0] == OXI_PANICKED
    assert collatz(lib, 27) == (OXI_OK, 111)
