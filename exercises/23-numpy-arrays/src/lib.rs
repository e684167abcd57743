//! Exercise 3.12: NumPy arrays without copying.
//!
//! A NumPy array is a header (dtype, shape, strides) and a pointer to a block of memory. Rust can
//! borrow that memory where it lies: `PyReadonlyArray1<f64>` is a shared borrow of a 1-D float64
//! array, `PyReadwriteArray1<f64>` an exclusive one, and `.as_array()` / `.as_array_mut()` turn
//! the borrow into an `ndarray` view that reads and writes NumPy's own memory. Nothing is copied
//! on the way in; on the way out, `.into_pyarray(py)` hands a Rust-owned array to NumPy, again
//! without a copy.
//!
//! The computations below are plain Rust on `ndarray` views (the tests in `tests/` call them
//! directly); the `#[pyfunction]`s only borrow the NumPy arrays and pass their views on.

// The names you need from `numpy` are already here; the `allow` goes once you use them.
#[allow(unused_imports)]
use numpy::ndarray::{Array1, ArrayView1, ArrayView2, ArrayViewMut1, Axis};
#[allow(unused_imports)]
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1, PyReadonlyArray2, PyReadwriteArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The running total of `values`: element `i` of the result is `values[0] + ... + values[i]`,
/// like `numpy.cumsum`. A view may skip elements (`a[::2]`); indexing and iterating a view
/// follow its strides, so that needs no special case.
pub fn cumulative_sum(values: ArrayView1<'_, f64>) -> Array1<f64> {
    let _ = values;
    todo!(
        "return the running total of `values` as a new Array1 (element i is the sum of elements \
         0..=i), like numpy.cumsum; empty in, empty out"
    )
}

/// The sum of each row of `matrix`, like `matrix.sum(axis=1)`.
pub fn row_sums(matrix: ArrayView2<'_, f64>) -> Array1<f64> {
    let _ = matrix;
    todo!("return one sum per row of `matrix` (axis 1), like matrix.sum(axis=1) in NumPy")
}

/// Limits every element of `values` to `low..=high`, in place, like `numpy.clip(a, low, high,
/// out=a)`. NaN stays NaN. The caller makes sure that `low <= high`.
pub fn clip(values: ArrayViewMut1<'_, f64>, low: f64, high: f64) {
    let _ = (values, low, high);
    todo!(
        "write every element of `values` back clamped to low..=high, through the mutable view \
         (no new array: the caller must see the change)"
    )
}

/// `numpy_arrays.cumulative_sum(values)` in Python: a new float64 array.
// TODO: `values` is any Python object for now. Borrow it as a read-only 1-D float64 NumPy array
// instead, so that PyO3 rejects every other argument with TypeError before the body runs.
#[pyfunction(name = "cumulative_sum")]
fn py_cumulative_sum<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
) -> Bound<'py, PyArray1<f64>> {
    let _ = (py, values);
    todo!(
        "take `values` as a read-only 1-D float64 array (not PyAny), run cumulative_sum on a view \
         of it, and hand the result to NumPy as a new array"
    )
}

/// `numpy_arrays.row_sums(matrix)` in Python: a new float64 array, one sum per row.
// TODO: borrow `matrix` as a read-only 2-D float64 NumPy array instead of any object.
#[pyfunction(name = "row_sums")]
fn py_row_sums<'py>(py: Python<'py>, matrix: &Bound<'py, PyAny>) -> Bound<'py, PyArray1<f64>> {
    let _ = (py, matrix);
    todo!(
        "take `matrix` as a read-only 2-D float64 array (not PyAny), run row_sums on a view of \
         it, and hand the result to NumPy as a new array"
    )
}

/// `numpy_arrays.clip_in_place(values, low, high)` in Python: changes `values` itself and
/// returns None, as `list.sort()` does.
// TODO: borrow `values` as a writable 1-D float64 NumPy array instead of any object.
#[pyfunction(name = "clip_in_place")]
fn py_clip_in_place(values: &Bound<'_, PyAny>, low: f64, high: f64) -> PyResult<()> {
    if low.is_nan() || high.is_nan() || low > high {
        return Err(PyValueError::new_err(format!(
            "low and high must be numbers with low <= high (got low={low}, high={high})"
        )));
    }
    let _ = values;
    todo!(
        "take `values` as a writable 1-D float64 array (not PyAny) and run clip on a mutable \
         view of it, so that the caller's own array changes"
    )
}

/// The Python module `numpy_arrays`.
#[pymodule]
mod numpy_arrays {
    // TODO: export `py_clip_in_place` here too, once it borrows its array writable.
    #[pymodule_export]
    use super::{py_cumulative_sum, py_row_sums};
}
