//! Exercise 3.4: Rust errors become Python exceptions.
//!
//! `parse_duration("1h30m")` returns seconds. The parser is plain Rust and written: it returns a
//! `Result` with a `DurationError`, and knows nothing of Python. What Python sees is decided here
//! in three places: a new exception class (`create_exception!`), the `From<DurationError> for
//! PyErr` impl that picks the exception for each error, and the `?` in the `#[pyfunction]`
//! wrapper that calls it.

use std::fmt;

use pyo3::create_exception;
use pyo3::exceptions::{PyOverflowError, PyValueError};
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
    let text = text.trim();
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    let mut digits = String::new();
    for c in text.chars() {
        if let Some(digit) = c.to_digit(10) {
            digits.push(c);
            let so_far = number.unwrap_or(0);
            number = Some(
                so_far
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(digit)))
                    .ok_or(DurationError::Overflow)?,
            );
        } else {
            let count = number.ok_or(DurationError::MissingNumber(c))?;
            let seconds = unit_seconds(c).ok_or(DurationError::UnknownUnit(c))?;
            total = count
                .checked_mul(seconds)
                .and_then(|s| total.checked_add(s))
                .ok_or(DurationError::Overflow)?;
            number = None;
            digits.clear();
        }
    }
    if number.is_some() {
        return Err(DurationError::MissingUnit(digits));
    }
    Ok(total)
}

/// Which Python exception each error becomes. `?` calls this in a function returning `PyResult`.
impl From<DurationError> for PyErr {
    fn from(error: DurationError) -> PyErr {
        let message = error.to_string();
        match error {
            DurationError::UnknownUnit(_) => UnknownUnitError::new_err(message),
            DurationError::Overflow => PyOverflowError::new_err(message),
            DurationError::Empty
            | DurationError::MissingNumber(_)
            | DurationError::MissingUnit(_) => PyValueError::new_err(message),
        }
    }
}

/// `durations.parse_duration(text)` in Python: seconds, or an exception.
#[pyfunction(name = "parse_duration")]
fn py_parse_duration(text: &str) -> PyResult<u64> {
    Ok(parse_duration(text)?)
}

/// The Python module `durations`: the function and the exception class.
#[pymodule]
pub mod durations {
    #[pymodule_export]
    use super::{UnknownUnitError, py_parse_duration};
}
