"""A Python list crosses as a C array of doubles; a C struct comes back by value."""

import math

from ctypes import POINTER, Structure, c_double, c_size_t, c_uint64

import pytest


class Stats(Structure):
    # The same fields, in the same order, with the same C types as Rust's #[repr(C)] struct.
    _fields_ = [("count", c_uint64), ("mean", c_double), ("min", c_double), ("max", c_double)]


def declare(lib):
    lib.oxi_stats.argtypes = [POINTER(c_double), c_size_t]
    lib.oxi_stats.restype = Stats
    lib.oxi_scale.argtypes = [POINTER(c_double), c_size_t, c_double]
    lib.oxi_scale.restype = None
    return lib


def as_c_array(values: list[float]):
    """A C array holding a copy of `values`: `double[n]`, which ctypes passes as a pointer."""
    return (c_double * len(values))(*values)


def reference_stats(values: list[float]) -> tuple[int, float, float, float]:
    if not values:
        return (0, math.nan, math.nan, math.nan)
    return (len(values), sum(values) / len(values), min(values), max(values))


def test_stats_agree_with_python(ffi_lib):
    lib = declare(ffi_lib)
    for values in [[1.0], [4.0, 8.0, 15.0, 16.0, 23.0, 42.0], [-1.5, 2.25, -1e6, 1e6, 0.1]]:
        s = lib.oxi_stats(as_c_array(values), len(values))
        count, mean, low, high = reference_stats(values)
        assert (s.count, s.min, s.max) == (count, low, high)
        assert s.mean == pytest.approx(mean)


def test_stats_read_every_value_of_a_large_array(ffi_lib):
    lib = declare(ffi_lib)
    values = [float((i * 7919) % 10007) for i in range(100_000)]
    s = lib.oxi_stats(as_c_array(values), len(values))
    count, mean, low, high = reference_stats(values)
    assert (s.count, s.min, s.max) == (count, low, high)
    assert s.mean == pytest.approx(mean)


def test_stats_of_an_empty_array_have_a_count_of_zero_and_nan(ffi_lib):
    lib = declare(ffi_lib)
    s = lib.oxi_stats(None, 0)  # None is a NULL pointer
    assert s.count == 0
    assert math.isnan(s.mean) and math.isnan(s.min) and math.isnan(s.max)


def test_scale_changes_the_python_side_array_in_place(ffi_lib):
    lib = declare(ffi_lib)
    values = [1.0, -2.0, 0.5, 1e10]
    array = as_c_array(values)
    lib.oxi_scale(array, len(array), 3.0)
    assert list(array) == [v * 3.0 for v in values]


def test_scale_of_an_empty_array_is_allowed(ffi_lib):
    lib = declare(ffi_lib)
    lib.oxi_scale(None, 0, 2.0)
