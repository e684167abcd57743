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
        RunningStats {
            count: 0,
            total: 0.0,
            largest: None,
        }
    }

    /// Adds one number.
    pub fn push(&mut self, value: f64) {
        self.count += 1;
        self.total += value;
        self.largest = Some(match self.largest {
            Some(largest) => largest.max(value),
            None => value,
        });
    }

    /// Adds every number of a Python list (or tuple).
    pub fn extend(&mut self, values: Vec<f64>) {
        for value in values {
            self.push(value);
        }
    }

    /// How many numbers were pushed: a read-only attribute in Python (`stats.count`).
    #[getter]
    pub fn count(&self) -> usize {
        self.count
    }

    /// The mean of the numbers pushed, or `None` before the first one.
    pub fn mean(&self) -> Option<f64> {
        if self.count == 0 {
            None
        } else {
            Some(self.total / self.count as f64)
        }
    }

    /// The largest number pushed, or `None` before the first one.
    pub fn max(&self) -> Option<f64> {
        self.largest
    }

    /// `len(stats)` in Python: the same as `count`.
    pub fn __len__(&self) -> usize {
        self.count
    }

    /// `repr(stats)` in Python, e.g. `RunningStats(count=2, mean=1.5)` or
    /// `RunningStats(count=0, mean=None)`.
    pub fn __repr__(&self) -> String {
        match self.mean() {
            Some(mean) => format!("RunningStats(count={}, mean={:?})", self.count, mean),
            None => format!("RunningStats(count={}, mean=None)", self.count),
        }
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
