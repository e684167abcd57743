//! Exercise 3.2: a Python class written from scratch.
//!
//! `RunningStats` keeps a running count, total and maximum of the numbers pushed into it, without
//! storing the numbers, under a `name` that Python code may change but not break. `#[pyclass]`
//! makes the struct a Python type, `#[pymethods]` makes the methods of the `impl` block its
//! methods, and the attributes on each method say what Python sees: the constructor, an
//! attribute, a checked assignment, a method called on the class. The Rust tests in `tests/`
//! call the same methods on a plain Rust value.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The name a `RunningStats` gets when nobody gives it one.
pub const DEFAULT_NAME: &str = "stats";

/// Running statistics over a stream of numbers: `count`, `mean()`, `max()`, and a `name`.
#[pyclass(module = "running_stats")]
pub struct RunningStats {
    name: String,
    count: usize,
    total: f64,
    largest: Option<f64>,
}

#[pymethods]
impl RunningStats {
    /// `RunningStats()` or `RunningStats(name="latency")` in Python: no numbers yet.
    /// A bad name raises `ValueError`, as assigning one to `stats.name` does.
    #[new]
    #[pyo3(signature = (name = DEFAULT_NAME.to_string()))]
    pub fn new(name: String) -> PyResult<Self> {
        let mut stats = Self::from_values(Vec::new());
        stats.set_name(name)?;
        Ok(stats)
    }

    /// `RunningStats.from_values([1.0, 2.5])` in Python: a new object, called on the class,
    /// holding every number of the list, named `"stats"`.
    #[staticmethod]
    pub fn from_values(values: Vec<f64>) -> Self {
        let mut stats = RunningStats {
            name: DEFAULT_NAME.to_string(),
            count: 0,
            total: 0.0,
            largest: None,
        };
        stats.extend(values);
        stats
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

    /// The name: `stats.name` in Python.
    #[getter]
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// `stats.name = "latency"` in Python. A name must not be empty nor contain whitespace;
    /// anything else raises `ValueError` and keeps the old name.
    #[setter]
    pub fn set_name(&mut self, name: String) -> PyResult<()> {
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(PyValueError::new_err(format!(
                "a name must not be empty nor contain whitespace, got {name:?}"
            )));
        }
        self.name = name;
        Ok(())
    }
}

/// The Python module `running_stats`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod running_stats {
    #[pymodule_export]
    use super::RunningStats;
}
