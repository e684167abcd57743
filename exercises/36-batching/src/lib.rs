//! Exercise 5.2: one call for many items.
//!
//! `luhn_valid(number)` checks one card number: a call across the bridge for a few nanoseconds of
//! work, so a Python loop over a million numbers pays for a million crossings (the loop, the call,
//! the argument and the result) and Rust's speed hardly shows. A batch function takes the whole
//! list: one crossing, and the loop runs in Rust.
//!
//! The module counts its crossings: each exported function adds one to the count when Python
//! calls it, and `calls()` (which does not count itself) tells Python how many there were.

use std::sync::atomic::{AtomicU64, Ordering};

use pyo3::prelude::*;

/// How many times Python called into this module (not counting `calls()`).
static CROSSINGS: AtomicU64 = AtomicU64::new(0);

/// Counts one crossing of the bridge: the first line of every exported function.
fn crossing() {
    CROSSINGS.fetch_add(1, Ordering::Relaxed);
}

/// `batching.calls()` in Python: how many times Python has called this module's functions.
#[pyfunction]
fn calls() -> u64 {
    CROSSINGS.load(Ordering::Relaxed)
}

/// Whether `number` passes the Luhn check, the checksum of card numbers: from the right, double
/// every second digit (subtracting 9 from a result above 9), add all the digits, and the total
/// must be a multiple of 10.
pub fn luhn_valid(number: u64) -> bool {
    let mut rest = number;
    let mut total = 0;
    let mut double = false;
    while rest > 0 {
        let mut digit = rest % 10;
        if double {
            digit *= 2;
            if digit > 9 {
                digit -= 9;
            }
        }
        total += digit;
        double = !double;
        rest /= 10;
    }
    total % 10 == 0
}

/// `batching.luhn_valid(number)` in Python: the per-item API, one crossing per number.
#[pyfunction(name = "luhn_valid")]
fn py_luhn_valid(number: u64) -> bool {
    crossing();
    luhn_valid(number)
}

/// The Luhn check of every number, in order.
pub fn luhn_valid_all(numbers: &[u64]) -> Vec<bool> {
    let _ = numbers;
    todo!("return the Luhn check (`luhn_valid`) of every number, in the order of `numbers`")
}

// TODO: the batch API. Write a #[pyfunction] named `luhn_valid_all` in Python that takes the
// whole list of numbers (`list[int]`) and returns a `list[bool]`, in one call: count its one
// crossing first, as `py_luhn_valid` does, then hand the numbers to `luhn_valid_all` above.
// Export it in the #[pymodule] below.

/// The Python module `batching`.
#[pymodule]
mod batching {
    #[pymodule_export]
    use super::{calls, py_luhn_valid};
}
