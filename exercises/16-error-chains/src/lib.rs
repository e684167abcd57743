//! Exercise 3.5: errors that keep their cause, and Rust's logs in Python's `logging`.
//!
//! `load_config(text)` reads settings written `name = number`, one a line, into a dict. When a
//! value is no number, the Rust error says which line and which name, and keeps the
//! `ParseIntError` that says why as its *source*. Python should see the same two layers: a
//! `ConfigError` whose `__cause__` is the `ValueError` underneath, as `raise ... from ...` would
//! make. And what the loader logs with Rust's `log` macros should reach Python's `logging`, where
//! the application decides what to show.

use std::collections::HashMap;
use std::error::Error;
use std::fmt;
use std::num::ParseIntError;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    error_chains,
    ConfigError,
    PyValueError,
    "A configuration text could not be loaded; __cause__ says why, when something underneath failed."
);

/// Why a configuration text could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// A line that is not blank, not a `#` comment, and has no `=`.
    MissingEquals { line: usize },
    /// A value that is not a number. `source` is the error `str::parse` gave, which says why.
    BadNumber {
        line: usize,
        name: String,
        source: ParseIntError,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::MissingEquals { line } => {
                write!(f, "line {line}: expected `name = number`")
            }
            LoadError::BadNumber { line, name, .. } => {
                write!(f, "line {line}: the value of `{name}` is not a number")
            }
        }
    }
}

impl Error for LoadError {
    /// The error underneath this one, if any: the next link of the chain.
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        todo!(
            "return the error underneath this one: the ParseIntError that a BadNumber keeps in \
             its `source` field, and None for MissingEquals, which has nothing underneath"
        )
    }
}

/// Reads `name = number` lines (blank lines and `#` comments skipped) into a map. A name set
/// twice keeps its last value. Logs each setting (debug), each name set again (warning), and
/// how many settings it loaded (info).
pub fn load_config(text: &str) -> Result<HashMap<String, u64>, LoadError> {
    let mut settings = HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let (name, value) = raw
            .split_once('=')
            .ok_or(LoadError::MissingEquals { line })?;
        let (name, value) = (name.trim(), value.trim());
        let number: u64 = value.parse().map_err(|source| LoadError::BadNumber {
            line,
            name: name.to_string(),
            source,
        })?;
        log::debug!("line {line}: {name} = {number}");
        if settings.insert(name.to_string(), number).is_some() {
            // TODO: log a warning, like the debug record above, with the message
            // "line {line}: `{name}` is set again; the last value wins".
        }
    }
    // TODO: log at level info "loaded {n} settings", n being how many settings there are.
    Ok(settings)
}

/// A `LoadError` becomes a `ConfigError`, and the error underneath it its `__cause__`.
impl From<LoadError> for PyErr {
    fn from(error: LoadError) -> PyErr {
        let python_error = ConfigError::new_err(error.to_string());
        let _ = (&python_error, error.source());
        todo!(
            "if `error` has a source, make it a ValueError with the source's message and set it \
             as the cause of `python_error` (PyErr::set_cause, which needs a `py`: \
             Python::attach gives one); then return `python_error`"
        )
    }
}

/// `error_chains.load_config(text)` in Python: a dict of the settings, or a `ConfigError`.
#[pyfunction(name = "load_config")]
fn py_load_config(text: &str) -> PyResult<HashMap<String, u64>> {
    Ok(load_config(text)?)
}

/// The Python module `error_chains`: the function, the exception class, and, when Python
/// imports it, the logger that sends Rust's log records to Python's `logging`.
#[pymodule]
pub mod error_chains {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{ConfigError, py_load_config};

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        // TODO: install pyo3-log's logger, so that Rust's log records reach Python's `logging`:
        // a `pyo3_log::Logger` that caches Python's loggers but not their levels (so that a
        // level the application changes later takes effect), installed once; if a logger is
        // installed already (the module was set up before in this process), keep that one.
        let _ = module;
        Ok(())
    }
}
