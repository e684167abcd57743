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

use numpy::ndarray::{Array1, ArrayView1, ArrayView2, ArrayViewMut1, Axis};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1, PyReadonlyArray2, PyReadwriteArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The running total of `values`: element `i` of the result is `values[0] + ... + values[i]`,
/// like `numpy.cumsum`. A view may skip elements (`a[::2]`); indexing and iterating a view
/// follow its strides, so that needs no special case.
pub fn cumulative_sum(values: ArrayView1<'_, f64>) -> Array1<f64> {
    let mut total = 0.0;
    values
        .iter()
        .map(|value| {
            total += value;
            total
        })
        .collect()
}

/// The sum of each row of `matrix`, like `matrix.sum(axis=1)`.
pub fn row_sums(matrix: ArrayView2<'_, f64>) -> Array1<f64> {
    matrix.sum_axis(Axis(1))
}

/// Limits every element of `values` to `low..=high`, in place, like `numpy.clip(a, low, high,
/// out=a)`. NaN stays NaN. The caller makes sure that `low <= high`.
pub fn clip(mut values: ArrayViewMut1<'_, f64>, low: f64, high: f64) {
    values.mapv_inplace(|value| value.clamp(low, high));
}

/// `numpy_arrays.cumulative_sum(values)` in Python: a new float64 array.
#[pyfunction(name = "cumulative_sum")]
fn py_cumulative_sum<'py>(
    py: Python<'py>,
    values: PyReadonlyArray1<'py, f64>,
) -> Bound<'py, PyArray1<f64>> {
    cumulative_sum(values.as_array()).into_pyarray(py)
}

/// `numpy_arrays.row_sums(matrix)` in Python: a new float64 array, one sum per row.
#[pyfunction(name = "row_sums")]
fn py_row_sums<'py>(
    py: Python<'py>,
    matrix: PyReadonlyArray2<'py, f64>,
) -> Bound<'py, PyArray1<f64>> {
    row_sums(matrix.as_array()).into_pyarray(py)
}

/// `numpy_arrays.clip_in_place(values, low, high)` in Python: changes `values` itself and
/// returns None, as `list.sort()` does.
#[pyfunction(name = "clip_in_place")]
fn py_clip_in_place(mut values: PyReadwriteArray1<'_, f64>, low: f64, high: f64) -> PyResult<()> {
    if low.is_nan() || high.is_nan() || low > high {
        return Err(PyValueError::new_err(format!(
            "low and high must be numbers with low <= high (got low={low}, high={high})"
        )));
    }
    clip(values.as_array_mut(), low, high);
    Ok(())
}

/// The Python module `numpy_arrays`.
#[pymodule]
mod numpy_arrays {
    #[pymodule_export]
    use super::{py_clip_in_place, py_cumulative_sum, py_row_sums};
}
