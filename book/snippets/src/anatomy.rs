use pyo3::prelude::*;
use pyo3::types::PyList;

// ANCHOR: first_longer_than
#[pyfunction]
fn first_longer_than(words: &Bound<'_, PyList>, min_len: usize) -> PyResult<Option<String>> {
    for word in words.iter() {
        // Python's own len(): it counts characters, and copies nothing.
        if word.len()? > min_len {
            return Ok(Some(word.extract()?)); // the one copy: the answer, into a Rust String
        }
    }
    Ok(None)
}
// ANCHOR_END: first_longer_than

#[pymodule]
mod anatomy {
    #[pymodule_export]
    use super::first_longer_than;
}

pub fn module(py: Python<'_>) -> Py<PyModule> {
    pyo3::wrap_pymodule!(anatomy)(py)
}
