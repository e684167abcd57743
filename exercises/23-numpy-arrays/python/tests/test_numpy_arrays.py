"""NumPy arrays borrowed by Rust: read where they lie, written in place, checked for dtype.

No test can watch a copy being made, so they watch its consequences instead: a write that Rust
makes must show in the caller's array (and in the array a slice was taken from), a new result
must not share memory with its input, and an array of the wrong kind must be refused rather than
converted (a conversion is a copy).
"""

import ast
import os
import pathlib

# NumPy's OpenBLAS starts one thread per core when numpy is imported, and each reserves memory.
# The checker limits a test process's address space (4 GiB); on a machine with many cores those
# reservations alone can pass it. These tests multiply no matrices: one BLAS thread is plenty.
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402 (after the environment variable, on purpose)
import pytest  # noqa: E402

import numpy_arrays  # noqa: E402


def samples(n: int = 101) -> np.ndarray:
    """Numbers of both signs and several sizes, float64, the same on every run."""
    return np.random.default_rng(7).normal(0.0, 10.0, n)


def test_cumulative_sum_equals_numpys_cumsum():
    values = samples()
    assert numpy_arrays.cumulative_sum(values) == pytest.approx(np.cumsum(values))


def test_cumulative_sum_returns_a_new_float64_array_and_leaves_its_input_alone():
    values = samples()
    before = values.copy()
    result = numpy_arrays.cumulative_sum(values)
    kind = type(result).__name__
    assert type(result) is np.ndarray, (
        f"cumulative_sum returned a {kind}, not a NumPy array: a Vec becomes a Python list; "
        "return a new array (`PyArray1::from_vec`, or `into_pyarray`) instead"
    )
    assert result.dtype == np.float64
    assert result.shape == values.shape
    assert not np.shares_memory(result, values), "the result must be a new array"
    assert np.array_equal(values, before), "a read-only borrow must not change the input"


def test_cumulative_sum_reads_a_view_that_skips_elements():
    values = samples()
    every_second = values[::2]
    assert not every_second.flags.c_contiguous
    assert numpy_arrays.cumulative_sum(every_second) == pytest.approx(np.cumsum(every_second))


def test_row_sums_equal_numpys_sum_along_axis_1():
    matrix = samples(60).reshape(12, 5)
    assert numpy_arrays.row_sums(matrix) == pytest.approx(matrix.sum(axis=1))


def test_row_sums_read_a_transposed_matrix_where_it_lies():
    matrix = samples(60).reshape(12, 5)
    transposed = matrix.T  # a view: same memory, strides swapped, not C-contiguous
    assert np.shares_memory(transposed, matrix) and not transposed.flags.c_contiguous
    assert numpy_arrays.row_sums(transposed) == pytest.approx(transposed.sum(axis=1))


def test_clip_in_place_changes_the_callers_own_array():
    values = samples()
    expected = np.clip(values, -5.0, 5.0)
    returned = numpy_arrays.clip_in_place(values, -5.0, 5.0)
    assert returned is None, "an in-place function returns None, like list.sort()"
    assert values == pytest.approx(expected), (
        "the caller's array did not change: was the clipping done on a copy?"
    )


def test_clip_in_place_on_a_slice_writes_into_the_array_it_was_cut_from():
    values = samples()
    before = values.copy()
    window = values[10:20]
    assert np.shares_memory(window, values)
    numpy_arrays.clip_in_place(window, -1.0, 1.0)
    assert values[10:20] == pytest.approx(np.clip(before[10:20], -1.0, 1.0))
    assert np.array_equal(values[:10], before[:10]) and np.array_equal(values[20:], before[20:])


def test_clip_in_place_through_a_view_that_skips_elements_leaves_the_others_alone():
    values = samples()
    before = values.copy()
    numpy_arrays.clip_in_place(values[::2], -1.0, 1.0)
    assert values[::2] == pytest.approx(np.clip(before[::2], -1.0, 1.0))
    assert np.array_equal(values[1::2], before[1::2])


def test_an_array_of_another_dtype_raises_type_error_instead_of_being_converted():
    with pytest.raises(TypeError):
        numpy_arrays.cumulative_sum(np.arange(5))  # int64
    with pytest.raises(TypeError):
        numpy_arrays.row_sums(np.ones((2, 2), dtype=np.float32))
    with pytest.raises(TypeError):
        numpy_arrays.clip_in_place(np.arange(5), 0.0, 1.0)


def test_a_list_or_an_array_of_the_wrong_dimension_raises_type_error():
    with pytest.raises(TypeError):
        numpy_arrays.cumulative_sum([1.0, 2.0, 3.0])
    with pytest.raises(TypeError):
        numpy_arrays.cumulative_sum(np.ones((2, 2)))
    with pytest.raises(TypeError):
        numpy_arrays.row_sums(np.ones(4))


def test_clip_in_place_refuses_a_read_only_array():
    values = samples()
    values.flags.writeable = False
    with pytest.raises(TypeError):
        numpy_arrays.clip_in_place(values, -1.0, 1.0)


def test_every_function_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "numpy_arrays.pyi").read_text())
    names = [node.name for node in stub.body if isinstance(node, ast.FunctionDef)]
    assert names, "the stub declares no function"
    missing = [name for name in names if not callable(getattr(numpy_arrays, name, None))]
    assert missing == []
