use pyo3::prelude::*;
use std::collections::HashMap;

// ANCHOR: functions
#[pyfunction]
fn inverse(map: HashMap<String, i64>) -> HashMap<i64, String> {
    map.into_iter().map(|(k, v)| (v, k)).collect()
}

#[pyfunction]
fn checksum(data: &[u8]) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}
// ANCHOR_END: functions

#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

// ANCHOR: total
use pyo3::types::PyList;

#[pyfunction]
fn total(values: &Bound<'_, PyList>) -> PyResult<f64> {
    let mut sum = 0.0;
    for item in values.iter() {
        sum += item.extract::<f64>()?; // converts one element, may raise TypeError
    }
    Ok(sum)
}
// ANCHOR_END: total

/// The page's `m`.
#[pymodule]
mod m {
    #[pymodule_export]
    use super::{add, checksum, inverse, total};
}

pub fn module(py: Python<'_>) -> Py<PyModule> {
    pyo3::wrap_pymodule!(m)(py)
}
