"""64-bit integers cross the C ABI intact, as long as ctypes is told their types."""

import ctypes
import math

from ctypes import byref, c_int, c_int32, c_int64, c_uint64

OXI_OK, OXI_OVERFLOW, OXI_NULL_POINTER = 0, 1, 2
I64_MAX = 2**63 - 1


def declare(lib):
    # Without these lines ctypes assumes every argument and result is a C `int` (32 bits).
    lib.oxi_gcd.argtypes = [c_uint64, c_uint64]
    lib.oxi_gcd.restype = c_uint64
    lib.oxi_checked_add.argtypes = [c_int64, c_int64, ctypes.POINTER(c_int64)]
    lib.oxi_checked_add.restype = c_int32
    return lib


def reference_checked_add(a: int, b: int) -> int | None:
    total = a + b
    return total if -(2**63) <= total <= I64_MAX else None


def test_gcd_agrees_with_math_gcd_on_64_bit_values(ffi_lib):
    lib = declare(ffi_lib)
    pairs = [(12, 18), (0, 9), (0, 0), (3 << 62, 2 << 62), (2**64 - 59, 2**64 - 59), (2**63, 6)]
    assert [lib.oxi_gcd(a, b) for a, b in pairs] == [math.gcd(a, b) for a, b in pairs]


def test_gcd_without_restype_comes_back_truncated_to_a_c_int(ffi_lib):
    declare(ffi_lib)
    raw = ffi_lib["oxi_gcd"]  # indexing gives a fresh function object, with ctypes' defaults
    raw.argtypes = [c_uint64, c_uint64]  # ...but no restype: ctypes reads a 32-bit C int
    true_gcd = math.gcd(3 << 40, 5 << 40)
    assert ffi_lib.oxi_gcd(3 << 40, 5 << 40) == true_gcd
    assert raw(3 << 40, 5 << 40) == c_int(true_gcd).value == 0


def test_checked_add_writes_the_sum_through_the_out_pointer(ffi_lib):
    lib = declare(ffi_lib)
    for a, b in [(2**40, 2), (-(2**50), 2**33), (I64_MAX - 1, 1)]:
        out = c_int64(0)
        assert lib.oxi_checked_add(a, b, byref(out)) == OXI_OK
        assert out.value == reference_checked_add(a, b)


def test_checked_add_reports_overflow_instead_of_wrapping(ffi_lib):
    lib = declare(ffi_lib)
    for a, b in [(I64_MAX, 1), (-(2**63), -1), (2**62, 2**62)]:
        out = c_int64(7)
        assert reference_checked_add(a, b) is None
        assert lib.oxi_checked_add(a, b, byref(out)) == OXI_OVERFLOW
        assert out.value == 7


def test_checked_add_rejects_a_null_out_pointer(ffi_lib):
    lib = declare(ffi_lib)
    assert lib.oxi_checked_add(1, 2, None) == OXI_NULL_POINTER
