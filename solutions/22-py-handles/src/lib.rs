//! Exercise 3.11: `Bound` and `Py`, the two handles to a Python object.
//!
//! `&Bound<'py, PyDict>` is a borrowed handle to the caller's own dict, valid while this thread
//! is attached to the interpreter (`'py`): through it Rust changes the dict in place, and the
//! caller sees the change. `Py<PyList>` is an owned handle with no lifetime: one strong reference,
//! like a Python variable. It is what a struct stores and what a closure carries across
//! `py.detach`; `.bind(py)` turns it back into a `Bound` once attached again.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// How many squares `append_squares` computes per batch, detached, before it attaches to append.
pub const BATCH: u64 = 1000;

/// `count_into(counts, words)`: adds one to `counts[word]` for each word, in the caller's dict:
/// a key already there goes up by one, a new key starts at 1. Returns `None`.
#[pyfunction]
pub fn count_into(counts: &Bound<'_, PyDict>, words: Vec<String>) -> PyResult<()> {
    for word in words {
        let count = match counts.get_item(&word)? {
            Some(count) => count.extract::<i64>()? + 1,
            None => 1,
        };
        counts.set_item(word, count)?;
    }
    Ok(())
}

/// `append_squares(target, n)`: appends `0, 1, 4, ..., (n - 1)²` to the caller's list. Each
/// batch of `BATCH` squares is computed detached (other Python threads run meanwhile); the list
/// is touched only after attaching again.
#[pyfunction]
pub fn append_squares(py: Python<'_>, target: &Bound<'_, PyList>, n: u64) -> PyResult<()> {
    let target: Py<PyList> = target.clone().unbind();
    py.detach(|| {
        let mut start = 0;
        while start < n {
            let end = n.min(start + BATCH);
            let squares: Vec<u64> = (start..end).map(|i| i * i).collect();
            Python::attach(|py| {
                let list = target.bind(py);
                for square in squares {
                    list.append(square)?;
                }
                Ok::<(), PyErr>(())
            })?;
            start = end;
        }
        Ok(())
    })
}

/// `Recorder(target)`: keeps the caller's list and appends to it later, call after call.
#[pyclass(module = "py_handles")]
pub struct Recorder {
    target: Py<PyList>,
}

#[pymethods]
impl Recorder {
    /// `Recorder(target)` in Python: `target` must be a list (or a subclass of list).
    #[new]
    pub fn new(target: &Bound<'_, PyList>) -> Self {
        Recorder {
            target: target.clone().unbind(),
        }
    }

    /// `recorder.record(item)`: appends `item` itself (not a copy) to the kept list.
    pub fn record(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<()> {
        self.target.bind(py).append(item)
    }

    /// `recorder.target`: the kept list, the very object given to `Recorder(...)`.
    #[getter]
    pub fn target(&self, py: Python<'_>) -> Py<PyList> {
        self.target.clone_ref(py)
    }
}

/// The Python module `py_handles`.
#[pymodule]
mod py_handles {
    #[pymodule_export]
    use super::{Recorder, append_squares, count_into};
}
