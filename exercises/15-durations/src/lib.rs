//! Exercise 3.3: Rust errors become Python exceptions.
//!
//! `parse_duration("1h30m")` returns seconds. The Rust function returns a `Result` with a
//! `DurationError`; the `From<DurationError> for PyErr` impl decides which Python exception each
//! error becomes, and the `?` in the `#[pyfunction]` wrapper uses it.

use std::fmt;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

// A new Python exception class, `durations.UnknownUnitError`, subclass of `ValueError`: callers
// can catch it alone, and code that catches `ValueError` still catches it.
create_exception!(
    durations,
    UnknownUnitError,
    PyValueError,
    "A duration used a unit other than s, m, h or d."
);

/// Why a duration could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// The text was empty (or only whitespace).
    Empty,
    /// A unit letter with no number before it, as in `"h"` or `"1hm"`.
    MissingNumber(char),
    /// A number with no unit after it, as in `"90"`.
    MissingUnit(String),
    /// A unit that is not `s`, `m`, `h` or `d`, as in `"5x"`.
    UnknownUnit(char),
    /// More seconds than a `u64` holds.
    Overflow,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::Empty => write!(f, "empty duration"),
            DurationError::MissingNumber(unit) => {
                write!(f, "unit '{unit}' has no number before it")
            }
            DurationError::MissingUnit(number) => {
                write!(f, "number {number} has no unit after it (use s, m, h or d)")
            }
            DurationError::UnknownUnit(unit) => {
                write!(f, "unknown unit '{unit}' (use s, m, h or d)")
            }
            DurationError::Overflow => write!(f, "duration too long"),
        }
    }
}

impl std::error::Error for DurationError {}

/// Seconds in one of each unit.
fn unit_seconds(unit: char) -> Option<u64> {
    match unit {
        's' => Some(1),
        'm' => Some(60),
        'h' => Some(60 * 60),
        'd' => Some(24 * 60 * 60),
        _ => None,
    }
}

/// Parses a duration such as `"90s"`, `"2m"` or `"1h30m"` into seconds.
///
/// The text (trimmed of surrounding whitespace) is one or more `<number><unit>` pairs, with the
/// units `s`, `m`, `h` and `d`.
pub fn parse_duration(text: &str) -> Result<u64, DurationError> {
    let _ = (text, unit_seconds('s'));
    todo!(
        "add up the <number><unit> pairs of the trimmed text as seconds; a bad duration is one of \
         the DurationError variants (Empty, MissingNumber, MissingUnit, UnknownUnit, or Overflow: \
         never let the number wrap around)"
    )
}

/// Which Python exception each error becomes. `?` calls this in a function returning `PyResult`.
impl From<DurationError> for PyErr {
    fn from(error: DurationError) -> PyErr {
        let _ = error;
        todo!(
            "choose the Python exception for `error`: UnknownUnitError for an unknown unit, \
             OverflowError for an overflow, ValueError for every other error, each with the \
             error's own message"
        )
    }
}

/// `durations.parse_duration(text)` in Python: seconds, or an exception.
#[pyfunction(name = "parse_duration")]
fn py_parse_duration(text: &str) -> PyResult<u64> {
    Ok(parse_duration(text)?)
}

/// The Python module `durations`: the function and the exception class.
#[pymodule]
mod durations {
    #[pymodule_export]
    use super::{UnknownUnitError, py_parse_duration};
}
