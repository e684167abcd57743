//! Exercise 3.10: Rust code that calls back into Python.
//!
//! A Python callable (a function, a lambda, a bound method, an object with `__call__`) arrives
//! in Rust as a `&Bound<'_, PyAny>`; `.call1((args,))` calls it and returns a `PyResult`. When the
//! Python code raises, that `PyResult` is an `Err` holding the very exception object, and `?`
//! hands it back to the Python caller unchanged. A `#[pyclass]` that keeps a callable for later
//! stores it as a `Py<PyAny>`, which has no lifetime, and calls it through `.bind(py)`.

use std::collections::HashMap;

use pyo3::prelude::*;

/// Adds up `values`, calling `progress(done, total)` after each one. The first error the callback
/// returns stops the loop and is returned as it is: no further value is added, no further call.
///
/// Plain Rust: `progress` is any closure, so the Rust tests call this with no Python around.
pub fn sum_with_progress<E>(
    values: &[f64],
    mut progress: impl FnMut(usize, usize) -> Result<(), E>,
) -> Result<f64, E> {
    let _ = (values, &mut progress);
    todo!(
        "add up the values; after each one call `progress(done, total)`, and stop at once with \
         the callback's error if it returns one (that is what `?` does)"
    )
}

/// `py_callbacks.sum_with_progress(values, progress)` in Python.
#[pyfunction(name = "sum_with_progress")]
fn py_sum_with_progress(values: Vec<f64>, progress: &Bound<'_, PyAny>) -> PyResult<f64> {
    let _ = (values, progress);
    todo!(
        "call `sum_with_progress` with a closure that calls the Python callable `progress` with \
         (done, total) and passes its exception on: a Python exception must stop the loop"
    )
}

/// `Memoize(func)`: calls `func(n)` once per distinct `n` and remembers the result, like
/// `functools.cache` for a function of one integer.
#[pyclass(module = "py_callbacks")]
pub struct Memoize {
    // TODO: a field that keeps the Python function for later calls. A `Bound<'py, _>` cannot
    // live in a struct (its lifetime ends with the call); which handle can?
    cache: HashMap<i64, Py<PyAny>>,
}

#[pymethods]
impl Memoize {
    /// `Memoize(func)` in Python, or `@Memoize` above a `def`.
    #[new]
    pub fn new(func: Py<PyAny>) -> Self {
        let _ = func;
        todo!("keep `func` in the struct, with an empty cache")
    }

    /// `memo(n)` in Python: the remembered result for `n`, or `func(n)`, remembered.
    pub fn __call__(&mut self, py: Python<'_>, n: i64) -> PyResult<Py<PyAny>> {
        let _ = (py, n);
        todo!(
            "return the remembered result for `n` if there is one; otherwise call the stored \
             function with `n`, remember its result and return it. If the function raises, \
             remember nothing and let its exception reach the caller"
        )
    }

    /// `memo.__wrapped__`: the function itself, as `functools.wraps` names it.
    #[getter]
    pub fn __wrapped__(&self, py: Python<'_>) -> Py<PyAny> {
        let _ = py;
        todo!("return the stored function itself: the same object, one more reference to it")
    }

    /// `len(memo)`: how many results are remembered.
    pub fn __len__(&self) -> usize {
        self.cache.len()
    }
}

/// The Python module `py_callbacks`.
#[pymodule]
mod py_callbacks {
    // TODO: export `Memoize` too, once it has its field.
    #[pymodule_export]
    use super::py_sum_with_progress;
}
