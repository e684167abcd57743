//! Exercise 3.2: a Python class written from scratch.
//!
//! `RunningStats` keeps a running count, total and maximum of the numbers pushed into it, without
//! storing the numbers, under a `name` that Python code may change but not break. The Rust side
//! is nearly done; Python cannot see any of it yet. Your job is to say what Python sees: the
//! class, its methods, its constructor, two attributes (one read-only, one checked on
//! assignment), a method called on the class itself, and the export in the module. Each
//! `TODO` below names one of them; the `todo!()`s are the three bodies still missing.
//! The Rust tests in `tests/` call these methods on a plain Rust value.

use pyo3::prelude::*;

/// The name a `RunningStats` gets when nobody gives it one.
pub const DEFAULT_NAME: &str = "stats";

/// Running statistics over a stream of numbers: `count`, `mean()`, `max()`, and a `name`.
// TODO: make this struct a Python class, `RunningStats`, that Python reports as defined in the
// module `running_stats` (`RunningStats.__module__ == "running_stats"`).
pub struct RunningStats {
    name: String,
    count: usize,
    total: f64,
    largest: Option<f64>,
}

// TODO: make the methods of this `impl` block the methods of the Python class.
impl RunningStats {
    /// `RunningStats()` or `RunningStats(name="latency")` in Python: no numbers yet.
    /// A bad name raises `ValueError`, as assigning one to `stats.name` does.
    // TODO: make this the constructor Python calls, with `name` optional (DEFAULT_NAME).
    pub fn new(name: String) -> PyResult<Self> {
        let _ = name;
        todo!(
            "return a RunningStats with no numbers yet and the given name, checked the way \
             set_name checks it (an invalid name is an Err, a ValueError in Python)"
        )
    }

    /// `RunningStats.from_values([1.0, 2.5])` in Python: a new object, called on the class,
    /// holding every number of the list, named `"stats"`.
    // TODO: make this a method that Python calls on the class, with no object (no `self`).
    pub fn from_values(values: Vec<f64>) -> Self {
        let _ = values;
        todo!("return a new RunningStats named DEFAULT_NAME that holds every number of `values`")
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
    // TODO: make this the attribute `count` (read-only: no setter).
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
    // TODO: make this the attribute `name`, read by `stats.name`.
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// `stats.name = "latency"` in Python. A name must not be empty nor contain whitespace;
    /// anything else raises `ValueError` and keeps the old name.
    // TODO: make this what `stats.name = ...` calls.
    pub fn set_name(&mut self, name: String) -> PyResult<()> {
        let _ = name;
        todo!(
            "store `name` if it is not empty and has no whitespace; otherwise return a \
             ValueError that shows the bad name, and keep the old one"
        )
    }
}

/// The Python module `running_stats`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod running_stats {
    // TODO: export the class RunningStats, so that `from running_stats import RunningStats`
    // works.
}
