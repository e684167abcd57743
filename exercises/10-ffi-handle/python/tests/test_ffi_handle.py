"""A Rust object lives behind an opaque handle; a Python class frees it exactly once."""

import math
import statistics

from ctypes import c_double, c_int32, c_size_t, c_uint64, c_void_p

import pytest

OXI_OK, OXI_NULL_POINTER = 0, 2
LEAK = "a Summary is still alive after oxi_summary_free: free must take it back and drop it"


def declare(lib):
    # The handle is an address: c_void_p, NOT the default C int, which would keep only the low
    # 32 bits of it (and the next call would crash on the half-pointer).
    lib.oxi_summary_new.argtypes = []
    lib.oxi_summary_new.restype = c_void_p
    lib.oxi_summary_push.argtypes = [c_void_p, c_double]
    lib.oxi_summary_push.restype = c_int32
    lib.oxi_summary_count.argtypes = [c_void_p]
    lib.oxi_summary_count.restype = c_uint64
    lib.oxi_summary_mean.argtypes = [c_void_p]
    lib.oxi_summary_mean.restype = c_double
    lib.oxi_summary_free.argtypes = [c_void_p]
    lib.oxi_summary_free.restype = None
    lib.oxi_live_summaries.argtypes = []
    lib.oxi_live_summaries.restype = c_size_t
    return lib


class Summary:
    """A Python face for the Rust object: owns one handle, frees it once.

    Use it in a `with` block (`__exit__` frees the handle, even when the block raises), or call
    `close()`. After that the handle is None, so a second `close()` does nothing instead of
    freeing the same pointer twice, and a method call raises instead of using freed memory.
    """

    def __init__(self, lib):
        self._lib = lib
        self._handle = lib.oxi_summary_new()
        if self._handle is None:
            raise MemoryError("oxi_summary_new returned NULL")

    def _live_handle(self) -> int:
        if self._handle is None:
            raise ValueError("this Summary is closed")
        return self._handle

    def push(self, value: float) -> None:
        assert self._lib.oxi_summary_push(self._live_handle(), value) == OXI_OK

    @property
    def count(self) -> int:
        return self._lib.oxi_summary_count(self._live_handle())

    @property
    def mean(self) -> float:
        return self._lib.oxi_summary_mean(self._live_handle())

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            self._lib.oxi_summary_free(handle)

    def __enter__(self) -> "Summary":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def test_a_new_summary_is_empty(ffi_lib):
    lib = declare(ffi_lib)
    with Summary(lib) as summary:
        assert summary.count == 0
        assert math.isnan(summary.mean)


def test_count_and_mean_agree_with_python(ffi_lib):
    lib = declare(ffi_lib)
    values = [2.5, -1.0, 1e6, 3.25, 0.0, 42.0]
    with Summary(lib) as summary:
        for value in values:
            summary.push(value)
        assert summary.count == len(values)
        assert summary.mean == pytest.approx(statistics.fmean(values))


def test_two_handles_keep_separate_state(ffi_lib):
    lib = declare(ffi_lib)
    with Summary(lib) as a, Summary(lib) as b:
        a.push(1.0)
        a.push(3.0)
        b.push(10.0)
        assert (a.count, a.mean) == (2, 2.0)
        assert (b.count, b.mean) == (1, 10.0)


def test_the_with_block_frees_the_rust_object(ffi_lib):
    lib = declare(ffi_lib)
    before = lib.oxi_live_summaries()
    with Summary(lib) as summary:
        summary.push(1.0)
        assert lib.oxi_live_summaries() == before + 1
    assert lib.oxi_live_summaries() == before, LEAK


def test_the_object_is_freed_even_when_the_block_raises(ffi_lib):
    lib = declare(ffi_lib)
    before = lib.oxi_live_summaries()
    with pytest.raises(ZeroDivisionError):
        with Summary(lib) as summary:
            summary.push(1.0)
            1 / 0
    assert lib.oxi_live_summaries() == before, LEAK


def test_a_thousand_handles_leak_nothing(ffi_lib):
    lib = declare(ffi_lib)
    before = lib.oxi_live_summaries()
    for i in range(1000):
        with Summary(lib) as summary:
            summary.push(float(i))
            assert summary.mean == float(i)
    assert lib.oxi_live_summaries() == before, LEAK


def test_closing_twice_frees_once_and_a_closed_summary_is_refused(ffi_lib):
    lib = declare(ffi_lib)
    before = lib.oxi_live_summaries()
    summary = Summary(lib)
    summary.close()
    summary.close()  # the handle is None now: nothing is freed twice
    assert lib.oxi_live_summaries() == before, LEAK
    with pytest.raises(ValueError):
        summary.push(1.0)


def test_a_null_handle_is_refused(ffi_lib):
    lib = declare(ffi_lib)
    assert lib.oxi_summary_push(None, 1.0) == OXI_NULL_POINTER
    assert lib.oxi_summary_count(None) == 0
    assert math.isnan(lib.oxi_summary_mean(None))
    lib.oxi_summary_free(None)
