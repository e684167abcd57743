//! Exercise 3.2: a Python class written in Rust.
//!
//! `RunningStats` keeps a running count, total and maximum of the numbers pushed into it, without
//! storing the numbers. `#[pyclass]` makes the struct a Python type; `#[pymethods]` makes the
//! methods of the `impl` block its methods. The Rust tests in `tests/` call the same methods.

use pyo3::prelude::*;

/// Running statistics over a stream of numbers: `count`, `mean()`, `max()`.
#[pyclass(module = "running_stats")]
pub struct RunningStats {
    count: usize,
    total: f64,
    largest: Option<f64>,
}

#[pymethods]
impl RunningStats {
    /// `RunningStats()` in Python: no numbers yet.
    #[new]
    pub fn new() -> Self {
        todo!("return a `RunningStats` with a count of 0, a total of 0.0 and no largest number")
    }

    /// Adds one number.
    pub fn push(&mut self, value: f64) {
        let _ = value;
        todo!(
            "record one more number: update the count, the running total and the largest number \
             seen so far"
        )
    }

    /// Adds every number of a Python list (or tuple).
    pub fn extend(&mut self, values: Vec<f64>) {
        let _ = values;
        todo!("add every number of `values`, the same way `push` adds one")
    }

    /// How many numbers were pushed: a read-only attribute in Python (`stats.count`).
    #[getter]
    pub fn count(&self) -> usize {
        todo!("return how many numbers were pushed")
    }

    /// The mean of the numbers pushed, or `None` before the first one.
    pub fn mean(&self) -> Option<f64> {
        todo!("return the mean of the numbers pushed so far, or None before the first one")
    }

    /// The largest number pushed, or `None` before the first one.
    pub fn max(&self) -> Option<f64> {
        todo!("return the largest number pushed so far, or None before the first one")
    }

    /// `len(stats)` in Python: the same as `count`.
    pub fn __len__(&self) -> usize {
        todo!("return the number of values pushed: the same as `count`")
    }

    /// `repr(stats)` in Python, e.g. `RunningStats(count=2, mean=1.5)` or
    /// `RunningStats(count=0, mean=None)`.
    pub fn __repr__(&self) -> String {
        todo!(
            "return `RunningStats(count=2, mean=1.5)`, or `RunningStats(count=0, mean=None)` when \
             nothing was pushed, with the mean printed the way Python prints a float (2.0, not 2)"
        )
    }
}

impl Default for RunningStats {
    fn default() -> Self {
        Self::new()
    }
}

/// The Python module `running_stats`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod running_stats {
    #[pymodule_export]
    use super::RunningStats;
}
