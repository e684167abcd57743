// ANCHOR: add
use pyo3::prelude::*;

/// Adds two numbers.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[pymodule]
mod calc {
    #[pymodule_export]
    use super::add;
}
// ANCHOR_END: add

/// `calc` as the page's first block has it (add only).
pub fn calc_module(py: Python<'_>) -> Py<PyModule> {
    pyo3::wrap_pymodule!(calc)(py)
}

/// `calc` once `split` is added to it, as the page's later examples call it.
#[pymodule]
mod calc_with_split {
    #[pymodule_export]
    use super::{add, split};
}

pub fn calc_with_split_module(py: Python<'_>) -> Py<PyModule> {
    pyo3::wrap_pymodule!(calc_with_split)(py)
}

// ANCHOR: split
#[pyfunction]
#[pyo3(signature = (text, sep = " ", limit = None))]
fn split(text: &str, sep: &str, limit: Option<usize>) -> Vec<String> {
    match limit {
        Some(n) => text.splitn(n + 1, sep).map(String::from).collect(),
        None => text.split(sep).map(String::from).collect(),
    }
}
// ANCHOR_END: split
