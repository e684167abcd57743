//! Exercise 3.1: Rust functions that Python can call.
//!
//! Each function below is plain Rust (the tests in `tests/` call it directly) and also a
//! `#[pyfunction]`: PyO3 generates the glue that turns Python arguments into Rust values and the
//! Rust result back into a Python object. The `#[pymodule]` at the bottom lists what
//! `import word_tools` exposes.

use std::collections::HashMap;

use pyo3::prelude::*;

/// Counts how often each word occurs in `text`.
///
/// Words are separated by whitespace and compared in lower case, so "The the" counts "the" twice.
/// Python sees a `dict[str, int]`.
#[pyfunction]
pub fn word_counts(text: &str) -> HashMap<String, usize> {
    let _ = text;
    todo!(
        "count how often each whitespace-separated word occurs in `text`, comparing words in lower \
         case (\"The the\" counts \"the\" twice)"
    )
}

/// Returns the first word of `words` that has more than `min_len` characters, or `None`.
///
/// Python passes a `list[str]` (PyO3 copies it into a `Vec<String>`) and gets a `str` or `None`.
/// Count characters, not bytes: "héllo" has 5.
#[pyfunction]
pub fn first_longer_than(words: Vec<String>, min_len: usize) -> Option<String> {
    let _ = (words, min_len);
    todo!(
        "return the first word with more than `min_len` characters (characters, not bytes: \
         \"héllo\" has 5), or None when there is none"
    )
}

/// Returns the `n` most frequent words of `text` with their counts, most frequent first; words
/// with the same count come in alphabetical order.
///
/// Python sees a `list[tuple[str, int]]`. From Python, `n` must be optional and default to 3.
// TODO: this function is not visible from Python yet: make it a Python function whose `n` is
// 3 when the caller leaves it out, and export it in the module below.
pub fn top_words(text: &str, n: usize) -> Vec<(String, usize)> {
    let _ = (text, n);
    todo!(
        "return the `n` most frequent words of `text` with their counts, most frequent first and \
         ties in alphabetical order; then make `top_words` a #[pyfunction] whose `n` defaults to \
         3, and export it from the module below"
    )
}

/// The Python module. Its name, `word_tools`, must equal `[lib] name` in Cargo.toml and
/// `module-name` in pyproject.toml: Python looks for a symbol called `PyInit_word_tools`.
#[pymodule]
mod word_tools {
    #[pymodule_export]
    use super::{first_longer_than, word_counts};
}
