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
    let _ = (counts, words);
    todo!(
        "for each word, read its count from the caller's dict `counts` (missing: 0), add one and \
         store it back into that same dict; a count that is not an int must raise TypeError"
    )
}

/// `append_squares(target, n)`: appends `0, 1, 4, ..., (n - 1)²` to the caller's list. Each
/// batch of `BATCH` squares is computed detached (other Python threads run meanwhile); the list
/// is touched only after attaching again.
#[pyfunction]
pub fn append_squares(py: Python<'_>, target: &Bound<'_, PyList>, n: u64) -> PyResult<()> {
    let _ = (py, target, n);
    todo!(
        "detach from the interpreter (py.detach) and, batch by batch, compute BATCH squares in \
         Rust, then attach again (Python::attach) to append them to `target`. A `Bound` cannot go \
         into the detached closure: take an owned handle to the list with you"
    )
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
        let _ = target;
        todo!(
            "keep the caller's list itself in the `target` field: turn the borrowed handle into \
             an owned one (one more reference to the same list, no copy)"
        )
    }

    /// `recorder.record(item)`: appends `item` itself (not a copy) to the kept list.
    pub fn record(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<()> {
        let _ = (py, item);
        todo!("append `item` to the kept list: bind the stored handle to `py` first")
    }

    /// `recorder.target`: the kept list, the very object given to `Recorder(...)`.
    #[getter]
    pub fn target(&self, py: Python<'_>) -> Py<PyList> {
        let _ = py;
        todo!("return the kept list itself: one more reference to it, not a copy")
    }
}

/// The Python module `py_handles`.
#[pymodule]
mod py_handles {
    // TODO: export `Recorder` too, once it works.
    #[pymodule_export]
    use super::{append_squares, count_into};
}
