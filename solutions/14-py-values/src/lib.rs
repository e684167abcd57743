//! Exercise 3.3: a value type that behaves like Python's own.
//!
//! `Money` is an amount in whole cents of one currency. Python code will compare amounts with
//! `==` and `<`, keep them in sets and as dict keys, add them with `+`, scale them with `*`, and
//! read them back from `repr`, the way it uses `int`, `str` or `fractions.Fraction`. Each of
//! those is a protocol: a dunder method (or a `#[pyclass]` option that writes one) with rules
//! Python relies on. The arithmetic itself is plain Rust (`plus`, `times`), which the Rust tests
//! in `tests/` call directly; the dunder methods are thin wrappers around it.

use std::fmt;

use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;

/// An amount of money: a whole number of cents in one currency, like `Money(1250, 'EUR')` for
/// 12.50 euros. Immutable, like Python's numbers and strings.
///
/// `frozen`: no method can change an amount once made, so its hash never changes either.
/// `eq`, `ord`, `hash`: `==`, `<` and friends, and `hash()` come from the derives below, which
/// compare (and hash) field by field, in the order the fields are declared.
#[pyclass(module = "py_values", frozen, eq, ord, hash)]
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
        if self.currency != other.currency {
            return Err(MoneyError::MixedCurrencies(
                self.currency.clone(),
                other.currency.clone(),
            ));
        }
        let cents = self
            .cents
            .checked_add(other.cents)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money {
            currency: self.currency.clone(),
            cents,
        })
    }

    /// This amount `factor` times.
    pub fn times(&self, factor: i64) -> Result<Money, MoneyError> {
        let cents = self.cents.checked_mul(factor).ok_or(MoneyError::Overflow)?;
        Ok(Money {
            currency: self.currency.clone(),
            cents,
        })
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
        format!("Money({}, '{}')", self.cents, self.currency)
    }

    /// `money + other`. Any `other` that is not a `Money` makes PyO3 return `NotImplemented`,
    /// which lets Python try `other.__radd__` and raise `TypeError` if that fails too.
    fn __add__(&self, other: &Self) -> Result<Money, MoneyError> {
        self.plus(other)
    }

    /// `money * 3`. Not an `int` (a float, another `Money`): `NotImplemented`, as for `+`.
    fn __mul__(&self, factor: i64) -> Result<Money, MoneyError> {
        self.times(factor)
    }

    /// `3 * money`: Python calls this after `int.__mul__` returned `NotImplemented`.
    fn __rmul__(&self, factor: i64) -> Result<Money, MoneyError> {
        self.times(factor)
    }
}

/// The Python module `py_values`: the same name as `[lib] name` and maturin's `module-name`.
#[pymodule]
mod py_values {
    #[pymodule_export]
    use super::Money;
}
