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
    let mut sum = 0.0;
    for (index, value) in values.iter().enumerate() {
        sum += value;
        progress(index + 1, values.len())?;
    }
    Ok(sum)
}

/// `py_callbacks.sum_with_progress(values, progress)` in Python.
#[pyfunction(name = "sum_with_progress")]
fn py_sum_with_progress(values: Vec<f64>, progress: &Bound<'_, PyAny>) -> PyResult<f64> {
    sum_with_progress(&values, |done, total| {
        progress.call1((done, total))?;
        Ok(())
    })
}

/// `Memoize(func)`: calls `func(n)` once per distinct `n` and remembers the result, like
/// `functools.cache` for a function of one integer.
#[pyclass(module = "py_callbacks")]
pub struct Memoize {
    func: Py<PyAny>,
    cache: HashMap<i64, Py<PyAny>>,
}

#[pymethods]
impl Memoize {
    /// `Memoize(func)` in Python, or `@Memoize` above a `def`.
    #[new]
    pub fn new(func: Py<PyAny>) -> Self {
        Memoize {
            func,
            cache: HashMap::new(),
        }
    }

    /// `memo(n)` in Python: the remembered result for `n`, or `func(n)`, remembered.
    pub fn __call__(&mut self, py: Python<'_>, n: i64) -> PyResult<Py<PyAny>> {
        if let Some(result) = self.cache.get(&n) {
            return Ok(result.clone_ref(py));
        }
        let result = self.func.bind(py).call1((n,))?.unbind();
        self.cache.insert(n, result.clone_ref(py));
        Ok(result)
    }

    /// `memo.__wrapped__`: the function itself, as `functools.wraps` names it.
    #[getter]
    pub fn __wrapped__(&self, py: Python<'_>) -> Py<PyAny> {
        self.func.clone_ref(py)
    }

    /// `len(memo)`: how many results are remembered.
    pub fn __len__(&self) -> usize {
        self.cache.len()
    }
}

/// The Python module `py_callbacks`.
#[pymodule]
mod py_callbacks {
    #[pymodule_export]
    use super::{Memoize, py_sum_with_progress};
}
