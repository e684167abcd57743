//! Exercise 3.3: a value type that behaves like Python's own.
//!
//! `Money` is an amount in whole cents of one currency. Python code will compare amounts with
//! `==` and `<`, keep them in sets and as dict keys, add them with `+`, scale them with `*`, and
//! read them back from `repr`, the way it uses `int`, `str` or `fractions.Fraction`. Each of
//! those is a protocol: a dunder method (or a `#[pyclass]` option that writes one) with rules
//! Python relies on. The arithmetic itself is plain Rust (`plus`, `times`), which the Rust tests
//! in `tests/` call directly; the dunder methods are thin wrappers around it.
//!
//! Python can import nothing yet. Each `TODO` says what to add: the `#[pyclass]` options and
//! the derives they need, the operator methods, the export; the `todo!()`s are the bodies.

use std::fmt;

use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;

/// An amount of money: a whole number of cents in one currency, like `Money(1250, 'EUR')` for
/// 12.50 euros. Immutable, like Python's numbers and strings.
///
// TODO: as it stands, Python compares two amounts by identity (two equal `Money(100, 'EUR')`
// are `!=`), hashes them by identity, and cannot sort them. Make equal amounts `==` with equal
// hashes, make `<` compare them, and make the class frozen (hash needs it): options of the
// `#[pyclass]` below, each with the Rust trait it is built on derived.
#[pyclass(module = "py_values")]
#[derive(Debug)]
pub struct Money {
    // First in the order `<` compares: amounts sort by currency, then by cents.
    currency: String,
    cents: i64,
}

/// What can go wrong with money. Python sees `ValueError`, or `OverflowError` for `Overflow`.
#[derive(Debug, PartialEq, Eq)]
pub enum MoneyError {
    /// A currency code that is not three capital letters, like "EUR" or "USD".
    BadCurrency(String),
    /// Two amounts in different currencies: there is no sum without an exchange rate.
    MixedCurrencies(String, String),
    /// The result does not fit in an `i64` of cents.
    Overflow,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::BadCurrency(code) => {
                write!(
                    f,
                    "a currency is three capital letters, like 'EUR', not {code:?}"
                )
            }
            MoneyError::MixedCurrencies(left, right) => {
                write!(
                    f,
                    "cannot add {left} and {right}: they are different currencies"
                )
            }
            MoneyError::Overflow => write!(f, "the amount does not fit in 64 bits of cents"),
        }
    }
}

impl std::error::Error for MoneyError {}

impl From<MoneyError> for PyErr {
    fn from(error: MoneyError) -> PyErr {
        match error {
            MoneyError::Overflow => PyOverflowError::new_err(error.to_string()),
            _ => PyValueError::new_err(error.to_string()),
        }
    }
}

/// The arithmetic, in plain Rust: checked, so an overflow is an error rather than a wrong sum.
impl Money {
    /// The sum of two amounts of the same currency.
    pub fn plus(&self, other: &Money) -> Result<Money, MoneyError> {
        let _ = other;
        todo!(
            "return the sum in the same currency; MoneyError::MixedCurrencies(self's code, \
             other's code) for two currencies, MoneyError::Overflow if it does not fit in an i64"
        )
    }

    /// This amount `factor` times.
    pub fn times(&self, factor: i64) -> Result<Money, MoneyError> {
        let _ = factor;
        todo!("return this amount `factor` times, or MoneyError::Overflow if it does not fit")
    }
}

#[pymethods]
impl Money {
    /// `Money(1250, "EUR")` in Python. `ValueError` unless the currency is three capital letters.
    #[new]
    pub fn new(cents: i64, currency: &str) -> Result<Money, MoneyError> {
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(MoneyError::BadCurrency(currency.to_string()));
        }
        Ok(Money {
            currency: currency.to_string(),
            cents,
        })
    }

    /// The amount in cents: `money.cents` in Python, read-only.
    #[getter]
    pub fn cents(&self) -> i64 {
        self.cents
    }

    /// The currency code, like "EUR": `money.currency` in Python, read-only.
    #[getter]
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// `repr(money)`: the Python expression that makes this amount again, `Money(1250, 'EUR')`.
    /// A currency is three capital letters, so quoting it needs no escapes.
    pub fn __repr__(&self) -> String {
        todo!(
            "return the Python expression that makes this amount again, in the form \
             Money(1250, 'EUR'), so that eval(repr(money)) == money"
        )
    }

    // TODO: the operators, as methods Python calls for `money + other` (two amounts of one
    // currency), `money * 3` and `3 * money` (an amount times an int), each using `plus` or
    // `times` above. For an operand of any other type Python expects `NotImplemented` back,
    // not an exception: that lets the other operand answer, and Python raises the TypeError.
}

/// The Python module `py_values`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod py_values {
    // TODO: export the class Money, so that `from py_values import Money` works.
}
